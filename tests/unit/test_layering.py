"""Arrows point one way (DESIGN.md §5): core imports neither qgis nor Qt; only gui touches iface."""

import ast

from tests.conftest import ROOT

PACKAGE = ROOT / "farmland_guard"
SUBPACKAGES = {"core", "store", "sync", "gui", "processing"}
# Which sibling subpackages each one may import.
ALLOWED = {
    "core": set(),
    "store": {"core"},
    "sync": {"core"},
    "processing": {"store", "core"},
    "gui": {"store", "sync", "core", "processing"},
}
QT_OR_QGIS = ("qgis", "PyQt5", "PyQt6", "PySide2", "PySide6", "sip")


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        yield path, rel.parts[0] if len(rel.parts) > 1 else None, ast.parse(path.read_text("utf-8"))


def imports(tree, path):
    """Absolute names of everything a module imports (relative imports resolved)."""
    package = ["farmland_guard", *path.relative_to(PACKAGE).parent.parts]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join(base + ([node.module] if node.module else []))
            if node.module is None:
                yield from (f"{name}.{alias.name}" for alias in node.names)
            else:
                yield name


def test_core_imports_neither_qgis_nor_qt():
    for path, sub, tree in modules():
        if sub == "core":
            bad = [n for n in imports(tree, path) if n.split(".")[0] in QT_OR_QGIS]
            assert not bad, f"{path} imports {bad}"


def test_core_imports_only_core_of_the_plugin():
    for path, sub, tree in modules():
        if sub == "core":
            bad = [n for n in imports(tree, path)
                   if n.startswith("farmland_guard.") and not n.startswith("farmland_guard.core")]
            assert not bad, f"{path} imports {bad}"


def test_arrows_point_one_way():
    for path, sub, tree in modules():
        for name in imports(tree, path):
            parts = name.split(".")
            if parts[0] != "farmland_guard" or len(parts) < 2:
                continue
            target = parts[1]
            if sub is None:  # top-level helpers reach no subpackage but core
                assert target not in SUBPACKAGES - {"core"} or path.name == "__init__.py", \
                    f"{path}: {name}"
            elif target in SUBPACKAGES and target != sub:
                assert target in ALLOWED[sub], f"{path} ({sub}) imports {name}"


def test_only_gui_touches_iface():
    for path, sub, tree in modules():
        if sub == "gui" or (sub is None and path.name == "__init__.py"):
            continue  # classFactory hands iface straight to the gui
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        names |= {n.arg for n in ast.walk(tree) if isinstance(n, ast.arg)}
        names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        assert "iface" not in names, f"{path} touches iface"
        assert "qgis.utils" not in set(imports(tree, path)), f"{path} imports qgis.utils"


def test_gui_uses_qgis_pyqt_only():
    for path, _, tree in modules():
        bad = [n for n in imports(tree, path) if n.split(".")[0] in ("PyQt5", "PyQt6")]
        assert not bad, f"{path} imports {bad}; use qgis.PyQt"


def test_classfactory_module_imports_nothing_at_load():
    init = ast.parse((PACKAGE / "__init__.py").read_text("utf-8"))
    top_level = [n for n in init.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert not top_level
