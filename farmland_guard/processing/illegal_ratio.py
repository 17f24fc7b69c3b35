"""``farmland_guard:illegalratio``: 违法占用耕地比例 per county and year, then city and province
(issue 16, DESIGN.md §4.1, §6.3), from the judged patches (a table, or a work store's results)
and a denominator table where there is one."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ..core.errors import FarmlandGuardError
from .ledger_base import LedgerAlgorithm


class IllegalRatioAlgorithm(LedgerAlgorithm):
    ILLEGAL, DENOMINATORS, REGIONS, OUTPUT = "ILLEGAL", "DENOMINATORS", "REGIONS", "OUTPUT"

    def name(self):
        return "illegalratio"

    def displayName(self):  # noqa: N802
        return self.tr("Illegal occupation ratio (违法占用耕地比例)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Per county and year: WFGDMJ, the 违法耕地 (mu, on the profile's basis, net of "
            "field banks by default, gross beside as WFGDMJ_MZ) of the results judged 违法 "
            "that count (SFNRWFJS 是) and are not key projects (SFZDGC 是); XZJSZYGDMJ, the "
            "新增建设用地占用耕地 from the denominator table (XZQDM, ND, XZJSZYGDMJ, optional "
            "RGYT: a 约谈 reason given by hand), or, where it has none, the 耕地 of every patch "
            "judged 合法 or 违法 as construction (FMLY says which: 表, 计算, 汇总, 缺); BL = "
            "WFGDMJ ÷ XZJSZYGDMJ; YJ 正常, 预警 or 问责 at the profile's levels (10 % and 15 % "
            "nationally), 无分母 for a zero or missing denominator, never divided by; YT 约谈 by "
            "the profile's rule (nationally over 15 % and more than 100 mu) or by hand, YTLY "
            "why. Then the same per city and province (the region table, XZQDM → SJDM, where "
            "the code's prefix does not place a county). The judged patches are a table "
            "(JCBH, XZQDM, WFGDMJ, ND or HSX, PDLX, SFNRWFJS, SFZDGC, GDMJ, WFGDMJ_MZ) or a "
            "work store (.gpkg, or one of its layers). A wrong input stops the run with a "
            "message naming the file, the row and the field.{fields}").format(
                fields=self.fields_help())

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_table(self.ILLEGAL, self.tr("Judged patches: a table or a work store"))
        self.add_table(self.DENOMINATORS, self.tr("Denominators (XZQDM, ND, XZJSZYGDMJ)"),
                       optional=True)
        self.add_table(self.REGIONS, self.tr("Region table (XZQDM, SJDM)"), optional=True)
        self.add_profile()
        self.add_table_output(self.OUTPUT, self.tr("Illegal occupation ratio"))
        self.add_xlsx()

    def process(self, parameters, context, feedback):
        from ..core import ledger_rows, ledger_tables, profiles, ratio, regions

        profile = self.profile(parameters, context)
        reading = ledger_rows.Reading()  # every table read, their problems told together
        try:
            # the ratio needs no 产能, so no grade
            illegal = reading.read(ledger_rows.illegal, self.illegal_table(
                parameters, self.ILLEGAL, context, feedback, profile),
                mapping=self.mapping(parameters, self.ILLEGAL, "illegal", context),
                net=profiles.net_cultivated(profile), with_capacity=False)
            table = self.table(parameters, self.DENOMINATORS, context)
            mapping = self.mapping(parameters, self.DENOMINATORS, "denominators", context)
            denominators = reading.read(ledger_rows.denominators, table, mapping=mapping)
            manual = (ledger_rows.manual(*table, mapping=mapping) if denominators is not None
                      else None)
            region_table = reading.read(ledger_rows.regions,
                                        self.table(parameters, self.REGIONS, context),
                                        mapping=self.mapping(parameters, self.REGIONS,
                                                             "regions", context))
            reading.finish()
            rows = ratio.table(illegal, denominators, rules=ratio.Rules.of(profile),
                               region_table=region_table, manual=manual)
        except FarmlandGuardError as error:
            raise QgsProcessingException(str(error)) from error
        for row in rows:
            if row["JB"] == regions.COUNTY and row["YJ"] == ratio.NO_DENOMINATOR:
                feedback.pushWarning(self.tr("{county} {year}: no denominator (zero or missing)")
                                     .format(county=row["XZQDM"], year=row["ND"]))
        results = {self.OUTPUT: self.write_table(parameters, self.OUTPUT, context,
                                                 ledger_tables.RATIO_COLUMNS, rows)}
        path = self.write_workbook(parameters, context, feedback,
                                   ledger_tables.ratio_sheets(rows))
        if path:
            results[self.XLSX] = path
        return results
