"""metadata.txt carries every key the QGIS plugin repository requires, and is the one version."""

import configparser
import re

from farmland_guard import about
from tests.conftest import ROOT

REQUIRED = ["name", "qgisMinimumVersion", "description", "about", "version", "author", "email",
            "repository", "tracker", "homepage", "tags", "category", "icon", "experimental",
            "deprecated", "hasProcessingProvider", "changelog"]


def read():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive for QGIS
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]


def test_every_required_key_is_present_and_filled():
    meta = read()
    for key in REQUIRED:
        assert meta.get(key, "").strip(), f"metadata.txt lacks {key}"


def test_values_are_valid():
    meta = read()
    assert meta["qgisMinimumVersion"] == "3.22"
    assert re.fullmatch(r"\d+\.\d+\.\d+", meta["version"])
    assert meta["experimental"] in ("True", "False")
    assert meta["deprecated"] in ("True", "False")
    assert meta["hasProcessingProvider"] in ("yes", "no")
    assert "@" in meta["email"]
    for key in ("repository", "tracker", "homepage"):
        assert meta[key].startswith("https://"), key
    assert (ROOT / meta["icon"]).is_file()
    assert len(meta["about"]) > len(meta["description"])
    assert meta["version"] in meta["changelog"]


def test_plugin_reads_its_version_from_metadata():
    assert about.version() == read()["version"]


def test_readme_names_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
