"""Natural Earth land and country borders, prebuilt as planar geometry behind one cached loader.

scripts/build_basemaps.py cuts world-atlas's spherical rings at the antimeridian once, so loading is
reading: no geopandas, no cutting at run time.
"""

from __future__ import annotations

import lzma
from functools import cache
from importlib import resources
from typing import Literal

import shapely
from shapely.geometry.base import BaseGeometry

__all__ = ["Scale", "borders", "land"]

Scale = Literal["110m", "50m"]


@cache
def _read(name: str) -> BaseGeometry:
    data = resources.files("basemaps").joinpath("data", f"{name}.wkb.xz").read_bytes()
    geometry: BaseGeometry = shapely.from_wkb(lzma.decompress(data))
    return geometry


def land(scale: Scale = "110m") -> BaseGeometry:
    """All land in lon/lat (a MultiPolygon cut at +/-180), read once."""
    return _read(f"land-{scale}")


def borders(scale: Scale = "110m") -> BaseGeometry:
    """Every country's outline in lon/lat (lines, cut at +/-180), read once."""
    return _read(f"borders-{scale}")
