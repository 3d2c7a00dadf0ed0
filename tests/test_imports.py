"""Dependency direction: each package imported alone pulls in only what DESIGN.md allows."""

from __future__ import annotations

import subprocess
import sys

import pytest

RENDERING = {"folium", "matplotlib", "branca"}
HEAVY = RENDERING | {"geopandas", "pandas"}


def imported_by(package: str) -> set[str]:
    code = (
        f"import sys, {package}; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_geo_uses_only_shapely_pyproj_and_numpy() -> None:
    modules = imported_by("geo")
    assert {"shapely", "pyproj", "numpy"} <= modules
    assert not modules & (HEAVY | {"routes", "basemaps", "rangemap"})


@pytest.mark.parametrize(
    "package",
    [
        "routes",
        "formats.scenario.file",
        "routes.planning.policy",
        "basemaps",
        "rangemap",
        "rangemap.cli",
    ],
)
def test_packages_import_no_rendering_or_dataframes_up_front(package: str) -> None:
    assert not imported_by(package) & (HEAVY | {"scipy", "playwright"})


def test_routes_never_imports_rendering_even_when_used() -> None:
    code = (
        "import sys; from formats.scenario.file import load_scenario; "
        "from routes.scenario.flights import run_scenario; "
        "run_scenario(load_scenario('japan-patrol')); "
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert not set(result.stdout.split()) & RENDERING
