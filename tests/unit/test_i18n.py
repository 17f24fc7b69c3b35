"""The zh_CN translation is complete and in step with the source strings."""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import ROOT

TS = ROOT / "i18n" / "farmland_guard_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{\w+\}")


def messages(path):
    for context in ET.parse(path).getroot().iter("context"):
        name = context.find("name").text
        for message in context.iter("message"):
            yield name, message.find("source").text, message.find("translation")


def test_every_entry_is_translated():
    entries = list(messages(TS))
    assert entries
    for context, source, translation in entries:
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), \
            f"{context}: {source!r} is {translation.get('type')}"
        assert translation.text and translation.text.strip(), f"{context}: {source!r} untranslated"


def test_translations_keep_placeholders():
    for context, source, translation in messages(TS):
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation.text)), \
            f"{context}: {source!r}"


def test_translations_are_chinese():
    for _, source, translation in messages(TS):
        assert re.search(r"[\u4e00-\u9fff]", translation.text), source


@pytest.mark.skipif(shutil.which("pylupdate5") is None, reason="pylupdate5 is installed by make setup")
def test_every_source_string_is_in_the_ts_file(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "farmland_guard").rglob("*.py"))
    subprocess.run(["pylupdate5", "-noobsolete", *sources, "-ts", str(fresh)], check=True,
                   capture_output=True)
    wanted = {(c, s) for c, s, _ in messages(fresh)}
    have = {(c, s) for c, s, _ in messages(TS)}
    assert wanted - have == set(), "run `make i18n-update` and translate the new strings"
    assert have - wanted == set(), "obsolete entries: run `make i18n-update`"
