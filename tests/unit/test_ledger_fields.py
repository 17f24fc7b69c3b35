"""The ledgers' input fields by name: every national name has a Chinese one, a table named in
Chinese or with common other names is mapped, and the Processing text of a mapping is read."""

import pytest

from farmland_guard.core import ledger_fields, ledger_rows
from farmland_guard.core.ledger import LedgerError


def test_every_input_field_has_a_chinese_name():
    names = {n for required, optional in ledger_rows.FIELDS.values() for n in (*required, *optional)}
    assert names <= set(ledger_fields.NAMES)


def test_chinese_and_other_names_guessed_for_the_reserve():
    fields = ["项目编号", "行政区划代码", "入库 日期", "新增耕地面积", "bcstmj", "等别", "备注"]
    assert ledger_fields.guess("reserve", fields) == {
        "XMBH": "项目编号", "XZQDM": "行政区划代码", "RKRQ": "入库 日期", "BCGDMJ": "新增耕地面积",
        "BCSTMJ": "bcstmj", "ZLDB": "等别"}
    assert ledger_fields.missing("reserve", fields) == ["XMBH", "XZQDM", "RKRQ", "BCGDMJ", "ZLDB"]
    assert ledger_fields.missing("reserve", fields, ledger_fields.guess("reserve", fields)) == []


def test_a_mapping_given_wins_and_a_field_is_taken_once():
    fields = ["面积", "MJ", "XZQDM", "年度", "LX", "ZLDB"]
    assert ledger_fields.guess("flows", fields, {"MJ": "面积"})["MJ"] == "面积"
    assert ledger_fields.guess("flows", fields)["MJ"] == "MJ"
    # a mapping to a field the table has not is not kept
    assert ledger_fields.guess("flows", fields, {"ND": "YEAR"})["ND"] == "年度"


def test_the_processing_text_of_a_mapping():
    assert ledger_fields.parse(" xmbh = 项目编号 ;RKRQ=入库日期;", "reserve") == {
        "XMBH": "项目编号", "RKRQ": "入库日期"}
    assert ledger_fields.parse("", "reserve") == {}
    with pytest.raises(LedgerError, match="XMBH项目编号"):
        ledger_fields.parse("XMBH项目编号", "reserve")
    with pytest.raises(LedgerError, match="PZRQ"):
        ledger_fields.parse("PZRQ=批准日期", "reserve")


def test_a_chinese_table_read_through_the_guessed_mapping():
    rows = [{"项目编号": "R1", "行政区代码": "410724", "入库日期": "2023-01-05",
             "补充耕地面积": "10", "补充水田面积": "2", "质量等别": "1"}]
    mapping = ledger_fields.guess("reserve", rows[0])
    [entry] = ledger_rows.reserve(rows, "储备库", mapping=mapping)
    assert (entry.xmbh, entry.xzqdm, str(entry.gd), str(entry.cn)) == (
        "R1", "410724", "10.0000", "10.0000")
