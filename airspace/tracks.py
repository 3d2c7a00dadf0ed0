"""The shortest track between two points that keeps out of forbidden sovereign airspace.

A track is a chain of WGS84 geodesics. It is the straight geodesic when that is clear; otherwise it
bends only at corners of the forbidden zones, found by A* over a visibility graph built as it is
searched:

- nodes are the convex corners of the forbidden outlines, each moved 100 m out along its bisector
  (so a track touching a corner stays outside, and two tracks meeting there do not touch);
- a node is a successor of another only if the line between them is tangent to the outline at the
  node and pulls taut round the corner it leaves (a shortest path wraps round every corner it
  bends at), and only if the geodesic between them, sampled every 10 km, crosses no forbidden zone;
- A* is guided by the geodesic distance to the end, within an ellipse of length bounds (the track is
  never longer than the bound, so corners farther away cannot be on it) that widens until a track
  is found: the first track found is the shortest.

Searches run in one of two longitude frames (around 0 and around 180), each holding the zones
shifted by 360 degrees where needed, so a track crosses the antimeridian like any other meridian.
The track is shortest with respect to the shipped outlines (less 100 m at each bend), which
contain the true 12 NM limit; see airspace/data/README.md.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import Polygon

from airspace.errors import AirspaceError
from airspace.locate import state_at
from airspace.pockets import pockets
from airspace.zones import sovereign_zone, states
from geo import FloatArray, IntArray, Position, check_position, unit_vectors
from geo.geodesic import wgs84

__all__ = ["NoTrackError", "PointInForbiddenAirspaceError", "Track", "enclosure", "shortest_track"]


#: How far outside a corner the track bends round it.
_CORNER_OFFSET_M = 100.0
#: Spacing of the samples that test a geodesic against the zones (chords within metres of it).
_SAMPLE_STEP_M = 10_000.0
#: Spacing of the first, coarse samples, and how far round their chords a zone is looked for.
_BROAD_STEP_M = 50_000.0
_BROAD_MARGIN_DEG = 0.05
#: Slack on the angle tests (spherical azimuths are within a fraction of a degree of WGS84's).
_ANGLE_SLACK_DEG = 2.0
#: Radius below any geodesic's curvature radius: sphere distances with it are lower bounds.
_FLOOR_RADIUS_M = 6_300_000.0
#: Length bounds tried in turn, as factors of the straight distance (plus 50 km), up to the limit.
_BOUND_FACTORS = (1.05, 1.25, 1.6, 3.0)
#: Without a limit, the longest detour looked for.
_DEFAULT_DETOUR_M = 10_000_000.0
#: How far beyond each edge of its 360-degree core a frame holds copies of the zones.
_FRAME_MARGIN_DEG = 90.0


class NoTrackError(AirspaceError):
    """No chain of geodesics joins two points outside the forbidden airspace within the length
    asked for."""


class PointInForbiddenAirspaceError(AirspaceError):
    """An end of a track lies inside sovereign airspace the flight may not enter."""


@dataclass(frozen=True)
class Track:
    """A chain of geodesics: its points (start, bends, end), its length and the straight one's."""

    points: tuple[Position, ...]
    length_km: float
    straight_km: float

    @property
    def detour_km(self) -> float:
        return self.length_km - self.straight_km


def shortest_track(
    *,
    lat1: float,
    lon1: float,
    lat2: float,
    lon2: float,
    allowed: Iterable[str],
    within_km: float | None = None,
) -> Track:
    """The shortest track from (lat1, lon1) to (lat2, lon2) outside the sovereign airspace of every
    state not in `allowed` (state codes), if one is at most `within_km` long (by default, one at
    most 10,000 km longer than the straight line).

    Raises PointInForbiddenAirspaceError if an end lies in forbidden airspace and NoTrackError if
    no track that short exists.

    >>> # From the Sea of Japan to the Pacific, for a flight that may not enter Japan's airspace
    >>> track = shortest_track(lat1=40.0, lon1=135.0, lat2=41.0, lon2=150.0, allowed=["RU", "CN"])
    >>> len(track.points) > 2, round(track.detour_km)
    (True, 19)
    """
    start, end = check_position(lat=lat1, lon=lon1), check_position(lat=lat2, lon=lon2)
    permitted = _permitted(allowed)
    for point in (start, end):
        owner = state_at(lat=point.lat, lon=point.lon)
        if owner is not None and owner not in permitted:
            raise PointInForbiddenAirspaceError(
                f"{point.lat:.4f}, {point.lon:.4f} lies in the sovereign airspace of {owner}, which "
                "the flight may not enter"
            )
    forbidden = _forbidden(permitted)
    # One search for both directions: the track back is the same chain reversed.
    if (end.lat, end.lon) < (start.lat, start.lon):
        back = _track(end, start, forbidden, within_km)
        return Track(back.points[::-1], back.length_km, back.straight_km)
    return _track(start, end, forbidden, within_km)


