"""``Client.package``: a batch's GeoPackage streamed to a file whole or not at all; another
county's batch is refused with the server's problem; a cancel leaves no file behind."""

import pytest

from farmland_guard.core.errors import Cancelled
from farmland_guard.store import importer
from farmland_guard.sync.client import Client
from farmland_guard.sync.errors import Refused

from .servers import PASSWORD


def _client(server, user):
    client = Client(server.url, language="en")
    client.sign_in(user, PASSWORD)
    return client


def test_a_package_is_written_whole_or_not_at_all(server, tmp_path):
    me = _client(server, "tech_b")
    [batch] = me.batches()
    with pytest.raises(Cancelled):
        me.package(batch["id"], tmp_path / "b.gpkg", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []
    seen = []
    path = me.package(batch["id"], tmp_path / "b.gpkg", progress=seen.append)
    assert path == tmp_path / "b.gpkg" and [p.name for p in tmp_path.iterdir()] == ["b.gpkg"]
    assert seen and seen == sorted(seen) and seen[-1] <= 99.0
    done = importer.run(path, tmp_path / "store.gpkg")
    assert (done.imported, done.rejected) == (batch["patches"], 0)
    with pytest.raises(Refused) as refused:
        _client(server, "tech_a").package(batch["id"], tmp_path / "other.gpkg")
    assert refused.value.status == 404 and not (tmp_path / "other.gpkg").exists()
