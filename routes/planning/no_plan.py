"""Why a mission has no plan: the stretch that fails, by how much, and what would fix it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from routes.catalog import Aircraft
from routes.errors import RoutesError
from routes.planning.mission import Stretch
from routes.planning.network import Network, State
from routes.planning.sweep import best_chain, sweep

__all__ = ["why_no_plan"]

#: The search for the longest stretch a failing mission must fly stops this close to it (km).
_BOTTLENECK_PRECISION_KM = 0.5
#: Ranges (as multiples of the usable range) at which a mission that fails only along tracks is
#: planned again, to find its longest stretch; beyond the last, the answer gives a lower bound
#: ("at least": each track search grows with its length bound).
_BOTTLENECK_SEARCH_FACTORS = (1.1, 1.25, 1.5, 2.0)
#: A mission that fails even in straight lines needing up to this multiple of the usable range is
#: a close call: its tracks are sought (10% beyond), so the shortfall is given to the km.
_CLOSE_CALL = 1.25


def why_no_plan(
    aircraft: Aircraft, network: Network, usable: float, reserve: float
) -> tuple[str, float | None]:
    """Name the stretch that fails in the plan whose longest stretch is shortest, and by how much.

    Straight geodesics are lower bounds of the tracks. Where the mission fails even on them by far,
    the failing stretch is named from them ("at least") and no track is sought; where it fails
    narrowly, or only along tracks, it is planned again at a few longer ranges (each track search
    bounded by that range) and its longest stretch found by bisection, to the km.
    """
    low = usable
    if _chain_on_bounds(network, usable):
        ranges = [usable * factor for factor in _BOTTLENECK_SEARCH_FACTORS]
    else:
        least = _least_range(network, usable, _one_stretch_km(network), _chain_on_bounds)
        if least > usable * _CLOSE_CALL:  # far off: the straight lines say enough
            return _failing_on_bounds(aircraft, network, least, usable, reserve)
        ranges = [least * _BOTTLENECK_SEARCH_FACTORS[0]]
    for high in ranges:
        if best_chain(network, high) is not None:
            high = _least_range(network, low, high, _plans_on_tracks)
            chain = best_chain(network, high)
            if chain is None:  # pragma: no cover - a plan at `high` was found just now
                raise RoutesError("the mission has no route at all")
            return _failing_stretch(aircraft, network, chain, usable, reserve)
        low = high
    # What the lower bounds (straight lines, raised by the searches made) say.
    high = _least_range(network, low, _one_stretch_km(network), _chain_on_bounds)
    return _failing_on_bounds(aircraft, network, high, usable, reserve)


def _failing_on_bounds(
    aircraft: Aircraft, network: Network, least_km: float, usable: float, reserve: float
) -> tuple[str, float | None]:
    """The failing stretch of the plan found on lower bounds at `least_km`, the least range at
    which they allow one."""
    chain = sweep(network, least_km).chain_to(network.goal)
    return _failing_stretch(aircraft, network, chain, usable, reserve)


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
    aircraft: Aircraft, network: Network, chain: Sequence[State], usable: float, reserve: float
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
    exact = network.flies_exact(before, after)
    if not exact:
        for start, end in itertools.pairwise(failing.sites):
            enclosed = network.airways.enclosure(start, end)
            if enclosed is not None:
                return enclosed, None
    at_least = "" if exact else "at least "
    bound = (
        ""
        if exact
        else " (a lower bound: the shortest way round the airspace it may not enter was not sought)"
    )
    range_needed = failing.distance_km / (1.0 - reserve)
    if aircraft.figure == "combat_radius":
        range_needed /= 2.0
    return (
        f"{aircraft.name} cannot fly {failing.describe()}: {at_least}{failing.distance_km:,.0f} km "
        f"without landing{bound} is {failing.distance_km - usable:,.0f} km more than its usable "
        f"range of {usable:,.0f} km; it needs a {aircraft.figure.replace('_', ' ')} of at least "
        f"{range_needed:,.0f} km at {reserve:.0%} reserve, or an allowed field nearer that stretch"
    ), failing.distance_km - usable