def enclosure(
    *, lat1: float, lon1: float, lat2: float, lon2: float, allowed: Iterable[str]
) -> str | None:
    """Why no track at all joins (lat1, lon1) and (lat2, lon2) outside the sovereign airspace of
    every state not in `allowed`: one lies in waters that airspace encloses and the other does not.
    None if nothing encloses them apart. No track is searched: this is quick.

    >>> # The Caspian Sea, for a flight that may enter only China's airspace
    >>> enclosure(lat1=42.0, lon1=51.0, lat2=30.0, lon2=125.0, allowed=["CN"]) is not None
    True
    """
    start, end = check_position(lat=lat1, lon=lon1), check_position(lat=lat2, lon=lon2)
    return pockets(_forbidden(_permitted(allowed))).separation(start, end)


def _permitted(allowed: Iterable[str]) -> frozenset[str]:
    return frozenset(code.upper() for code in allowed)


def _forbidden(permitted: frozenset[str]) -> frozenset[str]:
    return frozenset(states()) - permitted


#: Tracks found (the shortest, whatever bound found them), and the longest bound each pair of
#: ends was searched to in vain, for this run.
_FOUND: dict[tuple[Position, Position, frozenset[str]], Track] = {}
_SEARCHED_IN_VAIN: dict[tuple[Position, Position, frozenset[str]], float] = {}
_REMEMBERED = 100_000


def _track(
    start: Position, end: Position, forbidden: frozenset[str], within_km: float | None
) -> Track:
    key = (start, end, forbidden)
    straight_m = float(wgs84().inv(start.lon, start.lat, end.lon, end.lat)[2])
    limit_m = straight_m + _DEFAULT_DETOUR_M if within_km is None else within_km * 1000.0
    known = _FOUND.get(key)
    if known is not None and known.length_km * 1000.0 <= limit_m:
        return known
    if straight_m > limit_m:  # no track is shorter than the straight line: nothing to search
        raise NoTrackError(
            f"no track between {_shown(start)} and {_shown(end)} is as short as "
            f"{limit_m / 1000.0:,.0f} km: the straight line is {straight_m / 1000.0:,.0f} km"
        )
    bounds = [b for b in (straight_m * f + 50_000.0 for f in _BOUND_FACTORS) if b < limit_m]
    bounds = [b for b in [*bounds, limit_m] if b > _SEARCHED_IN_VAIN.get(key, 0.0)]
    found = None if known is not None else _searched(start, end, forbidden, straight_m, bounds)
    if len(_FOUND) > _REMEMBERED:
        _FOUND.clear()
        _SEARCHED_IN_VAIN.clear()
    if found is None:
        _SEARCHED_IN_VAIN[key] = max(limit_m, _SEARCHED_IN_VAIN.get(key, 0.0))
        raise NoTrackError(
            f"no track between {_shown(start)} and {_shown(end)} keeps out of the airspace it may not enter in {limit_m / 1000.0:,.0f} km (the "
            f"straight line is {straight_m / 1000.0:,.0f} km)"
        )
    _FOUND[key] = found
    return found


