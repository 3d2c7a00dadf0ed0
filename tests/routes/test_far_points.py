"""Regression: a far ocean waypoint hung the planner (issue 25).

`plan --aircraft h-6k --from neixiang --via 0,0` searched tracks round half the world for over ten
minutes, though the straight geodesic (a lower bound of every track) already proved the stretch
impossible. Every search is now bounded by what the straight lines prove: a mission that fails on
them is refused before any track is sought, and every track search has a length bound no larger
than the work it can change.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import airspace
import geo
from routes import FlightRules
from routes.airspace_rule import AirspaceRule, overfly_for
from routes.bundled import bundled_sites, find_aircraft
from routes.errors import NoPlanError
from routes.planning.need import where_to_refuel
from routes.planning.planner import Mission, plan_mission
from routes.planning.policy import refuel_fields

#: Far points in every ocean (the H-6K's out-and-back is more than 1.25 times its range even in
#: straight lines), at 0,0 and near Neixiang's antipode (-32.97, -68.12 lies in the Andes;
#: this one is off Chile, outside its territorial sea).
FAR_POINTS = {
    "gulf-of-guinea": "0,0",
    "north-atlantic": "40,-40",
    "south-atlantic": "-30,-15",
    "indian-ocean": "-20,80",
    "southern-ocean": "-60,100",
    "east-pacific": "10,-140",
    "south-pacific": "-40,-100",
    "near-antipode": "-33,-74",
}


#: A track search seen: its length bound (km, None: unbounded) and its straight line (km).
Search = tuple[float | None, float]


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Search]]:
    """Every track search made, in order."""
    made: list[Search] = []
    real = airspace.shortest_track

    def counted(**kwargs: Any) -> airspace.Track:
        ends = {key: kwargs[key] for key in ("lat1", "lon1", "lat2", "lon2")}
        made.append((kwargs.get("within_km"), float(geo.distance_km(**ends))))
        return real(**kwargs)

    monkeypatch.setattr(airspace, "shortest_track", counted)
    yield made


def _rule_for_h6k(*fields: str) -> AirspaceRule:
    return AirspaceRule(overfly_for(find_aircraft("h-6k"), landing_countries=["CN", *fields]))


@pytest.mark.parametrize("where", sorted(FAR_POINTS))
def test_a_far_ocean_waypoint_is_refused_without_a_track_search(
    where: str, searches: list[Search]
) -> None:
    """Only the straight line of the failing stretch is tried (a track no longer than it is that
    line, if clear): no way round any airspace is sought."""
    sites = bundled_sites()
    point = sites.resolve(FAR_POINTS[where])
    mission = Mission(origin=sites["neixiang"], waypoints=(point,))
    fields = refuel_fields(sites, ["ru-far-east"])
    with pytest.raises(NoPlanError) as caught:
        plan_mission(
            FlightRules(find_aircraft("h-6k"), fields, airspace_rule=_rule_for_h6k("RU")),
            mission,
        )
    assert all(bound is not None and bound <= straight + 1e-3 for bound, straight in searches)
    message = str(caught.value)
    assert "cannot fly" in message and "at least" in message and "lower bound" in message
    assert caught.value.short_km is not None and caught.value.short_km > 0.0


def test_a_close_call_is_searched_only_just_beyond_the_straight_lines(
    searches: list[Search],
) -> None:
    """The Bay of Bengal and back is 6,254 km in straight lines, 4% beyond the H-6K's range: its
    tracks are sought only up to 10% beyond that, to give the shortfall to the km if they are
    there."""
    sites = bundled_sites()
    mission = Mission(origin=sites["neixiang"], waypoints=(sites.resolve("15,88"),))
    with pytest.raises(NoPlanError, match="cannot fly neixiang -> 15N88E -> neixiang: at least"):
        plan_mission(FlightRules(find_aircraft("h-6k"), airspace_rule=_rule_for_h6k()), mission)
    out = float(
        geo.distance_km(lat1=mission.origin.lat, lon1=mission.origin.lon, lat2=15.0, lon2=88.0)
    )
    assert searches and all(
        bound is not None and bound <= 1.1 * 2 * out - out + 1e-3 for bound, _ in searches
    )


def test_need_to_far_ocean_targets_searches_within_bounds(
    searches: list[Search],
) -> None:
    sites = bundled_sites()
    targets = [sites.resolve(where) for where in (FAR_POINTS["gulf-of-guinea"], "15,88")]
    rows = where_to_refuel(
        FlightRules(
            find_aircraft("h-6k"),
            refuel_fields(sites, ["ru-far-east"]),
            airspace_rule=_rule_for_h6k("RU"),
        ),
        [sites["neixiang"]],
        targets,
    )
    # Out and back within half the range; otherwise at most a quarter beyond the straight line
    # (a close call's stretch is searched 10% beyond its straight lines, which its other part shares).
    assert searches and all(
        bound is not None and bound <= max(3_000.0, 1.25 * straight) + 1e-3
        for bound, straight in searches
    )
    assert 3_000.0 in [bound for bound, _ in searches]
    for row in rows:
        assert row.plan is None and not row.out_and_back_exact and not row.reachable_unrefuelled
        # A lower bound: at least the straight line out and back, and more than the usable range.
        assert row.out_and_back_km >= 6_000.0


@pytest.mark.slow
def test_a_stretch_flyable_only_straight_is_searched_within_the_range(
    searches: list[Search],
) -> None:
    """The Tu-95MS reaches the Bay of Bengal and back in straight lines (6,254 km of 10,300), not
    round South-East Asia's airspace: each search is bounded by what the rest of its stretch
    leaves of the range tried."""
    sites = bundled_sites()
    tu95 = find_aircraft("tu-95ms")
    mission = Mission(origin=sites["neixiang"], waypoints=(sites.resolve("15,88"),))
    airspace_rule = AirspaceRule(overfly_for(tu95, landing_countries=["CN"]))
    with pytest.raises(NoPlanError, match="cannot fly"):
        plan_mission(FlightRules(tu95, airspace_rule=airspace_rule), mission)
    assert searches and all(bound is not None and bound <= 2 * 10_300.0 for bound, _ in searches)
