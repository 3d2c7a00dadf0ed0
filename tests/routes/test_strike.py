"""Launch zones and stand-off strike plans: zones hold exactly the points the rule allows, and the
launch point chosen is as good as any point of the zone."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

from airspace import state_at
from formats.features import strike_features
from formats.geojson import feature, write_geojson
from routes import FlightRules, NoPlanError, RoutesError, Site, bundled_sites, find_aircraft
from routes.airspace_rule import STRAIGHT_GEODESICS, AirspaceRule, overfly_for
from routes.bundled import check_carried, find_weapon
from routes.planning.planner import Mission, plan_or_none
from routes.planning.policy import refuel_fields
from routes.standoff.launch import Escort, launch_rule, launch_zone
from routes.standoff.strike import plan_strike
from tests.geo.reference import distance_m
from tests.geo.rfc7946 import check_rfc7946

CATALOG = bundled_sites()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return distance_m(lat1, lon1, lat2, lon2) / 1000.0


def points_in_box(zone: shapely.Geometry, count: int, seed: int) -> list[tuple[float, float]]:
    """Random (lon, lat) points in the zone's bounding box (both in and out of the zone)."""
    west, south, east, north = zone.bounds
    rng = random.Random(seed)
    return [(rng.uniform(west, east), rng.uniform(south, north)) for _ in range(count)]


@pytest.mark.parametrize(
    ("target", "range_km", "rule", "operator"),
    [
        ("PGUA", 2400.0, "international", "CN"),
        ("RJTT", 2500.0, "domestic", "RU"),
        ("RCTP", 1500.0, "CN", "CN"),
        ("PASY", 1200.0, "international", "RU"),  # Shemya, Aleutians: the zone crosses 180
    ],
)
def test_zone_holds_what_the_rule_allows(
    target: str, range_km: float, rule: str, operator: str
) -> None:
    site = CATALOG.resolve(target)
    parsed = launch_rule(rule, operator)
    zone = launch_zone(site, range_km, parsed)
    assert zone.is_valid and not zone.is_empty
    allowed = set(parsed.states)
    inside = outside = 0
    for lon, lat in points_in_box(zone, 400, seed=len(target)):
        away = km(site.lat, site.lon, lat, lon)
        owner = state_at(lat=lat, lon=lon)
        fits = owner is None if rule == "international" else owner in allowed
        if abs(away - range_km) < 1.0:
            continue  # on the ring's chords
        in_zone = zone.covers(Point(lon, lat))
        assert in_zone == (away <= range_km and fits), (lat, lon, away, owner)
        inside += in_zone
        outside += not in_zone
    assert inside > 10 and outside > 10


def test_zone_under_escort_cover_is_within_its_radius() -> None:
    su35 = find_aircraft("su-35s")
    escort = Escort(su35, tuple(CATALOG.tagged("su-35s")))
    zone = launch_zone(CATALOG.resolve("RJTT"), 4500.0, launch_rule("international", "RU"), escort)
    assert not zone.is_empty
    for lon, lat in points_in_box(zone, 300, seed=3):
        if zone.covers(Point(lon, lat)):
            assert min(km(b.lat, b.lon, lat, lon) for b in escort.bases) <= escort.radius_km + 1.0


def _cost(
    plane_id: str,
    origin: Site,
    point: tuple[float, float],
    fields: list[Site],
    airspace_rule: AirspaceRule,
) -> tuple[float, float]:
    lon, lat = point
    launch = Site(id="p", name="p", lat=lat, lon=lon)
    plan = plan_or_none(
        FlightRules(find_aircraft(plane_id), fields, airspace_rule=airspace_rule),
        Mission(origin, (launch,), origin),
    )
    if plan is None:
        return (float("inf"), float("inf"))
    return (len(plan.refuel_stops), plan.total_km)


