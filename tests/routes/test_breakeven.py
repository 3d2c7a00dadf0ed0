"""Break-even ranges (issue 13): the published ranges over which a plan's number of landings
holds, checked by planning again at each end of the band, 1 km either side."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from routes import (
    RANGE_KM_BOUNDS,
    Aircraft,
    FlightRules,
    NoPlanError,
    RoutesError,
    Site,
    bundled_sites,
    find_aircraft,
)
from routes.planning.planner import Mission, plan_mission, range_band
from routes.planning.policy import refuel_field_set, refuel_fields
from tests.routes.drawn import PACIFIC, make_site


def landings(
    aircraft: Aircraft, mission: Mission, fields: list[Site], range_km: float
) -> int | None:
    try:
        plan = plan_mission(
            FlightRules(dataclasses.replace(aircraft, range_km=range_km), fields), mission
        )
    except NoPlanError:
        return None
    return len(plan.refuel_stops)


@given(
    origin=PACIFIC,
    waypoints=st.lists(PACIFIC, min_size=1, max_size=2),
    fields=st.lists(PACIFIC, max_size=4),
    range_km=st.floats(1500.0, 9000.0),
)
def test_bands_agree_with_planning_again_at_their_ends(
    origin: tuple[float, float],
    waypoints: list[tuple[float, float]],
    fields: list[tuple[float, float]],
    range_km: float,
) -> None:
    start = make_site("origin", origin)
    assume(any(point != origin for point in waypoints))
    mission = Mission(
        origin=start, waypoints=tuple(make_site(f"w{i}", p) for i, p in enumerate(waypoints))
    )
    allowed = [make_site(f"f{i}", p) for i, p in enumerate(fields)]
    aircraft = Aircraft(id="test", name="test", range_km=range_km)
    band = range_band(FlightRules(aircraft, allowed), mission)
    found = landings(aircraft, mission, allowed, range_km)
    if band is None:
        assert found is None
        return
    assert band.landings == found and band.low_km <= range_km
    # A band may start below the smallest range an aircraft can be given (sites metres apart).
    assert (
        landings(aircraft, mission, allowed, max(band.low_km, RANGE_KM_BOUNDS[0])) == band.landings
    )
    if band.low_km - 1.0 >= RANGE_KM_BOUNDS[0]:
        below = landings(aircraft, mission, allowed, band.low_km - 1.0)
        assert below is None or below > band.landings
    if band.high_km is None:
        assert band.landings == 0
    else:
        assert band.high_km > range_km
        fewer = landings(aircraft, mission, allowed, band.high_km)
        assert fewer is not None and fewer < band.landings
        assert landings(aircraft, mission, allowed, band.high_km - 1.0) == band.landings


def test_the_tu95_reaches_hawaii_on_a_knife_edge() -> None:
    """Two landings at Petropavlovsk hold from about 10,076 km: the published 10,300 km is
    within 5% of that end, so the answer is flagged."""
    sites = bundled_sites()
    mission = Mission(origin=sites["UHBU"], waypoints=(sites.resolve("21.864,-158.334"),))
    band = range_band(
        FlightRules(find_aircraft("tu-95ms"), refuel_fields(sites, ["ru-far-east"])), mission
    )
    assert band is not None and band.landings == 2 and band.knife_edge
    assert 10_000 < band.low_km < 10_300 < band.high_km  # type: ignore[operator]


def test_refuel_at_none_never_lands() -> None:
    sites = bundled_sites()
    assert len(refuel_field_set(sites, ["none"])) == 0
    with pytest.raises(Exception, match=r"^refuel_at none allows no field: give it alone"):
        refuel_field_set(sites, ["none,RU"])


def test_regression_a_band_of_a_mission_that_goes_nowhere_is_refused_not_a_crash() -> None:
    """range_band checks the mission as the planner does: one whose every point is its origin
    ended in an IndexError (a plan of -1 landings) before."""
    sites = bundled_sites()
    with pytest.raises(RoutesError, match="goes nowhere"):
        range_band(FlightRules(find_aircraft("h-6k")), Mission(origin=sites["neixiang"]))
