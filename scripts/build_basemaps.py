"""Build basemaps/data from world-atlas's TopoJSON: land and country borders, cut at +/-180.

world-atlas rings are spherical, as d3 draws them: they cross 180 freely and wind either way. Here
they are cut at the antimeridian (polar ones closed along their pole) with the antimeridian package,
once, so that maps load plain planar geometry. Which side of a ring is the land, and which pole
closes a polar ring, the data does not say reliably (Antarctica would be closed at the North
Pole); every land part is smaller than half the map, so the first reading smaller than that (or
else the smallest) is right. Coordinates are rounded to 1e-4 degree (11 m, far below the
1:50 million scale's own detail) so the files compress well.

Usage: python scripts/build_basemaps.py FOLDER_WITH_WORLD_ATLAS_JSON
"""

from __future__ import annotations

import lzma
import sys
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

DATA = Path(__file__).resolve().parents[1] / "basemaps" / "data"
_HALF_MAP_SQ_DEG = 360.0 * 180.0 / 2.0
_READINGS: tuple[dict[str, bool], ...] = (
    {"fix_winding": True},
    {"fix_winding": False},
    {"fix_winding": True, "force_south_pole": True},
    {"fix_winding": True, "force_north_pole": True},
)
_DECIMALS = 4


def planar(geometry: BaseGeometry) -> BaseGeometry:
    """A world-atlas (multi)polygon cut at 180, each part read the way that makes it land."""
    import antimeridian

    parts = []
    for polygon in shapely.get_parts(geometry):
        if polygon.is_empty or polygon.area == 0.0:  # a few published parts are single points
            continue
        if not crosses_antimeridian(polygon):
            parts.append(shapely.make_valid(polygon))
            continue
        readings = []
        for options in _READINGS:
            try:
                fixed = shapely.make_valid(shape(antimeridian.fix_polygon(polygon, **options)))
            except (AssertionError, ValueError):  # it refuses some readings of rings with holes
                continue
            readings.append(fixed)
            if fixed.area < _HALF_MAP_SQ_DEG:
                break
        parts.append(min(readings, key=lambda reading: reading.area))
    return shapely.union_all(parts)


def crosses_antimeridian(polygon: BaseGeometry) -> bool:
    """Whether a ring jumps across +/-180 between two vertices (a spherical edge across it)."""
    rings = [polygon.exterior, *polygon.interiors]
    return any(np.abs(np.diff(np.asarray(ring.coords)[:, 0])).max() > 180.0 for ring in rings)


def read(folder: Path, name: str) -> list[BaseGeometry]:
    import geopandas

    frame = geopandas.read_file(folder / f"{name}.json", layer=name.split("-")[0], engine="pyogrio")
    return [planar(geometry) for geometry in frame.geometry if geometry is not None]


def write(geometry: BaseGeometry, name: str) -> None:
    rounded = shapely.make_valid(shapely.transform(geometry, lambda xy: np.round(xy, _DECIMALS)))
    (DATA / f"{name}.wkb.xz").write_bytes(
        lzma.compress(shapely.to_wkb(rounded, output_dimension=2))
    )


def main(folder: Path) -> None:
    for scale in ("110m", "50m"):
        write(shapely.union_all(read(folder, f"land-{scale}")), f"land-{scale}")
        countries = [
            country for country in read(folder, f"countries-{scale}") if not country.is_empty
        ]
        write(shapely.union_all([country.boundary for country in countries]), f"borders-{scale}")
    print(f"wrote {', '.join(sorted(p.name for p in DATA.glob('*.wkb.xz')))}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
