"""Reading rangemap's GeoPackage back with geopandas and comparing it with the GeoJSON features."""

from __future__ import annotations

import json
import math
from datetime import datetime
from pathlib import Path
from typing import Any

import geopandas
import numpy as np
import pandas
import pyogrio
import shapely
from shapely.geometry import shape

from formats.gpkg import LAYERS, TIME_COLUMNS


def same_value(read: Any, written: Any, *, name: str) -> bool:
    """A column's value as geopandas reads it against the property written: null as NaN, NaT or
    None, times (of the columns `name`d so) as UTC datetimes, lists and objects as JSON text,
    booleans and integers as numbers where a column has nulls."""
    if written is None:
        return read is None or read is pandas.NaT or (isinstance(read, float) and math.isnan(read))
    if name in TIME_COLUMNS:
        return isinstance(read, pandas.Timestamp) and read == datetime.fromisoformat(written)
    if isinstance(written, (list, dict)):
        return bool(json.loads(read) == written)
    return bool(read == written)


def check_round_trip(path: Path, features: list[dict[str, Any]]) -> None:
    """Every layer holds its kind's features, in order, geometry (to 1e-6 degree, of the same
    type or its multi form) and properties."""
    kinds = {f["properties"]["kind"] for f in features}
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == {LAYERS[kind] for kind in kinds}
    assert pyogrio.read_info(path, layer=sorted(layers)[0])["crs"] == "EPSG:4326"
    for kind in kinds:
        written = [f for f in features if f["properties"]["kind"] == kind]
        frame = geopandas.read_file(path, layer=LAYERS[kind])
        assert len(frame) == len(written)
        for (_, row), item in zip(frame.iterrows(), written, strict=True):
            exact = shape(item["geometry"])
            assert row.geometry.geom_type in (exact.geom_type, f"Multi{exact.geom_type}")
            assert np.allclose(
                shapely.get_coordinates(row.geometry), shapely.get_coordinates(exact), atol=1e-6
            )
            for key, value in item["properties"].items():
                assert same_value(row[key], value, name=key), (kind, key, row[key], value)
