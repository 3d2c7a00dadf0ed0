"""GeoPackage for QGIS and geopandas: a layer per kind of feature, EPSG:4326, written by GDAL
(through pyogrio) to a private temporary folder and returned as bytes, so that the caller writes
every output file all or none.

Geometries are the GeoJSON features' own, cut at 180 as RFC 7946 has them (what QGIS expects in
EPSG:4326); a layer mixing Polygons and MultiPolygons is promoted to MultiPolygon. Properties are
columns: text, numbers and booleans as such, times (`TIME_COLUMNS`) as DATETIME in UTC, lists and
objects as JSON text, null as NULL.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from shapely.geometry import shape

__all__ = ["LAYERS", "TIME_COLUMNS", "gpkg_bytes"]

#: The layer of each kind of feature, in the order they are written.
LAYERS = {
    "ring": "rings",
    "fan": "fans",
    "radial": "radials",
    "leg": "legs",
    "site": "sites",
    "zone-crossing": "zone_crossings",
    "reach": "reach_bands",
    "launch-zone": "launch_zones",
    "missile": "missiles",
}

#: Properties that hold times (ISO 8601 with an offset, as legs' and zone crossings' have them).
TIME_COLUMNS = frozenset({"departs", "arrives", "time"})


def gpkg_bytes(features: Sequence[Mapping[str, Any]]) -> bytes:
    """The features as a GeoPackage, one layer per kind that has any (with none: an empty
    `sites` layer, a GeoPackage needing at least one)."""
    import pyogrio

    grouped: dict[str, list[Mapping[str, Any]]] = {layer: [] for layer in LAYERS.values()}
    for item in features:
        kind = item["properties"].get("kind")
        if kind not in LAYERS:
            raise ValueError(f"cannot write a feature of kind {kind!r} to a GeoPackage")
        grouped[LAYERS[kind]].append(item)
    with tempfile.TemporaryDirectory(prefix="rangemap-gpkg-") as folder:
        path = Path(folder) / "out.gpkg"
        for layer, items in grouped.items():
            if items:
                pyogrio.write_dataframe(_frame(items), path, layer=layer, driver="GPKG")
        if not path.exists():
            pyogrio.write_dataframe(
                _frame([]), path, layer="sites", driver="GPKG", geometry_type="Point"
            )
        return path.read_bytes()


def _frame(items: Sequence[Mapping[str, Any]]) -> Any:
    """A GeoDataFrame of `items`: a column per property, in order of first appearance."""
    import geopandas

    names = list(dict.fromkeys(key for item in items for key in item["properties"]))
    values = {name: [item["properties"].get(name) for item in items] for name in names}
    columns = {
        name: _time_column(found, name=name) if name in TIME_COLUMNS else _column(found)
        for name, found in values.items()
    }
    geometry = [shape(item["geometry"]) for item in items]
    return geopandas.GeoDataFrame(columns, geometry=geometry, crs="EPSG:4326")


def _time_column(values: list[Any], *, name: str) -> Any:
    """A time property's values as a UTC datetime column (a DATETIME in the GeoPackage), nulls as
    NULL; a value that is not an ISO 8601 time with its UTC offset is refused."""
    import pandas

    moments = [None if value is None else _moment(value, name) for value in values]
    return pandas.to_datetime(pandas.Series(moments, dtype=object), utc=True).array


def _moment(value: Any, name: str) -> datetime:
    """The time a property `name` gives as ISO 8601 text with its offset."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        moment = None
    if moment is None or moment.utcoffset() is None:
        raise ValueError(f"{name} {value!r} is not an ISO 8601 time with its UTC offset")
    return moment


def _column(values: list[Any]) -> Any:
    """One property's values with a column type that keeps nulls as NULL: booleans, integers,
    reals and text as such; lists, objects and mixed values as JSON text."""
    import pandas

    present = [value for value in values if value is not None]
    if present and all(isinstance(value, bool) for value in present):
        return pandas.array(values, dtype="boolean")
    if present and all(type(value) is int for value in present):
        return pandas.array(values, dtype="Int64")
    if present and all(type(value) in (int, float) for value in present):
        return pandas.array(values, dtype="Float64")
    return pandas.array(
        [
            value
            if value is None or isinstance(value, str)
            else json.dumps(value, ensure_ascii=False)
            for value in values
        ],
        dtype=object,
    )
