"""`rangemap demo`: the bundled mission's results, written into the folder given."""

from __future__ import annotations

from pathlib import Path

import geopandas

from tests.cli.conftest import Run


def test_demo_writes_rings_and_the_japan_patrol(rangemap: Run, tmp_path: Path) -> None:
    result = rangemap("demo", "--out", "results")
    assert result.returncode == 0, result.stderr
    written = sorted(path.name for path in (tmp_path / "results").iterdir())
    stems = ["plan-h-6k-round-japan", "rings-h-6k-neixiang", "rings-tu-95ms-uhbu"]
    assert written == sorted(f"{stem}{suffix}" for stem in stems for suffix in (".geojson", ".html", ".png"))
    rings = geopandas.read_file(tmp_path / "results" / "rings-tu-95ms-uhbu.geojson")
    assert rings[rings["kind"] == "ring"]["radius_km"].tolist() == [10300.0, 5150.0]
    assert "refuelling stops: UHWW (Vladivostok Knevichi)" in result.stdout
    assert "PAED    neixiang" in result.stdout
