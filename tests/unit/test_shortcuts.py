"""The workbench's keys have one source, ``gui.shortcuts.SHORTCUTS``: README.md lists exactly
its keys and actions, each key means one thing where it is heard, and no other string the user
reads names a key of its own."""

import ast
import re
import xml.etree.ElementTree as ET

from dev.readme_shortcuts import README, readme_table
from farmland_guard.gui.shortcuts import (
    CUTTING,
    QUEUE,
    QUEUE_AND_MAP,
    SHORTCUTS,
    describe,
    key_code,
    markdown,
)
from tests.conftest import ROOT

# A key as people write it: with a modifier, a named key, or one character in brackets "(C)".
KEY = re.compile(r"\b(Ctrl|Alt|Shift|Meta)\+\S|\bPg(Up|Down)\b|\b(Esc|Backspace|Enter|Return)\b"
                 r"|\([A-Z0-9\[\]]\)")
TS = ROOT / "i18n" / "farmland_guard_zh_CN.ts"


def test_readme_lists_exactly_the_keys_and_their_actions():
    table = readme_table(README.read_text(encoding="utf-8"))
    assert table == markdown(), "run `python -m dev.readme_shortcuts`"
    rows = [line.split(" | ")[:2] for line in table.split("\n")[2:]]
    assert [(k.lstrip("| "), a.rstrip(" |")) for k, a in rows] == [
        (s.keys, describe(s, translate=False)) for s in SHORTCUTS]


def test_each_key_means_one_thing_where_it_is_heard():
    for scopes in ((QUEUE_AND_MAP, QUEUE), (QUEUE_AND_MAP,), (CUTTING,)):
        codes = [key_code(s.keys) for s in SHORTCUTS if s.scope in scopes]
        assert len(codes) == len(set(codes)), scopes
    assert all(key_code(s.keys)[0] for s in SHORTCUTS)  # every text is a key Qt knows


def texts_outside_the_table():
    """(where, text) of every string in the plugin's code but the table and docstrings."""
    for path in sorted((ROOT / "farmland_guard").rglob("*.py")):
        if path.name == "shortcuts.py":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and id(node) not in docstrings:
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value


def test_no_other_string_names_a_key():
    named = [(where, text) for where, text in texts_outside_the_table() if KEY.search(text)]
    assert named == [], "name keys with shortcuts.keys_of(…)"


def test_no_translation_names_a_key_of_its_own():
    for context in ET.parse(TS).getroot().iter("context"):
        if context.find("name").text == "Shortcuts":
            continue
        for message in context.iter("message"):
            translation = message.find("translation").text or ""
            assert not KEY.search(translation), (message.find("source").text, translation)


def test_the_finder_finds_keys():
    for text in ("Save (Ctrl+Enter)", "Cut along a line (C)", "Esc to give up", "PgDown", "(1)"):
        assert KEY.search(text), text
    for text in ("Save ({keys})", "Enterprise", "Shift work", "(mu)"):
        assert not KEY.search(text), text
