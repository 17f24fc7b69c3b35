"""Each fact lives once (issue 11): the workflow and batch states, the verdict kinds and the
outbox's kinds of operation come from core — the code lists' TOML or the protocol enum — and
no module of the plugin writes them as literals of its own."""

import re

import pytest

from farmland_guard.core import codelists
from farmland_guard.core.ops import OpKind
from tests.conftest import ROOT

SOURCES = sorted((ROOT / "farmland_guard").rglob("*.py"))


def literals(value: str):
    """Files (relative) that write ``value`` as a whole string literal."""
    pattern = re.compile(r"""(["'])""" + re.escape(value) + r"\1")
    return [str(p.relative_to(ROOT)) for p in SOURCES if pattern.search(p.read_text("utf-8"))]


@pytest.mark.parametrize("state", sorted({*codelists.workflow(city_level=True),
                                          *codelists.batch_states().values()}))
def test_states_are_read_from_the_code_lists(state):
    assert literals(state) == []


def test_outbox_kinds_come_from_the_protocol_enum():
    assert literals(OpKind.RESULT.value) == ["farmland_guard/core/ops.py"]
    # "parcels" also names a store table: no outbox row is written with it as a literal
    for path in SOURCES:
        for statement in re.findall(r"INSERT INTO outbox[^)]*\)[^)]*\)", path.read_text("utf-8")):
            assert "'" not in statement, (path, statement)


def test_verdict_kinds_are_named_once():
    owners = {f for kind in ("合法", "违法", "其他") for f in literals(kind)}
    assert owners <= {"farmland_guard/core/verdicts.py", "farmland_guard/core/codelists.py"}, owners
