"""The ledgers' input tables read into core objects (core.ledger_rows): good tables exactly, and
every wrong input named by source, row and field, all problems of a table together."""

import datetime as dt
from decimal import Decimal

import pytest

from farmland_guard.core import ledger_rows as rows
from farmland_guard.core.flows import Flow
from farmland_guard.core.language import using
from farmland_guard.core.ledger import Entry, Illegal
from farmland_guard.core.ledger_rows import LedgerInputError

D = Decimal


class Null:
    """What QGIS hands over for an empty attribute: a QVariant that prints as NULL."""

    def __str__(self):
        return "NULL"


def reserve_row(**values):
    return {"XMBH": "R1", "XZQDM": "410724", "RKRQ": "2023-01-05", "BCGDMJ": 10, "BCSTMJ": 4,
            "ZLDB": 3, **values}


def problems(call, *args, **kwargs):
    with pytest.raises(LedgerInputError) as caught:
        call(*args, **kwargs)
    return [(p.source, p.row, p.field, p.rule) for p in caught.value.problems]


def test_a_good_reserve_table_is_read_exactly():
    got = rows.reserve([
        reserve_row(),
        # CN given: kept as it is; 水田 empty (QGIS NULL) is none; a county code as a number
        reserve_row(XMBH="R2", XZQDM=410725, RKRQ=dt.date(2023, 2, 1), BCGDMJ="2.5", BCSTMJ=Null(),
                    CN="1.23456"),
        reserve_row(XMBH="R3", RKRQ="2023/3/1", BCGDMJ=1.23456, BCSTMJ="", ZLDB="15.0")],
        "reserve.csv")
    assert got == [
        Entry("R1", "410724", dt.date(2023, 1, 5), D("10.0000"), D("4.0000"), D("9.0000")),  # 10 × 0.90
        Entry("R2", "410725", dt.date(2023, 2, 1), D("2.5000"), D(0), D("1.2346")),
        # 1.2346 × 0.30 = 0.37038 → 0.3704
        Entry("R3", "410724", dt.date(2023, 3, 1), D("1.2346"), D(0), D("0.3704"))]


def test_an_occupation_table_and_its_own_capacity_coefficients():
    got = rows.occupations([{"XMBH": "O1", "XZQDM": "410724", "PZRQ": "20230601", "ZYGDMJ": 4,
                             "ZYSTMJ": 1, "ZLDB": "A"}], "occupations.xlsx",
                           coefficients={"A": 0.5})
    assert got == [Entry("O1", "410724", dt.date(2023, 6, 1), D(4), D(1), D(2))]  # 4 × 0.5


@pytest.mark.parametrize("value", ["2023-01-05", "2023/1/5", "20230105", 20230105, "2023-01-05 08:30:00",
                                   "2023年1月5日",
                                   dt.datetime(2023, 1, 5, 8, 30), dt.date(2023, 1, 5),
                                   44931, 44931.35])  # 44931: the xlsx serial of 2023-01-05
def test_dates_in_every_form_tables_hold_them(value):
    assert rows.reserve([reserve_row(RKRQ=value)], "r.csv")[0].date == dt.date(2023, 1, 5)


def test_other_field_names_through_the_mapping_and_any_case():
    got = rows.reserve([{"项目编号": "R1", "xzqdm": "410724", "入库日期": "2023-01-05", "面积": 2,
                         "水田": 0, "Zldb": 1}], "r.csv",
                       mapping={"XMBH": "项目编号", "RKRQ": "入库日期", "BCGDMJ": "面积",
                                "BCSTMJ": "水田"})
    assert got == [Entry("R1", "410724", dt.date(2023, 1, 5), D(2), D(0), D(2))]


