"""The catalog planner's network: its states and the km of the stretches between them."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from routes.airspace_rule import AirspaceRule
from routes.catalog import Site
from routes.errors import RoutesError
from routes.planning.distances import Distances, WaypointSteps
from routes.planning.mission import Mission

__all__ = ["Cost", "Network", "State"]

State = tuple[int, int]  # (index of the field landed at, index of the next waypoint)
Cost = tuple[int, float]  # (refuelling landings, km flown)


class Network:
    """Distances among the fields (origin, allowed landings, final site) and the waypoints as the
    flight's airspace rule allows.

    A state is (field landed at, index of the next waypoint). A stretch between two landings
    either hops from field to field (the index stays) or overflies waypoints i .. j-1 (the index
    moves on to j), so the states stand in columns by index, joined forward only.

    Between consecutive waypoints they are track lengths, sought within the usable range (a step
    longer than that is a lower bound until a longer range settles it: a landing between the two
    waypoints still flies them). Elsewhere a distance starts as the straight geodesic, a lower
    bound of the track, and becomes the track's length when a best plan uses it: a plan that is
    best on lower bounds and flies only exact distances is best.
    """

    def __init__(
        self,
        mission: Mission,
        fields: Sequence[Site],
        airspace_rule: AirspaceRule,
        usable_km: float,
    ) -> None:
        final = mission.landing_site
        unique: dict[str, Site] = {}
        for site in [mission.origin, *fields, final]:
            other = unique.setdefault(site.id, site)
            if (other.lat, other.lon) != (site.lat, site.lon):
                raise RoutesError(
                    f"two places are both called {site.id}: ({other.lat:g}, {other.lon:g}) and "
                    f"({site.lat:g}, {site.lon:g})"
                )
        self.fields = list(unique.values())
        self.origin = self.fields.index(unique[mission.origin.id])
        self.final = self.fields.index(unique[final.id])
        allowed = {site.id for site in fields}
        #: Where a refuelling landing may be made: the allowed fields only (not the origin or the
        #: final site unless they are allowed too).
        self.landable = np.array([site.id in allowed for site in self.fields])
        self.waypoints = list(mission.waypoints)
        self.airspace_rule = airspace_rule
        self._steps = WaypointSteps(airspace_rule, self.waypoints, within_km=usable_km)
        #: prefix[m]: km along the waypoints from the first to waypoint m (lower bounds past a
        #: step longer than the usable range, until a longer range settles it).
        self.prefix = self._steps.prefix()
        self._hops = Distances(airspace_rule, self.fields, self.fields)
        self._out = Distances(airspace_rule, self.fields, self.waypoints)
        #: km from field to field and from each field to each waypoint, and which are exact.
        self.hop, self.hop_exact = self._hops.km, self._hops.exact
        self.out, self.out_exact = self._out.km, self._out.exact

    @property
    def n(self) -> int:
        return len(self.waypoints)

    @property
    def goal(self) -> State:
        return (self.final, self.n)

    def stretch_km(self, before: State, after: State) -> float:
        """The km of the stretch from state `before` to state `after`."""
        (f, i), (g, j) = before, after
        if i == j:
            return float(self.hop[f, g])
        over = float(self.prefix[j - 1] - self.prefix[i])
        return float(self.out[f, i]) + over + float(self.out[g, j - 1])

    def sites_of(self, before: State, after: State) -> tuple[Site, ...]:
        """The sites of a stretch: take-off field, waypoints overflown, landing field."""
        (f, i), (g, j) = before, after
        return (self.fields[f], *self.waypoints[i:j], self.fields[g])

    def make_exact(self, chain: Sequence[State], *, within_km: float) -> bool:
        """Replace the lower bounds a chain of states flies by track lengths, looking only for
        tracks short enough for their stretch to be at most `within_km` (a longer one makes the
        stretch too long anyway: its lower bound is raised to what was searched); False if it flew
        exact distances only (then nothing changed)."""
        changed = False
        for (f, i), (g, j) in itertools.pairwise(chain):
            if i == j:
                changed |= self._hops.settle(f, g, within_km)
                continue
            changed |= self._settle_steps(f, i, g, j, within_km)
            over = float(self.prefix[j - 1] - self.prefix[i])
            for row, column, (other_row, other_column) in (
                (f, i, (g, j - 1)),
                (g, j - 1, (f, i)),
            ):
                # What the rest of the stretch already takes (at least) is not left for this part.
                budget = within_km - over - float(self.out[other_row, other_column])
                if budget < self.out[row, column]:  # the other part made the stretch too long
                    continue
                changed |= self._out.settle(row, column, budget)
        return changed

    def _settle_steps(self, f: int, i: int, g: int, j: int, within_km: float) -> bool:
        """Settle the steps between waypoints i .. j-1 that are known only as lower bounds, each
        within what the rest of the stretch from field f to field g leaves of `within_km`."""
        changed = False
        for step in np.flatnonzero(~self._steps.exact[i : j - 1]) + i:
            rest = self.stretch_km((f, i), (g, j)) - float(self._steps.km[step])
            if within_km - rest >= self._steps.km[step]:
                changed |= self._steps.settle(int(step), within_km - rest)
        if changed:
            self.prefix = self._steps.prefix()
        return changed

    @property
    def known_exactly(self) -> bool:
        """Whether every distance is known along its track (as with no airspace rule)."""
        return bool(self.hop_exact.all() and self.out_exact.all() and self._steps.exact.all())

    def flies_exact(self, before: State, after: State) -> bool:
        """Whether the stretch from `before` to `after` is known along its tracks (not only as a
        lower bound)."""
        (f, i), (g, j) = before, after
        if i == j:
            return bool(self.hop_exact[f, g])
        steps = self._steps.exact[i : j - 1]
        return bool(self.out_exact[f, i] and self.out_exact[g, j - 1] and steps.all())
