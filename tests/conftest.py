from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def english_messages():
    """Tests read core messages in English unless they ask for Chinese."""
    from farmland_guard.core import language

    language.set_language("en")
    yield
    language.set_language("en")


@pytest.fixture()
def store(demo_data, tmp_path):
    """A work store holding the demo batch, fresh for each test."""
    from farmland_guard.store import importer

    out, manifest = demo_data
    path = tmp_path / "s.gpkg"
    importer.run(out / manifest["patch_zip"], path)
    return path


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory):
    """A small demo batch from the real generator, imagery included: shared by the tests."""
    from bench.datagen import generate

    out = tmp_path_factory.mktemp("demo")
    manifest = generate(out, patches=120, landuse=4000, seed=7, imagery=True)
    return out, manifest
