"""Distances among a flight's places along its airspace rule: straight bounds, tracks where sought."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

import geo
from routes.airspace_rule import AirspaceRule, ForbiddenSiteError
from routes.catalog import Site
from routes.errors import NoPlanError
from routes.planning.fields import FieldSet
from routes.planning.mission import TOLERANCE_KM

__all__ = ["Distances", "FieldPairs", "Places", "WaypointSteps", "straight_km", "within_range"]

#: Places by index: sites, or a set of fields (every airport of some countries, say).
Places = Sequence[Site] | FieldSet


def straight_km(starts: Places, ends: Places) -> NDArray[np.float64]:
    """The geodesic from each of `starts` to each of `ends` (km): a lower bound of every track."""
    if not len(starts) or not len(ends):
        return np.zeros((len(starts), len(ends)))
    (lat1, lon1), (lat2, lon2) = _positions(starts), _positions(ends)
    lat1, lat2 = np.meshgrid(lat1, lat2, indexing="ij")
    lon1, lon2 = np.meshgrid(lon1, lon2, indexing="ij")
    return np.asarray(geo.distance_km(lat1=lat1, lon1=lon1, lat2=lat2, lon2=lon2))


class Distances:
    """km from each of `starts` to each of `ends` along `airspace_rule`.

    Each starts as the straight geodesic, a lower bound of the track (exact with no airspace
    rule), and becomes the track's length when settled: a plan that is best on lower bounds and
    flies only exact distances is best. With `forbidden_out_of_reach`, a place inside airspace the
    flight may not enter is out of reach (an airport of the whole database there, say) rather
    than refused.
    """

    def __init__(
        self,
        airspace_rule: AirspaceRule,
        starts: Places,
        ends: Places,
        *,
        forbidden_out_of_reach: bool = False,
    ) -> None:
        self.airspace_rule = airspace_rule
        self.starts, self.ends = starts, ends
        self.forbidden_out_of_reach = forbidden_out_of_reach
        self.km = straight_km(starts, ends)
        self.exact = np.full(self.km.shape, airspace_rule.overfly.anywhere)

    def settle(self, row: int, column: int, within_km: float) -> bool:
        """Make km[row, column] the track's length, seeking only a track of at most `within_km`
        (a longer one is of no use to the caller): where there is none that short, its lower
        bound is raised past `within_km`, and a longer limit may still find it. False if it was
        exact already (then nothing changed)."""
        if self.exact[row, column]:
            return False
        km, exact = _track_km(
            self.airspace_rule,
            _site(self.starts, row),
            _site(self.ends, column),
            within_km,
            forbidden_out_of_reach=self.forbidden_out_of_reach,
        )
        self.km[row, column] = km if exact else max(float(self.km[row, column]), km)
        self.exact[row, column] = exact
        return True


class FieldPairs:
    """km between two fields of a large set along `airspace_rule`, pair by pair: the geodesic, or the
    track where settled (both ways: the track back is the same chain); an airport inside airspace
    the flight may not enter is out of reach."""

    def __init__(self, airspace_rule: AirspaceRule, fields: FieldSet) -> None:
        self.airspace_rule, self.fields = airspace_rule, fields
        #: What is known beyond the geodesic (key: a * size + b): tracks, and raised bounds.
        self.known: dict[int, float] = {}
        self._exact: set[int] = set()

    def km(self, first: NDArray[np.intp], second: NDArray[np.intp]) -> NDArray[np.float64]:
        """km between fields first[k] and second[k]: the geodesic, or what is known of the track."""
        km = self.fields.pair_distances(first, second)
        if self.known and first.size:
            keys = first.astype(np.int64) * len(self.fields) + second
            known = np.isin(keys, np.fromiter(self.known, dtype=np.int64))
            km[known] = [self.known[int(key)] for key in keys[known]]
        return km

    def settle(self, a: int, b: int, within_km: float) -> bool:
        """As Distances.settle, for the pair of fields a and b."""
        size = len(self.fields)
        if self.airspace_rule.overfly.anywhere or a * size + b in self._exact:
            return False
        km, exact = _track_km(
            self.airspace_rule,
            self.fields.site(a),
            self.fields.site(b),
            within_km,
            forbidden_out_of_reach=True,
        )
        for key in (a * size + b, b * size + a):
            self.known[key] = km if exact else max(self.known.get(key, 0.0), km)
            if exact:
                self._exact.add(key)
        return True


def within_range(
    airspace_rule: AirspaceRule, places: Sequence[Site], range_km: float
) -> NDArray[np.float64]:
    """km between each two of `places` along `airspace_rule` where a track of at most `range_km` joins
    them, inf elsewhere (0 from a place to itself). A track is sought only where the straight
    line, never longer, is within the range as the planner counts it (TOLERANCE_KM)."""
    table = Distances(airspace_rule, places, places)
    km = np.full(table.km.shape, np.inf)
    np.fill_diagonal(km, 0.0)
    for a, b in zip(*np.nonzero(np.triu(table.km <= range_km + TOLERANCE_KM, 1)), strict=True):
        table.settle(int(a), int(b), range_km)
        if table.exact[a, b]:
            km[a, b] = km[b, a] = table.km[a, b]
    return km


class WaypointSteps:
    """km along the tracks between consecutive waypoints. With `within_km`, a step is sought
    only that far: where no track is that short, its km is a lower bound past it (a stretch
    holding it would be too long; a landing between the two waypoints may still fly them), made
    the track's length when settled with a longer limit. Without, every step is exact."""

    def __init__(
        self, airspace_rule: AirspaceRule, waypoints: Sequence[Site], within_km: float | None = None
    ) -> None:
        self.airspace_rule, self.waypoints = airspace_rule, waypoints
        count = max(len(waypoints) - 1, 0)
        self.km = np.zeros(count)
        self.exact = np.ones(count, dtype=bool)
        for step, (start, end) in enumerate(itertools.pairwise(waypoints)):
            if within_km is None:
                self.km[step] = airspace_rule.distance_km(start, end)
            else:
                self.km[step], self.exact[step] = _track_km(
                    airspace_rule, start, end, within_km, forbidden_out_of_reach=False
                )

    def prefix(self) -> NDArray[np.float64]:
        """prefix[m]: km from the first waypoint to waypoint m (a lower bound past a step not
        known exactly)."""
        return np.concatenate([[0.0], np.cumsum(self.km)])

    def settle(self, step: int, within_km: float) -> bool:
        """Seek the track of `step` within `within_km`; False if it was exact already."""
        if self.exact[step]:
            return False
        start, end = self.waypoints[step], self.waypoints[step + 1]
        km, exact = _track_km(
            self.airspace_rule, start, end, within_km, forbidden_out_of_reach=False
        )
        self.km[step] = km if exact else max(float(self.km[step]), km)
        self.exact[step] = exact
        return True


def _track_km(
    airspace_rule: AirspaceRule,
    start: Site,
    end: Site,
    within_km: float,
    *,
    forbidden_out_of_reach: bool,
) -> tuple[float, bool]:
    """(km, exact): the length of the track of at most `within_km`, or where there is none a
    lower bound just past `within_km` (not exact); inf for a place in forbidden airspace where
    that puts it out of reach."""
    if (start.lat, start.lon) == (end.lat, end.lon):
        return 0.0, True
    try:
        return airspace_rule.distance_km(start, end, within_km=within_km), True
    except ForbiddenSiteError:
        if not forbidden_out_of_reach:
            raise
        return math.inf, True
    except NoPlanError:  # no track that short: it is longer, and may be found with a longer limit
        return within_km + 2.0 * TOLERANCE_KM, False


def _positions(places: Places) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    if isinstance(places, FieldSet):
        return places.lat, places.lon
    return (
        np.array([site.lat for site in places], dtype=float),
        np.array([site.lon for site in places], dtype=float),
    )


def _site(places: Places, index: int) -> Site:
    return places.site(index) if isinstance(places, FieldSet) else places[index]
