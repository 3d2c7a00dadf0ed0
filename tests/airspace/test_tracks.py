"""Shortest tracks that keep out of forbidden airspace: never inside it (dense geodesic sampling),
never shorter than the geodesic, the geodesic itself when that is clear, never longer than a
detour over a fine grid round the same zones; and the named corridors of the north-west Pacific."""

from __future__ import annotations

import heapq
import itertools
from functools import cache

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

import airspace
from airspace import NoTrackError, PointInForbiddenAirspaceError, Track, shortest_track

GEOD = Geod(ellps="WGS84")
#: States whose airspace the random cases may forbid, round the north-west Pacific.
REGION_STATES = ("JP", "KR", "KP", "TW", "PH", "RU", "US")
SAMPLE_M = 250.0


@cache
def all_parts() -> tuple[np.ndarray, np.ndarray, shapely.STRtree]:
    """Every sovereign zone's polygons, prepared, with the state of each, in one STRtree."""
    parts, owners = [], []
    for state in airspace.states():
        for polygon in shapely.get_parts(airspace.sovereign_zone(state).geometry):
            parts.append(polygon)
            owners.append(state)
    geometries = np.array(parts, dtype=object)
    shapely.prepare(geometries)
    return geometries, np.array(owners), shapely.STRtree(geometries)


def inside_forbidden(xy: np.ndarray, allowed: frozenset[str]) -> np.ndarray:
    """Which (lon, lat) points lie in the sovereign airspace of a state not in `allowed`."""
    geometries, owners, tree = all_parts()
    points = shapely.points(xy[:, 0], xy[:, 1])
    pair_point, pair_part = tree.query(points)
    hit = shapely.contains(geometries[pair_part], points[pair_point]) & ~np.isin(
        owners[pair_part], list(allowed)
    )
    inside = np.zeros(len(xy), dtype=bool)
    inside[pair_point[hit]] = True
    return inside


@cache
def cached_union(allowed: frozenset[str]) -> BaseGeometry:
    """The forbidden airspace as one prepared geometry (for the grid's line tests)."""
    geometries, owners, _ = all_parts()
    union = shapely.union_all(geometries[~np.isin(owners, list(allowed))])
    shapely.prepare(union)
    return union


