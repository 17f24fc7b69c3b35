"""批量标注: the verdict in the workbench's form for many patches at once — the rows picked in
the queue, the patches selected on the map, every patch the queue's filters show, or those a
QGIS expression selects — with a preview of what will change before one undoable action."""

from __future__ import annotations

from qgis.core import QgsExpression, QgsFeatureRequest
from qgis.gui import QgsFieldExpressionWidget, QgsHighlight
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
)

from ..core import codelists, verdicts
from ..core.units import format_mu
from .shortcuts import keys_of

QUEUE_SELECTION, MAP_SELECTION, FILTERED, EXPRESSION = range(4)
MAX_HIGHLIGHTS = 2000  # more would slow the map down; the count says the rest


class BatchLabelDialog(QDialog):
    def __init__(self, workbench):
        super().__init__(workbench)
        self.workbench = workbench
        self.setWindowTitle(self.tr("Batch label"))
        # the form's verdict without its illegal areas: those belong to each patch
        self.verdict = {k: v for k, v in workbench.form.values().items()
                        if k not in verdicts.AREAS and v}
        self.scope = QComboBox()
        for scope, text in ((QUEUE_SELECTION, self.tr("Rows selected in the queue")),
                            (MAP_SELECTION, self.tr("Patches selected on the map")),
                            (FILTERED, self.tr("Every patch the queue shows")),
                            (EXPRESSION, self.tr("Patches an expression selects"))):
            self.scope.addItem(text, scope)
        self.expression = QgsFieldExpressionWidget()
        self.expression.setLayer(workbench.layer)
        self.overwrite = QCheckBox(self.tr("Overwrite patches already judged"))
        self.summary = QLabel(" · ".join(f"{verdicts.NAMES.get(k, k)} {v}" for k, v in self.verdict.items())
                              or self.tr("The form has no verdict: pick one first."))
        self.summary.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Apply | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Apply).clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Verdict from the form"), self.summary)
        form.addRow(self.tr("Patches"), self.scope)
        form.addRow(self.tr("Expression"), self.expression)
        form.addRow(self.overwrite)
        form.addRow(self.preview)
        form.addRow(self.buttons)
        self.scope.currentIndexChanged.connect(self.update_preview)
        self.expression.fieldChanged.connect(self.update_preview)
        self.overwrite.toggled.connect(self.update_preview)
        self.highlights: list = []  # the patches in scope, on the map
        self.finished.connect(lambda _: self.clear_highlights())
        has_rows = len(workbench.queue.selected_rows()) > 1
        self.scope.setCurrentIndex(QUEUE_SELECTION if has_rows else FILTERED)
        self.update_preview()

    def patches(self) -> list:
        """The queue rows in scope (raises ValueError with a message for a bad expression)."""
        bench, scope = self.workbench, self.scope.currentData()
        if scope == QUEUE_SELECTION:
            return bench.queue.selected_rows()
        if scope == FILTERED:
            return bench.queue.shown_rows()
        layer = bench.layer
        if scope == MAP_SELECTION:
            request = QgsFeatureRequest().setFilterFids(layer.selectedFeatureIds())
        else:
            text = self.expression.expression().strip()
            parsed = QgsExpression(text)
            if not text or parsed.hasParserError():
                raise ValueError(self.tr("The expression is not valid: {error}").format(
                    error=parsed.parserErrorString() or self.tr("empty")))
            request = QgsFeatureRequest().setFilterExpression(text)
        request.setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes(["JCBH"], layer.fields())
        model = bench.queue.model
        return [model.rows[model.by_jcbh[f["JCBH"]]] for f in layer.getFeatures(request)
                if f["JCBH"] in model.by_jcbh]

    def update_preview(self) -> None:
        self.expression.setEnabled(self.scope.currentData() == EXPRESSION)
        try:
            rows = self.patches()
        except ValueError as error:
            self.preview.setText(str(error))
            self.buttons.button(QDialogButtonBox.Apply).setEnabled(False)
            return
        self.highlight(rows)
        judged = [r for r in rows if r.verdict]
        changing = rows if self.overwrite.isChecked() else [r for r in rows if not r.verdict]
        text = self.tr(
            "{count} patches, {area} mu in all; {judged} already judged ({fate}). {changing} will "
            "change, as one step that {undo} undoes.").format(
                count=len(rows), area=format_mu(sum(r.area_mu for r in rows)), judged=len(judged),
                fate=self.tr("overwritten") if self.overwrite.isChecked() else self.tr("skipped"),
                changing=len(changing), undo=keys_of("undo"))
        problems = []
        if self.verdict.get("PDLX") == verdicts.ILLEGAL and changing:
            # each patch takes its own illegal areas (its precheck figures, else its area)
            targets, _, problems = self.workbench.verdicts.plan(
                [r.jcbh for r in changing], self.verdict, self.overwrite.isChecked())
            new = [v for _, v in targets.values()]
            text += " " + self.tr(
                "Illegal areas from each patch's precheck: {wfmj} mu, of it cultivated {wfgd} mu; "
                "counted toward the ratio: {counted}.").format(
                    wfmj=format_mu(sum(v.get("WFMJ") or 0 for v in new)),
                    wfgd=format_mu(sum(v.get("WFGDMJ") or 0 for v in new)),
                    counted=sum(v.get("SFNRWFJS") == verdicts.YES for v in new))
        if problems:
            text += "\n" + "\n".join(str(p) for p in problems[:5])
        if not self.verdict.get("PDLX"):
            kinds = ", ".join(f"{keys_of('pick_kind', (number,))} {kind}"
                              for number, kind in enumerate(codelists.pdlx(), start=1))
            text = self.tr("The form has no verdict yet: pick one ({kinds}) in the workbench "
                           "first.").format(kinds=kinds) + "\n" + text
        elif rows:
            text += " " + self.tr("The patches in scope are highlighted on the map.")
        self.preview.setText(text)
        self.buttons.button(QDialogButtonBox.Apply).setEnabled(
            bool(changing and self.verdict and not problems))

    def highlight(self, rows) -> None:
        """The patches in scope outlined on the workbench's map."""
        self.clear_highlights()
        layer, canvas = self.workbench.layer, self.workbench.canvas
        if layer is None or not rows:
            return
        request = QgsFeatureRequest().setFilterFids([r.fid for r in rows[:MAX_HIGHLIGHTS]])
        for feature in layer.getFeatures(request.setNoAttributes()):
            if not feature.hasGeometry():
                continue
            mark = QgsHighlight(canvas, feature.geometry(), layer)
            mark.setColor(QColor(0, 160, 255))
            mark.setFillColor(QColor(0, 160, 255, 60))
            mark.setWidth(2)
            mark.show()
            self.highlights.append(mark)

    def clear_highlights(self) -> None:
        scene = self.workbench.canvas.scene()
        for mark in self.highlights:
            mark.hide()
            scene.removeItem(mark)
        self.highlights = []

    def apply(self) -> None:
        if self.workbench.apply_batch([r.jcbh for r in self.patches()], self.verdict,
                                      self.overwrite.isChecked()):
            self.accept()
            # back to the workbench, where the undo the message names is heard
            self.workbench.window().activateWindow()
            self.workbench.table.setFocus()
        else:
            self.preview.setText(self.workbench.message.text())
