"""airspace pulls in geo, shapely, pyproj and numpy only, even when used; nothing at import time."""

from __future__ import annotations

from tests.imported import HEAVY, modules_after

#: The packages to airspace's right, and every heavy library.
FORBIDDEN = HEAVY | {"routes", "formats", "basemaps", "rangemap"}


def test_import_reads_no_data_and_pulls_in_only_geometry() -> None:
    modules = modules_after("import airspace; from airspace import _data, _index")
    assert {"shapely", "numpy", "geo"} <= modules
    assert modules & FORBIDDEN == set()
    loaded = modules_after(
        "import airspace._data as d; import airspace; "
        "assert d.sovereign_geometries.cache_info().currsize == 0"
    )
    assert "airspace" in loaded


def test_use_pulls_in_only_geometry() -> None:
    modules = modules_after(
        "import airspace; airspace.state_at(lat=37.2, lon=131.9); "
        "airspace.crossings([(43.1, 131.9), (34.0, 129.5)])"
    )
    assert modules & FORBIDDEN == set()