def test_every_problem_of_a_table_named_by_file_row_and_field_together():
    bad = [reserve_row(),
           reserve_row(XMBH="R2", BCGDMJ=-1),  # row 2: negative area
           reserve_row(XMBH="R3", RKRQ="2023-13-01"),  # row 3: not a date
           reserve_row(XMBH="R4", ZLDB=16),  # row 4: grade outside the table
           reserve_row(XMBH="R5", XZQDM="41072"),  # row 5: 5 digits
           reserve_row(XMBH="R1"),  # row 6: R1 again
           reserve_row(XMBH="R7", BCSTMJ=11),  # row 7: 水田 11 > 10
           reserve_row(XMBH="R8", BCGDMJ="1 000"),  # row 8: a space in a number
           reserve_row(XMBH="R9", BCGDMJ="1,5"),  # row 9: a comma
           reserve_row(XMBH="R10", XZQDM="410724.0")]  # row 10: text with a decimal point
    assert problems(rows.reserve, bad, "储备库.csv") == [
        ("储备库.csv", 2, "BCGDMJ", "negative"), ("储备库.csv", 3, "RKRQ", "date"),
        ("储备库.csv", 4, "ZLDB", "grade"), ("储备库.csv", 5, "XZQDM", "county"),
        ("储备库.csv", 6, "XMBH", "duplicate"), ("储备库.csv", 7, "BCSTMJ", "paddy"),
        ("储备库.csv", 8, "BCGDMJ", "number"), ("储备库.csv", 9, "BCGDMJ", "number"),
        ("储备库.csv", 10, "XZQDM", "county")]


def test_the_message_lists_the_first_ten_and_counts_them_all():
    bad = [reserve_row(XMBH=f"R{i}", BCGDMJ=-i) for i in range(1, 13)]
    with pytest.raises(LedgerInputError) as caught, using("en"):
        rows.reserve(bad, "r.csv")
    text = caught.value.message("en")
    assert text.startswith("12 problems in the input tables")
    assert "r.csv, row 10, BCGDMJ: negative area -10" in text and "row 11" not in text
    assert text.endswith("…and 2 more")
    assert "r.csv 第 3 行，BCGDMJ：面积为负：-3" in caught.value.message("zh")
    assert caught.value.code == "ledger_input"


def test_a_grade_outside_the_table_says_which_grades_there_are():
    with pytest.raises(LedgerInputError) as caught:
        rows.reserve([reserve_row(ZLDB=16)], "r.csv")
    assert "quality grade 16 is not in the coefficient table (1, 2" in caught.value.message("en")


def test_a_missing_field_is_one_problem_not_one_per_row():
    table = [{k: v for k, v in reserve_row(XMBH=f"R{i}").items() if k != "RKRQ"} for i in range(3)]
    assert problems(rows.reserve, table, "r.csv") == [("r.csv", None, "RKRQ", "field")]
    # a mapped name that is not there is named as mapped
    with pytest.raises(LedgerInputError, match="入库日期"):
        rows.reserve([reserve_row()], "r.csv", mapping={"RKRQ": "入库日期"})


def test_a_missing_required_value_is_named():
    assert problems(rows.occupations, [{"XMBH": "O1", "XZQDM": "410724", "PZRQ": Null(),
                                        "ZYGDMJ": 1, "ZYSTMJ": 0, "ZLDB": 1}], "o.csv") == [
        ("o.csv", 1, "PZRQ", "missing")]


def test_an_occupation_table_checks_paddy_and_ids():
    table = [{"XMBH": "O1", "XZQDM": "410724", "PZRQ": "2023-01-01", "ZYGDMJ": 1, "ZYSTMJ": 2,
              "ZLDB": 1},
             {"XMBH": "O1", "XZQDM": "410724", "PZRQ": "2023-01-01", "ZYGDMJ": 1, "ZYSTMJ": 0,
              "ZLDB": 1}]
    assert problems(rows.occupations, table, "o.csv") == [("o.csv", 1, "ZYSTMJ", "paddy"),
                                                          ("o.csv", 2, "XMBH", "duplicate")]


def illegal_row(**values):
    return {"JCBH": "J1", "XZQDM": "410724", "WFGDMJ": 2, "WFSTMJ": 1, "ZLDB": 3, "ND": 2023,
            **values}


