"""The workbench's keys in one table: the key routing reads it, buttons and messages name their
keys from it, and README.md lists it (``python -m dev.readme_shortcuts`` writes that table; a
test checks that it matches and that no other string names a key)."""

from __future__ import annotations

from typing import Callable, NamedTuple

from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from ..core import codelists

CONTEXT = "Shortcuts"
QUEUE_AND_MAP = "queue and map"  # anywhere in the workbench and on the map
QUEUE = "queue"  # anywhere in the workbench only (on the map QGIS keeps the key)
CUTTING = "cutting"  # while a cut is drawn on the map
FOLLOWUP = "rectification ledger"  # anywhere in the 整改台账 dock


class Shortcut(NamedTuple):
    keys: str  # QKeySequence's portable text
    action: str  # the method it calls: the workbench's, or the cut tool's while cutting
    description: str  # English, README.md's wording; ``describe`` translates it
    args: tuple = ()
    scope: str = QUEUE_AND_MAP


SHORTCUTS = (
    Shortcut("PgDown", "step", QT_TRANSLATE_NOOP("Shortcuts", "next patch"), (1,)),
    Shortcut("PgUp", "step", QT_TRANSLATE_NOOP("Shortcuts", "previous patch"), (-1,)),
    Shortcut("Shift+PgDown", "next_unverified",
             QT_TRANSLATE_NOOP("Shortcuts", "next unverified patch")),
    Shortcut("Ctrl+J", "jump", QT_TRANSLATE_NOOP(
        "Shortcuts", "go to a patch id (the queue's filters stay as they are)")),
    *(Shortcut(str(number), "pick_kind", QT_TRANSLATE_NOOP("Shortcuts", "verdict {kind}"),
               (number,)) for number in range(1, len(codelists.pdlx()) + 1)),
    Shortcut("Ctrl+D", "same_as_previous",
             QT_TRANSLATE_NOOP("Shortcuts", "same as the previous verdict")),
    Shortcut("Ctrl+Enter", "save", QT_TRANSLATE_NOOP("Shortcuts", "save")),
    Shortcut("Ctrl+Shift+Enter", "save_and_next", QT_TRANSLATE_NOOP(
        "Shortcuts", "save and go to the next patch")),
    Shortcut("Ctrl+S", "save", QT_TRANSLATE_NOOP(
        "Shortcuts", "save, in the workbench (on the map it saves the QGIS project)"),
             scope=QUEUE),
    Shortcut("Ctrl+B", "open_batch", QT_TRANSLATE_NOOP(
        "Shortcuts", "batch label: the form's verdict for the queue selection, the map "
                     "selection, the filtered queue or an expression, previewed first")),
    Shortcut("Ctrl+Alt+Z", "undo", QT_TRANSLATE_NOOP(
        "Shortcuts", "undo verdicts, splits and merges (kept in the store: they survive a "
                     "restart)")),
    Shortcut("Ctrl+Alt+Y", "redo", QT_TRANSLATE_NOOP("Shortcuts", "redo")),
    Shortcut("C", "start_cut", QT_TRANSLATE_NOOP(
        "Shortcuts", "cut the patch (or the parcels the line crosses) into parcels along a "
                     "line clicked on the map")),
    Shortcut("Enter", "finish", QT_TRANSLATE_NOOP(
        "Shortcuts", "while cutting: finish the line (a right-click too)"), scope=CUTTING),
    Shortcut("Backspace", "take_back", QT_TRANSLATE_NOOP(
        "Shortcuts", "while cutting: take the last vertex back"), scope=CUTTING),
    Shortcut("Esc", "give_up", QT_TRANSLATE_NOOP("Shortcuts", "while cutting: give up"),
             scope=CUTTING),
    Shortcut("[", "step_target", QT_TRANSLATE_NOOP("Shortcuts", "previous parcel of the patch"),
             (-1,)),
    Shortcut("]", "step_target", QT_TRANSLATE_NOOP("Shortcuts", "next parcel of the patch"), (1,)),
    Shortcut("B", "blink", QT_TRANSLATE_NOOP(
        "Shortcuts", "blink between the after and the before imagery")),
    Shortcut("W", "swipe", QT_TRANSLATE_NOOP("Shortcuts", "swipe the before imagery over the map")),
    Shortcut("Ctrl+Alt+1", "record_recheck", QT_TRANSLATE_NOOP(
        "Shortcuts", "复核影像: the patch's problems rectified (整改到位) on the re-check image"),
             (True,)),
    Shortcut("Ctrl+Alt+2", "record_recheck", QT_TRANSLATE_NOOP(
        "Shortcuts", "复核影像: the patch's problems not rectified (未到位) on the re-check image"),
             (False,)),
    Shortcut("A", "approve", QT_TRANSLATE_NOOP(
        "Shortcuts", "审核 mode: approve the result in view (with the comment typed, if any) "
                     "and go to the next"), scope=QUEUE),
    Shortcut("R", "return_current", QT_TRANSLATE_NOOP(
        "Shortcuts", "审核 mode: return the result in view with the comment typed (without "
                     "one: type it, then Enter)"), scope=QUEUE),
    Shortcut("Ctrl+Z", "undo_last", QT_TRANSLATE_NOOP(
        "Shortcuts", "整改台账 dock: undo its last edit or closing (销号) of a problem"),
             scope=FOLLOWUP),
)


