"""Catalogs: bundled rows agree with airportsdata, and lookups by id, name, ICAO code or
coordinates (users' sites files: tests/formats/test_sites.py)."""

from __future__ import annotations

import airportsdata
import pytest

from routes import UnknownSiteError, bundled_aircraft, bundled_sites, find_aircraft

REQUIRED_TAGS = {"ru-far-east", "ru-long-range-aviation", "cn-bomber-base", "target"}


def test_the_aircraft_of_the_source_analysis_are_there_with_sources() -> None:
    aircraft = bundled_aircraft()
    assert aircraft["tu-95ms"].range_km == 10_300 and aircraft["h-6k"].range_km == 6000
    for plane in aircraft.values():
        assert plane.source and plane.figure in ("range", "ferry_range", "combat_radius")


def test_catalog_coordinates_with_an_icao_code_agree_with_airportsdata() -> None:
    airports = airportsdata.load("ICAO")
    checked = 0
    for site in bundled_sites().values():
        if site.id in airports:
            airport = airports[site.id]
            assert abs(site.lat - airport["lat"]) < 1e-6, site.id
            assert abs(site.lon - airport["lon"]) < 1e-6, site.id
            assert site.country == airport["country"], site.id
            checked += 1
    assert checked >= 20


def test_every_site_has_a_source_and_the_tags_the_planner_uses() -> None:
    sites = bundled_sites()
    assert all(site.source for site in sites.values())
    assert {tag for site in sites.values() for tag in site.tags} >= REQUIRED_TAGS
    assert len(sites.tagged("ru-far-east")) >= 10


@pytest.mark.parametrize(
    ("query", "expected"),
    [("UHMA", "UHMA"), ("uhma", "UHMA"), ("Khabarovsk Novy", "UHHH"), ("NEIXIANG", "neixiang")],
)
def test_lookup_by_id_or_name_ignores_case(query: str, expected: str) -> None:
    assert bundled_sites().resolve(query).id == expected


def test_any_icao_code_resolves_through_airportsdata() -> None:
    narita = bundled_sites().resolve("rjaa")
    assert narita.id == "RJAA" and narita.country == "JP"
    assert abs(narita.lat - 35.76) < 0.01


def test_lat_lon_resolves_to_a_point_with_its_own_id() -> None:
    point = bundled_sites().resolve(" 45.7 , 142 ")
    assert (point.id, point.lat, point.lon) == ("45.7N142E", 45.7, 142.0)
    assert bundled_sites().resolve("-33.9,-151").id == "33.9S151W"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("Anadir", "unknown site 'Anadir'"),
        ("95,10", "latitude 95 is outside [-90, 90] in '95,10'"),
        ("", "a site name is empty"),
    ],
)
def test_unknown_sites_fail_with_a_message(query: str, message: str) -> None:
    with pytest.raises(UnknownSiteError) as caught:
        bundled_sites().resolve(query)
    assert str(caught.value).startswith(message)


def test_unknown_site_suggests_the_closest_names() -> None:
    with pytest.raises(UnknownSiteError, match=r"did you mean UHMA \(Anadyr Ugolny, Chukotka\)"):
        bundled_sites().resolve("Anadir")
    with pytest.raises(UnknownSiteError, match="did you mean h-6k"):
        find_aircraft("h6k")


def test_dokdo_is_where_its_source_says() -> None:
    """Regression: 131.865 E where the quoted source says 131 deg 52 min (131.8667)."""
    dokdo = bundled_sites()["dokdo"]
    assert (
        abs(dokdo.lon - (131 + 52 / 60)) < 1e-4
        and abs(dokdo.lat - (37 + 14 / 60 + 30 / 3600)) < 1e-4
    )
    assert "target" not in dokdo.tags and "incident" in dokdo.tags


def test_bases_standing_in_say_so() -> None:
    for base in ("neixiang", "luan", "guiping"):
        site = bundled_sites()[base]
        assert "stand-in" in site.tags and "standing in" in site.source
