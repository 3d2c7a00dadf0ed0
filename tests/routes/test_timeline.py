"""Timed flights: legs at cruise speed from the take-off, turnarounds, events and positions."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formats.scenario.file import load_scenario
from routes import FlightRules, RoutesError, bundled_sites, find_aircraft
from routes.clock import iso_utc, parse_utc
from routes.planning.planner import Mission, Plan, plan_mission
from routes.planning.policy import refuel_fields
from routes.scenario.flights import run_scenario
from routes.timeline import timeline
from tests.geo.reference import distance_m

TAKEOFF = datetime(2024, 7, 24, 0, 0, tzinfo=UTC)


def h6k_plan(takeoff: datetime | None = TAKEOFF, turnaround_h: float = 2.0) -> Plan:
    """An H-6K from Neixiang to the Bering Sea and back, landing at Russian Far East fields."""
    sites = bundled_sites()
    mission = Mission(
        origin=sites["neixiang"],
        waypoints=(sites.resolve("58,-178"),),
        takeoff=takeoff,
        turnaround_h=turnaround_h,
    )
    fields = refuel_fields(sites, ["ru-far-east"])
    return plan_mission(FlightRules(find_aircraft("h-6k"), fields), mission)


def test_untimed_mission_has_no_timeline() -> None:
    assert timeline(h6k_plan(takeoff=None)) is None


def test_legs_follow_at_cruise_speed_with_turnarounds() -> None:
    plan = h6k_plan()
    timed = timeline(plan)
    assert timed is not None and plan.refuel_stops
    speed = plan.aircraft.cruise_kmh
    assert speed is not None
    assert timed.start == TAKEOFF
    for leg, times in zip(plan.legs, timed.legs, strict=True):
        flown_h = (times.arrives - times.departs) / timedelta(hours=1)
        assert flown_h == pytest.approx(leg.distance_km / speed, abs=1e-9)
    for k, leg in enumerate(plan.legs[:-1]):
        ground = (timed.legs[k + 1].departs - timed.legs[k].arrives) / timedelta(hours=1)
        assert ground == pytest.approx(2.0 if leg.ends_with_refuel else 0.0, abs=1e-9)
    total_h = sum(leg.distance_km for leg in plan.legs) / speed + 2.0 * len(plan.refuel_stops)
    assert (timed.end - timed.start) / timedelta(hours=1) == pytest.approx(total_h, abs=1e-9)
    kinds = [event.kind for event in timed.events]
    assert kinds[0] == "take-off" and kinds[-1] == "lands"
    assert kinds.count("lands-to-refuel") == len(plan.refuel_stops)
    assert [event.time for event in timed.events] == sorted(event.time for event in timed.events)
    assert any(event.text == "enters Alaska ADIZ" for event in timed.events)


def test_positions_run_along_the_track_in_time() -> None:
    plan = h6k_plan()
    timed = timeline(plan)
    assert timed is not None
    lat, lon, seconds = timed.positions(step_km=20.0)
    assert np.all(np.diff(seconds) >= 0.0)
    assert seconds[0] == TAKEOFF.timestamp()
    assert seconds[-1] == pytest.approx(timed.end.timestamp(), abs=1e-3)
    # Continuous longitudes (the flight crosses 180 to the Bering Sea) and close samples.
    assert np.all(np.abs(np.diff(lon)) < 1.0)
    assert lon.max() > 180.0
    gaps = [distance_m(lat[k], lon[k], lat[k + 1], lon[k + 1]) for k in range(len(lat) - 1)]
    assert max(gaps) <= 20_000.0 + 1e-6
    # In the air, time runs with the distance flown; the sum of the steps is the plan's length.
    speed = plan.aircraft.cruise_kmh
    assert speed is not None
    assert sum(gaps) / 1000.0 == pytest.approx(plan.total_km, abs=1e-3)
    landing = plan.refuel_stops[0]
    at = timed.events[[e.kind for e in timed.events].index("lands-to-refuel")].time.timestamp()
    where = int(np.argmin(np.abs(seconds - at)))
    assert abs(seconds[where] - at) < 1e-3
    assert distance_m(lat[where], lon[where], landing.lat, landing.lon) < 1e-3


def test_the_2019_h6k_passes_the_east_china_sea_when_seoul_reported_it() -> None:
    """The scenario's take-off is set so the H-6K passes the East China Sea point at 06:44 KST,
    the reported KADIZ entry: a change of route or speed that breaks this is caught here."""
    scenario = load_scenario("july-2019-joint-patrol")
    result = next(r for r in run_scenario(scenario) if r.flight.rules.aircraft.id == "h-6k")
    assert result.plan is not None
    timed = timeline(result.plan)
    assert timed is not None
    passes = next(e for e in timed.events if e.text == "passes East China Sea, centre")
    reported = datetime(2019, 7, 23, 6, 44, tzinfo=UTC) - timedelta(hours=9)
    assert abs(passes.time - reported) < timedelta(minutes=1)


def test_the_2019_flights_cross_the_known_adiz_lines_and_start_in_none() -> None:
    """Regression (issue 23): the H-6K from inland Neixiang 'left' the KADIZ at 23:18 UTC without
    having entered it, the Chinese and Japanese zones being closed through the mainland. Those
    three are lines: each crossing is reported with its direction, none as an entry or exit."""
    scenario = load_scenario("july-2019-joint-patrol")
    for result in run_scenario(scenario):
        assert result.plan is not None
        timed = timeline(result.plan)
        assert timed is not None
        lines = [e for e in timed.events if e.kind.startswith("crosses-")]
        assert lines and all(e.text.startswith("crosses the known ") for e in lines)
        assert not [e for e in timed.events if e.kind in ("enters", "leaves") and "ADIZ" in e.text]
    h6k = next(r.plan for r in run_scenario(scenario) if r.flight.rules.aircraft.id == "h-6k")
    assert h6k is not None
    timed = timeline(h6k)
    assert timed is not None
    kadiz = [e for e in timed.events if "KADIZ" in e.text]
    # Out across the east edge (133 E) towards the Sea of Japan, back in across it, and out across
    # the west edge (124 E) on the way home.
    assert [(e.kind, round(e.lon, 3)) for e in kadiz] == [
        ("crosses-outbound", 133.0),
        ("crosses-inbound", 133.0),
        ("crosses-outbound", 124.0),
    ]
    assert iso_utc(kadiz[0].time)[:16] == "2019-07-22T23:18"


def test_the_2024_patrol_enters_and_leaves_the_closed_alaska_adiz() -> None:
    """The Alaska ADIZ is closed (14 CFR 99.45): each flight of the 2024 patrol, from inland
    Neixiang or from Anadyr, enters it and leaves it across 180, and starts in no ADIZ."""
    flown = 0
    for result in run_scenario(load_scenario("arctic-alaska")):
        if result.plan is None:
            continue
        timed = timeline(result.plan)
        assert timed is not None
        adiz = [(e.kind, e.text) for e in timed.events if "ADIZ" in e.text]
        assert adiz == [("enters", "enters Alaska ADIZ"), ("leaves", "leaves Alaska ADIZ")]
        assert not [v for leg in result.plan.legs[:1] for v in leg.crossings.visits
                    if v.zone.kind == "adiz" and v.enter is None]  # fmt: skip
        flown += 1
    assert flown == 2


def test_an_aircraft_without_a_cruise_speed_cannot_be_timed() -> None:
    plan = h6k_plan()
    slow = dataclasses.replace(plan, aircraft=dataclasses.replace(plan.aircraft, cruise_kmh=None))
    with pytest.raises(RoutesError, match="no cruise speed"):
        timeline(slow)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-07-22T21:44Z", "2019-07-22T21:44:00Z"),
        ("2019-07-23T06:44:00+09:00", "2019-07-22T21:44:00Z"),
        ("2019-07-22 21:44", "2019-07-22T21:44:00Z"),
        ("2019-07-23", "2019-07-23T00:00:00Z"),
    ],
)
def test_times_are_read_as_utc(text: str, expected: str) -> None:
    assert iso_utc(parse_utc(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "yesterday",
        "",
        "2019-13-01T00:00Z",
        "1066-10-14",
        "nan",
        "0001-01-01T00:00+01:00",
        "9999-12-31T23:59-01:00",
    ],
)
def test_bad_times_are_refused(text: str) -> None:
    with pytest.raises(RoutesError, match="take-off time"):
        parse_utc(text)


@settings(max_examples=25, deadline=None)
@given(st.integers(-(10**9), 4 * 10**9))
def test_iso_utc_round_trips_to_the_second(seconds: int) -> None:
    time = datetime.fromtimestamp(seconds, UTC)
    assert parse_utc(iso_utc(time)) == time
