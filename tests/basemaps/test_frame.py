"""A figure's frame: what it holds, where its projection is centred, and a user's extent."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

import geo
from basemaps.content import MarkedSite, content_of
from basemaps.frame import Extent, choose_frame
from routes import FlightRules, Site, bundled_sites, find_aircraft
from routes.planning.planner import Mission, plan_mission
from routes.range_model import range_rings


def test_extent_runs_east_across_the_antimeridian() -> None:
    pacific = Extent.from_corners(lat0=50.0, lon0=150.0, lat1=10.0, lon1=-150.0)
    assert (pacific.south, pacific.west, pacific.north, pacific.east) == (10.0, 150.0, 50.0, 210.0)
    lon = pacific.outline()[:, 0]
    assert lon.min() == 150.0 and lon.max() == 210.0


@pytest.mark.parametrize(
    ("corners", "message"),
    [
        ((95.0, 0.0, 10.0, 10.0), "lat0 95 is outside"),
        ((0.0, 190.0, 10.0, 10.0), "lon0 190 is outside"),
        ((10.0, 0.0, 10.0, 10.0), "must differ"),
    ],
)
def test_extent_refuses_a_box_that_is_none(
    corners: tuple[float, float, float, float], message: str
) -> None:
    lat0, lon0, lat1, lon1 = corners
    with pytest.raises(ValueError, match=message):
        Extent.from_corners(lat0=lat0, lon0=lon0, lat1=lat1, lon1=lon1)


def test_one_base_centres_the_projection_on_it() -> None:
    sites = bundled_sites()
    plan = plan_mission(
        FlightRules(find_aircraft("h-6k")),
        Mission(origin=sites["luan"], waypoints=(sites["neixiang"],)),
    )
    frame = choose_frame(content_of("x", plans=[plan]))
    assert (frame.lat, frame.lon, frame.base) == (
        sites["luan"].lat,
        sites["luan"].lon,
        "Lu'an, Anhui",
    )
    assert "true circles" in frame.note()
    ((x, y),) = frame.projection.forward(np.array([[sites["neixiang"].lon, sites["neixiang"].lat]]))
    assert float(np.hypot(x, y)) == pytest.approx(plan.legs[0].straight_km, rel=1e-6)


def test_an_arctic_story_is_framed_round_its_own_middle() -> None:
    sites = bundled_sites()
    north = [
        Site(id="chukchi", name="Chukchi Sea", lat=70.0, lon=-170.0),
        Site(id="barents", name="Barents Sea", lat=73.0, lon=40.0),
    ]
    rings = range_rings(find_aircraft("tu-95ms"), [sites["UHMA"]], modes=("reach",))
    rings += range_rings(find_aircraft("h-6k"), [sites["XLMO"]], modes=("reach",))
    content = content_of("x", rings=rings, extra_sites=[MarkedSite(s, "target") for s in north])
    frame = choose_frame(content)
    assert frame.base is None and frame.lat > 75.0  # the polar aspect, near the pole
    assert frame.x0 == pytest.approx(-frame.x1, abs=1.0) and frame.y0 == pytest.approx(
        -frame.y1, abs=1.0
    )
    assert frame.km_per_km_at_centre() == pytest.approx(1.0, abs=1e-3)
    points = [(s.lon, s.lat) for s in [*north, sites["UHMA"], sites["XLMO"]]]
    assert frame.holds(frame.projection.forward(np.array(points))).all()
    # Neither 10,300 km ring fits: framing the story cuts them; framing the rings does not.
    whole = choose_frame(content, frame="rings")
    outline = np.concatenate([shapely.get_coordinates(r.geometry) for r in rings])
    assert not frame.holds(frame.projection.forward(outline)).all()
    assert whole.holds(whole.projection.forward(outline)).all()


def test_a_pacific_story_stays_one_piece_across_180() -> None:
    sites = bundled_sites()
    far = Site(id="far", name="off Oahu", lat=21.9, lon=-158.3)
    content = content_of(
        "x",
        rings=range_rings(find_aircraft("tu-95ms"), [sites["UHMA"]], modes=("reach",)),
        extra_sites=[MarkedSite(far, "target")],
    )
    frame = choose_frame(content)
    ends = frame.projection.forward(
        np.array([[sites["UHMA"].lon, sites["UHMA"].lat], [far.lon, far.lat]])
    )
    apart = float(np.hypot(*(ends[1] - ends[0])))
    true = float(
        geo.distance_km(lat1=sites["UHMA"].lat, lon1=sites["UHMA"].lon, lat2=far.lat, lon2=far.lon)
    )
    assert apart == pytest.approx(true, rel=1e-6)  # distances from the base are true
    assert frame.width_km < 1.5 * true  # a frame round the story, not round the world
