"""Whose sovereign airspace a point is in."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from airspace._index import inside, parts
from airspace.zones import zones
from geo import check_position

__all__ = ["state_at"]


def state_at(*, lat: Any, lon: Any) -> str | None:
    """The code of the state whose sovereign airspace contains (lat, lon), or None (international).

    >>> state_at(lat=37.2417, lon=131.8667)  # Liancourt Rocks (Dokdo / Takeshima)
    'KR'
    >>> state_at(lat=40.0, lon=135.0) is None  # Sea of Japan, centre
    True
    """
    point = check_position(lat=lat, lon=lon)
    index = parts()
    candidates = index.tree.query(shapely.points(point.lon, point.lat))
    everything = zones()
    for i in candidates[np.argsort(candidates)]:
        zone = everything[int(index.zone[i])]
        if zone.kind == "sovereign" and inside(index.geometries[i], point.lon, point.lat):
            return zone.state
    return None