@pytest.mark.parametrize(("airspace_rules", "samples"), [(False, 300), (True, 16)])
def test_launch_point_is_no_worse_than_any_sampled_point(
    airspace_rules: bool, samples: int
) -> None:
    """H-6K from Neixiang with a CJ-20 at Guam, from international airspace, with Russian Far
    East fields: no point of the zone (random ones, and its edge) is cheaper to fly to and back
    by more than a kilometre."""
    plane = find_aircraft("h-6k")
    origin = CATALOG.resolve("neixiang")
    fields = refuel_fields(CATALOG, ["ru-far-east"])
    airspace_rule = (
        AirspaceRule(overfly_for(plane, landing_countries=["RU"]))
        if airspace_rules
        else STRAIGHT_GEODESICS
    )
    strike = plan_strike(
        FlightRules(plane, fields, airspace_rule=airspace_rule),
        origin,
        CATALOG.resolve("PGUA"),
        find_weapon("cj-20"),
        launch_rule("international", "CN"),
    )
    assert strike.plan is not None
    # On the zone's edge (to the last bits of the interpolation along it) or inside.
    assert strike.zone.distance(Point(strike.launch.lon, strike.launch.lat)) < 1e-9
    chosen = (len(strike.plan.refuel_stops), strike.plan.total_km)
    edge = shapely.get_coordinates(shapely.segmentize(strike.zone.boundary, 0.5))
    rng = random.Random(11)
    inner = [
        p for p in points_in_box(strike.zone, samples * 4, seed=5) if strike.zone.covers(Point(p))
    ]
    sample = [tuple(p) for p in rng.sample(list(edge), samples // 2)] + inner[: samples // 2]
    for point in sample:
        landings, total = _cost("h-6k", origin, point, fields, airspace_rule)
        assert chosen[0] < landings or (chosen[0] == landings and chosen[1] <= total + 1.0), point


def test_strike_when_no_point_satisfies_the_rule() -> None:
    with pytest.raises(NoPlanError, match="no point from its own airspace"):
        plan_strike(
            FlightRules(find_aircraft("h-6k")),
            CATALOG.resolve("neixiang"),
            CATALOG.resolve("PHNL"),
            find_weapon("cj-20"),
            launch_rule("domestic", "CN"),
        )


def test_weapon_not_carried_and_bad_rules_are_refused() -> None:
    with pytest.raises(RoutesError, match="does not carry the Kh-101"):
        check_carried(find_weapon("kh-101"), find_aircraft("h-6k"))
    with pytest.raises(RoutesError, match="unknown weapon"):
        find_weapon("kh-999")
    with pytest.raises(RoutesError, match="not domestic, international or state codes"):
        launch_rule("neutral", "CN")


@pytest.mark.parametrize(
    ("lat", "lon", "range_km"),
    [
        (52.71, 174.11, 1200.0),  # Shemya: the zone is cut at 180
        (84.0, 170.0, 4500.0),  # round the North Pole, across 180
        (-75.0, -20.0, 2500.0),  # round the South Pole
    ],
)
def test_regression_written_launch_zones_wind_as_rfc7946_asks(
    tmp_path: Path, lat: float, lon: float, range_km: float
) -> None:
    """Zones are differences made by GEOS, clockwise, and were written so."""
    target = Site(id="t", name="t", lat=lat, lon=lon)
    zone = launch_zone(target, range_km, launch_rule("international", "RU"))
    path = write_geojson(tmp_path / "zone.geojson", [feature(zone, {"kind": "launch-zone"})])
    (written,) = check_rfc7946(path)["features"]
    assert shape(written["geometry"]).symmetric_difference(zone).area < 1e-3


def test_a_strikes_written_zone_winds_as_rfc7946_asks(tmp_path: Path) -> None:
    strike = plan_strike(
        FlightRules(find_aircraft("tu-95ms")),
        CATALOG.resolve("UHBU"),
        CATALOG.resolve("PGUA"),
        find_weapon("kh-101"),
        launch_rule("international", "RU"),
    )
    path = write_geojson(tmp_path / "strike.geojson", strike_features(strike))
    kinds = [f["properties"]["kind"] for f in check_rfc7946(path)["features"]]
    assert "launch-zone" in kinds