def _searched(
    start: Position,
    end: Position,
    forbidden: frozenset[str],
    straight_m: float,
    bounds: list[float],
) -> Track | None:
    """The straight track if clear, else the first track found within the rising `bounds`."""
    if straight_m == 0.0 or not forbidden:
        return Track((start, end), straight_m / 1000.0, straight_m / 1000.0)
    obstacles = _obstacles(forbidden, _frame_for(start, end))
    a, b = obstacles.lifted(start), obstacles.lifted(end)
    if not obstacles.blocked(
        np.array([a.lon]), np.array([a.lat]), np.array([b.lon]), np.array([b.lat])
    )[0]:
        return Track((start, end), straight_m / 1000.0, straight_m / 1000.0)
    apart = pockets(forbidden).separation(start, end)  # is there a way at all?
    if apart is not None:
        raise NoTrackError(f"no track between {_shown(start)} and {_shown(end)}: {apart}")
    for bound in bounds:
        found = _search(obstacles, a, b, straight_m, bound)
        if found is not None:
            chain, length_m = found
            points = tuple(check_position(lat=p.lat, lon=p.lon) for p in chain)
            return Track(points, length_m / 1000.0, straight_m / 1000.0)
    return None


def _shown(point: Position) -> str:
    return f"{point.lat:.4f}, {point.lon:.4f}"


def _frame_for(start: Position, end: Position) -> float:
    """The frame (0: longitudes round Greenwich, 180: round the antimeridian) whose core holds the
    middle of the straight line best."""
    east = (end.lon - start.lon + 180.0) % 360.0 - 180.0
    middle = (start.lon + east / 2.0 + 180.0) % 360.0 - 180.0
    return 180.0 if abs(middle) > 90.0 else 0.0


def _sphere_azimuth(
    lat1: FloatArray, lon1: FloatArray, lat2: FloatArray, lon2: FloatArray
) -> FloatArray:
    p1, p2, dl = np.radians(lat1), np.radians(lat2), np.radians(lon2 - lon1)
    y = np.sin(dl) * np.cos(p2)
    x = np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dl)
    azimuth: FloatArray = np.mod(np.degrees(np.arctan2(y, x)), 360.0)
    return azimuth


@dataclass(frozen=True)
class _Corners:
    """Convex corners of one state's outline, moved out by _CORNER_OFFSET_M: positions (native
    longitudes) and, at the corner itself, the azimuths to the previous and next vertices (the
    zone lies clockwise from the first to the second)."""

    lon: FloatArray
    lat: FloatArray
    to_previous: FloatArray
    to_next: FloatArray


@cache
def _corners(state: str) -> _Corners:
    lon_parts, lat_parts, previous_parts, next_parts = [], [], [], []
    for polygon in shapely.get_parts(sovereign_zone(state).geometry):
        for number, ring in enumerate([polygon.exterior, *polygon.interiors]):
            xy = np.asarray(ring.coords)[:-1]
            if ring.is_ccw != (number == 0):  # the zone on the left: exterior CCW, holes CW
                xy = xy[::-1]
            before, after = np.roll(xy, 1, axis=0), np.roll(xy, -1, axis=0)
            scale = np.cos(np.radians(xy[:, 1]))
            turn = (xy[:, 0] - before[:, 0]) * scale * (after[:, 1] - xy[:, 1]) - (
                xy[:, 1] - before[:, 1]
            ) * (after[:, 0] - xy[:, 0]) * scale
            # Left turns are convex corners; vertices on the cut at 180 are no corners at all.
            keep = (turn > 0.0) & (np.abs(xy[:, 0]) != 180.0)
            lon_parts.append(xy[keep, 0])
            lat_parts.append(xy[keep, 1])
            previous_parts.append(before[keep])
            next_parts.append(after[keep])
    lon, lat = np.concatenate([np.zeros(0), *lon_parts]), np.concatenate([np.zeros(0), *lat_parts])
    before = np.concatenate([np.zeros((0, 2)), *previous_parts])
    after = np.concatenate([np.zeros((0, 2)), *next_parts])
    geod = wgs84()
    to_previous = np.asarray(geod.inv(lon, lat, before[:, 0], before[:, 1])[0])
    to_next = np.asarray(geod.inv(lon, lat, after[:, 0], after[:, 1])[0])
    inward = np.degrees(
        np.arctan2(
            np.sin(np.radians(to_previous)) + np.sin(np.radians(to_next)),
            np.cos(np.radians(to_previous)) + np.cos(np.radians(to_next)),
        )
    )
    out_lon, out_lat, _ = geod.fwd(lon, lat, inward + 180.0, np.full(lon.shape, _CORNER_OFFSET_M))
    return _Corners(
        np.asarray(out_lon), np.asarray(out_lat), np.mod(to_previous, 360.0), np.mod(to_next, 360.0)
    )


