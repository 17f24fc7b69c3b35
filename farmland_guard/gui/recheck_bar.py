"""复核影像: the re-check of a patch under rectification on an image newer than its after image.
The bar picks that image — any raster layer of the project, XYZ and WMTS layers too — and its
date (read from the layer's name or metadata when it says one), and records 整改到位 / 未到位
on every problem of the patch not yet closed (``store.problems.Problems.recheck``)."""

from __future__ import annotations

import datetime as dt
import re

from qgis.core import QgsMapLayerProxyModel
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import QDate, pyqtSignal
from qgis.PyQt.QtWidgets import QCheckBox, QGridLayout, QLabel, QPushButton, QWidget

from ..core.errors import FarmlandGuardError
from .shortcuts import keys_of
from .verdict_form import date_box, recheck_result

# a date as image names write it: 2025-03-01, 2025_03_01, 2025.3.1, 2025年3月1日, 20250301
DATE_PATTERNS = (re.compile(r"(?<!\d)((?:19|20)\d\d)[-_./](\d{1,2})[-_./](\d{1,2})(?!\d)"),
                 re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日?"),
                 re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)"))


def date_in(text: str) -> dt.date | None:
    """The first real date written in ``text``, None when there is none."""
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text or ""):
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                continue
    return None


def date_of_layer(layer) -> dt.date | None:
    """The imaging date a layer says: in its name, its metadata's title or abstract, or the
    start of its fixed time range."""
    if layer is None:
        return None
    metadata = layer.metadata()
    for text in (layer.name(), metadata.title(), metadata.abstract()):
        found = date_in(text)
        if found is not None:
            return found
    timed = layer.temporalProperties()
    if timed is not None and timed.isActive() and hasattr(timed, "fixedTemporalRange"):
        begin = timed.fixedTemporalRange().begin()
        if begin.isValid():
            return begin.date().toPyDate()
    return None


class RecheckBar(QWidget):
    switched = pyqtSignal(bool)  # 复核 mode on or off
    image_changed = pyqtSignal()  # another image or date
    rechecked = pyqtSignal(str)  # JCBH of the patch whose problems got a result

    def __init__(self, parent=None):
        super().__init__(parent)
        self.ledger = None  # store.problems.Problems of the workbench's store
        self.jcbh = ""
        self.switch = QCheckBox(self.tr("复核影像: re-check on a newer image"))
        self.switch.setObjectName("recheck_mode")
        self.picker = QgsMapLayerComboBox()
        self.picker.setObjectName("recheck_image")
        self.picker.setFilters(QgsMapLayerProxyModel.RasterLayer)  # XYZ, WMTS: rasters too
        self.picker.setAllowEmptyLayer(True)
        self.picker.setLayer(None)
        self.date = date_box()
        self.date.setObjectName("recheck_date")
        self.date.setToolTip(self.tr("The date of the re-check image"))
        self.date.setMinimumWidth(150)  # the whole date beside its clear button
        self.ok_button = QPushButton(self.tr("整改到位 ({keys})").format(
            keys=keys_of("record_recheck", (True,))))
        self.ok_button.setObjectName("recheck_ok")
        self.not_button = QPushButton(self.tr("未到位 ({keys})").format(
            keys=keys_of("record_recheck", (False,))))
        self.not_button.setObjectName("recheck_not")
        self.status = QLabel()
        self.status.setObjectName("recheck_status")
        self.status.setWordWrap(True)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.switch, 0, 0, 1, 4)
        layout.addWidget(self.picker, 1, 0, 1, 3)
        layout.addWidget(self.date, 1, 3)
        layout.addWidget(self.ok_button, 2, 0)
        layout.addWidget(self.not_button, 2, 1)
        layout.addWidget(self.status, 3, 0, 1, 4)
        layout.setColumnStretch(2, 1)
        self.switch.toggled.connect(self.switch_mode)
        # its index, not ``layerChanged``: that one misses a pick made with the arrow keys
        self.picker.currentIndexChanged.connect(lambda _: self.pick(self.picker.currentLayer()))
        self.date.dateValueChanged.connect(lambda *_: self.show_status())
        self.date.dateValueChanged.connect(lambda *_: self.image_changed.emit())
        self.ok_button.clicked.connect(lambda: self.record(True))
        self.not_button.clicked.connect(lambda: self.record(False))
        self.switch_mode(False)

    @property
    def on(self) -> bool:
        return self.switch.isChecked()

    def layer(self):
        return self.picker.currentLayer()

    def image_date(self) -> str | None:
        return None if self.date.isNull() else self.date.date().toString("yyyy-MM-dd")

    def switch_mode(self, on: bool) -> None:
        for widget in (self.picker, self.date, self.ok_button, self.not_button, self.status):
            widget.setVisible(on)
        self.show_status()
        self.switched.emit(on)

    def pick(self, layer) -> None:
        """A new image: its date, when it says one."""
        found = date_of_layer(layer)
        if found is not None:
            self.date.setDate(QDate(found.year, found.month, found.day))
        self.image_changed.emit()

    def show_problems(self, ledger, jcbh: str) -> None:
        """The workbench's store and the patch in view (none: no store)."""
        self.ledger, self.jcbh = ledger, jcbh
        self.show_status()

    def open_problems(self) -> list[dict]:
        """The problems of the patch under rectification (not 已销号)."""
        from ..store.patch_followup import problems_of

        if self.ledger is None or not self.jcbh:
            return []
        return problems_of(self.ledger, self.jcbh, open_only=True)

    def show_status(self) -> None:
        """What the patch's problems recorded last, and whether a result may be recorded."""
        problems = self.open_problems() if self.on else []
        ready = bool(problems) and self.layer() is not None and self.image_date() is not None
        self.ok_button.setEnabled(ready)
        self.not_button.setEnabled(ready)
        if not self.on:
            return
        if not problems:
            self.status.setText(self.tr("No problem of this patch is under rectification."))
            return
        done = [p for p in problems if p.get("FCRQ")]
        if done:
            last = max(done, key=lambda p: p["FCRQ"])
            self.status.setText(self.tr("复核：{date} {result}").format(
                date=last["FCRQ"], result=recheck_result(last.get("FCJG"))) + " · "
                + " ".join(f"{p['WTBH']} {p.get('ZGZT') or ''}" for p in problems))
        else:
            self.status.setText(self.tr("{count} problems under rectification, not re-checked "
                                        "yet.").format(count=len(problems)))

    def record(self, ok: bool) -> bool:
        """整改到位 (``ok``) or 未到位 on the image's date, for every problem of the patch under
        rectification; False (and said) when it cannot."""
        problems = self.open_problems() if self.on else []
        if not problems or self.layer() is None or self.image_date() is None:
            self.status.setText(self.tr("To record a re-check: switch on 复核影像, pick the image "
                                        "and its date, on a patch with a problem under "
                                        "rectification."))
            return False
        try:
            for problem in problems:
                self.ledger.recheck(problem["WTBH"], self.image_date(), ok)
        except FarmlandGuardError as error:
            self.status.setText(str(error))
            return False
        self.show_status()
        self.rechecked.emit(self.jcbh)
        return True

