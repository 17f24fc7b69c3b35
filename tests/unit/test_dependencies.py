import sys

import pytest

from farmland_guard import dependencies


def test_all_present_here():
    assert dependencies.missing() == []
    dependencies.require("numpy", "shapely")


def test_a_missing_package_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "geopandas", None)  # as if not installed
    assert dependencies.missing() == ["geopandas"]
    with pytest.raises(dependencies.MissingDependencyError) as error:
        dependencies.require("geopandas", "numpy")
    assert error.value.names == ["geopandas"]
    assert dependencies.pip_command(["geopandas"]) == "python -m pip install geopandas"


def test_an_optional_package_is_checked_only_when_asked(monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert dependencies.missing() == []  # not asked for at start-up
    assert dependencies.missing(dependencies.WORKBOOK_PACKAGES) == ["openpyxl"]