@dataclass
class _Obstacles:
    """The forbidden zones and their corners in one frame (longitudes from west - margin to
    west + 360 + margin)."""

    west: float
    parts: NDArray[np.object_]
    tree: shapely.STRtree
    lon: FloatArray
    lat: FloatArray
    to_previous: FloatArray
    to_next: FloatArray
    xyz: FloatArray = field(init=False)

    def __post_init__(self) -> None:
        self.xyz = unit_vectors(self.lat, self.lon)

    def lifted(self, point: Position) -> Position:
        """The point with its longitude in this frame's core."""
        return Position(lat=point.lat, lon=self.west + (point.lon - self.west) % 360.0)

    def blocked(
        self, lon1: FloatArray, lat1: FloatArray, lon2: FloatArray, lat2: FloatArray
    ) -> NDArray[np.bool_]:
        """Which geodesics from (lon1, lat1) to (lon2, lat2) cross a forbidden zone (or leave the
        frame, where the zones are not all held).

        Broad phase: samples every 50 km, and a box round each chord between them grown by 0.05
        degree (5 km), which holds the geodesic there (it strays from the chord by under 0.6 km up
        to 85 degrees of latitude). Narrow phase: only chords whose box meets a zone are sampled
        every 10 km, close enough for the chords to stand for the geodesic to a few metres.
        """
        geod = wgs84()
        azimuth, _, length = geod.inv(lon1, lat1, lon2, lat2)
        azimuth, length = np.asarray(azimuth), np.asarray(length)
        line, along, lon, lat = self._samples(lon1, lat1, azimuth, length, _BROAD_STEP_M)
        out = np.zeros(length.size, dtype=bool)
        low, high = self.west - _FRAME_MARGIN_DEG, self.west + 360.0 + _FRAME_MARGIN_DEG
        out[np.unique(line[(lon < low) | (lon > high)])] = True
        first = np.flatnonzero(line[1:] == line[:-1])
        second = first + 1
        grow_lat = _BROAD_MARGIN_DEG
        widest = np.minimum(np.maximum(np.abs(lat[first]), np.abs(lat[second])), 85.0)
        grow_lon = _BROAD_MARGIN_DEG / np.cos(np.radians(widest))
        boxes = shapely.box(
            np.minimum(lon[first], lon[second]) - grow_lon,
            np.minimum(lat[first], lat[second]) - grow_lat,
            np.maximum(lon[first], lon[second]) + grow_lon,
            np.maximum(lat[first], lat[second]) + grow_lat,
        )
        near = np.unique(self.tree.query(boxes)[0])
        if not near.size:
            return out
        # Narrow phase, over the chords whose box meets a zone: each as its own short line.
        start, end = first[near], second[near]
        chord_lon, chord_lat = lon[start], lat[start]
        chord_azimuth = np.asarray(geod.inv(chord_lon, chord_lat, lon[end], lat[end])[0])
        chord, _, fine_lon, fine_lat = self._samples(
            chord_lon, chord_lat, chord_azimuth, along[end] - along[start], _SAMPLE_STEP_M
        )
        pieces = shapely.linestrings(np.column_stack([fine_lon, fine_lat]), indices=chord)
        pairs = self.tree.query(pieces)
        hits = shapely.intersects(self.parts[pairs[1]], pieces[pairs[0]])
        out[line[start[np.unique(pairs[0][hits])]]] = True
        return out

    @staticmethod
    def _samples(
        lon1: FloatArray, lat1: FloatArray, azimuth: FloatArray, length: FloatArray, step_m: float
    ) -> tuple[IntArray, FloatArray, FloatArray, FloatArray]:
        """Points every `step_m` (or less) along each geodesic, both ends included: which line each
        is on, how far along, and (lon, lat) in longitudes continuous from the line's start."""
        steps = np.maximum(1, np.ceil(length / step_m)).astype(np.intp)
        counts = steps + 1
        line = np.repeat(np.arange(steps.size), counts)
        first = np.repeat(np.cumsum(counts) - counts, counts)
        along = (
            (np.arange(counts.sum()) - first) / np.repeat(steps, counts) * np.repeat(length, counts)
        )
        start_lon = np.repeat(lon1, counts)
        lon, lat, _ = wgs84().fwd(
            start_lon, np.repeat(lat1, counts), np.repeat(azimuth, counts), along
        )
        lon = start_lon + np.mod(np.asarray(lon) - start_lon + 180.0, 360.0) - 180.0
        return line, along, lon, np.asarray(lat)


