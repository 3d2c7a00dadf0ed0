"""RFC 7946 GeoJSON: features, feature collections and an atomic file writer."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

__all__ = [
    "COORDINATE_DECIMALS",
    "atomic_write_text",
    "feature",
    "feature_collection",
    "write_geojson",
]

#: 1e-6 degree is about 0.1 m: finer than any figure rangemap reports.
COORDINATE_DECIMALS = 6


def _rounded(coordinates: Any) -> Any:
    if isinstance(coordinates, (int, float)):
        return round(float(coordinates), COORDINATE_DECIMALS) + 0.0
    return [_rounded(item) for item in coordinates]


def feature(geometry: BaseGeometry, properties: Mapping[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature of a lon/lat geometry, coordinates rounded to 1e-6 degree."""
    shape = mapping(geometry)
    return {
        "type": "Feature",
        "geometry": {"type": shape["type"], "coordinates": _rounded(shape["coordinates"])},
        "properties": dict(properties),
    }


def feature_collection(features: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of `features`."""
    return {"type": "FeatureCollection", "features": list(features)}


def write_geojson(path: str | os.PathLike[str], features: Iterable[Mapping[str, Any]]) -> Path:
    """Write a FeatureCollection to `path` atomically: the file is whole or not there at all."""
    text = json.dumps(feature_collection(features), allow_nan=False, ensure_ascii=False)
    return atomic_write_text(path, text + "\n")


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write `text` (UTF-8) to a temporary file beside `path`, then rename it over `path`."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`, then rename it over `path`: a failed
    write leaves no file, or the previous one."""
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        with temporary.open("xb") as stream:
            stream.write(data)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target
