"""Core messages exist in Chinese and English with the same placeholders."""

import ast
import re
import string

from farmland_guard.core import language
from tests.conftest import ROOT

PLACEHOLDER = re.compile(r"\{(\w+)[^}]*\}")


def say_calls():
    for path in sorted((ROOT / "farmland_guard").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say":
                yield path, node


def literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    raise AssertionError(f"say() takes literal strings, got {ast.dump(node)[:80]}")


def test_every_message_has_both_languages_with_the_same_placeholders():
    calls = list(say_calls())
    assert len(calls) > 40
    for path, call in calls:
        en, zh = literal(call.args[0]), literal(call.args[1])
        assert en and zh and re.search(r"[\u4e00-\u9fff]", zh), f"{path}:{call.lineno}"
        fields = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(zh) if f}, \
            f"{path}:{call.lineno}"
        assert fields == {k.arg for k in call.keywords}, f"{path}:{call.lineno}"


def test_language_follows_the_locale():
    before = language.language()
    try:
        language.set_language("zh_CN")
        assert language.say("{n} patches", "{n} 个图斑", n=3) == "3 个图斑"
        language.set_language("en_US")
        assert language.say("{n} patches", "{n} 个图斑", n=3) == "3 patches"
    finally:
        language.set_language(before)
