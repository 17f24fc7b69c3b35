"""The ledgers' tables as reports show them (issue 16): the columns of each — national code,
Chinese name, kind — in the order a county report uses, and the rows of each from
``balance.compute`` and ``ratio.table``. Processing outputs and the xlsx workbook share them."""

from __future__ import annotations

from . import balance
from .ledger import LEDGERS
from .workbook import INTEGER, MU, RATIO, Column, Sheet

LEDGER_NAMES = {"GD": "数量", "ST": "水田", "CN": "产能"}
FIGURE_NAMES = {"KC": "储备", "XH": "已消耗", "DJ": "冻结", "KY": "可用", "QK": "缺口"}


def _figures(prefixes: dict[str, str]) -> list[Column]:
    return [Column(f"{p}_{led}", f"{name}{LEDGER_NAMES[led]}", MU)
            for p, name in prefixes.items() for led in LEDGERS]


COUNTIES = [Column("JB", "级别"), Column("XZQDM", "行政区代码"), *_figures(FIGURE_NAMES),
            Column("XBHZ_WG", "先补后占违规数", INTEGER), Column("PH", "是否平衡")]
ALLOCATIONS = [Column("XMBH", "占用项目编号"), Column("XZQDM", "行政区代码"),
               Column("CBXMBH", "储备项目编号"), Column("TZ", "台账"), Column("SL", "分配量", MU)]
FREEZES = [Column("JCBH", "监测编号"), Column("XZQDM", "行政区代码"), Column("TZ", "台账"),
           Column("CBXMBH", "储备项目编号"), Column("SL", "冻结量", MU), Column("ZT", "状态")]
SHORTFALLS = [Column("XMBH", "项目/监测编号"), Column("XZQDM", "行政区代码"),
              Column("LB", "类别"), Column("TZ", "台账"), Column("SL", "缺口量", MU),
              Column("XBHZ", "违反先补后占")]
FLOWS = [Column("XZQDM", "行政区代码"), Column("ND", "年度", INTEGER), Column("ZD", "计算口径"),
         *_figures({"OUT": "流出", "IN": "流入"}), Column("JBNT_WG", "永农流出数", INTEGER),
         Column("PH", "是否平衡")]
FLOW_VIOLATIONS = [Column("BH", "编号"), Column("XZQDM", "行政区代码"),
                   Column("ND", "年度", INTEGER), Column("YDLBM", "原地类编码"),
                   Column("XDLBM", "现地类编码"), Column("MJ", "面积", MU),
                   Column("STMJ", "水田面积", MU), Column("CN", "产能", MU)]
QUOTA = [Column("XZQDM", "行政区代码"), Column("ND", "违法年度", INTEGER),
         Column("JHND", "计划指标年度", INTEGER), Column("WFMJ", "新增违法面积", MU),
         Column("ZK", "暂扣", MU), Column("TH", "退还", MU), Column("KJ", "扣减", MU),
         Column("DD", "待定", MU)]
RATIO_COLUMNS = [Column("JB", "级别"), Column("XZQDM", "行政区代码"), Column("ND", "年度", INTEGER),
                 Column("WFGDMJ", "违法占用耕地面积", MU),
                 Column("WFGDMJ_MZ", "违法占用耕地面积（含田坎）", MU),
                 Column("XZJSZYGDMJ", "新增建设用地占用耕地面积", MU),
                 Column("FMLY", "分母来源"), Column("BL", "违法占用耕地比例", RATIO),
                 Column("YJ", "预警"), Column("YT", "约谈"), Column("YTLY", "约谈理由")]


def allocation_rows(ledgers: balance.Ledgers) -> list[dict]:
    return [{"XMBH": a.occupation, "XZQDM": ledgers.reserve_county.get(a.reserve),
             "CBXMBH": a.reserve, "TZ": LEDGER_NAMES[a.ledger], "SL": a.amount}
            for a in ledgers.allocations]


def freeze_rows(ledgers: balance.Ledgers) -> list[dict]:
    return [{"JCBH": f.jcbh, "XZQDM": f.xzqdm, "TZ": LEDGER_NAMES[f.ledger],
             "CBXMBH": f.reserve, "SL": f.amount, "ZT": f.state} for f in ledgers.freezes]


def shortfall_rows(ledgers: balance.Ledgers) -> list[dict]:
    return [{"XMBH": s.occupation, "XZQDM": s.xzqdm, "LB": s.kind, "TZ": LEDGER_NAMES[s.ledger],
             "SL": s.amount, "XBHZ": "是" if s.later_entries else "否"}
            for s in ledgers.shortfalls]


def flow_violation_rows(ledgers: balance.Ledgers) -> list[dict]:
    return [{"BH": f.key, "XZQDM": f.xzqdm, "ND": f.year, "YDLBM": f.from_class,
             "XDLBM": f.to_class, "MJ": f.gd, "STMJ": f.st, "CN": f.cn}
            for f in ledgers.flow_violations]


def balance_sheets(ledgers: balance.Ledgers) -> list[Sheet]:
    """The balance workbook: 县市省汇总, 分配明细, 冻结清单, 缺口清单, 进出平衡, 永农流出, 增违挂钩."""
    return [Sheet("县市省汇总", COUNTIES, ledgers.counties),
            Sheet("分配明细", ALLOCATIONS, allocation_rows(ledgers)),
            Sheet("冻结清单", FREEZES, freeze_rows(ledgers)),
            Sheet("缺口清单", SHORTFALLS, shortfall_rows(ledgers)),
            Sheet("进出平衡", FLOWS, ledgers.flows),
            Sheet("永农流出", FLOW_VIOLATIONS, flow_violation_rows(ledgers)),
            Sheet("增违挂钩", QUOTA, ledgers.quota)]


def ratio_sheets(rows: list[dict]) -> list[Sheet]:
    return [Sheet("违法占用耕地比例", RATIO_COLUMNS, rows)]
