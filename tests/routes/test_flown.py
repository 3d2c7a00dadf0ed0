"""Flown tracks (issue 14): read from each format, measured against GeographicLib, and planned
under the landing model (break off, land at the nearest allowed field, rejoin where it left)."""

from __future__ import annotations

import itertools
import math
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formats.flown_features import track_features
from formats.tracks.read import read_track
from routes import Aircraft, FlightRules, bundled_sites, find_aircraft
from routes.airspace_rule import ANYWHERE, AirspaceRule, overfly_for
from routes.flown.analysis import FlownAnalysis, analyse_track
from routes.flown.playback import flown_playback
from routes.flown.track import FlownTrack
from routes.planning.fields import FieldSet
from routes.planning.planner import TOLERANCE_KM
from routes.planning.policy import refuel_field_set
from tests.geo.reference import distance_m
from tests.routes.tracks import (
    ACROSS_180,
    PATROL,
    SECONDS_APART,
    TAKE_OFF,
    WRITERS,
    points_along,
)

COUNT = 10_000
RU_FAR_EAST = refuel_field_set(bundled_sites(), ["ru-far-east"])
NO_FIELD = FieldSet.from_sites([])


@pytest.fixture(scope="module")
def patrol() -> tuple[list[float], list[float]]:
    return points_along(PATROL, COUNT)


