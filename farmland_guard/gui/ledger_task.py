"""The 台账 dock's work, run in a ``StoreTask``: the picked layers are read through feature sources
made in the UI thread (a layer itself belongs to that thread), parsed by ``core.ledger_rows``
(which names the row and field of any wrong value and computes nothing from a half-read
table), then the balance and the ratio of the core. What comes back is plain data."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from qgis.core import QgsFeatureRequest, QgsVectorLayerFeatureSource

from ..core import balance, profiles, ratio
from ..core.errors import Cancelled, never
from ..core.flows import Flow
from ..core.ledger import Entry, Illegal
from .store_task import StoreTask


@dataclass
class Table:
    """One picked layer as the task reads it."""

    name: str
    fields: list[str]
    source: QgsVectorLayerFeatureSource
    mapping: dict[str, str] | None = None  # national -> field, where they are named otherwise

    @classmethod
    def of(cls, layer, mapping: dict[str, str] | None = None) -> Table | None:
        if layer is None:
            return None
        return cls(layer.name(), layer.fields().names(), QgsVectorLayerFeatureSource(layer),
                   mapping or None)

    def rows(self, cancelled=never) -> list[dict]:
        """Every feature's attributes by field name, as plain Python values."""
        rows = []
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        for feature in self.source.getFeatures(request):
            if cancelled():
                raise Cancelled()
            rows.append({n: plain(v) for n, v in zip(self.fields, feature.attributes())})
        return rows

    def has(self, name: str) -> bool:
        wanted = (self.mapping or {}).get(name) or name
        return wanted.upper() in (f.upper() for f in self.fields)


def plain(value):
    """A QGIS attribute as Python: NULL → None, QDate/QDateTime → date/datetime."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    for convert in ("toPyDateTime", "toPyDate"):
        if hasattr(value, convert):
            return getattr(value, convert)()
    return value


@dataclass
class Inputs:
    reserve: Table | None = None
    occupations: Table | None = None
    illegal: Table | None = None
    store: Path | None = None  # the illegal results of this work store instead of a table
    flows: Table | None = None
    denominators: Table | None = None
    profile: str | None = None

    def given(self) -> bool:
        return any((self.reserve, self.occupations, self.illegal, self.store, self.flows))


@dataclass
class Result:
    ledgers: balance.Ledgers  # without the county table when ``ungraded``
    ratio: list[dict]
    rules: ratio.Rules
    reserve: list[Entry] = field(default_factory=list)
    illegal: list[Illegal] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    ungraded: Exception | None = None  # why the county table is not computed


STEPS = 7


def compute(inputs: Inputs, progress=lambda p: None, cancelled=never) -> Result:
    from ..core import ledger_rows  # parsers, only once there is something to parse

    coefficients = profiles.grade_coefficients(inputs.profile)
    rules = profiles.ledger_rules(inputs.profile)
    done = 0

    def step():
        nonlocal done
        if cancelled():
            raise Cancelled()
        done += 1
        progress(100 * done / STEPS)

    def read(table: Table | None, kind: str, **options):
        if table is None:
            return []
        return getattr(ledger_rows, kind)(table.rows(cancelled), table.name,
                                          mapping=table.mapping, **options)

    reserve = read(inputs.reserve, "reserve", coefficients=coefficients)
    step()
    occupations = read(inputs.occupations, "occupations", coefficients=coefficients)
    step()
    net = profiles.net_cultivated(inputs.profile)
    mapping = None
    if inputs.store is not None:
        from ..store.ledgers import illegal_rows

        rows, source = illegal_rows(inputs.store, profile=inputs.profile), inputs.store.name
    elif inputs.illegal is not None:
        rows, source = inputs.illegal.rows(cancelled), inputs.illegal.name
        mapping = inputs.illegal.mapping
    else:
        rows, source = [], None
    illegal, ungraded = [], None
    if source is not None:
        try:
            illegal = ledger_rows.illegal(rows, source, mapping=mapping,
                                          coefficients=coefficients, net=net)
        except ledger_rows.LedgerInputError as error:
            if not grades_only(error):
                raise
            ungraded = error  # no balance, but the ratio needs no grade
            illegal = ledger_rows.illegal(rows, source, mapping=mapping,
                                          coefficients=coefficients, net=net,
                                          with_capacity=False)
    step()
    flows = read(inputs.flows, "flows", coefficients=coefficients)
    step()
    denominators, manual = {}, {}
    if inputs.denominators is not None:
        rows = inputs.denominators.rows(cancelled)
        table = inputs.denominators
        denominators = ledger_rows.denominators(rows, table.name, mapping=table.mapping)
        if table.has("RGYT"):  # the manual 约谈/问责 column is optional
            manual = ledger_rows.manual(rows, table.name, mapping=table.mapping)
    step()
    cutover = int(rules.get("cutover_year", balance.CUTOVER_YEAR))
    rate = Decimal(str(rules.get("quota_rate", balance.QUOTA_RATE)))
    if ungraded is None:
        ledgers = balance.compute(reserve, occupations, illegal, flows, cutover=cutover,
                                  rate=rate)
    else:  # what needs no 产能 of the illegal occupations: 进出平衡, 增违挂钩
        ledgers = replace(balance.compute([], [], [], flows, cutover=cutover, rate=rate),
                          counties=[], quota=balance.quota_table(illegal, rate))
    step()
    ratio_rules = ratio.Rules.of(inputs.profile)
    ratio_rows = ratio.table(illegal, denominators, rules=ratio_rules, manual=manual)
    step()
    return Result(ledgers, ratio_rows, ratio_rules, reserve, illegal, flows, ungraded)


def grades_only(error) -> bool:
    """Whether every problem of the illegal occupations is a quality grade (ZLDB) missing or
    unknown: 产能 needs it, the ratio does not (a ratio table as DESIGN.md §6.3 has none)."""
    problems = getattr(error, "problems", None) or []
    return bool(problems) and all(getattr(p, "field", None) == "ZLDB" for p in problems)


def task(description: str, inputs: Inputs) -> StoreTask:
    return StoreTask(description, compute, inputs=inputs)
