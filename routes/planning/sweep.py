"""The Pareto sweep: the best cost of every state of a network, column by column, exactly."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

from routes.planning.mission import TOLERANCE_KM
from routes.planning.network import Cost, Network, State

__all__ = ["Sweep", "best_chain", "least_longest_km", "sweep"]

#: What a front ranks its candidates by: a cost, or a longest stretch (km).
_Value = TypeVar("_Value", tuple[int, float], float)
#: What a candidate carries along.
_Payload = TypeVar("_Payload")


class _ParetoFront(Generic[_Value, _Payload]):
    """Candidates (key, value, payload) with keys rising and values falling: a candidate with a
    larger key and a value no better than another's can never be chosen, so it is dropped."""

    def __init__(self) -> None:
        self.keys: list[float] = []
        self.values: list[_Value] = []
        self.payloads: list[_Payload] = []

    def add(self, key: float, value: _Value, payload: _Payload) -> None:
        at = bisect.bisect_left(self.keys, key)
        if at > 0 and self.values[at - 1] <= value:
            return
        if at < len(self.keys) and self.keys[at] == key and self.values[at] <= value:
            return
        end = at
        while end < len(self.keys) and self.values[end] >= value:
            end += 1
        self.keys[at:end] = [key]
        self.values[at:end] = [value]
        self.payloads[at:end] = [payload]


class _Front(_ParetoFront[Cost, State]):
    """Earlier states as take-off candidates: (key, value, state).

    key = km from the take-off field to its first waypoint less the km along the waypoints up to
    it; value = (landings, km so far + key). A stretch to a later column is flyable when the key is
    at most a limit, and its cost is the value plus what the target adds: among the candidates under
    a limit, the last one on the front is the best.
    """

    def best_within(self, limit: float) -> tuple[Cost, State] | None:
        at = bisect.bisect_right(self.keys, limit) - 1
        return None if at < 0 else (self.values[at], self.payloads[at])

    def drop_beyond(self, limit: float) -> None:
        """Forget candidates whose key exceeds `limit`: later limits are never larger."""
        at = bisect.bisect_right(self.keys, limit)
        del self.keys[at:], self.values[at:], self.payloads[at:]


@dataclass
class Sweep:
    """Best cost of every state, and where it came from (-1: not reached)."""

    landings: NDArray[np.int64]
    km: NDArray[np.float64]
    from_field: NDArray[np.int64]
    from_index: NDArray[np.int64]

    def reached(self, state: State) -> bool:
        return bool(self.landings[state] >= 0)

    def chain_to(self, state: State) -> list[State]:
        chain = [state]
        while self.from_field[chain[-1]] >= 0:
            field, index = chain[-1]
            chain.append((int(self.from_field[field, index]), int(self.from_index[field, index])))
        return chain[::-1]


def sweep(network: Network, usable_km: float, most: int | None = None) -> Sweep:
    """The best cost of every state, with stretches of at most `usable_km` and, with `most`, at
    most that many landings (a state that needs more is left unreached: costs only grow along a
    flight, so every state with at most `most` landings keeps the cost and the way it had).

    The columns are swept in order, with the hops inside each column relaxed landing by landing:
    that finds the best cost (landings, then km) of every state exactly. Stretches into a column
    come from a Pareto front of the earlier states, kept by how far each one's take-off lies from
    its first waypoint: the sweep is linear in the waypoints, so a mission of thousands of them
    plans in seconds.
    """
    size, n = len(network.fields), network.n
    # A best plan lands at a state at most once: no cap where `most` is None.
    cap = size * (n + 1) if most is None else most
    reach = usable_km + TOLERANCE_KM
    costs = Sweep(
        landings=np.full((size, n + 1), -1, dtype=np.int64),
        km=np.full((size, n + 1), np.inf),
        from_field=np.full((size, n + 1), -1, dtype=np.int64),
        from_index=np.full((size, n + 1), -1, dtype=np.int64),
    )
    hops = np.where(network.hop <= reach, network.hop, np.inf)
    np.fill_diagonal(hops, np.inf)
    front = _Front()
    for j in range(n + 1):
        column = _column_costs(network, costs, front, j, reach, cap)
        _relax_hops(network, costs, hops, j, column, cap)
        if j < n:
            for g in np.flatnonzero(costs.landings[:, j] >= 0).tolist():
                key = float(network.out[g, j] - network.prefix[j])
                value = (int(costs.landings[g, j]), float(costs.km[g, j]) + key)
                front.add(key, value, (g, j))
    return costs


def _landing_cost(network: Network, field: int, index: int) -> int | None:
    """Landings a landing at (field, index) adds: 0 for the goal, 1 at an allowed field, else None."""
    if (field, index) == network.goal:
        return 0
    return 1 if network.landable[field] else None


def _column_costs(
    network: Network, sweep: Sweep, front: _Front, j: int, reach: float, cap: int
) -> list[int]:
    """Costs of column j from stretches over waypoints into it; returns the fields reached."""
    if j == 0:
        sweep.landings[network.origin, 0] = 0
        sweep.km[network.origin, 0] = 0.0
        return [network.origin]
    over = float(network.prefix[j - 1])
    front.drop_beyond(reach - over)
    reached = []
    for g in range(len(network.fields)):
        added = _landing_cost(network, g, j)
        if added is None:
            continue
        to_field = float(network.out[g, j - 1])
        found = front.best_within(reach - over - to_field)
        if found is None:
            continue
        (landings, km), (f, i) = found
        if landings + added > cap:  # the best candidate lands least often: none fits the cap
            continue
        sweep.landings[g, j] = landings + added
        sweep.km[g, j] = km + over + to_field
        sweep.from_field[g, j], sweep.from_index[g, j] = f, i
        reached.append(g)
    return reached


