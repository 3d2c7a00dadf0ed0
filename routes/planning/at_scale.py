"""The refuelling planner at scale (any airport on Earth as a refuelling field), exact and pruned.

Same answer as routes.planning.planner (fewest refuelling landings, then shortest distance), without looking
at all pairs of fields:

1. Breadth-first search by landings, forward from the origin and backward from the final site, over
   states (field, next waypoint). A hop between two fields is found with a KD-tree on the sphere and
   confirmed on the WGS84 ellipsoid; a stretch over waypoints needs only field-to-waypoint distances,
   computed once for every field.
2. The fewest landings L is where the two searches meet. Only states with forward + backward = L
   lie on such plans (the corridor); the shortest of them is found layer by layer over the corridor.

Under an airspace rule that keeps out of some airspace, distances start as straight geodesics (lower bounds
of the tracks); the stretches of the best plan found are made track lengths, and the search runs
again until its best plan flies track lengths only: then no other plan can beat it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from geo import IntArray
from routes.airspace_rule import AirspaceRule
from routes.catalog import Site
from routes.errors import NoPlanError
from routes.planning.distances import Distances, FieldPairs, WaypointSteps
from routes.planning.fields import FieldSet, chord_for_km
from routes.planning.mission import TOLERANCE_KM, Mission, Plan, plan_of_chain, prepared
from routes.planning.no_plan import why_unreached
from routes.planning.rules import FlightRules

__all__ = ["plan_mission_at_scale"]

#: Sphere and ellipsoid distances differ by well under this factor (about 0.5% at most).
_SPHERE_SLACK = 1.012
_UNSEEN = -1


@dataclass
class _Problem:
    fields: FieldSet
    origin: int
    final: int
    waypoints: list[Site]
    usable_km: float
    #: km from each field to each waypoint (track lengths, or lower bounds).
    to_waypoints: Distances
    prefix: NDArray[np.float64]  # prefix[m]: km along the waypoints from the first to waypoint m
    landable: NDArray[np.bool_]  # where a refuelling landing may be made (not the added sites)
    airspace_rule: AirspaceRule
    #: km between fields: the geodesic, or the track where known.
    hops: FieldPairs

    @property
    def n(self) -> int:
        return len(self.waypoints)

    @property
    def to_waypoint(self) -> NDArray[np.float64]:
        """fields x waypoints, km (track lengths, or lower bounds)."""
        return self.to_waypoints.km

    def chain(self, i: int, j: int) -> float:
        """km flown over waypoints i .. j-1 (from the first to the last of them)."""
        return float(self.prefix[j - 1] - self.prefix[i])

    def sites_of(self, before: tuple[int, int], after: tuple[int, int]) -> tuple[Site, ...]:
        """The sites of a stretch: take-off field, waypoints overflown, landing field."""
        (f, i), (g, j) = before, after
        return (self.fields.site(f), *self.waypoints[i:j], self.fields.site(g))

    def stretch_km(self, before: tuple[int, int], after: tuple[int, int]) -> float:
        """The km of the stretch from state `before` to state `after`."""
        (f, i), (g, j) = before, after
        if j == i:
            return float(self.pair_km(np.array([f]), np.array([g]))[0])
        return float(self.to_waypoint[f, i] + self.chain(i, j) + self.to_waypoint[g, j - 1])

    def pair_km(self, first: IntArray, second: IntArray) -> NDArray[np.float64]:
        """km between fields first[k] and second[k]: the geodesic, or the track where known."""
        return self.hops.km(first, second)

    def make_exact(self, states: list[tuple[int, int]]) -> bool:
        """Track lengths for the stretches between `states`; False if they were known already."""
        if self.airspace_rule.overfly.anywhere:
            return False
        changed = False
        for (f, i), (g, j) in itertools.pairwise(states):
            if i == j:
                changed |= self.hops.settle(f, g, self.usable_km)
                continue
            for row, column in ((f, i), (g, j - 1)):
                changed |= self.to_waypoints.settle(row, column, self.usable_km)
        return changed


def plan_mission_at_scale(rules: FlightRules, mission: Mission) -> Plan:
    """The plan with the fewest refuelling landings, then the shortest distance, over the rules'
    fields (as many as every airport), as the airspace rule allows."""
    usable = prepared(rules, mission)
    problem = _problem(mission, rules.field_set, usable, rules.airspace_rule)
    while True:
        forward = _search(problem, backward=False)
        goal_layer = int(forward[problem.n][problem.final])
        if goal_layer == _UNSEEN:
            message, short = why_unreached(
                rules,
                fields=problem.fields,
                waypoints=problem.waypoints,
                to_waypoints=problem.to_waypoints,
                landable=problem.landable,
                final=problem.final,
                reached=[layer != _UNSEEN for layer in forward],
            )
            raise NoPlanError(message, short_km=short)
        backward = _search(problem, backward=True, stop_at=goal_layer)
        states = _shortest_through_corridor(problem, forward, backward, goal_layer)
        if not problem.make_exact(states):
            break
    return plan_of_chain(rules, mission, problem, states)


def _problem(
    mission: Mission, fields: FieldSet, usable: float, airspace_rule: AirspaceRule
) -> _Problem:
    merged, (origin, final) = fields.with_sites([mission.origin, mission.landing_site])
    landable = np.zeros(len(merged), dtype=bool)
    landable[: len(fields)] = True
    waypoints = list(mission.waypoints)
    to_waypoints = Distances(airspace_rule, merged, waypoints, forbidden_out_of_reach=True)
    # A step longer than the range is a lower bound past it: no stretch can hold it anyway.
    prefix = WaypointSteps(airspace_rule, waypoints, within_km=usable).prefix()
    return _Problem(
        merged,
        origin,
        final,
        waypoints,
        usable,
        to_waypoints,
        prefix,
        landable,
        airspace_rule,
        FieldPairs(airspace_rule, merged),
    )


def _search(problem: _Problem, *, backward: bool, stop_at: int | None = None) -> list[IntArray]:
    """Landings needed to reach each state (field, next waypoint) from the origin, or (backward)
    to reach the goal from it; _UNSEEN where it cannot be done."""
    size, n, usable = len(problem.fields), problem.n, problem.usable_km
    layer = [np.full(size, _UNSEEN, dtype=np.intp) for _ in range(n + 1)]
    start_index, start_field = (n, problem.final) if backward else (0, problem.origin)
    layer[start_index][start_field] = 0
    frontier = {start_index: np.array([start_field], dtype=np.intp)}
    depth = 0
    while frontier and (stop_at is None or depth < stop_at):
        if not backward and layer[n][problem.final] != _UNSEEN:
            break
        depth += 1
        found: dict[int, list[IntArray]] = {}
        for i, members in frontier.items():
            unseen = np.flatnonzero(layer[i] == _UNSEEN)
            found.setdefault(i, []).append(_within_reach(problem, members, unseen, usable))
            # Nearest waypoints first: the chain only grows, so the first one beyond the range ends
            # the loop (a mission of thousands of waypoints stays linear).
            others = range(i - 1, -1, -1) if backward else range(i + 1, n + 1)
            for j in others:
                first, last = (j, i) if backward else (i, j)
                spare = usable - problem.chain(first, last)
                if spare < -TOLERANCE_KM:
                    break
                if backward:
                    # From (F, first) over waypoints first..last-1 to (G, last) in the frontier.
                    best = float(problem.to_waypoint[members, last - 1].min())
                    ok = problem.to_waypoint[:, first] + best <= spare + TOLERANCE_KM
                else:
                    best = float(problem.to_waypoint[members, first].min())
                    ok = problem.to_waypoint[:, last - 1] + best <= spare + TOLERANCE_KM
                found.setdefault(j, []).append(np.flatnonzero(ok & (layer[j] == _UNSEEN)))
        frontier = {}
        for i, parts in found.items():
            new = np.unique(np.concatenate(parts))
            new = new[layer[i][new] == _UNSEEN]
            # Only allowed fields are landed at; the search's own start and end are its ends.
            end = (problem.origin, 0) if backward else (problem.final, n)
            new = new[problem.landable[new] | ((new == end[0]) & (i == end[1]))]
            if new.size:
                layer[i][new] = depth
                frontier[i] = new
    return layer


def _within_reach(
    problem: _Problem, frontier: IntArray, candidates: IntArray, usable: float
) -> IntArray:
    """The candidates within `usable` km (on the ellipsoid, or along their track) of some frontier
    field."""
    fields = problem.fields
    if not candidates.size or not frontier.size:
        return np.zeros(0, dtype=np.intp)
    from scipy.spatial import cKDTree

    tree = cKDTree(fields.xyz[frontier])
    chord, nearest = tree.query(
        fields.xyz[candidates], k=1, distance_upper_bound=chord_for_km(usable + 10.0)
    )
    near = np.isfinite(chord)
    candidates, chord, nearest = candidates[near], chord[near], nearest[near]
    exact = problem.pair_km(candidates, frontier[nearest])
    reached = exact <= usable + TOLERANCE_KM
    # The nearest on the sphere may not be the nearest on the ellipsoid: look again among the few
    # frontier fields almost as near on the sphere; where tracks are known to bend, among all
    # within reach on the sphere (a track may be much longer than the straight line).
    reach = chord_for_km(usable + 10.0)
    doubtful = np.flatnonzero(~reached)
    for index in doubtful:
        angle = 2.0 * np.arcsin(min(1.0, chord[index] / 2.0)) * _SPHERE_SLACK
        radius = reach if problem.hops.known else 2.0 * np.sin(min(np.pi, angle) / 2.0)
        others = np.asarray(
            tree.query_ball_point(fields.xyz[candidates[index]], r=radius), dtype=np.intp
        )
        if others.size:
            distances = problem.pair_km(np.full(others.size, candidates[index]), frontier[others])
            reached[index] = bool((distances <= usable + TOLERANCE_KM).any())
    return candidates[reached]


def _shortest_through_corridor(
    problem: _Problem, forward: list[IntArray], backward: list[IntArray], goal_layer: int
) -> list[tuple[int, int]]:
    """The shortest sequence of states with goal_layer landings, layer by layer over the corridor."""
    n, usable = problem.n, problem.usable_km
    # Per layer and waypoint index: member fields, best km so far, and where each came from.
    layers: list[dict[int, _Layer]] = [
        {0: _Layer(np.array([problem.origin], dtype=np.intp), np.zeros(1))}
    ]
    for depth in range(1, goal_layer + 1):
        following = {
            j: _Layer(members, np.full(members.size, np.inf))
            for j in range(n + 1)
            if (
                members := np.flatnonzero(
                    (forward[j] == depth) & (backward[j] == goal_layer - depth)
                )
            ).size
        }
        for i, start in layers[-1].items():
            for j, target in following.items():
                if j < i or (j > i and problem.chain(i, j) > usable + TOLERANCE_KM):
                    continue
                if j == i:
                    pair_s, pair_t, km = _hops(problem, start.members, target.members, usable)
                    total = start.km[pair_s] + km
                else:
                    const = problem.chain(i, j)
                    order = np.argsort(problem.to_waypoint[start.members, i])
                    out_km = problem.to_waypoint[start.members[order], i]
                    flown = start.km[order] + out_km
                    running = np.minimum.accumulate(flown)
                    where_best = np.maximum.accumulate(
                        np.where(flown == running, np.arange(flown.size), 0)
                    )
                    room = (
                        usable - const - problem.to_waypoint[target.members, j - 1] + TOLERANCE_KM
                    )
                    count = np.searchsorted(out_km, room, side="right")
                    pair_t = np.flatnonzero(count > 0)
                    pair_s = order[where_best[count[pair_t] - 1]]
                    total = (
                        running[count[pair_t] - 1]
                        + const
                        + problem.to_waypoint[target.members[pair_t], j - 1]
                    )
                target.improve(pair_t, total, i, start.members[pair_s])
        layers.append({j: layer for j, layer in following.items() if np.isfinite(layer.km).any()})
    chain = [(problem.final, n)]
    for depth in range(goal_layer, 0, -1):
        field, j = chain[-1]
        layer = layers[depth][j]
        position = int(np.flatnonzero(layer.members == field)[0])
        chain.append((int(layer.from_field[position]), int(layer.from_index[position])))
    return chain[::-1]


class _Layer:
    """The corridor's states at one waypoint index in one layer, with their best km so far."""

    def __init__(self, members: IntArray, km: NDArray[np.float64]) -> None:
        self.members, self.km = members, km
        self.from_index = np.full(members.size, -1, dtype=np.intp)
        self.from_field = np.full(members.size, -1, dtype=np.intp)

    def improve(
        self, positions: IntArray, km: NDArray[np.float64], from_index: int, from_field: IntArray
    ) -> None:
        """Keep, for each position, the smallest km offered (from waypoint index `from_index`)."""
        if not positions.size:
            return
        order = np.lexsort((km, positions))
        first = np.r_[True, positions[order][1:] != positions[order][:-1]]
        chosen = order[first]
        where, value = positions[chosen], km[chosen]
        better = value < self.km[where]
        self.km[where[better]] = value[better]
        self.from_index[where[better]] = from_index
        self.from_field[where[better]] = from_field[chosen][better]


def _hops(
    problem: _Problem, starts: IntArray, targets: IntArray, usable: float
) -> tuple[IntArray, IntArray, NDArray[np.float64]]:
    """Pairs (start, target) of distinct fields within `usable` km (on the ellipsoid, or along
    their track), and their km."""
    from scipy.spatial import cKDTree

    fields = problem.fields
    start_tree, target_tree = cKDTree(fields.xyz[starts]), cKDTree(fields.xyz[targets])
    pairs = start_tree.query_ball_tree(target_tree, r=chord_for_km(usable + 10.0))
    s = np.array([a for a, near in enumerate(pairs) for _ in near], dtype=np.intp)
    t = np.array([b for near in pairs for b in near], dtype=np.intp)
    if not s.size:
        return s, t, np.zeros(0)
    km = problem.pair_km(starts[s], targets[t])
    ok = (km <= usable + TOLERANCE_KM) & (starts[s] != targets[t])
    return s[ok], t[ok], km[ok]