def test_a_good_illegal_table_is_read_exactly():
    got = rows.illegal([
        illegal_row(WFMJ=3, WFGDMJ_MZ="2.2", GDMJ=2.5, ZGZT="未整改", WFLX="未批先建(未报即用)"),
        # older ledgers: the completed measure in ZGZT; the year from HSX
        illegal_row(JCBH="J2", ND=None, HSX="2022-11-30", ZGZT="补办手续", ZGRQ="2023-05-01",
                    SFZDGC="是", SFNRWFJS="否"),
        # 破坏 does not freeze, so needs no grade
        illegal_row(JCBH="J3", WFLX="破坏/占用永久基本农田", ZLDB=None),
        illegal_row(JCBH="J4", PDLX="合法", WFGDMJ=0, WFSTMJ=0, ZLDB=None, GDMJ=5),
        illegal_row(JCBH="J5", PDLX="其他", XZQDM="bad")],  # 其他: left out, unread
        "results.gpkg")
    assert got == [
        Illegal("J1", "410724", 2023, D(2), D(1), D("1.8"), D(3), D("2.2"), D("2.5"), True, None,
                "未整改", None, True, False, "违法"),  # CN 2 × 0.90
        Illegal("J2", "410724", 2022, D(2), D(1), D("1.8"), D(2), None, None, True, "补办手续",
                "已整改", dt.date(2023, 5, 1), False, True, "违法"),
        Illegal("J3", "410724", 2023, D(2), D(1), D(0), D(2), None, None, False),
        Illegal("J4", "410724", 2023, D(0), D(0), D(0), D(0), None, D(5), True, verdict="合法")]
    assert got[1].outcome == "转为消耗"


def test_on_a_gross_basis_the_gross_figure_is_wfgdmj_itself():
    (item,) = rows.illegal([illegal_row()], "r.csv", net=False)
    assert item.gross == D(2)


def test_the_ratio_alone_needs_no_grade():
    (item,) = rows.illegal([illegal_row(ZLDB=None)], "r.csv", with_capacity=False)
    assert item.freezes and item.cn == 0


def test_a_violation_without_a_year_still_freezes_but_has_no_year():
    (item,) = rows.illegal([illegal_row(ND=None)], "r.csv")
    assert item.year is None and item.freezes


def test_illegal_table_problems():
    table = [illegal_row(),
             illegal_row(),  # row 2: J1 again
             illegal_row(JCBH="J3", ZLDB=None),  # row 3: freezes, no grade for its 产能
             illegal_row(JCBH="J4", ZGCS="没收", ZGZT="已整改"),  # row 4: done, no date
             illegal_row(JCBH="J5", WFSTMJ=3),  # row 5: 水田 3 > 2
             illegal_row(JCBH="J6", ND="23"),  # row 6: not a year
             illegal_row(JCBH="J7", WFLX="乱建"),  # row 7: not in the WFLX list
             illegal_row(JCBH="J8", SFZDGC="maybe"),  # row 8: neither 是 nor 否
             illegal_row(JCBH="J9", PDLX="违规"),  # row 9: not a 判定类型
             illegal_row(JCBH="J10", ZGRQ="soon")]  # row 10: not a date
    assert problems(rows.illegal, table, "wf.xlsx") == [
        ("wf.xlsx", 2, "JCBH", "duplicate"), ("wf.xlsx", 3, "ZLDB", "missing"),
        ("wf.xlsx", 4, "ZGRQ", "missing"), ("wf.xlsx", 5, "WFSTMJ", "paddy"),
        ("wf.xlsx", 6, "ND", "year"), ("wf.xlsx", 7, "WFLX", "code"),
        ("wf.xlsx", 8, "SFZDGC", "flag"), ("wf.xlsx", 9, "PDLX", "code"),
        ("wf.xlsx", 10, "ZGRQ", "date")]


def flow_row(**values):
    return {"XZQDM": "410724", "ND": "2023", "LX": "流出", "YDLBM": "0101", "XDLBM": "0201",
            "MJ": 2, "STMJ": 1, "ZLDB": 1, "SFJBNT": "否", **values}


