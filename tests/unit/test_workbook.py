"""The ledgers' xlsx workbook (core.workbook, core.ledger_tables) read back with openpyxl."""

import datetime as dt
import sys
from decimal import Decimal

import openpyxl
import pytest

from farmland_guard.core import balance, ledger_tables, ratio, workbook
from farmland_guard.core.ledger import Entry, Illegal

D = Decimal


def entry(xmbh, county, date, gd, st=0, cn=0):
    return Entry(xmbh, county, dt.date.fromisoformat(date), D(str(gd)), D(str(st)), D(str(cn)))


@pytest.fixture()
def ledgers():
    reserve = [entry("R1", "410724", "2023-01-01", 10, 4, 8), entry("R2", "410725", "2023-01-01", 3)]
    occupations = [entry("O1", "410724", "2023-02-01", 6.5, 1, 5), entry("O2", "410725", "2023-02-01", 5)]
    illegal = [Illegal("J1", "410724", 2023, D(2), D(1), D("1.8"), D(3))]
    return balance.compute(reserve, occupations, illegal)


def test_the_columns_are_the_core_tables():
    assert [c.code for c in ledger_tables.COUNTIES] == list(balance.COLUMNS)
    assert [c.code for c in ledger_tables.RATIO_COLUMNS] == list(ratio.COLUMNS)


def test_a_sheet_per_table_numbers_as_numbers(ledgers, tmp_path):
    path = workbook.write(tmp_path / "台账.xlsx", ledger_tables.balance_sheets(ledgers))
    assert list(tmp_path.iterdir()) == [path]  # the temporary file renamed, none left
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["县市省汇总", "分配明细", "冻结清单", "缺口清单", "进出平衡", "永农流出",
                               "增违挂钩"]
    ws = book["县市省汇总"]
    assert [c.value for c in ws[1]][:4] == ["级别", "行政区代码", "储备数量", "储备水田"]
    assert [c.value for c in ws[2]] == list(balance.COLUMNS)
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "1:2"
    assert ws.print_area == [f"$A$1:$S${2 + len(ledgers.counties)}"]  # 19 columns
    rows = {r[1]: dict(zip(balance.COLUMNS, r)) for r in ws.iter_rows(min_row=3, values_only=True)}
    # 410724: O1 takes 6.5 of R1's 10, J1 freezes 2 more: 1.5 left; 410725: 3 of O2's 5, 2 short
    assert rows["410724"]["XH_GD"] == 6.5 and rows["410724"]["KY_GD"] == 1.5
    assert rows["410725"]["QK_GD"] == 2 and rows["410725"]["PH"] == "否"
    assert ws["C3"].data_type == "n" and rows["410724"]["XBHZ_WG"] == 0  # numbers, not text
    counties = [r for r in rows.values() if r["JB"] == "县"]
    assert sum(r["XH_GD"] for r in counties) == rows["410000"]["XH_GD"] == 9.5  # 6.5 + 3
    assert ws["C3"].number_format == "0.0000" and ws["R3"].number_format == "0"
    assert ws.column_dimensions["B"].width >= 12
    allocations = list(book["分配明细"].iter_rows(min_row=3, values_only=True))
    assert ("O1", "410724", "R1", "数量", 6.5) in allocations
    assert list(book["冻结清单"].iter_rows(min_row=3, values_only=True))[0] == (
        "J1", "410724", "数量", "R1", 2, "冻结")


def test_ratios_as_percentages(tmp_path):
    rows = ratio.table([Illegal("J1", "410724", 2023, D(150), counts=True)],
                       {("410724", 2023): D(1000)})
    path = workbook.write(tmp_path / "比例.xlsx", ledger_tables.ratio_sheets(rows))
    ws = openpyxl.load_workbook(path).active
    county = dict(zip(ratio.COLUMNS, next(ws.iter_rows(min_row=3, values_only=True))))
    assert county["BL"] == 0.15 and county["YJ"] == "问责" and county["WFGDMJ_MZ"] is None
    assert ws["H3"].number_format == "0.00%"


def test_without_openpyxl_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(workbook.WorkbookError, match="openpyxl"):
        workbook.write(tmp_path / "x.xlsx", [])
    assert not list(tmp_path.iterdir())
