"""Reading the prebuilt package data (airspace/data, made by scripts/rebuild_airspace.py)."""

from __future__ import annotations

import io
import json
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon

__all__ = ["adiz_features", "sovereign_geometries", "sovereign_metadata"]

#: Coordinates are stored as integers in units of 1e-7 degree (1.1 cm).
_QUANTUM_DEG = 1e-7


def _read_bytes(name: str) -> bytes:
    return resources.files("airspace").joinpath("data", name).read_bytes()


@cache
def sovereign_metadata() -> dict[str, Any]:
    """Source, method, measured bounds and state names of the sovereign airspace data."""
    meta: dict[str, Any] = json.loads(_read_bytes("sovereign.json"))
    return meta


@cache
def sovereign_geometries() -> dict[str, MultiPolygon]:
    """Sovereign airspace per state code, as shapely MultiPolygons in lon/lat (read once).

    Each ring's first vertex is stored absolute and the others as differences: a running sum per
    ring restores them.
    """

    with np.load(io.BytesIO(_read_bytes("sovereign.npz"))) as data:
        codes = [str(code) for code in data["codes"]]
        steps = data["steps"].astype(np.int64)
        ring_offsets = data["ring_offsets"].astype(np.int64)
        polygon_offsets = data["polygon_offsets"].astype(np.int64)
        zone_offsets = data["zone_offsets"].astype(np.int64)
    total = np.cumsum(steps, axis=0)
    starts = ring_offsets[:-1]
    before = np.vstack([np.zeros((1, 2), dtype=np.int64), total])[starts]
    coords = (total - np.repeat(before, np.diff(ring_offsets), axis=0)) * _QUANTUM_DEG
    geometries = shapely.from_ragged_array(
        shapely.GeometryType.MULTIPOLYGON,
        coords,
        (ring_offsets, polygon_offsets, zone_offsets),
    )
    return dict(zip(codes, geometries, strict=True))


@cache
def adiz_features() -> tuple[dict[str, Any], ...]:
    """The ADIZ features (GeoJSON dicts) with their provenance."""
    collection = json.loads(_read_bytes("adiz.geojson"))
    return tuple(collection["features"])