def test_a_good_flow_table_is_read_exactly():
    got = rows.flows([flow_row(), flow_row(LX="流入", YDLBM="0201", XDLBM="0103", ND=2023.0,
                                           SFJBNT="是", ZLDB=2)], "flows.csv")
    assert got == [Flow("flows.csv#1", "410724", 2023, "流出", "0101", "0201", D(2), D(1), D(2),
                        False),
                   Flow("flows.csv#2", "410724", 2023, "流入", "0201", "0103", D(2), D(1),
                        D("1.9"), True)]  # 2 × 0.95


def test_flow_problems():
    table = [flow_row(LX="out"), flow_row(MJ=-2), flow_row(STMJ=3), flow_row(ND="2023年")]
    assert problems(rows.flows, table, "flows.csv") == [
        ("flows.csv", 1, "LX", "direction"), ("flows.csv", 2, "MJ", "negative"),
        ("flows.csv", 3, "STMJ", "paddy"), ("flows.csv", 4, "ND", "year")]


def test_denominators_and_manual_reasons():
    table = [{"XZQDM": "410724", "ND": 2023, "XZJSZYGDMJ": "1200.5", "RGYT": ""},
             {"XZQDM": "410725", "ND": 2023, "XZJSZYGDMJ": 0, "RGYT": "群众举报"},
             {"XZQDM": "410726", "ND": 2023, "XZJSZYGDMJ": None, "RGYT": None}]
    assert rows.denominators(table, "fm.csv") == {("410724", 2023): D("1200.5"),
                                                  ("410725", 2023): D(0)}
    assert rows.manual(table, "fm.csv") == {("410725", 2023): "群众举报"}
    twice = [table[0], {**table[0], "XZJSZYGDMJ": 1}]
    assert problems(rows.denominators, twice, "fm.csv") == [("fm.csv", 2, "XZQDM", "duplicate")]


def test_regions():
    assert rows.regions([{"XZQDM": "419001", "SJDM": 410000}], "qy.csv") == {"419001": "410000"}
    assert problems(rows.regions, [{"XZQDM": "419001", "SJDM": "41"}], "qy.csv") == [
        ("qy.csv", 1, "SJDM", "county")]


def test_numbers_that_are_no_whole_numbers_are_named_not_crashed_on():
    table = [reserve_row(XZQDM=float("nan"), RKRQ=float("inf"), BCGDMJ=float("nan"))]
    assert problems(rows.reserve, table, "r.xlsx") == [
        ("r.xlsx", 1, "XZQDM", "county"), ("r.xlsx", 1, "RKRQ", "date"),
        ("r.xlsx", 1, "BCGDMJ", "number")]


def test_an_empty_table_is_nothing():
    assert rows.reserve([], "r.csv") == []


def test_fields_list_every_kind():
    assert set(rows.FIELDS) == {"reserve", "occupations", "illegal", "flows", "denominators",
                                "regions"}
    assert rows.FIELDS["reserve"][0] == ("XMBH", "XZQDM", "RKRQ", "BCGDMJ", "BCSTMJ", "ZLDB")


def test_several_tables_read_and_their_problems_told_together():
    reading = rows.Reading()
    assert reading.read(rows.reserve, ([reserve_row(BCGDMJ=-1)], "r.csv")) is None
    assert reading.read(rows.flows, ([flow_row(LX="?")], "f.csv")) is None
    assert reading.read(rows.regions, None) is None  # not given
    assert reading.read(rows.denominators, ([{"XZQDM": "410724", "ND": 2023,
                                              "XZJSZYGDMJ": 5}], "fm.csv")) == {
        ("410724", 2023): D(5)}
    with pytest.raises(LedgerInputError) as caught:
        reading.finish()
    assert [(p.source, p.row, p.field) for p in caught.value.problems] == [
        ("r.csv", 1, "BCGDMJ"), ("f.csv", 1, "LX")]
    rows.Reading().finish()  # nothing wrong: nothing raised


def test_a_column_without_a_name_is_not_taken_for_an_absent_field():
    (entry,) = rows.reserve([{**reserve_row(), "": "备注"}], "r.xlsx")  # no CN: from the grade
    assert entry.cn == D(9)
