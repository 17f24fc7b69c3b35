"""QGIS opens the server's ``/ogc`` with its own OAPIF provider, as a user would (Layer ▸ Add
WFS / OGC API Features), with basic credentials: only the patches of the user's region."""

from __future__ import annotations

import pytest
from qgis.core import QgsFeatureRequest, QgsRectangle, QgsVectorLayer

from tests.server.regions import COUNTIES, PATCHES, USERS, batch_file, jcbh
from tests.server.servers import PASSWORD, Server, cli


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("ogc-server")
    db = f"sqlite:///{data}/fg.db"
    cli(db, "migrate", data=data)
    for name, (role, region) in USERS.items():
        cli(db, "user", "add", name, "--role", role, "--region", region, "--password-stdin",
            stdin=PASSWORD + "\n", data=data)
    for county in COUNTIES:
        cli(db, "batch", "load", str(batch_file(data, county)), "--region", county, data=data)
    running = Server(db, data)
    yield running
    running.stop()


def oapif(server, user: str, password: str = PASSWORD, typename: str = "patches"):
    uri = (f"url='{server.url}/ogc' typename='{typename}' username='{user}' "
           f"password='{password}'")
    return QgsVectorLayer(uri, typename, "OAPIF")


@pytest.mark.parametrize("user, counties", [("prov_rev", ["410724", "410725"]),
                                            ("tech_a", ["410724"])])
def test_qgis_reads_the_patches_of_the_users_region(server, user, counties):
    layer = oapif(server, user)
    assert layer.isValid(), layer.dataProvider().error().message()
    names = layer.fields().names()
    for field in ("JCBH", "XZQDM", "XMC", "TBLX", "QSX", "MJ", "TBMJ_MU", "HCZT", "PDLX"):
        assert field in names
    features = list(layer.getFeatures())
    assert len(features) == PATCHES * len(counties)
    assert layer.featureCount() == PATCHES * len(counties)
    assert sorted(f["JCBH"] for f in features) == sorted(
        jcbh(c, n) for c in counties for n in range(1, PATCHES + 1))
    assert {f["XMC"] for f in features} == {"测试县·图斑"}
    assert all(f.geometry().type() == 2 and not f.geometry().isEmpty() for f in features)
    point = features[0].geometry().boundingBox().center()
    assert 113 < point.x() < 115 and 35 < point.y() < 39  # lon, lat: the GIS order


def test_qgis_asks_for_the_patches_in_view(server):
    layer = oapif(server, "prov_rev")
    lon, lat = COUNTIES["410724"]
    view = QgsRectangle(lon - 0.001, lat - 0.001, lon + 0.0041, lat + 0.0041)
    found = {f["JCBH"] for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(view))}
    assert found == {jcbh("410724", n) for n in (1, 4, 5)}


def test_qgis_refuses_a_wrong_password(server):
    layer = oapif(server, "tech_a", "not-the-password")
    assert not layer.isValid()
