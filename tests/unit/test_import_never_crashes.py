"""Issue 13: inputs that crashed the import CLI, or were refused whole for one bad record, now
import or are refused with a message that says what is wrong where; nothing half-written is
left and an existing store is never changed by a refused import."""

import csv
import hashlib
import json
import shutil
import sqlite3

import pytest

from farmland_guard.store.__main__ import main
from tests.bad_batches import CASES, ten_patches

TABLE: dict[str, str] = {}


@pytest.fixture(scope="module")
def patches(demo_data):
    return ten_patches(*demo_data)


@pytest.fixture(scope="module")
def existing(patches, tmp_path_factory):
    """A work store made from the same patches, to import the bad inputs into."""
    from tests.bad_batches import shapefile

    folder = tmp_path_factory.mktemp("existing")
    store = folder / "existing.gpkg"
    assert main(["import", str(shapefile(patches, folder / "good")), str(store)]) == 0
    return store


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(source, store, capsys):
    code = main(["import", str(source), str(store)])
    out, err = capsys.readouterr()
    return code, out, err


def report_lines(store):
    report = next(store.parent.glob(f"{store.stem}_导入报告_*.csv"))
    with open(report, encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))[1:]
    return [f"#{r[0]} {r[4]}: {r[5]}" for r in rows]


def expected_refusal(name):
    if name == "Deflate64 zip":
        try:
            import inflate64  # noqa: F401
        except ImportError:
            return CASES[name][1]
        return "ok"
    return CASES[name][1]


@pytest.mark.parametrize("name", list(CASES))
def test_never_a_crash(name, patches, existing, tmp_path, capsys):
    builder, _, told = CASES[name]
    source = builder(patches, tmp_path / "in")
    store = tmp_path / "out" / "s.gpkg"
    code, out, err = cli(source, store, capsys)
    assert "Traceback" not in out + err and code in (0, 2), err
    refusal = expected_refusal(name)
    if refusal != "ok":
        assert code == 2 and refusal in err, err
        assert not store.parent.exists() or not any(store.parent.iterdir()), "nothing half-written"
        copy = tmp_path / "copy" / "existing.gpkg"
        copy.parent.mkdir()
        shutil.copyfile(existing, copy)
        before = digest(copy)
        code, _, again = cli(source, copy, capsys)
        assert code == 2 and again == err
        assert digest(copy) == before and sorted(p.name for p in copy.parent.iterdir()) == [
            copy.name], "an existing store is unchanged"
        TABLE[name] = err.strip().removeprefix("error: ")
        return
    assert code == 0, err
    lines = report_lines(store) + [n.removeprefix("note: ") for n in out.splitlines()[1:]]
    assert told in "\n".join(lines), lines
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        imported = conn.execute("SELECT COUNT(*) FROM patches").fetchone()[0]
    assert imported == 10 - sum(" rejected: " in line for line in lines)
    TABLE[name] = next((line for line in lines if told and told in line), "imported")


def test_the_18_digit_ids_keep_every_digit(patches, tmp_path, capsys):
    builder = CASES["18-digit id in a float field named 标识码"][0]
    code, _, err = cli(builder(patches, tmp_path / "in"), tmp_path / "s.gpkg", capsys)
    assert code == 0, err
    with sqlite3.connect(tmp_path / "s.gpkg") as conn:
        ids = [r[0] for r in conn.execute('SELECT "标识码" FROM patches ORDER BY fid')]
    assert ids == [None] + [str(130403000026210183 + i) for i in range(1, 10)]


def test_a_long_member_name_is_named_as_in_the_zip(patches, tmp_path):
    from farmland_guard.core import delivery

    builder = CASES["member name too long"][0]
    found = delivery.inspect(builder(patches, tmp_path / "in"), tmp_path / "work")
    assert found.layer.label.endswith("变化图斑.shp") and len(found.layer.label.encode()) > 300


def deflate64_zip(files, target):
    """A zip whose members are truly Deflate64-compressed, written field by field."""
    import struct
    import zlib

    import inflate64

    local, central = b"", b""
    for f in files:
        data, name = f.read_bytes(), f.name.encode()
        deflater = inflate64.Deflater()
        packed = deflater.deflate(data) + deflater.flush()
        sizes = struct.pack("<III", zlib.crc32(data), len(packed), len(data))
        central += (struct.pack("<IHHHHHH", 0x02014B50, 20, 21, 0x800, 9, 0, 0) + sizes
                    + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, len(local)) + name)
        local += struct.pack("<IHHHHH", 0x04034B50, 21, 0x800, 9, 0, 0) + sizes + struct.pack(
            "<HH", len(name), 0) + name + packed
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(files), len(files), len(central),
                      len(local), 0)
    target.write_bytes(local + central + end)
    return target


def test_deflate64_is_read_with_inflate64(patches, tmp_path, capsys):
    pytest.importorskip("inflate64")
    from tests.bad_batches import parts, shapefile

    source = deflate64_zip(parts(shapefile(patches, tmp_path / "src")), tmp_path / "d64.zip")
    code, out, err = cli(source, tmp_path / "s.gpkg", capsys)
    assert code == 0 and "10 imported" in out, err


def test_deflate64_without_inflate64_says_to_repack(patches, tmp_path, capsys, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "inflate64", None)  # import fails as if not installed
    builder = CASES["Deflate64 zip"][0]
    code, _, err = cli(builder(patches, tmp_path / "in"), tmp_path / "s.gpkg", capsys)
    assert code == 2 and "re-pack it with ordinary compression" in err, err


def test_zz_write_the_table():
    """Leaves the table for the closing note (var/reports/never_crashes.json)."""
    from tests.conftest import ROOT

    target = ROOT / "var" / "reports"
    target.mkdir(parents=True, exist_ok=True)
    (target / "never_crashes.json").write_text(json.dumps(TABLE, ensure_ascii=False, indent=1),
                                               encoding="utf-8")
    assert len(TABLE) == len(CASES)