def dense(lat1: float, lon1: float, lat2: float, lon2: float, step_m: float) -> np.ndarray:
    """(lon, lat) every `step_m` along the geodesic, in [-180, 180)."""
    count = max(1, int(GEOD.inv(lon1, lat1, lon2, lat2)[2] // step_m))
    middle = GEOD.npts(lon1, lat1, lon2, lat2, count) if count > 1 else []
    return np.array([(lon1, lat1), *middle, (lon2, lat2)])


def samples(track: Track, step_m: float = SAMPLE_M) -> np.ndarray:
    return np.concatenate(
        [dense(a.lat, a.lon, b.lat, b.lon, step_m) for a, b in itertools.pairwise(track.points)]
    )


def clear(lat1: float, lon1: float, lat2: float, lon2: float, allowed: frozenset[str]) -> bool:
    return not inside_forbidden(dense(lat1, lon1, lat2, lon2, SAMPLE_M), allowed).any()


def lines_clear(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray, union: BaseGeometry
) -> np.ndarray:
    """Which geodesics stay out of `union`: each as a line of chords every 5 km (within 2 m of
    the geodesic), tested in one vectorised call."""
    azimuth, _, length = GEOD.inv(lon1, lat1, lon2, lat2)
    steps = np.maximum(1, np.ceil(np.asarray(length) / 5_000.0)).astype(int)
    counts = steps + 1
    line = np.repeat(np.arange(steps.size), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    along = (np.arange(counts.sum()) - first) / np.repeat(steps, counts) * np.repeat(length, counts)
    lon, lat, _ = GEOD.fwd(
        np.repeat(lon1, counts), np.repeat(lat1, counts), np.repeat(azimuth, counts), along
    )
    start = np.repeat(lon1, counts)
    lon = start + np.mod(np.asarray(lon) - start + 180.0, 360.0) - 180.0
    lines = shapely.linestrings(np.column_stack([lon, lat]), indices=line)
    return ~shapely.intersects(union, lines)


def grid_detour_km(
    start: tuple[float, float], end: tuple[float, float], union: BaseGeometry, step_deg: float
) -> float | None:
    """The shortest path over a grid of points every `step_deg` round both ends (and the ends),
    each hop a clear geodesic to one of 16 neighbours (from an end, to one of the 12 nearest
    points): an upper bound on the shortest track. None if the grid finds no way."""
    (lat1, lon1), (lat2, lon2) = start, end
    lats = np.arange(min(lat1, lat2) - 3.0, max(lat1, lat2) + 3.0 + 1e-9, step_deg)
    lons = np.arange(min(lon1, lon2) - 3.0, max(lon1, lon2) + 3.0 + 1e-9, step_deg)
    grid_lat, grid_lon = (a.ravel() for a in np.meshgrid(lats, lons, indexing="ij"))
    free = ~shapely.contains_xy(union, grid_lon, grid_lat)
    number = np.full(grid_lat.size, -1)
    number[free] = np.arange(free.sum())
    lat = np.append(grid_lat[free], [lat1, lat2])
    lon = np.append(grid_lon[free], [lon1, lon2])
    source, target = lat.size - 2, lat.size - 1
    rows, columns = lats.size, lons.size
    pairs = []
    for d_row, d_column in [(1, 0), (0, 1), (1, 1), (1, -1), (2, 1), (1, 2), (2, -1), (1, -2)]:
        row, column = np.divmod(np.arange(grid_lat.size), columns)
        ok = (row + d_row < rows) & (column + d_column >= 0) & (column + d_column < columns)
        here = np.flatnonzero(ok)
        there = (row[ok] + d_row) * columns + column[ok] + d_column
        keep = (number[here] >= 0) & (number[there] >= 0)
        pairs.append(np.column_stack([number[here[keep]], number[there[keep]]]))
    for end_index in (source, target):
        away = GEOD.inv(
            np.full(lat.size - 2, lon[end_index]),
            np.full(lat.size - 2, lat[end_index]),
            lon[:-2],
            lat[:-2],
        )[2]
        nearest = np.argsort(away)[:12]
        pairs.append(np.column_stack([np.full(nearest.size, end_index), nearest]))
    edges = np.concatenate(pairs)
    ok = lines_clear(lat[edges[:, 0]], lon[edges[:, 0]], lat[edges[:, 1]], lon[edges[:, 1]], union)
    edges = edges[ok]
    km = (
        GEOD.inv(lon[edges[:, 0]], lat[edges[:, 0]], lon[edges[:, 1]], lat[edges[:, 1]])[2] / 1000.0
    )
    neighbours: dict[int, list[tuple[int, float]]] = {}
    for (a, b), hop in zip(edges.tolist(), np.asarray(km).tolist(), strict=True):
        neighbours.setdefault(a, []).append((b, hop))
        neighbours.setdefault(b, []).append((a, hop))
    best = {source: 0.0}
    queue = [(0.0, source)]
    while queue:
        so_far, node = heapq.heappop(queue)
        if node == target:
            return so_far
        if so_far > best.get(node, np.inf):
            continue
        for other, hop in neighbours.get(node, []):
            if so_far + hop < best.get(other, np.inf):
                best[other] = so_far + hop
                heapq.heappush(queue, (so_far + hop, other))
    return None


sea_points = st.tuples(st.floats(24.0, 47.0), st.floats(121.0, 150.0))
allowed_sets = st.sets(st.sampled_from(REGION_STATES), max_size=3).map(
    lambda chosen: frozenset({"CN", *chosen} - {"JP"})
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=sea_points, end=sea_points, allowed=allowed_sets)
def test_tracks_keep_out_are_no_shorter_than_the_geodesic_and_straight_when_clear(
    start: tuple[float, float], end: tuple[float, float], allowed: frozenset[str]
) -> None:
    for lat, lon in (start, end):
        owner = airspace.state_at(lat=lat, lon=lon)
        assume(owner is None)
    (lat1, lon1), (lat2, lon2) = start, end
    assume(GEOD.inv(lon1, lat1, lon2, lat2)[2] > 50_000.0)
    try:
        track = shortest_track(lat1=lat1, lon1=lon1, lat2=lat2, lon2=lon2, allowed=allowed)
    except NoTrackError:
        pytest.skip("an enclosed pocket of sea")  # pragma: no cover - none in this region
    assert not inside_forbidden(samples(track), allowed).any()
    assert track.length_km >= track.straight_km - 1e-9
    if clear(lat1, lon1, lat2, lon2, allowed):
        assert len(track.points) == 2 and track.length_km == track.straight_km
    else:
        assert len(track.points) > 2
    lengths = [
        GEOD.inv(a.lon, a.lat, b.lon, b.lat)[2] / 1000.0
        for a, b in itertools.pairwise(track.points)
    ]
    assert abs(sum(lengths) - track.length_km) < 1e-6


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(start=sea_points, end=sea_points)
def test_tracks_are_no_longer_than_a_fine_grid_detour(
    start: tuple[float, float], end: tuple[float, float]
) -> None:
    allowed = frozenset({"CN", "RU"})
    for lat, lon in (start, end):
        assume(airspace.state_at(lat=lat, lon=lon) is None)
    union = cached_union(allowed)
    (lat1, lon1), (lat2, lon2) = start, end
    assume(not clear(lat1, lon1, lat2, lon2, allowed))
    track = shortest_track(lat1=lat1, lon1=lon1, lat2=lat2, lon2=lon2, allowed=allowed)
    detour = grid_detour_km(start, end, union, step_deg=0.25)
    assume(detour is not None)
    assert track.length_km <= detour + 1e-6


def crosses(track: Track, *, lat: tuple[float, float], lon: tuple[float, float]) -> bool:
    """Whether the track passes through the box."""
    xy = samples(track, 2_000.0)
    return bool(
        (
            (xy[:, 1] >= lat[0])
            & (xy[:, 1] <= lat[1])
            & (xy[:, 0] >= lon[0])
            & (xy[:, 0] <= lon[1])
        ).any()
    )


def test_sea_of_japan_to_the_pacific_through_the_tsugaru_corridor() -> None:
    track = shortest_track(lat1=40.0, lon1=135.0, lat2=41.0, lon2=150.0, allowed=["RU", "CN"])
    assert crosses(track, lat=(41.2, 41.8), lon=(140.0, 141.0))  # the Tsugaru Strait
    assert (
        airspace.crossings([(p.lat, p.lon) for p in track.points]).km_by_airspace.get("JP", 0) == 0
    )


def test_vladivostok_to_the_east_china_sea_through_the_tsushima_corridor() -> None:
    track = shortest_track(lat1=42.5, lon1=132.0, lat2=29.0, lon2=125.5, allowed=["RU", "CN"])
    assert crosses(track, lat=(34.0, 35.2), lon=(128.5, 130.0))  # the Korea (Tsushima) Strait
    km = airspace.crossings([(p.lat, p.lon) for p in track.points]).km_by_airspace
    assert km.get("JP", 0) == 0 and km.get("KR", 0) == 0


@pytest.mark.parametrize("end", [(70.0, -170.0), (58.0, -178.0), (62.5, -168.0), (63.0, -167.0)])
def test_anadyr_to_the_chukchi_and_bering_seas_across_180_keeping_out_of_us_airspace(
    end: tuple[float, float],
) -> None:
    track = shortest_track(lat1=64.73, lon1=177.74, lat2=end[0], lon2=end[1], allowed=["RU"])
    km = airspace.crossings([(p.lat, p.lon) for p in track.points]).km_by_airspace
    assert km.get("US", 0) == 0
    assert not inside_forbidden(samples(track), frozenset({"RU"})).any()
    lons = np.array([p.lon for p in track.points])
    assert lons[0] > 0 > lons[-1]  # it crosses 180


def test_st_lawrence_island_is_gone_round() -> None:
    """The straight line from Anadyr to east of St Lawrence Island crosses US airspace."""
    track = shortest_track(lat1=64.73, lon1=177.74, lat2=63.0, lon2=-167.0, allowed=["RU"])
    assert len(track.points) > 2 and track.detour_km > 1.0


def test_a_point_in_forbidden_airspace_is_refused() -> None:
    with pytest.raises(PointInForbiddenAirspaceError, match=r"36\.0000, 138\.0000 lies in .* JP"):
        shortest_track(lat1=36.0, lon1=138.0, lat2=40.0, lon2=135.0, allowed=["RU", "CN"])


def test_a_track_and_its_reverse_are_the_same_chain() -> None:
    there = shortest_track(lat1=45.7, lon1=142.0, lat2=25.3, lon2=126.0, allowed=["CN"])
    back = shortest_track(lat1=25.3, lon1=126.0, lat2=45.7, lon2=142.0, allowed=["CN"])
    assert back.points == there.points[::-1] and back.length_km == there.length_km


def test_with_every_state_allowed_the_track_is_the_geodesic() -> None:
    track = shortest_track(lat1=45.7, lon1=142.0, lat2=25.3, lon2=126.0, allowed=airspace.states())
    assert len(track.points) == 2 and track.length_km == track.straight_km


def test_a_detour_of_more_than_three_times_the_straight_line_is_found() -> None:
    """Regression: the search gave up at three times the straight distance, so from south of
    Shikoku to the Sea of Japan (453 km apart, some 1,500 km round Kyushu) there was 'no track'."""
    track = shortest_track(lat1=32.0, lon1=134.0, lat2=36.0, lon2=135.0, allowed=["RU", "CN"])
    assert track.length_km > 3.0 * track.straight_km
    assert not inside_forbidden(samples(track), frozenset({"RU", "CN"})).any()


def test_no_track_within_a_limit_is_an_error_naming_the_limit() -> None:
    with pytest.raises(NoTrackError, match=r"in 1,000 km \(the straight line is 453 km\)"):
        shortest_track(
            lat1=32.0, lon1=134.0, lat2=36.0, lon2=135.0, allowed=["RU", "CN"], within_km=1000.0
        )
