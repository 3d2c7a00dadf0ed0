"""range_ring properties: centres anywhere (poles and +/-180 too), radii from 1 m to 20,100 km."""

from __future__ import annotations

import itertools
import math

import numpy as np
import shapely
from hypothesis import example, given
from hypothesis import strategies as st
from shapely.geometry import MultiPolygon, Point, Polygon

import geo
from tests.geo.reference import area_by_pieces_m2, disc_area_m2, distance_m, on_pole

latitudes = st.one_of(st.sampled_from([-90.0, 90.0, 0.0, -89.999, 89.999]), st.floats(-90, 90))
longitudes = st.one_of(st.sampled_from([-180.0, 180.0, 0.0, 179.999]), st.floats(-180, 180))
radii_km = st.one_of(
    st.sampled_from([0.001, 6000.0, 10300.0, geo.QUARTER_MERIDIAN_KM, 19_970.0, 20_003.93]),
    st.floats(0.001, 20_100.0),
)
segments_km = st.sampled_from([25.0, 100.0, 400.0])


def polygons(ring: Polygon | MultiPolygon) -> list[Polygon]:
    return list(getattr(ring, "geoms", [ring]))


def vertices(ring: Polygon | MultiPolygon) -> np.ndarray:
    return shapely.get_coordinates(ring)


def ring_vertices(ring: Polygon | MultiPolygon) -> np.ndarray:
    """Vertices on the ring itself: all but those closing a cap along a pole (or a whole globe)."""
    xy = vertices(ring)
    return xy[np.abs(xy[:, 1]) != 90.0]


@given(lat=latitudes, lon=longitudes, radius=radii_km, segment=segments_km)
@example(lat=51.17, lon=128.445, radius=10300.0, segment=25.0)  # Tu-95MS, Ukrainka
@example(lat=0.0, lon=0.0, radius=20_003.9, segment=25.0)  # 31 m short of the whole globe
@example(lat=0.0, lon=180.0, radius=19_990.0, segment=25.0)  # boundary beyond the cut locus
@example(lat=89.9, lon=0.0, radius=20_000.0, segment=25.0)  # hole 11 km from the South Pole
@example(lat=-90.0, lon=180.0, radius=0.001, segment=25.0)
@example(lat=-90.0, lon=-44.99999999999997, radius=0.001, segment=25.0)  # cap seam rounding
def test_ring_is_the_disc(lat: float, lon: float, radius: float, segment: float) -> None:
    ring = geo.range_ring(lat=lat, lon=lon, radius_km=radius, max_segment_km=segment)

    assert ring.is_valid
    assert isinstance(ring, (Polygon, MultiPolygon))
    west, south, east, north = ring.bounds
    assert west >= -180.0 and east <= 180.0 and south >= -90.0 and north <= 90.0
    for part in polygons(ring):
        assert part.exterior.is_ccw
        assert all(not hole.is_ccw for hole in part.interiors)

    center_lon = lon if lon < 180.0 else -180.0
    assert ring.covers(Point(center_lon, lat))

    radius_m = radius * 1000.0
    for vertex_lon, vertex_lat in vertices(ring):
        assert distance_m(lat, lon, vertex_lat, vertex_lon) <= radius_m + 1.0
    if radius < geo.HALF_MERIDIAN_KM:
        on_ring = ring_vertices(ring)
        assert len(on_ring) >= 3
        for vertex_lon, vertex_lat in on_ring:
            assert abs(distance_m(lat, lon, vertex_lat, vertex_lon) - radius_m) <= 1.0

    # Geodesic polygon areas carry an absolute error of about 1e-14 of the Earth's area (a few m2),
    # which is more than 0.1% of a ring of a few metres: hence the small absolute tolerance.
    expected = disc_area_m2(lat, lon, radius, vertices=720)
    assert math.isclose(area_by_pieces_m2(ring), expected, rel_tol=1e-3, abs_tol=10.0)


@given(lat=latitudes, lon=longitudes, radius=st.floats(50.0, 19_900.0))
def test_vertices_are_at_most_a_segment_apart(lat: float, lon: float, radius: float) -> None:
    ring = geo.range_ring(lat=lat, lon=lon, radius_km=radius, max_segment_km=50.0)
    for part in polygons(ring):
        xy = np.asarray(part.exterior.coords)
        for (lon1, lat1), (lon2, lat2) in itertools.pairwise(xy):
            if on_pole(lat1) or on_pole(lat2) or abs(lon1) == abs(lon2) == 180.0:
                continue  # closing along a pole or running along the cut
            assert distance_m(lat1, lon1, lat2, lon2) <= 50_000.0


@given(lat=latitudes, lon=longitudes, radius=st.floats(1.0, 19_000.0))
def test_larger_radius_covers_the_smaller_ring(lat: float, lon: float, radius: float) -> None:
    inner = geo.range_ring(lat=lat, lon=lon, radius_km=radius)
    outer = geo.range_ring(lat=lat, lon=lon, radius_km=radius * 1.05 + 1.0)
    assert outer.buffer(1e-9).covers(inner)
