"""The zip holds one top folder farmland_guard/ with what QGIS needs, and nothing else."""

import zipfile

import pytest

from dev import package
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("package")
    return package.zip_folder(package.assemble(tmp / "build"), tmp / "dist")


def test_name_carries_the_metadata_version(archive):
    assert archive.name == f"farmland_guard-{package.version()}.zip"


def test_contents(archive):
    names = zipfile.ZipFile(archive).namelist()
    assert all(n.startswith("farmland_guard/") for n in names)
    for required in ("farmland_guard/__init__.py", "farmland_guard/metadata.txt",
                     "farmland_guard/LICENSE", "farmland_guard/resources/icons/farmland_guard.svg",
                     "farmland_guard/resources/styles/patches.qml",
                     "farmland_guard/i18n/farmland_guard_zh_CN.qm",
                     "farmland_guard/core/data/codelists.toml",
                     "farmland_guard/gui/patch_dock.py",
                     "farmland_guard/processing/provider.py"):
        assert required in names, required
    for name in names:
        assert "__pycache__" not in name and not name.endswith((".pyc", ".ts"))
        assert "/tests/" not in name and "/bench/" not in name and "/dev/" not in name
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "farmland_guard").rglob("*.py")}
    assert {n for n in names if n.endswith(".py")} == sources


def test_metadata_in_the_zip_is_the_repository_one(archive):
    inside = zipfile.ZipFile(archive).read("farmland_guard/metadata.txt")
    assert inside == (ROOT / "metadata.txt").read_bytes()


def test_packaged_plugin_finds_its_assets(archive, tmp_path):
    zipfile.ZipFile(archive).extractall(tmp_path)
    import subprocess
    import sys

    probe = ("from farmland_guard.paths import asset, PACKAGE_DIR; "
             "print(asset('metadata.txt').parent == PACKAGE_DIR, "
             "asset('i18n', 'farmland_guard_zh_CN.qm').is_file())")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["True", "True"]
