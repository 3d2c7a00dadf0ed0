"""The zones as data: ids, provenance, validity (RFC 7946), no overlap between states, bad input."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import LineString, MultiPolygon, Polygon

import airspace
from tests.geo.reference import distance_m

GEOD = Geod(ellps="WGS84")
ADIZ_IDS = {"adiz-JP", "adiz-KR", "adiz-CN-ECS", "adiz-TW", "adiz-US-AK", "adiz-US-GU"}


def polygons(zone: airspace.Zone) -> list[Polygon]:
    return list(getattr(zone.geometry, "geoms", [zone.geometry]))


def test_zone_ids_kinds_and_states() -> None:
    everything = airspace.zones()
    ids = [zone.id for zone in everything]
    assert len(ids) == len(set(ids))
    assert {z.id for z in everything if z.kind == "adiz"} == ADIZ_IDS
    sovereign = [z for z in everything if z.kind == "sovereign"]
    assert [z.state for z in sovereign] == list(airspace.states())
    assert all(z.id == f"sovereign-{z.state}" and z.inside is None for z in sovereign)
    assert {"RU", "CN", "JP", "KR", "KP", "TW", "US", "PH", "FJ", "XK"} <= set(airspace.states())
    # Antarctica has no sovereign airspace; territories fold into their sovereign state.
    assert not {"AQ", "GU", "HK", "GL", "PR", "NC"} & set(airspace.states())
    assert airspace.find_zone("adiz-US-GU").state == "US"
    assert airspace.sovereign_zone("ru") is airspace.find_zone("sovereign-RU")
    assert airspace.check_states("jp") == ("JP",)


def test_incomplete_zones_are_lines_with_an_inside() -> None:
    for zone in airspace.zones():
        if zone.complete:
            assert isinstance(zone.geometry, Polygon | MultiPolygon) and zone.inside is None
        else:
            assert isinstance(zone.geometry, LineString)
    inside = {z.id: z.inside for z in airspace.zones() if not z.complete}
    # JADIZ (1)->(7) runs south-west with Japan on its left; KADIZ and the ECS line wind clockwise.
    assert inside == {"adiz-JP": "left", "adiz-KR": "right", "adiz-CN-ECS": "right"}
    jadiz = airspace.find_zone("adiz-JP")
    assert jadiz.exact and not jadiz.complete
    assert not airspace.find_zone("adiz-KR").exact


def test_each_adiz_has_the_short_name_texts_use() -> None:
    short = {z.id: z.short_name for z in airspace.zones() if z.kind == "adiz"}
    assert short == {
        "adiz-JP": "JADIZ",
        "adiz-KR": "KADIZ",
        "adiz-CN-ECS": "China ECS ADIZ",
        "adiz-TW": "Taiwan ADIZ",
        "adiz-US-AK": "Alaska ADIZ",
        "adiz-US-GU": "Guam ADIZ",
    }
    assert airspace.sovereign_zone("JP").short_name == "Japan sovereign airspace"


def test_every_zone_keeps_its_provenance() -> None:
    for zone in airspace.zones():
        assert zone.name and zone.source and zone.edge_rule and zone.notes
    assert "99.41" in airspace.find_zone("adiz-US-AK").edge_rule
    assert "geodesic" in airspace.find_zone("adiz-TW").edge_rule


def test_geometries_are_valid_rfc7946() -> None:
    for zone in airspace.zones():
        assert zone.geometry.is_valid, zone.id
        xy = shapely.get_coordinates(zone.geometry)
        assert np.all(np.abs(xy[:, 0]) <= 180.0) and np.all(np.abs(xy[:, 1]) <= 90.0), zone.id
        for polygon in polygons(zone) if zone.complete else []:
            assert polygon.exterior.is_ccw, zone.id
            assert not any(hole.is_ccw for hole in polygon.interiors), zone.id


def test_sovereign_zones_of_two_states_do_not_overlap() -> None:
    sovereign = [z for z in airspace.zones() if z.kind == "sovereign"]
    tree = shapely.STRtree([z.geometry for z in sovereign])
    pairs = tree.query([z.geometry for z in sovereign], predicate="intersects")
    worst = 0.0
    checked = 0
    for i, j in zip(*pairs, strict=True):
        if i < j:
            shared = sovereign[i].geometry.intersection(sovereign[j].geometry)
            for part in getattr(shared, "geoms", [shared]):
                # Zones are lon/lat polygons (straight edges in lon/lat): measure them so.
                worst = max(
                    worst, part.area * 111_320.0**2 * math.cos(math.radians(part.centroid.y))
                )
            checked += 1
    assert checked > 100  # neighbours by land and by sea touch
    assert worst < 100.0  # m2: numerical noise only (the build measures it too)


def test_alaska_adiz_is_cut_at_the_antimeridian_with_its_points_exact() -> None:
    zone = airspace.find_zone("adiz-US-AK")
    assert isinstance(zone.geometry, MultiPolygon) and len(zone.geometry.geoms) == 2
    xy = shapely.get_coordinates(zone.geometry)
    # 14 CFR 99.45 points, e.g. A1, A11, A13 and A26, are vertices to the bit.
    for point in [(-136.0, 54.0), (-169.0, 75.0), (-141.0, 69.833333), (-133.0, 54.583333)]:
        assert (xy == point).all(axis=1).any()
    # A5 -> A6 -> A7 along 50 N is a rhumb line: straight in lon/lat, so two vertices per side.
    on_parallel = xy[xy[:, 1] == 50.0]
    assert {-169.0, -180.0, 180.0, 170.0} <= set(on_parallel[:, 0])


@pytest.mark.parametrize("zone_id", ["adiz-US-AK", "adiz-TW", "adiz-JP", "adiz-KR", "adiz-CN-ECS"])
def test_geodesic_edges_are_dense_enough_for_straight_chords(zone_id: str) -> None:
    """Midpoints of the lon/lat chords lie within 2 m of the true edge (the geodesic through the
    chord's ends), except chords along a parallel, which are rhumb lines by rule."""
    zone = airspace.find_zone(zone_id)
    rings = (
        [r for p in polygons(zone) for r in (p.exterior, *p.interiors)]
        if zone.complete
        else [zone.geometry]
    )
    for ring in rings:
        xy = np.asarray(ring.coords)
        for (lon1, lat1), (lon2, lat2) in itertools.pairwise(xy):
            if lat1 == lat2 or abs(lon1) == abs(lon2) == 180.0:
                continue
            az, _, dist = GEOD.inv(lon1, lat1, lon2, lat2)
            lon, lat, _ = GEOD.fwd(lon1, lat1, az, dist / 2.0)
            assert distance_m(lat, lon, (lat1 + lat2) / 2.0, (lon1 + lon2) / 2.0) < 2.0


def test_guam_adiz_is_a_250_nm_circle_less_the_inner_boundary() -> None:
    (polygon,) = polygons(airspace.find_zone("adiz-US-GU"))
    centre = (13 + 32 / 60 + 41 / 3600, 144 + 50 / 60 + 30 / 3600)  # 13°32'41"N 144°50'30"E
    for lon, lat in polygon.exterior.coords[::50]:
        assert distance_m(*centre, lat, lon) == pytest.approx(250 * 1852.0, abs=0.01)
    (hole,) = polygon.interiors
    nimitz = (13 + 27 / 60 + 11 / 3600, 144 + 43 / 60 + 51 / 3600)  # NIMITZ VORTAC, 50 NM arc
    off = [abs(distance_m(*nimitz, lat, lon) - 50 * 1852.0) for lon, lat in hole.coords]
    assert sorted(off)[len(off) // 3] < 1.0  # a third of the hole's vertices on the 50 NM arc


def test_unknown_zone_names_the_value_and_a_suggestion() -> None:
    with pytest.raises(
        airspace.UnknownZoneError, match=r"^unknown zone 'adiz-jp'; did you mean adiz-JP\?$"
    ):
        airspace.find_zone("adiz-jp")
    with pytest.raises(
        airspace.UnknownZoneError, match=r"'sovereign-ru'; did you mean sovereign-RU\?$"
    ):
        airspace.find_zone("sovereign-ru")
    with pytest.raises(
        LookupError, match=r"^unknown zone 'adiz-foo'; the ADIZs are adiz-CN-ECS, adiz-JP"
    ):
        airspace.find_zone("adiz-foo")
    with pytest.raises(
        LookupError, match=r"^unknown zone 'zzz'; known zones look like sovereign-RU"
    ):
        airspace.find_zone("zzz")


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (["RU", "XX"], r"^unknown state code 'XX'; known codes look like RU, CN, JP$"),
        (["UK"], r"^unknown state code 'UK'; did you mean GB\?$"),
        (["AQ"], r"^unknown state code 'AQ'; Antarctica has no sovereign airspace$"),
        (["RUS"], r"^malformed state code 'RUS'; state codes are ISO 3166-1 alpha-2, like RU"),
        ([""], r"^malformed state code ''"),
        (["R1"], r"^malformed state code 'R1'"),
        ([7], r"^malformed state code 7;"),
    ],
)
def test_bad_state_codes_raise_one_line_errors(codes: list[str], message: str) -> None:
    with pytest.raises(airspace.UnknownZoneError, match=message) as caught:
        airspace.check_states(codes)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, airspace.AirspaceError)


def test_sovereign_zone_of_an_unknown_state_is_the_same_error() -> None:
    with pytest.raises(airspace.UnknownZoneError, match="unknown state code 'ZZ'"):
        airspace.sovereign_zone("ZZ")
