"""The demo project as ``make demo`` builds it (dev/demo_project.py), read back: its ledger tables
in a 台账 group, named for the 台账 dock to pick, with the work store for the illegal occupations."""

import shutil

from qgis.core import QgsProject


def test_the_demo_project_holds_the_ledger_tables(demo_data, tmp_path):
    from dev import demo_ledgers, demo_project
    from farmland_guard.gui.ledger_dock import PICKED_ENTRY, SCOPE

    out, _ = demo_data
    demo = tmp_path / "demo"
    shutil.copytree(out, demo)  # the project, its store and tables are written beside the data
    project = QgsProject.instance()
    try:
        target = demo_project.build(demo)
        project.clear()
        assert project.read(str(target))
        group = project.layerTreeRoot().findGroup("台账")
        layers = [node.layer() for node in group.findLayers()]
        assert [layer.name() for layer in layers] == [
            title for _, title in demo_ledgers.TABLES.values()]
        assert all(layer.isValid() for layer in layers)
        assert [layer.featureCount() for layer in layers] == [40, 30, 10, 2]
        picked = [project.readEntry(SCOPE, PICKED_ENTRY.format(kind=kind))[0]
                  for kind in (*demo_ledgers.TABLES, "illegal")]
        assert picked == [*(layer.id() for layer in layers), "store"]
        again = tmp_path / "again"  # the same seed, the same tables
        assert demo_ledgers.write(again)["reserve"].read_bytes() == (
            demo / demo_ledgers.FOLDER / demo_ledgers.TABLES["reserve"][0]).read_bytes()
    finally:
        project.clear()
