"""Reading a written GeoJSON file back as other clients do: geojson-validator (from PyPI) for the
structure and RFC 7946's winding, and the ring orientation from the raw coordinates (the shoelace
sum, no shapely), so that a client trusting winding reads the area we meant, not its complement."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geojson_validator
import numpy as np

#: The validator's checks of what RFC 7946 requires (winding among them); its "problematic" ones
#: (antimeridian, many vertices, holes) are advice, and rangemap's output is cut at 180 on purpose.
_REQUIRED = ("unclosed", "less_three_unique_nodes", "exterior_not_ccw", "interior_not_cw")


def signed_area_deg2(ring: list[list[float]]) -> float:
    """The shoelace sum of a closed lon/lat ring: positive when it runs counter-clockwise.

    >>> signed_area_deg2([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])
    1.0
    """
    xy = np.asarray(ring, dtype=float)
    return float(np.sum(xy[:-1, 0] * xy[1:, 1] - xy[1:, 0] * xy[:-1, 1]) / 2.0)


def polygons(collection: dict[str, Any]) -> Iterator[tuple[int, list[list[list[float]]]]]:
    """(feature index, rings) of every polygon in a FeatureCollection, parts of MultiPolygons
    one by one."""
    for index, item in enumerate(collection["features"]):
        geometry = item["geometry"]
        if geometry["type"] == "Polygon":
            yield index, geometry["coordinates"]
        elif geometry["type"] == "MultiPolygon":
            for part in geometry["coordinates"]:
                yield index, part


def check_rfc7946(path: Path) -> dict[str, Any]:
    """The FeatureCollection in `path`, once the validator finds no fault of structure or winding
    and every exterior winds counter-clockwise, every hole clockwise; returns it."""
    geojson_validator.configure_logging(enabled=False)
    assert geojson_validator.validate_structure(path) == {}
    found = geojson_validator.validate_geometries(
        path, criteria_invalid=_REQUIRED, criteria_problematic=()
    )
    assert found["invalid"] == {}, found
    collection: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    for index, (exterior, *holes) in polygons(collection):
        assert signed_area_deg2(exterior) > 0.0, f"feature {index}: exterior clockwise"
        assert all(signed_area_deg2(hole) < 0.0 for hole in holes), f"feature {index}: hole"
    return collection
