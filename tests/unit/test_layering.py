"""Arrows point one way (DESIGN.md §5): core, store and sync import neither qgis nor Qt, no
module imports itself back through others (the server's modules included), only gui touches
iface, the GUI asks the store (never its tables) for what it shows, and the server imports
nothing of the plugin but core, which never imports it back."""

import ast
import re

from tests.conftest import ROOT

PACKAGE = ROOT / "farmland_guard"
SERVER = ROOT / "server" / "farmland_guard_server"
ROOTS = {"farmland_guard": PACKAGE, "farmland_guard_server": SERVER}
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
QT_FREE = ("core", "store", "sync")  # shared with the server and the sync client
# An SQL statement in a string: SELECT … FROM, INSERT INTO, UPDATE … SET, DELETE FROM, its
# keywords in capitals as the plugin writes SQL (so English prose does not match).
SQL = re.compile(r"\b(SELECT\b.+?\bFROM|INSERT\s+(OR\s+[A-Z]+\s+)?INTO|UPDATE\s+\S+\s+SET|"
                 r"DELETE\s+FROM)\b", re.DOTALL)


def modules(package=PACKAGE):
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        yield path, rel.parts[0] if len(rel.parts) > 1 else None, ast.parse(path.read_text("utf-8"))


def server_modules():
    """The server's modules, its migrations included."""
    for path, _, tree in modules(SERVER):
        yield path, tree


def top_and_root(path):
    for top, root in ROOTS.items():
        if path.is_relative_to(root):
            return top, root
    raise AssertionError(f"{path} lies in neither the plugin nor the server")


def imports(tree, path):
    """Absolute names of everything a module imports (relative imports resolved)."""
    top, root = top_and_root(path)
    package = [top, *path.relative_to(root).parent.parts]
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


def module_name(path) -> str:
    top, root = top_and_root(path)
    parts = [top, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_core_store_and_sync_import_neither_qgis_nor_qt():
    checked = set()
    for path, sub, tree in modules():
        if sub in QT_FREE:
            checked.add(sub)
            bad = [n for n in imports(tree, path) if n.split(".")[0] in QT_OR_QGIS]
            assert not bad, f"{path} imports {bad}"
    assert {"core", "store"} <= checked


def import_graph() -> dict[str, set[str]]:
    """Module -> the plugin's and the server's modules it imports, wherever in it (inside
    functions too: a circle deferred to call time is a circle all the same)."""
    trees = {module_name(path): (path, tree) for path, _, tree in modules()}
    trees |= {module_name(path): (path, tree) for path, tree in server_modules()}
    graph = {}
    for name, (path, tree) in trees.items():
        found = set()
        for imported in imports(tree, path):
            parts = imported.split(".")
            while parts and ".".join(parts) not in trees:  # ``from . import x``: x, else the package
                parts.pop()
            if parts and ".".join(parts) != name:
                found.add(".".join(parts))
        graph[name] = found
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.append(other)
                if other == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_between_the_plugins_modules():
    graph = import_graph()
    assert circles(graph) == []
    # imports inside functions count (the workbench opens the store's modules when it needs them)
    assert "farmland_guard.store.results" in graph["farmland_guard.gui.workbench"]
    # the server's modules are in the graph, with their arrows into core
    assert "farmland_guard_server.loading" in graph["farmland_guard_server.cli"]
    assert any(m.startswith("farmland_guard.core") for m in graph["farmland_guard_server.loading"])


def test_no_import_circle_between_the_plugins_packages():
    packages = {}
    for name, imported in import_graph().items():
        package = ".".join(name.split(".")[:2])
        packages.setdefault(package, set()).update(
            ".".join(i.split(".")[:2]) for i in imported if ".".join(i.split(".")[:2]) != package)
    assert circles(packages) == []


def test_the_circle_finder_finds_one():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_gui_holds_no_sql():
    """What the GUI shows comes from store methods: a migration cannot break it unseen."""
    for path, sub, tree in modules():
        if sub != "gui":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not SQL.search(node.value), f"{path}:{node.lineno} holds SQL: {node.value!r}"


def test_the_sql_finder_finds_statements():
    for statement in ("SELECT a FROM t", "SELECT COUNT(*)\n FROM t", "INSERT OR IGNORE INTO t",
                      "UPDATE patches SET x = 1", "DELETE FROM t"):
        assert SQL.search(statement), statement
    for text in ("Select the patches from the map", "Update the layer", "Delete from the list"):
        assert not SQL.search(text), text


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


def test_the_server_imports_nothing_of_the_plugin_but_core():
    """``farmland_guard_server`` shares the domain (core) and nothing else: no store, gui,
    processing or sync, and neither qgis nor Qt (it runs where QGIS is not installed)."""
    checked = 0
    for path, tree in server_modules():
        checked += 1
        for name in imports(tree, path):
            parts = name.split(".")
            assert parts[0] not in QT_OR_QGIS, f"{path} imports {name}"
            if parts[0] == "farmland_guard":
                assert parts[1:2] == ["core"], f"{path} imports {name}: the server takes core only"
    assert checked >= 10


def test_the_plugins_shared_packages_never_import_the_server():
    for path, sub, tree in modules():
        if sub in QT_FREE:
            bad = [n for n in imports(tree, path) if n.split(".")[0] == "farmland_guard_server"]
            assert not bad, f"{path} ({sub}) imports {bad}"
