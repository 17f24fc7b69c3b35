"""``farmland_guard:balance``: 耕地占补平衡 with 两平衡一冻结 and 进出平衡 (issue 16, DESIGN.md
§4.2–§4.4) from the reserve, the occupations, the judged patches (a table, or a work store's
results) and the flows: the county/city/province table and the lists behind it."""

from __future__ import annotations

from decimal import Decimal

from qgis.core import QgsProcessingException

from ..core.errors import FarmlandGuardError
from .ledger_base import LedgerAlgorithm


class BalanceAlgorithm(LedgerAlgorithm):
    RESERVE, OCCUPATIONS, ILLEGAL, FLOWS, REGIONS = (
        "RESERVE", "OCCUPATIONS", "ILLEGAL", "FLOWS", "REGIONS")
    OUTPUT, ALLOCATIONS, FREEZES, SHORTFALLS = "OUTPUT", "ALLOCATIONS", "FREEZES", "SHORTFALLS"

    def name(self):
        return "balance"

    def displayName(self):  # noqa: N802
        return self.tr("Farmland balance ledgers (占补平衡, 两平衡一冻结, 进出平衡)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Computes the three ledgers of 耕地占补平衡 — 数量 and 水田 in mu, 产能 as area × "
            "the grade's coefficient of the profile — per county. Occupations (XMBH, XZQDM, "
            "PZRQ, ZYGDMJ, ZYSTMJ, ZLDB, optional CN) consume, in order of approval date, the "
            "reserve entries (XMBH, XZQDM, RKRQ, BCGDMJ, BCSTMJ, ZLDB, optional CN) of their "
            "county entered on or before that date, first in first out (先补后占); then each "
            "illegal occupation of 耕地 for construction freezes its three amounts from what "
            "is left (两平衡一冻结): 拆除复耕 or 销号 releases it, 补办手续 or 没收 turns it into "
            "consumption on the date it was done (ZGRQ). The judged patches are a table "
            "(JCBH, XZQDM, WFGDMJ, WFSTMJ, ZLDB, ND, ZGCS, ZGZT, ZGRQ, WFLX, PDLX…) or a work "
            "store (.gpkg, or one of its layers): its results judged 违法 are read with their "
            "precheck figures. Flows (XZQDM, ND, LX 流出/流入, YDLBM, XDLBM, MJ, STMJ, ZLDB, "
            "SFJBNT) give 进出平衡 per county and year, counted in the 占补 ledgers from the "
            "profile's cut-over year. A region table (XZQDM, SJDM) places counties under "
            "their city where the code's prefix does not. Fields are matched by name in any "
            "case. A wrong input (a negative area, a date that is not one, a grade outside "
            "the table, a county code that is not 6 digits, an id twice, 水田 larger than the "
            "area) stops the run with a message naming the file, the row and the field."
            "{fields} "
            "Outputs: the county table (KC_ in reserve, XH_ consumed, DJ_ frozen, KY_ "
            "available, QK_ short, for GD, ST and CN; XBHZ_WG 先补后占 violations; PH "
            "balanced), with city and province rows; the allocations, the freezes and the "
            "shortfalls; optionally one xlsx workbook with every table.").format(
                fields=self.fields_help())

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_table(self.RESERVE, self.tr("Reserve entries (耕地储备库 / 补充耕地项目)"))
        self.add_table(self.OCCUPATIONS, self.tr("Occupations (建设占用)"))
        self.add_table(self.ILLEGAL, self.tr("Judged patches: a table or a work store"),
                       optional=True)
        self.add_table(self.FLOWS, self.tr("Flows (进出平衡)"), optional=True)
        self.add_table(self.REGIONS, self.tr("Region table (XZQDM, SJDM)"), optional=True)
        self.add_profile()
        self.add_table_output(self.OUTPUT, self.tr("Balance by county, city and province"))
        self.add_table_output(self.ALLOCATIONS, self.tr("Allocations"))
        self.add_table_output(self.FREEZES, self.tr("Freezes"))
        self.add_table_output(self.SHORTFALLS, self.tr("Shortfalls"))
        self.add_xlsx()

    def process(self, parameters, context, feedback):
        from ..core import balance, ledger_rows, ledger_tables, profiles, regions

        profile = self.profile(parameters, context)
        rules = profiles.ledger_rules(profile)
        coefficients = profiles.grade_coefficients(profile)
        reading = ledger_rows.Reading()  # every table read, their problems told together
        try:
            reserve = reading.read(ledger_rows.reserve,
                                   self.table(parameters, self.RESERVE, context),
                                   mapping=self.mapping(parameters, self.RESERVE, "reserve",
                                                        context),
                                   coefficients=coefficients)
            occupations = reading.read(ledger_rows.occupations,
                                       self.table(parameters, self.OCCUPATIONS, context),
                                       mapping=self.mapping(parameters, self.OCCUPATIONS,
                                                            "occupations", context),
                                       coefficients=coefficients)
            illegal = reading.read(ledger_rows.illegal, self.illegal_table(
                parameters, self.ILLEGAL, context, feedback, profile),
                mapping=self.mapping(parameters, self.ILLEGAL, "illegal", context),
                coefficients=coefficients, net=profiles.net_cultivated(profile)) or []
            flows = reading.read(ledger_rows.flows, self.table(parameters, self.FLOWS, context),
                                 mapping=self.mapping(parameters, self.FLOWS, "flows", context),
                                 coefficients=coefficients) or []
            region_table = reading.read(ledger_rows.regions,
                                        self.table(parameters, self.REGIONS, context),
                                        mapping=self.mapping(parameters, self.REGIONS,
                                                             "regions", context))
            reading.finish()
            ledgers = balance.compute(
                reserve, occupations, illegal, flows,
                cutover=int(rules.get("cutover_year", balance.CUTOVER_YEAR)),
                rate=Decimal(str(rules.get("quota_rate", balance.QUOTA_RATE))),
                region_table=region_table)
        except FarmlandGuardError as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(self.tr("{reserve} reserve entries, {occupations} occupations, "
                                  "{illegal} judged patches, {flows} flows read.").format(
            reserve=len(reserve), occupations=len(occupations), illegal=len(illegal),
            flows=len(flows)))
        unbalanced = [r["XZQDM"] for r in ledgers.counties if r["JB"] == regions.COUNTY and r["PH"] != "是"]
        if unbalanced:
            feedback.pushWarning(self.tr("Not balanced: {counties}").format(
                counties=", ".join(unbalanced)))
        for flow in ledgers.flow_violations:
            feedback.pushWarning(self.tr("{flow}: 永久基本农田 flows out ({county}, {year})")
                                 .format(flow=flow.key, county=flow.xzqdm, year=flow.year))
        results = {
            self.OUTPUT: self.write_table(parameters, self.OUTPUT, context,
                                          ledger_tables.COUNTIES, ledgers.counties),
            self.ALLOCATIONS: self.write_table(parameters, self.ALLOCATIONS, context,
                                               ledger_tables.ALLOCATIONS,
                                               ledger_tables.allocation_rows(ledgers)),
            self.FREEZES: self.write_table(parameters, self.FREEZES, context,
                                           ledger_tables.FREEZES,
                                           ledger_tables.freeze_rows(ledgers)),
            self.SHORTFALLS: self.write_table(parameters, self.SHORTFALLS, context,
                                              ledger_tables.SHORTFALLS,
                                              ledger_tables.shortfall_rows(ledgers))}
        path = self.write_workbook(parameters, context, feedback,
                                   ledger_tables.balance_sheets(ledgers))
        if path:
            results[self.XLSX] = path
        return results