@pytest.fixture(scope="module")
def patrol_files(
    tmp_path_factory: pytest.TempPathFactory, patrol: tuple[list[float], list[float]]
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tracks")
    return {kind: write(folder / f"patrol.{kind}", *patrol) for kind, write in WRITERS.items()}


def geographiclib_km(lat: list[float], lon: list[float]) -> float:
    """The sum of the geodesic legs, by GeographicLib's own inverse solution."""
    return (
        math.fsum(distance_m(lat[k], lon[k], lat[k + 1], lon[k + 1]) for k in range(len(lat) - 1))
        / 1000.0
    )


def check_plan(analysis: FlownAnalysis) -> None:
    """Every stretch between landings within the usable range; the plan flies the whole track
    plus each divert there and back."""
    plan = analysis.plan
    assert all(s.distance_km <= plan.usable_range_km + TOLERANCE_KM for s in plan.stretches)
    added = sum(2.0 * divert.distance_km for divert in analysis.diverts or ())
    assert plan.total_km == pytest.approx(analysis.length_km + added, abs=1e-6)
    assert sum(leg.distance_km for leg in plan.legs) == pytest.approx(plan.total_km, abs=1e-6)


@pytest.mark.parametrize("kind", ["csv", "geojson", "kml"])
def test_each_format_reads_the_same_10000_point_track(
    kind: str, patrol_files: dict[str, Path], patrol: tuple[list[float], list[float]]
) -> None:
    track = read_track(patrol_files[kind])
    assert len(track) == COUNT
    assert track.lat.tolist() == patrol[0] and track.lon.tolist() == patrol[1]
    assert track.times is not None
    assert track.times.tolist() == [TAKE_OFF + 4.0 * k for k in range(COUNT)]


def test_the_patrol_is_measured_and_lands_once_on_sakhalin(
    patrol_files: dict[str, Path], patrol: tuple[list[float], list[float]]
) -> None:
    h6k = find_aircraft("h-6k")
    airspace_rule = AirspaceRule(overfly_for(h6k, landing_countries=RU_FAR_EAST.countries()))
    analysis = analyse_track(
        read_track(patrol_files["csv"]), FlightRules(h6k, RU_FAR_EAST, airspace_rule=airspace_rule)
    )
    assert abs(analysis.length_km - geographiclib_km(*patrol)) < 1e-3  # 1 m
    assert not analysis.unrefuelled
    assert analysis.diverts is not None
    assert [divert.field.id for divert in analysis.diverts] == ["UHSS"]
    check_plan(analysis)
    # The crossings are those of the whole chain of geodesics, km along the track.
    # From inland Neixiang: in nothing at the start, the KADIZ and JADIZ (lines) crossed both
    # ways, the Taiwan ADIZ (closed) entered and left on the way home.
    assert [e.what for e in analysis.events if e.km == 0.0] == ["start"]
    adiz = [(e.what, e.zone.id) for e in analysis.events if e.zone and e.zone.kind == "adiz"]
    assert adiz[0] == ("inbound", "adiz-KR")  # across 124 E, north-west of Ieodo
    assert {"inbound", "outbound"} == {what for what, zone in adiz if zone == "adiz-KR"}
    assert {"inbound", "outbound"} == {what for what, zone in adiz if zone == "adiz-JP"}
    assert [what for what, zone in adiz if zone == "adiz-TW"] == ["enter", "exit"]
    assert not {"enter", "exit", "inside"} & {w for w, z in adiz if z != "adiz-TW"}
    words = {e.describe() for e in analysis.events if e.zone and e.zone.id == "adiz-KR"}
    assert words == {
        "crosses the known KADIZ line inbound",
        "crosses the known KADIZ line outbound",
    }
    assert analysis.crossings.length_km == pytest.approx(analysis.length_km, abs=1e-6)
    # Leg times: the track's own, later by the divert flown before them (at cruise speed).
    legs = [f["properties"] for f in track_features(analysis) if f["properties"]["kind"] == "leg"]
    assert [leg["flown"] for leg in legs] == [True, False, False, True]
    assert legs[0]["departs"] == "2019-07-23T00:00:00Z"
    assert legs[-1]["arrives"] > "2019-07-23T11:06:36Z"
    # On the ground at the field for the turnaround (2 h by default), straight on elsewhere.
    ground = [
        datetime.fromisoformat(after["departs"]) - datetime.fromisoformat(before["arrives"])
        for before, after in itertools.pairwise(legs)
    ]
    assert ground == [timedelta(0), timedelta(hours=2), timedelta(0)]
    # A map plays the track back as flown, with its own times and events.
    played = flown_playback(analysis)
    assert played is not None and played.seconds[0] == TAKE_OFF
    assert played.seconds[-1] == pytest.approx(TAKE_OFF + SECONDS_APART * (COUNT - 1), abs=1e-6)
    assert np.all(np.diff(played.seconds) >= 0.0) and np.all(np.abs(np.diff(played.lon)) < 1.0)
    texts = [event.text for event in played.events]
    assert texts[0] == "track starts" and texts[-1] == "track ends"
    assert any(text.startswith("would leave the track here: off to land at UHSS") for text in texts)


@pytest.mark.parametrize(
    ("base", "inside"),
    [
        pytest.param((32.97, 111.88), [], id="neixiang"),  # inland, under no ADIZ
        pytest.param((26.0, 119.3), ["adiz-TW"], id="fuzhou"),  # inside Taiwan's closed ADIZ
    ],
)
def test_a_track_starts_inside_only_a_closed_adiz_its_base_lies_in(
    base: tuple[float, float], inside: list[str]
) -> None:
    """Regression (issue 23): a track from Neixiang started 'in' the JADIZ, KADIZ and Chinese
    ADIZ, lines closed through the mainland. Out to the East China Sea and on towards the Korea
    Strait, out across the Chinese line first (which was read as having started inside)."""
    lat, lon = points_along([base, (30.5, 126.0), (33.3, 128.6)], 300)
    track = FlownTrack("out", np.array(lat), np.array(lon), None)
    analysis = analyse_track(track, FlightRules(find_aircraft("h-6k"), NO_FIELD))
    at_start = [e.zone.id for e in analysis.events if e.what == "inside" and e.zone]
    assert [z for z in at_start if z.startswith("adiz-")] == inside
    crossed = [(e.what, e.zone.id) for e in analysis.events if e.what in ("inbound", "outbound")]
    assert [c for c in crossed if c[1] == "adiz-CN-ECS"] == [("outbound", "adiz-CN-ECS")]
    assert ("inbound", "adiz-KR") in crossed  # across the KADIZ's west edge (124 E) or south edge


def test_a_tu_95ms_flies_the_patrol_unrefuelled(patrol: tuple[list[float], list[float]]) -> None:
    track = FlownTrack("patrol", np.array(patrol[0]), np.array(patrol[1]), None)
    analysis = analyse_track(track, FlightRules(find_aircraft("tu-95ms"), RU_FAR_EAST))
    assert analysis.unrefuelled and analysis.diverts == ()
    assert [leg.start.id for leg in analysis.plan.legs] == ["track-start"]
    assert flown_playback(analysis) is None  # no times: nothing to play


def test_a_10000_point_track_across_180_is_measured_and_planned() -> None:
    lat, lon = points_along(ACROSS_180, COUNT)
    assert max(np.abs(np.diff(lon))) > 300.0  # 179.9... then -179.9...: one short leg
    track = FlownTrack("bering", np.array(lat), np.array(lon), None)
    ferry = Aircraft(id="ferry", name="2,500 km ferry", range_km=2500.0)
    analysis = analyse_track(
        track, FlightRules(ferry, RU_FAR_EAST, airspace_rule=AirspaceRule(ANYWHERE))
    )
    assert abs(analysis.length_km - geographiclib_km(lat, lon)) < 1e-3
    assert float(analysis.legs_km.max()) < 1.0
    assert analysis.diverts and {d.field.id for d in analysis.diverts} <= {"UHMA", "UHPP"}
    check_plan(analysis)
    too_short = Aircraft(id="short", name="500 km", range_km=500.0)
    failed = analyse_track(track, FlightRules(too_short, RU_FAR_EAST))
    assert failed.diverts is None and 0.0 < failed.farthest_km < failed.length_km
    alone = analyse_track(track, FlightRules(too_short, NO_FIELD))
    assert alone.diverts is None and alone.farthest_km == pytest.approx(500.0, abs=1e-3)


positions = st.tuples(st.floats(30.0, 60.0), st.floats(120.0, 240.0)).map(
    lambda p: (p[0], p[1] - 360.0 if p[1] >= 180.0 else p[1])
)


def measured(points: list[tuple[float, float]], aircraft: Aircraft) -> FlownAnalysis:
    lat, lon = (np.array(values) for values in zip(*points, strict=True))
    return analyse_track(FlownTrack("t", lat, lon, None), FlightRules(aircraft, RU_FAR_EAST))


@settings(max_examples=10, deadline=None)
@given(points=st.lists(positions, min_size=3, max_size=12, unique=True), cut=st.integers(1, 10))
def test_length_adds_up_over_pieces_and_is_the_same_backwards(
    points: list[tuple[float, float]], cut: int
) -> None:
    cut = min(cut, len(points) - 2)
    plane = Aircraft(id="p", name="p", range_km=2000.0)
    whole = measured(points, plane)
    assert measured(points[::-1], plane).length_km == pytest.approx(whole.length_km, abs=1e-9)
    pieces = measured(points[: cut + 1], plane).length_km + measured(points[cut:], plane).length_km
    assert pieces == pytest.approx(whole.length_km, abs=1e-9)
    if whole.diverts is not None:
        check_plan(whole)
