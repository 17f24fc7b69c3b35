"""The fields of the ledgers' input tables (issue 16) by their Chinese names, and the mapping of a
table whose fields are named otherwise: guessed from the names a table often has instead (the
mapping dialog starts from that), or written as ``XMBH=项目编号;RKRQ=入库日期`` (Processing)."""

from __future__ import annotations

from .language import say
from .ledger import LedgerError
from .ledger_rows import FIELDS

# national name -> Chinese name (the first alias, too)
NAMES = {
    "XMBH": "项目编号", "XZQDM": "行政区代码", "RKRQ": "入库日期", "BCGDMJ": "补充耕地面积",
    "BCSTMJ": "补充水田面积", "ZLDB": "质量等别", "CN": "产能", "PZRQ": "批准日期",
    "ZYGDMJ": "占用耕地面积", "ZYSTMJ": "占用水田面积", "JCBH": "监测编号",
    "WFGDMJ": "违法占用耕地面积", "ND": "年度", "HSX": "后时相", "WFSTMJ": "违法占用水田面积",
    "WFMJ": "违法面积", "ZGZT": "整改状态", "ZGCS": "整改措施", "ZGRQ": "整改日期",
    "WFLX": "违法类型", "PDLX": "判定类型", "SFNRWFJS": "是否纳入违法计算",
    "SFZDGC": "是否重点工程", "GDMJ": "耕地面积", "WFGDMJ_MZ": "违法占用耕地面积（含田坎）",
    "LX": "流向", "MJ": "面积", "YDLBM": "原地类编码", "XDLBM": "现地类编码", "STMJ": "水田面积",
    "SFJBNT": "是否永久基本农田", "XZJSZYGDMJ": "新增建设用地占用耕地面积", "RGYT": "人工约谈理由",
    "SJDM": "上级行政区代码",
}
# national name -> other names tables often give it (compared ignoring case and spaces)
ALIASES = {
    "XMBH": ("项目代码", "项目号", "备案编号"),
    "XZQDM": ("行政区划代码", "县代码", "县级行政区代码", "XZQHDM"),
    "RKRQ": ("入库时间", "验收日期", "备案日期"),
    "BCGDMJ": ("新增耕地面积", "补充耕地", "XZGDMJ"),
    "BCSTMJ": ("新增水田面积", "补充水田", "XZSTMJ"),
    "ZLDB": ("耕地质量等别", "质量等级", "等别", "GDDB"),
    "CN": ("粮食产能", "新增产能"),
    "PZRQ": ("批复日期", "批准时间", "批文日期"),
    "ZYGDMJ": ("占用耕地",),
    "ZYSTMJ": ("占用水田",),
    "JCBH": ("图斑编号",),
    "WFGDMJ": ("违法耕地面积",),
    "ND": ("年份", "年"),
    "WFMJ": ("违法用地面积",),
    "XZJSZYGDMJ": ("新增建设占用耕地面积", "新增建设用地占用耕地"),
    "LX": ("类型", "方向", "流出流入"),
    "SJDM": ("上级代码", "市代码"),
}


def key(name: str) -> str:
    return "".join(str(name).split()).lower()


def guess(kind: str, fields, mapping: dict[str, str] | None = None) -> dict[str, str]:
    """national → field of ``fields`` for every national name of ``kind`` found: where
    ``mapping`` names one of the fields, else the national name (any case), its Chinese name or
    an alias; a field taken once is not offered again."""
    fields = list(fields)
    by_key = {key(f): f for f in fields}
    required, optional = FIELDS[kind]
    found: dict[str, str] = {}
    for national in (*required, *optional):
        chosen = (mapping or {}).get(national)
        if chosen in fields:
            found[national] = chosen
    for national in (*required, *optional):
        if national in found:
            continue
        for name in (national, NAMES.get(national, ""), *ALIASES.get(national, ())):
            field = by_key.get(key(name))
            if field is not None and field not in found.values():
                found[national] = field
                break
    return found


def missing(kind: str, fields, mapping: dict[str, str] | None = None) -> list[str]:
    """The required national names of ``kind`` a table of ``fields`` does not give, read as the
    parsers read it (``mapping``, else the same name in any case)."""
    lower = {str(f).lower() for f in fields}
    return [n for n in FIELDS[kind][0]
            if str((mapping or {}).get(n) or n).lower() not in lower]


def parse(text: str, kind: str) -> dict[str, str]:
    """``XMBH=项目编号;RKRQ=入库日期`` (national=source pairs) as a mapping; a pair that is not
    one, or a national name ``kind`` has not, is a LedgerError naming it."""
    names = (*FIELDS[kind][0], *FIELDS[kind][1])
    mapping = {}
    for pair in (p.strip() for p in (text or "").split(";")):
        if not pair:
            continue
        national, equals, source = (s.strip() for s in pair.partition("="))
        if not equals or not national or not source:
            raise LedgerError(say("{pair!r} is not NATIONAL=field", "{pair!r} 不是“国家字段=字段”",
                                  pair=pair), "mapping")
        if national.upper() not in names:
            raise LedgerError(say("{name} is not a field of this table ({names})",
                                  "{name} 不是此表的字段（{names}）", name=national,
                                  names=", ".join(names)), "mapping")
        mapping[national.upper()] = source
    return mapping
