"""The range band: the published ranges over which a plan's number of landings holds."""

from __future__ import annotations

import itertools
import math

import numpy as np

import geo
from routes.planning.mission import TOLERANCE_KM, Mission, RangeBand, prepared
from routes.planning.network import Network
from routes.planning.rules import FlightRules
from routes.planning.sweep import best_chain, least_longest_km

__all__ = ["range_band"]

#: Break-even ranges are found to this many km of published range.
_BAND_PRECISION_KM = 1.0
#: The top of a band is sought up to this multiple of the usable range (tracks are searched that
#: far), and said to lie beyond it otherwise.
_BAND_SEARCH_FACTOR = 3.0


#: What may separate a sum of geodesics from the same way in fewer of them (rounding), in km.
_ROUNDING_KM = 1e-3


def _straight_km(network: Network) -> float:
    """The whole mission in straight geodesics, landing nowhere: no plan flies less in all (tracks
    are no shorter than geodesics, and a detour to land only adds to the way)."""
    points = [network.fields[network.origin], *network.waypoints, network.fields[network.final]]
    lat = np.array([site.lat for site in points])
    lon = np.array([site.lon for site in points])
    steps = geo.distance_km(lat1=lat[:-1], lon1=lon[:-1], lat2=lat[1:], lon2=lon[1:])
    return float(np.sum(steps))


def _band_edge(
    network: Network, low: float, high: float, most: int, precision_km: float, straight_km: float
) -> float:
    """The least range in (low, high] with a plan of at most `most` landings, to `precision_km`
    (there is none at `low`, one at `high`): the bisection _least_range makes, step for step and
    to the same answer, planning again only at the steps that what is known leaves open.

    - A plan of at most `most` landings has at most most + 1 stretches, together no shorter than
      the whole mission in straight lines (`straight_km`), so it needs a range of at least
      straight_km / (most + 1).
    - Nor can it fly a range below the least longest stretch of such plans on what is known of
      the distances (lower bounds of the tracks): that plan flies from there on where they are
      all exact.
    - A plan found at one step flies every step from its longest stretch on.

    Only steps within a metre of a bound are planned (rounding might tell them apart).
    """
    least = least_longest_km(network, most)
    floor = max(straight_km / (most + 1), least) - _ROUNDING_KM
    # Where every distance is known exactly (no airspace rule), the plan with the least longest
    # stretch flies from there on.
    known = network.known_exactly
    flies_from = least + _ROUNDING_KM if known else math.inf
    while high - low > precision_km:
        middle = (low + high) / 2.0
        if middle >= flies_from:
            found = True
        elif middle + TOLERANCE_KM < floor:
            found = False
        else:
            chain = best_chain(network, middle, most)
            found = chain is not None
            if chain is not None:
                longest = max(network.stretch_km(*pair) for pair in itertools.pairwise(chain))
                flies_from = min(flies_from, longest)
        if found:
            high = middle
        else:
            low = middle
    return high


def range_band(rules: FlightRules, mission: Mission) -> RangeBand | None:
    """The band of published ranges over which the best plan's number of landings holds (to 1 km),
    found by re-planning at other ranges; None when there is no plan at the published figure.
    The mission is checked as the planner checks it."""
    usable = prepared(rules, mission)
    network = Network(mission, rules.field_sites("the range band"), rules.airspace_rule, usable)
    aircraft = rules.aircraft
    per_km = usable / aircraft.range_km  # usable km per km of published figure
    chain = best_chain(network, usable)
    if chain is None:
        return None
    landings = len(chain) - 2

    precision = _BAND_PRECISION_KM * per_km
    straight = _straight_km(network)
    low_km = _band_edge(network, 0.0, usable, landings, precision, straight) / per_km
    high_km = beyond_km = None
    if landings:
        # Flying the whole mission in one stretch needs no landing: the band ends below that, or
        # beyond the longest range searched.
        top = usable * _BAND_SEARCH_FACTOR
        network.make_exact([(network.origin, 0), network.goal], within_km=top)
        top = max(min(network.stretch_km((network.origin, 0), network.goal), top), usable)
        if best_chain(network, top, landings - 1) is not None:
            high_km = _band_edge(network, usable, top, landings - 1, precision, straight) / per_km
        else:
            beyond_km = top / per_km
    return RangeBand(landings, low_km, high_km, aircraft.range_km, beyond_km)
