"""Why a mission has no plan: the stretch that fails, by how much, and what would fix it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from routes.airspace_rule import ForbiddenSiteError
from routes.catalog import Site
from routes.errors import RoutesError
from routes.planning.distances import Distances
from routes.planning.fields import FieldSet
from routes.planning.mission import Stretch
from routes.planning.network import Network, State
from routes.planning.rules import FlightRules
from routes.planning.sweep import best_chain, sweep

__all__ = ["why_no_plan", "why_unreached"]

#: The search for the longest stretch a failing mission must fly stops this close to it (km).
_BOTTLENECK_PRECISION_KM = 0.5
#: Ranges (as multiples of the usable range) at which a mission that fails only along tracks is
#: planned again, to find its longest stretch; beyond the last, the answer gives a lower bound
#: ("at least": each track search grows with its length bound).
_BOTTLENECK_SEARCH_FACTORS = (1.1, 1.25, 1.5, 2.0)
#: A mission that fails even in straight lines needing up to this multiple of the usable range is
#: a close call: its tracks are sought (10% beyond), so the shortfall is given to the km.
_CLOSE_CALL = 1.25


def why_no_plan(rules: FlightRules, network: Network) -> tuple[str, float | None]:
    """Name the stretch that fails in the plan whose longest stretch is shortest, and by how much.

    Straight geodesics are lower bounds of the tracks. Where the mission fails even on them by far,
    the failing stretch is named from them ("at least") and no track is sought; where it fails
    narrowly, or only along tracks, it is planned again at a few longer ranges (each track search
    bounded by that range) and its longest stretch found by bisection, to the km.
    """
    usable = rules.usable_km
    low = usable
    if _chain_on_bounds(network, usable):
        ranges = [usable * factor for factor in _BOTTLENECK_SEARCH_FACTORS]
    else:
        least = _least_range(network, usable, _one_stretch_km(network), _chain_on_bounds)
        if least > usable * _CLOSE_CALL:  # far off: the straight lines say enough
            return _failing_on_bounds(rules, network, least)
        ranges = [least * _BOTTLENECK_SEARCH_FACTORS[0]]
    for high in ranges:
        if best_chain(network, high) is not None:
            high = _least_range(network, low, high, _plans_on_tracks)
            chain = best_chain(network, high)
            if chain is None:  # pragma: no cover - a plan at `high` was found just now
                raise RoutesError("the mission has no route at all")
            return _failing_stretch(rules, network, chain)
        low = high
    # What the lower bounds (straight lines, raised by the searches made) say.
    high = _least_range(network, low, _one_stretch_km(network), _chain_on_bounds)
    return _failing_on_bounds(rules, network, high)


def _failing_on_bounds(
    rules: FlightRules, network: Network, least_km: float
) -> tuple[str, float | None]:
    """The failing stretch of the plan found on lower bounds at `least_km`, the least range at
    which they allow one."""
    chain = sweep(network, least_km).chain_to(network.goal)
    return _failing_stretch(rules, network, chain)


def _plans_on_tracks(network: Network, usable_km: float) -> bool:
    return best_chain(network, usable_km) is not None


def _chain_on_bounds(network: Network, usable_km: float) -> bool:
    """Whether the mission has a plan on what is known of its distances (tracks where searched,
    straight lower bounds elsewhere): if not, it has none along tracks either."""
    return sweep(network, usable_km).reached(network.goal)


def _one_stretch_km(network: Network) -> float:
    """The whole mission in one stretch, on what is known (always a plan at that range)."""
    return network.stretch_km((network.origin, 0), network.goal)


def _least_range(
    network: Network,
    low: float,
    high: float,
    plans: Callable[[Network, float], bool],
    precision_km: float = _BOTTLENECK_PRECISION_KM,
) -> float:
    """The least range in (low, high] at which `plans` finds a plan, to `precision_km` (there is
    none at `low`, one at `high`)."""
    while high - low > precision_km:
        middle = (low + high) / 2.0
        if plans(network, middle):
            high = middle
        else:
            low = middle
    return high


def _failing_stretch(
    rules: FlightRules, network: Network, chain: Sequence[State]
) -> tuple[str, float | None]:
    """The message and shortfall for the longest stretch of `chain` (the best plan's at the least
    range that has one): "at least" where that stretch is known only as a lower bound."""
    states = list(itertools.pairwise(chain))
    before, after = max(states, key=lambda pair: network.stretch_km(*pair))
    if not network.flies_exact(before, after):
        # Parts whose straight line is clear are flown straight: a search bounded by the straight
        # line finds that at once (and nothing longer).
        network.make_exact([before, after], within_km=network.stretch_km(before, after))
    failing = Stretch(network.sites_of(before, after), network.stretch_km(before, after))
    return _shortfall(
        rules,
        failing,
        network.flies_exact(before, after),
        told=_Told(f"fly {failing.describe()}: ", " without landing", " is"),
        fix="an allowed field nearer that stretch",
    )


def why_unreached(
    rules: FlightRules,
    *,
    fields: FieldSet,
    waypoints: Sequence[Site],
    to_waypoints: Distances,
    landable: NDArray[np.bool_],
    final: int,
    reached: Sequence[NDArray[np.bool_]],
) -> tuple[str, float | None]:
    """Where the fields a search over many (every airport, say) reaches run out: the shortest
    stretch over the next waypoint, from a field it reaches (`reached[i]`: the fields reached
    with waypoint i next) on to any field it may land at, or the hop to the final site."""
    n = len(waypoints)
    furthest = max(i for i in range(n + 1) if reached[i].any())
    at = np.flatnonzero(reached[furthest])
    if furthest < n:
        target = waypoints[furthest]
        km = to_waypoints.km[:, furthest]
        start = int(at[int(np.argmin(km[at]))])
        landings = np.flatnonzero(landable | (np.arange(len(fields)) == final))
        end = int(landings[int(np.argmin(km[landings]))])
        failing = Stretch(
            (fields.site(start), target, fields.site(end)), float(km[start] + km[end])
        )
        exact = bool(to_waypoints.exact[start, furthest] and to_waypoints.exact[end, furthest])
        told = _Told(
            f"overfly {target.id} ({target.name}): the shortest stretch over it, from "
            f"{_named(fields, start)} (a field it can reach) to {_named(fields, end)}, is ",
            "",
            ",",
        )
    else:
        target = fields.site(final)
        try:  # a final site in airspace the flight may not enter is out of reach from anywhere
            rules.airspace_rule.check_sites([target], "final site")
        except ForbiddenSiteError as error:
            return str(error), None
        away = fields.distances_to(target.lat, target.lon)[at]
        start = int(at[int(np.argmin(away))])
        failing = Stretch((fields.site(start), target), float(away.min()))
        exact = rules.airspace_rule.overfly.anywhere  # a straight line: a lower bound of the track
        told = _Told(
            f"land at {target.id} ({target.name}): the nearest field it can reach, "
            f"{_named(fields, start)}, is ",
            " from it",
            ",",
        )
    return _shortfall(
        rules,
        failing,
        exact,
        told=told,
        fix=f"a field nearer {target.id}",
    )


@dataclass(frozen=True)
class _Told:
    """How a failing stretch is named: the words before its km, just after them, and after
    what is known of them."""

    before: str
    after: str
    then: str


def _shortfall(
    rules: FlightRules,
    failing: Stretch,
    exact: bool,
    *,
    told: _Told,
    fix: str,
) -> tuple[str, float | None]:
    """The one way a failure is told, and its shortfall: the stretch that cannot be flown, its
    km ("at least" where known only as a lower bound, or why no track at all joins two of its
    places), how far that is beyond the usable range, the range it would need and what else
    would do."""
    if not exact:
        for start, end in itertools.pairwise(failing.sites):
            enclosed = rules.airspace_rule.enclosure(start, end)
            if enclosed is not None:
                return enclosed, None
    at_least = "" if exact else "at least "
    bound = (
        ""
        if exact
        else " (a lower bound: the shortest way round the airspace it may not enter was not sought)"
    )
    aircraft, usable, reserve = rules.aircraft, rules.usable_km, rules.reserve
    km = failing.distance_km
    range_needed = km / (1.0 - reserve)
    if aircraft.figure == "combat_radius":
        range_needed /= 2.0
    return (
        f"{aircraft.name} cannot {told.before}{at_least}{km:,.0f} km{told.after}{bound}{told.then} "
        f"{km - usable:,.0f} km more than its usable range of {usable:,.0f} km; it needs a "
        f"{aircraft.figure.replace('_', ' ')} of at least {range_needed:,.0f} km at {reserve:.0%} "
        f"reserve, or {fix}"
    ), km - usable


def _named(fields: FieldSet, index: int) -> str:
    return f"{fields.ids[index]} ({fields.site(index).name})"
