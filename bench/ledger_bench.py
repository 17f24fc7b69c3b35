"""Issue 16: the whole balance (先补后占, freezes, county/city/province table) and the ratio table
on 100,000 reserve entries, 100,000 occupations and 20,000 illegal results over 100 counties of
5 cities, against the floor a plain pandas groupby of the same totals sets (Σ reserve and Σ
occupations per county and ledger, Σ illegal per county, from DataFrames already in memory).
Target: the balance ≤ 1 s. Each side is timed 3 times, alternating, and its best run counts."""

from __future__ import annotations

import datetime as dt
import random
import time

from bench.timing import alternate

RESERVE, OCCUPATIONS, ILLEGAL = 100_000, 100_000, 20_000
CITIES = ("4501", "4502", "4503", "4504", "4505")
COUNTIES = tuple(f"{city}{k:02d}" for city in CITIES for k in range(2, 22))  # 100 counties
FIRST, LAST = dt.date(2019, 1, 1), dt.date(2025, 12, 31)
ROUNDS = 3
SEED = 16
CONSTRUCTION = ("未批先建(未报即用)", "边报边用", "批少占多(超占)", "农村乱占耕地建房")
DAMAGE = "破坏/占用永久基本农田"
# (ZGCS, ZGZT, dated) with weights: frozen, released, turned into consumption (incl. an older
# ledger's ZGZT holding the measure), 销号.
RECTIFICATION = ((None, "未整改", False), ("拆除复耕", "整改中", False),
                 ("拆除复耕", "已整改", True), ("补办手续", "已整改", True),
                 ("没收", "已整改", True), (None, "补办手续", True), ("罚款", "已整改", True),
                 ("拆除复耕", "已销号", True))
RECTIFICATION_WEIGHTS = (30, 15, 15, 15, 5, 5, 5, 10)


def _day(rng: random.Random, first: dt.date = FIRST, last: dt.date = LAST) -> str:
    return (first + dt.timedelta(days=rng.randrange((last - first).days + 1))).isoformat()


def _area(rng: random.Random, mean: float) -> float:
    return round(rng.expovariate(1 / mean), 4) or 0.0001


def _paddy(rng: random.Random, area: float) -> float:
    return round(area * rng.uniform(0.2, 1.0), 4) if rng.random() < 0.4 else 0.0


def rows(seed: int = SEED) -> dict[str, list[dict]]:
    """The input tables as a table would give them: dicts keyed by the national field names,
    dates as ISO text, areas as floats (亩) — the same for the same seed."""
    rng = random.Random(seed)
    reserve = []
    for n in range(RESERVE):
        area = _area(rng, 20)
        reserve.append({"XMBH": f"BC{n:06d}", "XZQDM": rng.choice(COUNTIES), "RKRQ": _day(rng),
                        "BCGDMJ": area, "BCSTMJ": _paddy(rng, area),
                        "ZLDB": rng.randint(1, 15)})
    occupations = []
    for n in range(OCCUPATIONS):
        area = _area(rng, 19)
        early = rng.random() < 0.01  # approved before any entry: 先补后占 cannot be met
        date = _day(rng, dt.date(2018, 1, 1), dt.date(2018, 12, 31)) if early else _day(rng)
        occupations.append({"XMBH": f"ZY{n:06d}", "XZQDM": rng.choice(COUNTIES), "PZRQ": date,
                            "ZYGDMJ": area, "ZYSTMJ": _paddy(rng, area),
                            "ZLDB": rng.randint(1, 15)})
    illegal = []
    for n in range(ILLEGAL):
        county, year = rng.choice(COUNTIES), rng.randint(2019, 2025)
        farmland = _area(rng, 4)
        measure, state, dated = rng.choices(RECTIFICATION, RECTIFICATION_WEIGHTS)[0]
        illegal.append({
            "JCBH": f"{county}{year}{n:05d}", "XZQDM": county, "ND": year, "PDLX": "违法",
            "WFLX": DAMAGE if rng.random() < 0.1 else rng.choice(CONSTRUCTION),
            "WFMJ": round(farmland * rng.uniform(1.0, 1.5), 4), "WFGDMJ": farmland,
            "WFSTMJ": _paddy(rng, farmland), "WFGDMJ_MZ": round(farmland * 1.08, 4),
            "GDMJ": farmland, "ZLDB": rng.randint(1, 15), "ZGCS": measure, "ZGZT": state,
            "ZGRQ": _day(rng, dt.date(year, 1, 1)) if dated else None,
            "SFNRWFJS": "否" if rng.random() < 0.05 else "是",
            "SFZDGC": "是" if rng.random() < 0.03 else "否"})
    denominators = [{"XZQDM": c, "ND": y, "XZJSZYGDMJ": round(rng.uniform(200, 3000), 4)}
                    for c in COUNTIES for y in range(2019, 2026) if rng.random() < 0.9]
    return {"reserve": reserve, "occupations": occupations, "illegal": illegal,
            "denominators": denominators}


