"""RFC 7946 GeoJSON: features, feature collections and an atomic file writer."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from formats.files import atomic_write_bytes

__all__ = [
    "COORDINATE_DECIMALS",
    "feature",
    "feature_collection",
    "geojson_bytes",
    "write_geojson",
]

#: 1e-6 degree is about 0.1 m: finer than any figure rangemap reports.
COORDINATE_DECIMALS = 6


def _rounded(coordinates: Any) -> Any:
    if isinstance(coordinates, (int, float)):
        return round(float(coordinates), COORDINATE_DECIMALS) + 0.0
    return [_rounded(item) for item in coordinates]


def feature(geometry: BaseGeometry, properties: Mapping[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature of a lon/lat geometry, coordinates rounded to 1e-6 degree; an area is
    snapped to that grid by GEOS, so that rounding leaves it valid (no edge crosses another),
    then wound as RFC 7946 asks (exteriors counter-clockwise, holes clockwise), which GEOS's
    snapping does not keep."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        # Subnormal coordinates (5e-324) make GEOS's snapping divide by zero: flush them first.
        flushed = shapely.transform(geometry, lambda xy: np.round(xy, 2 * COORDINATE_DECIMALS))
        snapped = shapely.set_precision(flushed, 10.0**-COORDINATE_DECIMALS)
        geometry = shapely.orient_polygons(snapped, exterior_cw=False)
    shape = mapping(geometry)
    return {
        "type": "Feature",
        "geometry": {"type": shape["type"], "coordinates": _rounded(shape["coordinates"])},
        "properties": dict(properties),
    }


def feature_collection(features: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of `features`."""
    return {"type": "FeatureCollection", "features": list(features)}


def geojson_bytes(features: Iterable[Mapping[str, Any]]) -> bytes:
    """A FeatureCollection of `features` as UTF-8 JSON (RFC 8259: no NaN or Infinity)."""
    text = json.dumps(feature_collection(features), allow_nan=False, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def write_geojson(path: str | os.PathLike[str], features: Iterable[Mapping[str, Any]]) -> Path:
    """Write a FeatureCollection to `path` atomically: the file is whole or not there at all."""
    return atomic_write_bytes(path, geojson_bytes(features))
