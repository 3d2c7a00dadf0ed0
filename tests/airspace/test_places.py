"""Whose airspace a point is in: disputed land as Natural Earth assigns it, territories folded into
their sovereign, both sides of 180, and the open corridors of Japan's specified straits."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import Point

import airspace
import geo
from tests.airspace.reference import GEOD, coast, distance_to_coast_km, strait_areas

FIVE_NM_KM = 5 * 1.852


@pytest.mark.parametrize(
    ("lat", "lon", "state"),
    [
        (37.2417, 131.8667, "KR"),  # Liancourt Rocks (Dokdo / Takeshima): KR de facto, in NE 10m
        (44.1, 145.9, "RU"),  # Kunashir (south Kurils / Northern Territories)
        (45.0, 147.9, "RU"),  # Iturup
        (43.8, 146.75, "RU"),  # Shikotan
        (25.7431, 123.4742, "JP"),  # Uotsuri-jima (Senkaku / Diaoyu): JP in Natural Earth
        (43.11, 131.89, "RU"),  # Vladivostok, Golden Horn Bay
        (44.95, 34.10, "RU"),  # Simferopol: Natural Earth 4.1 draws Crimea in Russia
        (25.03, 121.56, "TW"),  # Taipei
        (24.45, 118.35, "TW"),  # Kinmen
        (22.28, 114.16, "CN"),  # Hong Kong folds into CN
        (13.47, 144.79, "US"),  # Guam folds into US
        (64.73, 177.51, "RU"),  # Anadyr, west of 180
        (64.42, -173.23, "RU"),  # Provideniya, Chukotka east of 180
        (52.9, 173.2, "US"),  # Attu, Aleutians west of 180
        (51.88, -176.65, "US"),  # Adak
        (-18.14, 178.44, "FJ"),  # Suva
        (-16.85, -179.97, "FJ"),  # Taveuni, east of 180
        (65.0, 180.0, "RU"),  # on the cut at 180, in Chukotka
        (65.0, -180.0, "RU"),
        (65.78, -169.06, "RU"),  # Big Diomede
        (65.75, -168.93, "US"),  # Little Diomede
        (40.0, 135.0, None),  # Sea of Japan, centre
        (-77.85, 166.67, None),  # McMurdo: Antarctica has no sovereign airspace
        (90.0, 0.0, None),
    ],
)
def test_state_at(lat: float, lon: float, state: str | None) -> None:
    assert airspace.state_at(lat=lat, lon=lon) == state


def test_100_nm_off_japan_is_international() -> None:
    off = geo.destination(
        lat=35.70, lon=140.87, azimuth_deg=90.0, distance_km=100 * 1.852
    )  # Choshi
    assert airspace.state_at(lat=off.lat, lon=off.lon) is None
    near = geo.destination(lat=35.70, lon=140.87, azimuth_deg=90.0, distance_km=5 * 1.852)
    assert airspace.state_at(lat=near.lat, lon=near.lon) == "JP"


def offshore(window: str, toward: tuple[float, float], distance_km: float) -> tuple[float, float]:
    """The point `distance_km` off Japan's nearest coast (raw Natural Earth) towards a sea point."""
    xy = coast(window, "JP")
    lat, lon = toward
    _, _, to_coast = GEOD.inv(np.full(len(xy), lon), np.full(len(xy), lat), xy[:, 0], xy[:, 1])
    c_lon, c_lat = xy[int(np.argmin(to_coast))]
    azimuth, _, _ = GEOD.inv(c_lon, c_lat, lon, lat)
    p_lon, p_lat, _ = GEOD.fwd(c_lon, c_lat, azimuth, distance_km * 1000.0)
    off = distance_to_coast_km(np.array([p_lon]), np.array([p_lat]), xy)[0]
    assert off == pytest.approx(distance_km, abs=0.3)
    return float(p_lat), float(p_lon)


@pytest.mark.parametrize(
    ("window", "toward", "in_strait"),
    [
        ("tsugaru", (41.33, 140.25), True),  # off Tappi, Tsugaru Strait narrows
        ("tsugaru", (41.62, 141.00), True),  # off Oma, eastern narrows
        ("soya", (45.62, 141.95), True),  # off Cape Soya
        ("korea-strait", (34.50, 129.05), True),  # west of Tsushima: western channel
        ("korea-strait", (34.30, 129.55), True),  # east of Tsushima: eastern channel
        ("osumi", (30.90, 130.75), True),  # off Cape Sata
        ("tsugaru", (40.80, 139.95), False),  # Sea of Japan coast of Honshu, south of the strait
        ("osumi", (31.35, 131.45), False),  # east of the Osumi Peninsula
        ("korea-strait", (34.10, 130.60), False),  # Sea of Japan coast of Honshu
    ],
)
def test_5_nm_off_japan_is_international_only_in_a_strait(
    window: str, toward: tuple[float, float], in_strait: bool
) -> None:
    lat, lon = offshore(window, toward, FIVE_NM_KM)
    assert any(area.contains(Point(lon, lat)) for area in strait_areas("JP")) == in_strait
    assert airspace.state_at(lat=lat, lon=lon) == (None if in_strait else "JP")
    # 2 NM off, inside the 3 NM limit, is Japanese everywhere.
    lat, lon = offshore(window, toward, 2 * 1.852)
    assert airspace.state_at(lat=lat, lon=lon) == "JP"


def test_bad_position_names_the_value() -> None:
    with pytest.raises(ValueError, match=r"latitude 95.0 is outside \[-90, 90\]"):
        airspace.state_at(lat=95.0, lon=0.0)
