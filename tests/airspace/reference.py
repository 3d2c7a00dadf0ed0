"""Independent references for the airspace tests: raw Natural Earth coastline vertices (a fixture
extracted from world-atlas, see data/coasts.json) and geodesic distances to them (pyproj's Geod,
which is GeographicLib's algorithm)."""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pyproj import Geod
from scipy.spatial import cKDTree
from shapely.geometry import Polygon

FIXTURE = Path(__file__).parent / "data" / "coasts.json"
GEOD = Geod(ellps="WGS84")
TERRITORIAL_KM = 22.224
STRAIT_KM = 5.556
Array = NDArray[np.float64]


@cache
def fixture() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text())
    return data


def strait_areas(state: str) -> list[Polygon]:
    """The approximate 3 NM strait areas that apply to a state's sea."""
    return [Polygon(s["ring"]) for s in fixture()["straits"].values() if state in s["states"]]


def in_window(lon: Array, lat: Array, bbox: list[float], margin_km: float = 0.0) -> NDArray:
    """Points inside (west, south, east, north), shrunk by margin_km; west > east wraps over 180."""
    west, south, east, north = bbox
    dlat = margin_km / 111.0
    dlon = margin_km / (111.0 * math.cos(math.radians(max(abs(south), abs(north)))))
    offset = np.mod(lon - west, 360.0)
    width = np.mod(east - west, 360.0)
    return (
        (offset >= dlon) & (offset <= width - dlon) & (lat >= south + dlat) & (lat <= north - dlat)
    )


def coast(window: str, state: str, step_deg: float = 0.002) -> Array:
    """(lon, lat) along the state's coast in a window, every step_deg at most (straight in
    lon/lat between published vertices, as the land polygons are read)."""
    points = []
    for chain in fixture()["windows"][window]["coasts"][state]:
        xy = np.asarray(chain)
        lon = np.unwrap(xy[:, 0], period=360.0)
        for (x0, y0), (x1, y1) in zip(
            np.column_stack([lon, xy[:, 1]])[:-1], np.column_stack([lon, xy[:, 1]])[1:], strict=True
        ):
            n = max(1, math.ceil(max(abs(x1 - x0), abs(y1 - y0)) / step_deg))
            f = np.arange(n) / n
            points.append(np.column_stack([x0 + f * (x1 - x0), y0 + f * (y1 - y0)]))
        points.append(np.column_stack([lon[-1:], xy[-1:, 1]]))
    out = np.concatenate(points)
    out[:, 0] = np.mod(out[:, 0] + 180.0, 360.0) - 180.0
    return out


def unit_vectors(lon: Array, lat: Array) -> Array:
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def distance_to_coast_km(lon: Array, lat: Array, coast_xy: Array, k: int = 8) -> Array:
    """Geodesic distance (km) from each point to the nearest coast point (k nearest on a sphere,
    then the least WGS84 distance among them)."""
    tree = cKDTree(unit_vectors(coast_xy[:, 0], coast_xy[:, 1]))
    _, index = tree.query(unit_vectors(lon, lat), k=k)
    target = coast_xy[index.ravel()]
    _, _, dist = GEOD.inv(np.repeat(lon, k), np.repeat(lat, k), target[:, 0], target[:, 1])
    return np.asarray(dist).reshape(-1, k).min(axis=1) / 1000.0