@lru_cache(maxsize=8)
def _obstacles(forbidden: frozenset[str], center: float) -> _Obstacles:
    west = center - 180.0
    low, high = west - _FRAME_MARGIN_DEG, west + 360.0 + _FRAME_MARGIN_DEG
    parts: list[Polygon] = []
    corners: list[tuple[FloatArray, ...]] = []
    for state in sorted(forbidden):
        geometry = sovereign_zone(state).geometry
        corner = _corners(state)
        for shift in (-360.0, 0.0, 360.0):
            for polygon in shapely.get_parts(geometry):
                minx, _, maxx, _ = polygon.bounds
                if maxx + shift >= low and minx + shift <= high:
                    parts.append(
                        shapely.transform(polygon, lambda xy, s=shift: xy + np.array([s, 0.0]))
                    )
            lon = corner.lon + shift
            keep = (lon >= low) & (lon <= high)
            corners.append(
                (lon[keep], corner.lat[keep], corner.to_previous[keep], corner.to_next[keep])
            )
    geometries = np.array(parts, dtype=object)
    shapely.prepare(geometries)
    tree = shapely.STRtree(geometries)
    lon, lat, to_previous, to_next = (
        np.concatenate(column) for column in zip(*corners, strict=True)
    )
    # A corner moved into another forbidden zone (where two states' outlines meet) is no way round.
    points = shapely.points(lon, lat)
    pairs = tree.query(points)
    inside = np.zeros(lon.size, dtype=bool)
    inside[pairs[0][shapely.intersects(geometries[pairs[1]], points[pairs[0]])]] = True
    return _Obstacles(
        west, geometries, tree, lon[~inside], lat[~inside], to_previous[~inside], to_next[~inside]
    )