def describe(shortcut: Shortcut, translate: bool = True) -> str:
    """What the key does, in the interface's language (README.md's English otherwise)."""
    text = QCoreApplication.translate(CONTEXT, shortcut.description) if translate \
        else shortcut.description
    if shortcut.action == "pick_kind":
        text = text.format(kind=codelists.pdlx()[shortcut.args[0] - 1])
    return text


def keys_of(action: str, args: tuple = ()) -> str:
    """The key of an action as the user reads it (the first, when it has several)."""
    for shortcut in SHORTCUTS:
        if shortcut.action == action and shortcut.args == tuple(args):
            return QKeySequence(shortcut.keys, QKeySequence.PortableText).toString(
                QKeySequence.NativeText)
    raise KeyError(action)


def key_code(keys: str) -> tuple[int, int]:
    """(Qt key, modifiers) of a portable key text; Return and Enter are one key here."""
    combined = QKeySequence(keys, QKeySequence.PortableText)[0]
    combined = combined.toCombined() if hasattr(combined, "toCombined") else int(combined)  # Qt 6
    key, modifiers = combined & ~int(Qt.KeyboardModifierMask), combined & int(Qt.KeyboardModifierMask)
    return (int(Qt.Key_Enter) if key == Qt.Key_Return else key), modifiers


def event_code(event) -> tuple[int, int]:
    key = int(Qt.Key_Enter) if event.key() == Qt.Key_Return else int(event.key())
    return key, int(event.modifiers()) & ~int(Qt.KeypadModifier)


def bindings(target, scopes) -> dict[tuple[int, int], Callable]:
    """(key, modifiers) -> ``target``'s method for every shortcut of ``scopes``."""
    return {key_code(s.keys): (lambda s=s: getattr(target, s.action)(*s.args))
            for s in SHORTCUTS if s.scope in scopes}


def markdown() -> str:
    """README.md's table of the keys (English)."""
    lines = ["| key | action |", "|---|---|"]
    lines += [f"| {s.keys} | {describe(s, translate=False)} |" for s in SHORTCUTS]
    return "\n".join(lines)


TYPING = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)  # keys without Ctrl or Alt type


class KeyRouter(QObject):
    """The workbench's keys, claimed before QGIS's own shortcuts (Ctrl+S saves the project
    there, Ctrl+B opens its bookmarks) while the focus is in the workbench or on the map, and
    only then. With ``within`` (the workbench, whose widgets it ``watch``es) it hears them
    wherever the focus is inside it; in a field one types in, only those with Ctrl or Alt (a 2
    typed in an area is a digit, not 违法)."""

    def __init__(self, target, scopes, parent=None, within: QWidget | None = None):
        super().__init__(parent)
        self.keys = bindings(target, scopes)
        self.within = within

    def action(self, event):
        return self.keys.get(event_code(event))

    def heard(self, watched, event) -> bool:
        if self.within is None:
            return True
        if not isinstance(watched, QWidget) or not (
                watched is self.within or self.within.isAncestorOf(watched)):
            return False
        typing = isinstance(watched, TYPING) or (
            isinstance(watched.parent(), QAbstractSpinBox))  # a spin box's own line edit
        return not typing or bool(event.modifiers() & (Qt.ControlModifier | Qt.AltModifier))

    def watch(self, widget: QWidget) -> None:
        """Hear the keys of ``widget`` and everything in it, the widgets added later too."""
        for each in (widget, *widget.findChildren(QWidget)):
            each.removeEventFilter(self)  # once each
            each.installEventFilter(self)

    def unwatch(self, widget: QWidget) -> None:
        for each in (widget, *widget.findChildren(QWidget)):
            each.removeEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802
        kind = event.type()
        if kind == QEvent.ChildPolished and self.within is not None:
            child = event.child()
            if isinstance(child, QWidget) and not child.isWindow():
                self.watch(child)
            return False
        if kind not in (QEvent.ShortcutOverride, QEvent.KeyPress):
            return False
        action = self.action(event)
        if action is None or not self.heard(watched, event):
            return False
        if kind == QEvent.ShortcutOverride:
            event.accept()
            return True
        action()
        return True
