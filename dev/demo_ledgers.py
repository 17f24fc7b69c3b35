"""The demo's ledger tables (issue 16) as CSV, made from a seed so each build writes the same:
the reserve and the construction occupations of 获嘉县 (410724) and its neighbour 新乡县 (410721)
in 新乡市, flows over 2023–2024 and the ratio's denominators for 2024. The demo project adds them
in a 台账 group and picks them in the 台账 dock, beside the work store's judged patches.

    python -m dev.demo_ledgers var/demo      # writes var/demo/台账/*.csv
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path

FOLDER = "台账"
SEED = 410724
COUNTIES = {"410724": 28, "410721": 12}  # county -> reserve entries
# kind (as core.ledger_rows names it) -> (file, layer title)
TABLES = {
    "reserve": ("储备库.csv", "耕地储备库"),
    "occupations": ("建设占用.csv", "建设占用"),
    "flows": ("进出平衡.csv", "耕地进出"),
    "denominators": ("比例分母.csv", "违法比例分母"),
}
FARMLAND = ("0101", "0102", "0103")  # 水田, 水浇地, 旱地
OTHER = ("0201", "0301", "0404", "1104")  # 果园, 乔木林地, 其他草地, 坑塘水面


def _day(rng: random.Random, first: dt.date, last: dt.date) -> str:
    return (first + dt.timedelta(days=rng.randrange((last - first).days + 1))).isoformat()


def _area(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 2)


def reserve(rng: random.Random) -> list[dict]:
    rows = []
    for county, count in COUNTIES.items():
        for n in range(1, count + 1):
            area = _area(rng, 8, 60)
            rows.append({"XMBH": f"BC{county}{n:03d}", "XZQDM": county,
                         "RKRQ": _day(rng, dt.date(2021, 3, 1), dt.date(2024, 10, 31)),
                         "BCGDMJ": area, "BCSTMJ": _area(rng, 0, area * 0.4),
                         "ZLDB": rng.randint(3, 9)})
    return rows


def occupations(rng: random.Random) -> list[dict]:
    rows = []
    for county, count in (("410724", 21), ("410721", 8)):
        for n in range(1, count + 1):
            area = _area(rng, 3, 30)
            rows.append({"XMBH": f"ZY{county}{n:03d}", "XZQDM": county,
                         "PZRQ": _day(rng, dt.date(2022, 1, 1), dt.date(2024, 12, 31)),
                         "ZYGDMJ": area, "ZYSTMJ": _area(rng, 0, area * 0.3),
                         "ZLDB": rng.randint(3, 9)})
    # approved before any entry of the reserve: short, 先补后占 violated
    rows.append({"XMBH": "ZY410724900", "XZQDM": "410724", "PZRQ": "2020-11-20",
                 "ZYGDMJ": 12.5, "ZYSTMJ": 0, "ZLDB": 5})
    return rows


def flows(rng: random.Random) -> list[dict]:
    rows = []
    for n in range(9):
        out = n % 2 == 0
        farmland, other = rng.choice(FARMLAND), rng.choice(OTHER)
        area = _area(rng, 1, 12)
        rows.append({"XZQDM": "410724" if n < 6 else "410721", "ND": rng.choice((2023, 2024)),
                     "LX": "流出" if out else "流入", "YDLBM": farmland if out else other,
                     "XDLBM": other if out else farmland, "MJ": area,
                     "STMJ": area if farmland == "0101" else 0, "ZLDB": rng.randint(3, 9),
                     "SFJBNT": "否"})
    # 永久基本农田 turned into an orchard: a 永农 out-flow
    rows.append({"XZQDM": "410724", "ND": 2023, "LX": "流出", "YDLBM": "0103", "XDLBM": "0201",
                 "MJ": 2.4, "STMJ": 0, "ZLDB": 4, "SFJBNT": "是"})
    return rows


def denominators(rng: random.Random) -> list[dict]:
    return [{"XZQDM": county, "ND": 2024, "XZJSZYGDMJ": _area(rng, 300, 900), "RGYT": ""}
            for county in COUNTIES]


def write(demo: Path, seed: int = SEED) -> dict[str, Path]:
    """Each table's CSV under ``demo``/台账, by kind."""
    rng = random.Random(seed)
    folder = demo / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for kind, make in (("reserve", reserve), ("occupations", occupations), ("flows", flows),
                       ("denominators", denominators)):
        rows = make(rng)
        path = folder / TABLES[kind][0]
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        written[kind] = path
    return written


if __name__ == "__main__":
    for path in write(Path(sys.argv[1])).values():
        print(path)
