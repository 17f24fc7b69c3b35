"""National code lists (DESIGN.md §3), kept as data in ``data/codelists.toml``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11, as in QGIS 3.22 on Windows
    import tomli as tomllib

_DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def data_file(name: str) -> dict:
    """A TOML file of ``core/data``, read once."""
    with (_DATA_DIR / name).open("rb") as f:
        return tomllib.load(f)


def _lists() -> dict[str, dict[str, str]]:
    return data_file("codelists.toml")


def tblx() -> dict[str, str]:
    """图斑类型 code → name, in the national order."""
    return _lists()["TBLX"]


def dlbm() -> dict[str, str]:
    """三调 地类编码 → 地类名称."""
    return _lists()["DLBM"]


def pdlx() -> list[str]:
    """判定类型: 合法, 违法, 其他."""
    return list(_lists()["PDLX"])


def hchlx(verdict: str) -> dict[str, str]:
    """核查后类型 allowed under a 判定类型 (empty for 违法, whose kind is 违法类型)."""
    return _lists()["HCHLX"].get(verdict, {})


def wflx() -> dict[str, str]:
    """违法类型."""
    return _lists()["WFLX"]


def zgcs() -> dict[str, str]:
    """整改措施 (only for 违法)."""
    return _lists()["ZGCS"]


def zgzt() -> dict[str, list[str]]:
    """整改状态 -> the states a rectification may move to from it (only for 违法)."""
    return _lists()["ZGZT"]


def wtly() -> dict[str, str]:
    """问题来源 code → name: 卫片执法, 巡察, 督察, 信访, 查缺补漏, 撂荒非粮化检查."""
    return _lists()["WTLY"]


def gpjb() -> dict[str, str]:
    """挂牌督办级别 code → name: 部, 省, 市, 县 (highest first)."""
    return _lists()["GPJB"]


def pzlx() -> dict[str, str]:
    """批准类型 as approval layers write it -> the 合法 evidence kind (核查后类型) it is."""
    return _lists()["PZLX"]


def evidence_kind(value) -> str | None:
    """The 合法 evidence kind of an approval's 批准类型 text (None when it names none)."""
    text = "" if value is None else str(value).strip()
    legal = next(iter(_lists()["PDLX"]))  # 合法
    return pzlx().get(text) or (text if text in hchlx(legal) else None)


def workflow(city_level: bool = False) -> dict[str, list[str]]:
    """核查状态 -> the states a result may move to from it; with the city level on, a reported
    result goes to the city first (市级通过 / 市级退回), then to the province."""
    national, city = _lists()["HCZT"], _lists()["HCZT_CITY"]
    if not city_level:
        return dict(national)
    moves = {}
    for state, allowed in national.items():  # the city's states right after 已上报
        moves[state] = city.get(state, allowed)
        if state in city:
            moves.update((s, m) for s, m in city.items() if s not in national)
    return moves


def roles() -> dict:
    """What the workflow states mean to the rules: unchecked, desk_done, returned, read_only."""
    return _lists()["HCZT_ROLES"]


def batch_states() -> dict[str, str]:
    """批次状态: in_batch, left_batch."""
    return _lists()["PCZT"]


def tblx_label(code) -> str:
    """'20 建(构)筑物' for a known code, the code itself otherwise."""
    text = "" if code is None else str(code).strip()
    name = tblx().get(text)
    return f"{text} {name}" if name else text
