"""``farmland_guard:ranking``: the 红黑榜 of a period (issue 17, DESIGN.md §4.5) — towns or 田长
of a level ranked on new illegal 耕地, verification rate, 整改完成率 and early 巡田 reports, from
a work store, with every figure behind each rank; a table and an optional xlsx."""

from __future__ import annotations

import datetime as dt

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
)

from ..core.errors import FarmlandGuardError
from .ledger_base import LedgerAlgorithm


def python_date(value) -> dt.date | None:
    """A QDate / QDateTime / date / ISO text parameter value as a date."""
    from ..core import dates

    if value is None:
        return None
    if hasattr(value, "toPyDate"):
        return value.toPyDate() if value.isValid() else None
    if hasattr(value, "toPyDateTime"):
        return value.toPyDateTime().date() if value.isValid() else None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dates.parse_or_none(str(value).strip()[:10])


class RankingAlgorithm(LedgerAlgorithm):
    STORE, START, END, UNIT, OUTPUT = "STORE", "START", "END", "UNIT", "OUTPUT"
    RED, BLACK = "RED", "BLACK"

    def name(self):
        return "ranking"

    def displayName(self):  # noqa: N802
        return self.tr("Red and black lists (红黑榜)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Ranks the towns (XZDM) or the 田长 of a level (of each patch's grid) for a period "
            "(START to END, both included) on four figures: new illegal farmland (the WFGDMJ "
            "of the patches judged 违法 whose HSX falls in the period, mu; less is better), "
            "verification rate (patches with a verdict ÷ patches), rectification rate (problems "
            "of the period closed 已销号 ÷ all, by their PDRQ) and early-report share (违法 "
            "patches a field report saw before the satellite, SFXY 是, ÷ 违法 patches). Each "
            "figure is scored 0–100 min–max across the units (illegal farmland inverted; all "
            "equal: 100); the total is the weighted mean with the weights of the profile's "
            "[ranking] section (a unit without a figure is judged on the figures it has, or "
            "scores 0 for it, as the profile says). Equal totals are ordered by the profile's "
            "tie rule (nationally less new illegal farmland, then the higher rectification rate, "
            "then the unit code). The red list (红榜) is the first red_size units, the black "
            "list (黑榜) the last black_size of the others. Every row gives the figures, the "
            "scores and the patches and problems behind them; patches and problems without a "
            "unit or a date are listed in the log and the workbook.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            self.STORE, self.tr("Work store"), fileFilter="GeoPackage (*.gpkg)"))
        self.addParameter(QgsProcessingParameterDateTime(
            self.START, self.tr("Period start"), QgsProcessingParameterDateTime.Date))
        self.addParameter(QgsProcessingParameterDateTime(
            self.END, self.tr("Period end"), QgsProcessingParameterDateTime.Date))
        self.addParameter(QgsProcessingParameterEnum(
            self.UNIT, self.tr("Rank by"),
            [self.tr("Town (XZDM)"), self.tr("City 田长 (SJTZ)"), self.tr("County 田长 (XJTZ)"),
             self.tr("Township 田长 (XZTZ)"), self.tr("Village 田长 (CJTZ)"),
             self.tr("Grid worker (WGY)")], defaultValue=0))
        self.add_profile()
        self.add_table_output(self.OUTPUT, self.tr("Red and black lists"))
        self.add_xlsx()
        self.addOutput(QgsProcessingOutputString(self.RED, self.tr("Red list (units)")))
        self.addOutput(QgsProcessingOutputString(self.BLACK, self.tr("Black list (units)")))

    def _date(self, parameters, key: str, context) -> dt.date:
        value = python_date(parameters.get(key))
        if value is None:
            value = python_date(self.parameterAsDateTime(parameters, key, context))
        if value is None:
            raise QgsProcessingException(self.tr("{parameter}: not a date").format(
                parameter=key))
        return value

    def process(self, parameters, context, feedback):
        from pathlib import Path

        from ..core import ranking
        from ..store import ranking as store_ranking
        from ..store.workstore import schema_version

        profile = self.profile(parameters, context)
        path = Path(self.parameterAsFile(parameters, self.STORE, context))
        if not path.is_file() or schema_version(path) is None:
            raise QgsProcessingException(self.tr("{path} is not a work store").format(
                path=path))
        start, end = self._date(parameters, self.START, context), self._date(
            parameters, self.END, context)
        key = list(ranking.UNIT_KEYS)[self.parameterAsEnum(parameters, self.UNIT, context)]
        try:
            rules = ranking.Rules.of(profile)
            patches, problems, units, missing = store_ranking.read(path, key)
            rows, left = ranking.ranking(patches, problems, start, end, key, rules, units)
        except FarmlandGuardError as error:
            raise QgsProcessingException(str(error)) from error
        for table in missing:
            feedback.pushWarning(self.tr("{store}: no {table} layer; read as empty").format(
                store=path.name, table=table))
        for reason, label in (("unassigned", self.tr("patches without a unit")),
                              ("undated", self.tr("patches without HSX")),
                              ("unassigned_problems", self.tr("problems without a unit")),
                              ("undated_problems", self.tr("problems without PDRQ"))):
            if left[reason]:
                feedback.pushWarning(self.tr("Left out, {what}: {ids}").format(
                    what=label, ids=", ".join(left[reason])))
        feedback.pushInfo(self.tr("{count} units ranked from {start} to {end}").format(
            count=len(rows), start=start.isoformat(), end=end.isoformat()))
        red = [r["DW"] for r in rows if r["BD"] == ranking.RED]
        black = [r["DW"] for r in rows if r["BD"] == ranking.BLACK]
        results = {self.OUTPUT: self.write_table(parameters, self.OUTPUT, context,
                                                 ranking.columns(),
                                                 [ranking.flat(r) for r in rows]),
                   self.RED: ",".join(red), self.BLACK: ",".join(black)}
        workbook_path = self.write_workbook(parameters, context, feedback, ranking.sheets(
            rows, left, rules, start, end, key))
        if workbook_path:
            results[self.XLSX] = workbook_path
        return results