def _search(
    obstacles: _Obstacles, start: Position, end: Position, straight_m: float, bound_m: float
) -> tuple[list[Position], float] | None:
    """A* from start to end over the corners within the ellipse of length `bound_m`; the chain of
    points and its length, or None if no track that short exists."""
    geod = wgs84()
    # Corners whose detour via them fits the bound (a sphere test first, then WGS84).
    angle = min(math.pi, bound_m / _FLOOR_RADIUS_M)
    near = np.flatnonzero(
        obstacles.xyz @ unit_vectors(np.array([start.lat]), np.array([start.lon]))[0]
        >= math.cos(angle)
    )
    to_start = np.asarray(
        geod.inv(
            np.full(near.size, start.lon),
            np.full(near.size, start.lat),
            obstacles.lon[near],
            obstacles.lat[near],
        )[2]
    )
    to_end = np.asarray(
        geod.inv(
            obstacles.lon[near],
            obstacles.lat[near],
            np.full(near.size, end.lon),
            np.full(near.size, end.lat),
        )[2]
    )
    within = to_start + to_end <= bound_m
    chosen, remaining = near[within], to_end[within]
    count = chosen.size
    lon = np.append(obstacles.lon[chosen], [start.lon, end.lon])
    lat = np.append(obstacles.lat[chosen], [start.lat, end.lat])
    to_previous = np.append(obstacles.to_previous[chosen], [0.0, 0.0])
    to_next = np.append(obstacles.to_next[chosen], [0.0, 0.0])
    heuristic = np.append(remaining, [straight_m, 0.0])
    xyz = unit_vectors(lat, lon)
    source, target = count, count + 1
    # The zone at a corner: clockwise from to_previous, `size` degrees wide; its middle.
    size = np.mod(to_next - to_previous, 360.0)
    middle = np.mod(to_previous + size / 2.0, 360.0)
    cost = np.full(count + 2, np.inf)
    cost[source] = 0.0
    parent = np.full(count + 2, -1, dtype=np.intp)
    back = np.zeros(count + 2)  # azimuth from a node back to its parent
    closed = np.zeros(count + 2, dtype=bool)
    queue = [(heuristic[source], source)]
    while queue:
        _, u = heapq.heappop(queue)
        if closed[u]:
            continue
        closed[u] = True
        if u == target:
            chain = [target]
            while chain[-1] != source:
                chain.append(int(parent[chain[-1]]))
            return [Position(lat=float(lat[k]), lon=float(lon[k])) for k in chain[::-1]], float(
                cost[target]
            )
        candidates = np.flatnonzero(~closed)
        candidates = candidates[candidates != source]
        lower = np.arccos(np.clip(xyz[candidates] @ xyz[u], -1.0, 1.0)) * _FLOOR_RADIUS_M
        candidates = candidates[cost[u] + lower + heuristic[candidates] <= bound_m]
        if not candidates.size:
            continue
        toward_u = _sphere_azimuth(lat[candidates], lon[candidates], lat[u], lon[u])
        keep = (candidates == target) | (
            ~_within(toward_u, to_previous[candidates], size[candidates])
            & ~_within(toward_u + 180.0, to_previous[candidates], size[candidates])
        )
        if u != source:
            onward = _sphere_azimuth(lat[u], lon[u], lat[candidates], lon[candidates])
            keep &= _taut(back[u], onward, middle[u], size[u] / 2.0)
        candidates, toward_u = candidates[keep], toward_u[keep]
        if not candidates.size:
            continue
        step = np.asarray(
            geod.inv(
                np.full(candidates.size, lon[u]),
                np.full(candidates.size, lat[u]),
                lon[candidates],
                lat[candidates],
            )[2]
        )
        reached = cost[u] + step
        better = (reached < cost[candidates]) & (reached + heuristic[candidates] <= bound_m)
        candidates, reached, toward_u = candidates[better], reached[better], toward_u[better]
        if not candidates.size:
            continue
        clear = ~obstacles.blocked(
            np.full(candidates.size, lon[u]),
            np.full(candidates.size, lat[u]),
            lon[candidates],
            lat[candidates],
        )
        for v, total, azimuth in zip(
            candidates[clear].tolist(),
            reached[clear].tolist(),
            toward_u[clear].tolist(),
            strict=True,
        ):
            cost[v], parent[v], back[v] = total, u, azimuth
            heapq.heappush(queue, (total + heuristic[v], v))
    return None


def _within(azimuth: FloatArray, start: FloatArray, size: FloatArray) -> NDArray[np.bool_]:
    """Whether each azimuth lies strictly inside the clockwise sector from `start`, `size` wide."""
    offset = np.mod(azimuth - start, 360.0)
    inside: NDArray[np.bool_] = (offset > _ANGLE_SLACK_DEG) & (offset < size - _ANGLE_SLACK_DEG)
    return inside


def _taut(back: float, onward: FloatArray, middle: float, half: float) -> NDArray[np.bool_]:
    """Whether the path that came to a corner from azimuth `back` and leaves at `onward` wraps round
    the corner's zone (centred on `middle`, `half` wide each side): the zone lies within the turn."""
    slack = _ANGLE_SLACK_DEG
    clockwise = np.mod(onward - back, 360.0)
    ahead = (middle - back) % 360.0
    one_way = (
        (clockwise < 180.0 + slack) & (ahead - half > -slack) & (ahead + half < clockwise + slack)
    )
    counter = np.mod(back - onward, 360.0)
    behind = (back - middle) % 360.0
    other_way = (
        (counter < 180.0 + slack) & (behind - half > -slack) & (behind + half < counter + slack)
    )
    result: NDArray[np.bool_] = one_way | other_way
    return result
