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
