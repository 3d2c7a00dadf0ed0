"""The shipped sovereign outlines lie 12 NM (3 NM in the straits) from the raw Natural Earth coast,
within the stated tolerance (0 to +1 km), across 180 and in the straits; no zone covers another
state's land."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import box

import airspace
from tests.airspace.reference import (
    STRAIT_KM,
    TERRITORIAL_KM,
    coast,
    distance_to_coast_km,
    fixture,
    in_window,
    strait_areas,
)

WINDOWS = sorted(fixture()["windows"])
TOLERANCE_KM = 1.0
#: Samples within this of another state's zone, or of a strait area's edge, are not an own limit.
NEAR_DEG = 0.001


def outline_samples(state: str, window: str) -> tuple[np.ndarray, np.ndarray]:
    """Points every ~0.3 km along the state's outline, well inside the window, that are its own
    limit: not on a median line or land border, a strait area's edge, or the cut at +/-180."""
    bbox = fixture()["windows"][window]["bbox"]
    zone = airspace.sovereign_zone(state).geometry
    xy = shapely.get_coordinates(shapely.segmentize(zone.boundary, 0.003))
    xy = xy[in_window(xy[:, 0], xy[:, 1], bbox, margin_km=35.0) & (np.abs(xy[:, 0]) < 180.0)]
    west, south, east, north = bbox
    frames = (
        [box(west, south, east, north)]
        if west < east
        else [
            box(west, south, 180.0, north),
            box(-180.0, south, east, north),
        ]
    )
    others = [z.geometry for z in airspace.zones() if z.kind == "sovereign" and z.state != state]
    nearby = [
        shapely.clip_by_rect(other, *frame.bounds)
        for other in others
        for frame in frames
        if other.intersects(frame)
    ]
    edges = [area.exterior for area in strait_areas(state)]
    avoid = shapely.union_all([g.buffer(NEAR_DEG) for g in [*nearby, *edges]])
    own = xy[~shapely.contains_xy(avoid, xy[:, 0], xy[:, 1])] if not avoid.is_empty else xy
    return own[:, 0], own[:, 1]


@pytest.mark.parametrize("window", WINDOWS)
def test_outline_lies_12_nm_from_the_coast_or_3_nm_in_a_strait(window: str) -> None:
    for state in fixture()["windows"][window]["coasts"]:
        lon, lat = outline_samples(state, window)
        assert len(lon) > 100, (window, state)  # the check is not empty
        distance = distance_to_coast_km(lon, lat, coast(window, state))
        narrow = shapely.union_all(strait_areas(state))
        radius = np.where(shapely.contains_xy(narrow, lon, lat), STRAIT_KM, TERRITORIAL_KM)
        excess = distance - radius
        worst = int(np.argmin(excess))
        assert excess.min() >= 0.0, (window, state, lat[worst], lon[worst], excess.min())
        worst = int(np.argmax(excess))
        assert excess.max() <= TOLERANCE_KM, (window, state, lat[worst], lon[worst], excess.max())


def test_straits_use_3_nm_somewhere_and_12_nm_elsewhere() -> None:
    """Not vacuous: the Tsugaru window has outline points at 3 NM and at 12 NM from Japan."""
    lon, lat = outline_samples("JP", "tsugaru")
    distance = distance_to_coast_km(lon, lat, coast("tsugaru", "JP"))
    assert np.any(distance < STRAIT_KM + TOLERANCE_KM)
    assert np.any(distance > TERRITORIAL_KM)


@pytest.mark.parametrize("window", WINDOWS)
def test_each_state_covers_its_own_land_and_no_other_states(window: str) -> None:
    coasts = fixture()["windows"][window]["coasts"]
    sovereign = {z.state: z.geometry for z in airspace.zones() if z.kind == "sovereign"}
    for state in coasts:
        xy = np.concatenate([np.asarray(chain) for chain in coasts[state]])
        xy = xy[in_window(xy[:, 0], xy[:, 1], fixture()["windows"][window]["bbox"])]
        xy = xy[np.abs(xy[:, 0]) < 180.0]
        own = sovereign[state]
        assert shapely.intersects_xy(own, xy[:, 0], xy[:, 1]).all(), (window, state)
        for other, geometry in sovereign.items():
            if other != state:
                assert not shapely.contains_xy(geometry, xy[:, 0], xy[:, 1]).any(), (state, other)