def parse(tables: dict) -> tuple[list, list, list, dict]:
    """The tables through core.ledger_rows, as the balance algorithm reads them."""
    from farmland_guard.core import ledger_rows as lr

    return (lr.reserve(tables["reserve"], "reserve"),
            lr.occupations(tables["occupations"], "occupations"),
            lr.illegal(tables["illegal"], "illegal"),
            lr.denominators(tables["denominators"], "denominators"))


def frames(tables: dict) -> dict:
    """The peer's inputs: one DataFrame per table, 产能 already a column (area × coefficient)."""
    import pandas as pd

    from farmland_guard.core import profiles

    coefficients = {int(k): v for k, v in profiles.grade_coefficients().items()}

    def frame(rows, gd, st):
        df = pd.DataFrame(rows)
        return pd.DataFrame({"XZQDM": df["XZQDM"], "GD": df[gd], "ST": df[st],
                             "CN": df[gd] * df["ZLDB"].map(coefficients)})

    return {"reserve": frame(tables["reserve"], "BCGDMJ", "BCSTMJ"),
            "occupations": frame(tables["occupations"], "ZYGDMJ", "ZYSTMJ"),
            "illegal": frame(tables["illegal"], "WFGDMJ", "WFSTMJ")}


def floor(data: dict) -> tuple:
    """Σ reserve and Σ occupations per county and ledger, Σ illegal per county."""
    return tuple(data[name].groupby("XZQDM")[["GD", "ST", "CN"]].sum()
                 for name in ("reserve", "occupations", "illegal"))


def _timed(run) -> dict:
    """Wall seconds, and this process's CPU seconds: on a shared machine the wall clock also
    counts the time other processes held the CPU."""
    started, cpu = time.perf_counter(), time.process_time()
    run()
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu}


def _best(results: list[dict], key: str = "seconds") -> float:
    return min(r[key] for r in results)


def main() -> dict:
    from farmland_guard.core import balance, ratio

    tables = rows()
    parsing = alternate(ROUNDS, read=lambda: _timed(lambda: parse(tables)))["read"]
    reserve, occupations, illegal, denominators = parse(tables)
    data = frames(tables)
    rounds = alternate(ROUNDS,
                       balance=lambda: _timed(lambda: balance.compute(reserve, occupations,
                                                                      illegal)),
                       ratio=lambda: _timed(lambda: ratio.table(illegal, denominators)),
                       pandas=lambda: _timed(lambda: floor(data)))
    # the allocation detail is kept as columns until read (the dock's drill-down, an export):
    # making it a list of records is timed apart
    listing = alternate(ROUNDS, listed=lambda: _timed(
        lambda: balance.compute(reserve, occupations, illegal).allocations))["listed"]
    ledgers = balance.compute(reserve, occupations, illegal)
    province = ledgers.counties[-1]["XZQDM"]
    drill = alternate(ROUNDS, behind=lambda: _timed(lambda: ledgers.behind(province, "XH_GD")))
    balance_cpu = _best(rounds["balance"], "cpu")
    read_s, balance_s, ratio_s, pandas_s, behind_s, listed_s = (
        _best(r) for r in (parsing, rounds["balance"], rounds["ratio"], rounds["pandas"],
                           drill["behind"], listing))
    result = {"bench": "ledger", "reserve": RESERVE, "occupations": OCCUPATIONS,
              "illegal": ILLEGAL, "counties": len(COUNTIES),
              "read_s": round(read_s, 3), "balance_s": round(balance_s, 3),
              "balance_with_allocation_list_s": round(listed_s, 3),
              "balance_cpu_s": round(balance_cpu, 3),
              "ratio_s": round(ratio_s, 3), "pandas_groupby_s": round(pandas_s, 4),
              "balance_over_pandas": round(balance_s / pandas_s, 1),
              "balance_and_ratio_over_pandas": round((balance_s + ratio_s) / pandas_s, 1),
              "behind_province_XH_GD_s": round(behind_s, 3),
              "allocations": len(ledgers.allocations), "freezes": len(ledgers.freezes),
              "shortfalls": len(ledgers.shortfalls), "best_of": ROUNDS,
              "balance_spread_s": [round(_best(rounds["balance"]), 3),
                                   round(max(r["seconds"] for r in rounds["balance"]), 3)],
              "targets": {"balance_s": 1}}
    print(f"Ledgers on {RESERVE:,} reserve entries, {OCCUPATIONS:,} occupations and "
          f"{ILLEGAL:,} illegal results over {len(COUNTIES)} counties (best of {ROUNDS}): "
          f"reading {read_s:.2f} s (core.ledger_rows); whole balance {balance_s:.2f} s "
          f"(CPU {balance_cpu:.2f} s; target 1), {listed_s:.2f} s with the allocation detail "
          f"made a list ({len(ledgers.allocations):,} allocations, "
          f"{len(ledgers.freezes):,} freezes, {len(ledgers.shortfalls):,} shortfalls); "
          f"ratio table {ratio_s:.3f} s; "
          f"pandas groupby of the same totals {pandas_s * 1000:.1f} ms, ratio ours/pandas "
          f"{balance_s / pandas_s:.0f} (balance) and {(balance_s + ratio_s) / pandas_s:.0f} "
          f"(balance + ratio); drill-down to the province's XH_GD {behind_s:.2f} s")
    return result


if __name__ == "__main__":
    main()
