"""The 台账 dock's charts, drawn by matplotlib (QGIS on Windows ships it; Debian has
python3-matplotlib) with its Agg backend into PNG bytes: the ratio by county against the
warning and 问责 lines, and one region's three ledgers (reserve, consumed, frozen, available).
matplotlib is imported only when a chart is drawn, so the plugin starts without it."""

from __future__ import annotations

import io
from decimal import Decimal

from qgis.PyQt.QtCore import QCoreApplication

from ..core import ratio, regions
from ..core.ledger import LEDGERS

CJK_FONTS = ["WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "Noto Sans CJK SC",
             "Source Han Sans SC", "PingFang SC", "DejaVu Sans"]
STYLE = {"font.family": "sans-serif", "font.sans-serif": CJK_FONTS, "axes.unicode_minus": False,
         "font.size": 9}
SIZE, DPI = (6.4, 3.4), 100
COLOURS = {ratio.NORMAL: "#4c8c4a", ratio.WARNING: "#e0a000", ratio.ACCOUNTABLE: "#c0392b"}
translate = QCoreApplication.translate
FIGURE_COLOURS = {"KC": "#5b7db1", "XH": "#8c8c8c", "DJ": "#4fa3c7", "KY": "#6aa84f"}


class ChartsUnavailable(Exception):
    """matplotlib is not in the QGIS Python."""


def _matplotlib():
    try:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as error:
        raise ChartsUnavailable(translate(
            "LedgerCharts",
            "Charts need the Python package matplotlib, which is missing from the QGIS Python. "
            "Install it with: python -m pip install matplotlib (on Debian: apt install "
            "python3-matplotlib).")) from error
    return matplotlib, Figure, FigureCanvasAgg


def _png(draw) -> bytes:
    """``draw(figure)`` on a new figure; the figure as PNG bytes."""
    matplotlib, figure_class, canvas_class = _matplotlib()
    with matplotlib.rc_context(STYLE):
        figure = figure_class(figsize=SIZE, dpi=DPI)
        canvas_class(figure)
        draw(figure)
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png")
    return out.getvalue()


def ratio_png(rows: list[dict], rules: ratio.Rules) -> bytes:
    """BL of every county row as bars coloured by YJ, the warning and 问责 lines across."""
    counties = [r for r in rows if r["JB"] == regions.COUNTY]
    years = {r["ND"] for r in counties}
    labels = [r["XZQDM"] if len(years) == 1 else f"{r['XZQDM']}\n{r['ND']}" for r in counties]
    values = [float(r["BL"] or 0) * 100 for r in counties]

    def draw(figure):
        axes = figure.add_subplot()
        bars = axes.bar(range(len(values)), values,
                        color=[COLOURS.get(r["YJ"], "#cccccc") for r in counties])
        for bar, row in zip(bars, counties):
            note = translate("LedgerCharts", "no denominator") if row["BL"] is None \
                else f"{bar.get_height():.2f}%"
            axes.annotate(note, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                          ha="center", va="bottom", fontsize=8)
        axes.axhline(float(rules.warning) * 100, color=COLOURS[ratio.WARNING], linestyle="--",
                     label=translate("LedgerCharts", "warning {level}%").format(
                         level=_percent(rules.warning)))
        axes.axhline(float(rules.accountable) * 100, color=COLOURS[ratio.ACCOUNTABLE],
                     label=translate("LedgerCharts", "accountability {level}%").format(
                         level=_percent(rules.accountable)))
        axes.set_xticks(range(len(values)))
        axes.set_xticklabels(labels, rotation=45 if len(labels) > 8 else 0)
        axes.set_ylabel(translate("LedgerCharts", "illegal cultivated land ÷ new construction (%)"))
        axes.set_title(translate("LedgerCharts", "Illegal occupation ratio by county"))
        axes.set_ylim(0, max([*values, float(rules.accountable) * 100]) * 1.2)
        axes.legend(loc="upper right", fontsize=8)

    return _png(draw)


def _percent(fraction: Decimal) -> str:
    return f"{float(fraction) * 100:g}"


def ledger_png(row: dict) -> bytes:
    """One region's three ledgers side by side: in reserve, consumed, frozen, available."""
    figures = {"KC": translate("LedgerCharts", "in reserve"),
               "XH": translate("LedgerCharts", "consumed"),
               "DJ": translate("LedgerCharts", "frozen"),
               "KY": translate("LedgerCharts", "available")}
    names = {"GD": translate("LedgerCharts", "area (mu)"),
             "ST": translate("LedgerCharts", "paddy (mu)"),
             "CN": translate("LedgerCharts", "capacity")}
    width = 0.2

    def draw(figure):
        axes = figure.add_subplot()
        for n, (figure_code, label) in enumerate(figures.items()):
            values = [float(row[f"{figure_code}_{led}"]) for led in LEDGERS]
            bars = axes.bar([i + (n - 1.5) * width for i in range(len(LEDGERS))], values, width,
                            label=label, color=FIGURE_COLOURS[figure_code])
            for bar in bars:
                axes.annotate(f"{bar.get_height():.4f}".rstrip("0").rstrip("."),
                              (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                              ha="center", va="bottom", fontsize=7)
        axes.set_xticks(range(len(LEDGERS)))
        axes.set_xticklabels([names[led] for led in LEDGERS])
        axes.set_title(translate("LedgerCharts", "Ledgers of {region} ({level})").format(
            region=row["XZQDM"], level=row["JB"]))
        axes.legend(loc="upper center", ncol=len(figures), fontsize=8)
        axes.margins(y=0.3)

    return _png(draw)
