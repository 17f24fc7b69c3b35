"""A patch's history as sentences in the user's language, not the rows the store keeps."""

import pytest

from farmland_guard.core import language
from farmland_guard.core.history import Change, sentences
from farmland_guard.store.history import History
from farmland_guard.store.parcels import Parcels
from farmland_guard.store.queue import Queue
from farmland_guard.store.results import Verdicts
from farmland_guard.store.workstore import WorkStore
from tests.unit.test_parcels import across, patch_geometry

AT = "2026-12-03T14:05:09+08:00"
ILLEGAL = {"PDLX": "违法", "WFLX": "未批先建(未报即用)", "WFMJ": 0.1}


def rows(action, *changes, dkbh="", op="op1"):
    return [Change(AT, "张三", action, "P1", dkbh, field, old, new, op) for field, old, new in changes]


VERDICT = rows("save", ("HCZT", "未核查", "内业完成"), ("PDLX", None, "违法"), ("SFNRWFJS", None, "是"),
               ("WFLX", None, "未批先建(未报即用)"), ("WFMJ", None, 1.2))


@pytest.fixture()
def chinese():
    language.set_language("zh_CN")
    yield
    language.set_language("en")


def test_a_verdict_is_one_sentence_in_chinese(chinese):
    assert sentences(VERDICT) == [
        "2026-12-03 14:05 张三 判定为 违法（未批先建(未报即用)），违法面积 1.2000 亩，是否纳入违法计算 是，"
        "核查状态 未核查 → 内业完成"]


def test_a_verdict_is_one_sentence_in_english():
    assert sentences(VERDICT) == [
        "2026-12-03 14:05 张三 judged 违法 (未批先建(未报即用)), 违法面积 (WFMJ) 1.2000 mu, "
        "是否纳入违法计算 (SFNRWFJS) 是, 核查状态 (HCZT) 未核查 → 内业完成"]


def test_splits_merges_undo_and_parcels(chinese):
    history = (rows("undo", ("DKBH", ["P1_1", "P1_2"], []), op="op3")
               + rows("batch", ("PDLX", None, "其他"), ("HCHLX", None, "影像原因"), dkbh="P1_2", op="op2")
               + rows("split", ("DKBH", [], ["P1_1", "P1_2"])))
    assert [s.split(" ", 3)[3] for s in sentences(history)] == [
        "撤销：地块 P1_1、P1_2 合并回整个图斑",
        "地块 P1_2：批量标注：判定为 其他（影像原因）",
        "分割为 2 个地块：P1_1、P1_2"]


def test_cleared_values_flags_and_a_reimport():
    history = (rows("save", ("PDLX", "违法", None), ("WFMJ", 1.2, None), ("BJ", None, 1))
               + rows("import", ("PCZT", "在批次", "已移出"), ("geometry", "ab12", "cd34"), op="import-1"))
    assert [s.split(" ", 3)[3] for s in sentences(history)] == [
        "verdict 违法 cleared, 违法面积 (WFMJ) cleared (was 1.2000 mu), flagged",
        "re-import: outline changed, 批次状态 (PCZT) 在批次 → 已移出"]


def test_the_store_history_of_a_patch_reads_as_sentences(store, chinese):
    with WorkStore(store) as ws:
        jcbh = Queue(ws).rows()[0].jcbh
        geom, _ = patch_geometry(store, jcbh)
        made = Parcels(ws).cut(jcbh, across(geom))
        Verdicts(ws).save(made[0], ILLEGAL)
        History(ws, Verdicts(ws), Parcels(ws)).undo()
        told = [s.split(" ", 3)[3] for s in sentences(History(ws).of(jcbh))]
    assert told[0].startswith(f"地块 {made[0]}：撤销：清除判定 违法")
    assert told[1].startswith(f"地块 {made[0]}：判定为 违法（未批先建(未报即用)），违法面积 0.1000 亩")
    assert told[2] == f"分割为 2 个地块：{made[0]}、{made[1]}"


def test_a_problem_and_its_case_by_their_names(chinese):
    edited = rows("problem", ("ZGCS", [], ["拆除复耕", "罚款"]), ("GLTB", None, ["P1", "P2"]))
    case = rows("case", ("LABH", None, "立字第1号"), op="op2")
    closed = rows("xiaohao", ("ZGZT", "已整改", "已销号"), ("XHR", None, "李四"), op="op3")
    assert [s.split(" ", 3)[3] for s in sentences(edited + case + closed)] == [
        "整改措施 拆除复耕、罚款，关联图斑 P1、P2", "立案号 立字第1号",
        "销号：整改状态 已整改 → 已销号，销号人 李四"]
