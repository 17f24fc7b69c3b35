"""One error type (issue 11): every error a person can act on derives from one base that carries
a stable code, the rule and its parameters, and renders its message for the reader at the edge,
not in a process-wide language."""

import re
import threading

import pytest

from farmland_guard import dependencies
from farmland_guard.core import errors, language
from farmland_guard.core.crs import CrsError
from farmland_guard.core.encoding import DbfError
from farmland_guard.core.expected import EXPECTED
from farmland_guard.core.parcels import SplitError
from farmland_guard.core.sources import SeveralLayersError, SourceError
from farmland_guard.core.verdicts import Violation
from farmland_guard.store.results import VerdictError
from farmland_guard.store.workstore import StoreError
from tests.conftest import ROOT

ERRORS = (SourceError, SeveralLayersError, CrsError, DbfError, SplitError, StoreError,
          VerdictError, dependencies.MissingDependencyError)
SOURCES = sorted((ROOT / "farmland_guard").rglob("*.py"))


def test_every_error_derives_from_the_one_base_with_its_own_code():
    assert all(issubclass(e, errors.FarmlandGuardError) for e in ERRORS)
    assert len({e.code for e in ERRORS}) == len(ERRORS)
    assert errors.FarmlandGuardError in EXPECTED  # the one list of what a person can act on


def test_a_message_raised_in_one_language_renders_in_the_other():
    language.set_language("zh_CN")
    error = StoreError(language.say("{path} does not exist", "{path} 不存在", path="a.gpkg"),
                       "exists", path="a.gpkg")
    language.set_language("en")
    assert str(error) == "a.gpkg does not exist"
    assert error.message("zh_CN") == "a.gpkg 不存在"
    problem = error.problem("zh")
    assert problem["type"].endswith(":store") and problem["rule"] == "exists"
    assert problem["detail"] == "a.gpkg 不存在" and problem["params"] == {"path": "a.gpkg"}


def test_a_verdict_error_renders_each_violation_for_its_reader():
    inner = language.say("an area cannot be negative", "面积不能为负")
    error = VerdictError([Violation("410724SJBG25000001", "WFMJ", "number", inner)])
    assert error.rule == "number" and error.params["field"] == "WFMJ"
    assert error.message("zh") == "图斑 410724SJBG25000001，违法面积 WFMJ：面积不能为负"
    assert error.message("en") == ("patch 410724SJBG25000001, 违法面积 WFMJ: an area cannot be "
                                   "negative")


def test_the_language_is_per_context_not_per_process():
    """A server answers a Chinese and an English reader at once."""
    seen = {}

    def answer(locale):
        with language.using(locale):
            seen[locale] = str(language.say("{n} patches", "{n} 个图斑", n=2))

    threads = [threading.Thread(target=answer, args=(loc,)) for loc in ("zh_CN", "en_US")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"zh_CN": "2 个图斑", "en_US": "2 patches"}
    assert language.language() == "en"  # this context was not touched


@pytest.mark.parametrize("pattern, allowed", [
    (r"raise (KeyError|ValueError|RuntimeError)\(", set()),  # in core and store: ours, with a code
    (r"^class \w*Cancelled\b", {"farmland_guard/core/errors.py"}),
    (r"^def _?never\(", {"farmland_guard/core/errors.py"}),
    (r"EXPECTED = ", {"farmland_guard/core/expected.py"}),
])
def test_one_of_each(pattern, allowed):
    shared = [p for p in SOURCES if p.parent.name in ("core", "store")] if "raise" in pattern \
        else SOURCES
    found = {str(p.relative_to(ROOT)) for p in shared
             if re.search(pattern, p.read_text("utf-8"), re.M)}
    assert found == allowed