def _relax_hops(
    network: Network,
    sweep: Sweep,
    hops: NDArray[np.float64],
    j: int,
    reached: list[int],
    cap: int,
) -> None:
    """Field-to-field hops inside column j, one landing level at a time (each hop is a landing, so
    the states with the fewest landings are final first)."""
    if not reached:
        return
    landings, km = sweep.landings[:, j], sweep.km[:, j]
    # Landings each field adds as a hop's end: 1 where allowed, 0 for the goal, -1: not allowed.
    added = np.where(network.landable, 1, -1)
    if j == network.n:
        added[network.final] = 0
    # The goal only ends the flight: nothing takes off from it, and a hop into it adds no landing,
    # so it stays open to the end (it is never settled).
    takes_off = np.ones(len(network.fields), dtype=bool)
    if j == network.n:
        takes_off[network.final] = False
    settled = np.zeros(len(network.fields), dtype=bool)
    while True:
        open_states = (landings >= 0) & ~settled & takes_off
        if not open_states.any():
            return
        level = int(landings[open_states].min())
        if level > cap or (level == cap and j < network.n):  # every hop from here lands once more
            return
        members = np.flatnonzero(open_states & (landings == level))
        settled[members] = True
        through = km[members][:, None] + hops[members]
        best = np.argmin(through, axis=0)
        offered_km = through[best, np.arange(len(network.fields))]
        offered_landings = level + added
        better = (
            np.isfinite(offered_km)
            & (added >= 0)
            & (offered_landings <= cap)
            & ~settled
            & (
                (landings < 0)
                | (offered_landings < landings)
                | ((offered_landings == landings) & (offered_km < km))
            )
        )
        for g in np.flatnonzero(better).tolist():
            landings[g], km[g] = offered_landings[g], offered_km[g]
            sweep.from_field[g, j], sweep.from_index[g, j] = int(members[best[g]]), j


def best_chain(network: Network, usable_km: float, most: int | None = None) -> list[State] | None:
    """The states of the best plan with stretches of at most `usable_km` (and with `most`, at most
    that many landings), on exact distances: sweep on what is known, make the winner's distances
    exact, and again until it flew exact ones."""
    while True:
        swept = sweep(network, usable_km, most)
        if not swept.reached(network.goal):
            return None
        chain = swept.chain_to(network.goal)
        if not network.make_exact(chain, within_km=usable_km):
            return chain


class _LongestFront(_ParetoFront[float, float]):
    """Earlier states as take-off candidates, for the least longest stretch: (key, longest,
    key - longest) with keys rising and longest falling, so key - longest rises (key as in
    _Front; longest: the longest stretch flown to the state). A stretch from a candidate to a
    later state is key + what the target adds; flown from it, the longest stretch is the larger of
    the two."""

    def least(self, added: float) -> float:
        """The least, over the candidates, of the larger of their longest stretch and key + added:
        where the stretch outgrows the longest, or just before."""
        at = bisect.bisect_left(self.payloads, -added)
        best = math.inf
        if at < len(self.keys):
            best = self.keys[at] + added
        if at > 0:
            best = min(best, self.values[at - 1])
        return best


def least_longest_km(network: Network, most: int) -> float:
    """The least longest stretch of the plans with at most `most` landings, on what is known of
    the distances (inf: no such plan): the least range at which one flies. A sweep as _sweep's,
    over states (field, next waypoint, landings so far) and taking the longest stretch for cost."""
    size, n = len(network.fields), network.n
    final, prefix = network.final, network.prefix.tolist()
    by_waypoint = network.out.T.tolist()
    hops = network.hop.copy()
    np.fill_diagonal(hops, np.inf)
    fronts = [_LongestFront() for _ in range(most + 1)]
    for j in range(n + 1):
        # Landings a landing at each field adds: 1 where allowed, 0 for the goal, -1: not allowed.
        adds = np.where(network.landable, 1, -1)
        if j == n:
            adds[final] = 0
        longest = np.full((most + 1, size), np.inf)
        if j == 0:
            longest[0, network.origin] = 0.0
        else:
            over, column = prefix[j - 1], by_waypoint[j - 1]
            for g in np.flatnonzero(adds >= 0).tolist():
                added, extra = over + column[g], int(adds[g])
                for k in range(extra, most + 1):
                    longest[k, g] = min(longest[k, g], fronts[k - extra].least(added))
        # Hops inside the column, fewest landings first (each lands once more; into the goal, not).
        for k in range(most + 1):
            takes_off = np.isfinite(longest[k])
            if j == n:
                takes_off[final] = False
            if not takes_off.any():
                continue
            offered = np.maximum(longest[k][takes_off][:, None], hops[takes_off]).min(axis=0)
            if k < most:
                lands = adds == 1
                longest[k + 1][lands] = np.minimum(longest[k + 1][lands], offered[lands])
            if j == n:
                longest[k, final] = min(longest[k, final], offered[final])
        if j < n:
            for k in range(most + 1):
                for g in np.flatnonzero(np.isfinite(longest[k])).tolist():
                    key, flown = by_waypoint[j][g] - prefix[j], float(longest[k, g])
                    fronts[k].add(key, flown, key - flown)
    return float(longest[:, final].min())
