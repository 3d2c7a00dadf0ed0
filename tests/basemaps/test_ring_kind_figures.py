"""Figures of rings at distances, range fans and radials from one base: azimuthal equidistant
round it, so rings are circles at their distance, fans lie within theirs and radials are straight
lines at their azimuth; every label finds room (a label left out would warn, an error here)."""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection

from basemaps.content import content_of
from basemaps.figure.static import static_figure
from routes import bundled_sites, find_aircraft
from routes.range_model import distance_rings, evenly, radials, range_fans, range_rings
from tests.basemaps.test_figures import axes_named, legend_texts


def _segments(axes: object, gid: str) -> list[np.ndarray]:
    collections = [c for c in axes.collections if c.get_gid() == gid]  # type: ignore[attr-defined]
    assert collections and all(isinstance(c, LineCollection) for c in collections)
    return [np.asarray(s) for c in collections for s in c.get_segments()]


def test_distance_rings_fans_and_radials_from_one_base() -> None:
    plane, base = find_aircraft("h-6k"), bundled_sites()["neixiang"]
    rings = range_rings(plane, [base], modes=("reach",))
    rings += distance_rings(plane, [base], [1000.0, 2000.0, 4000.0])
    rings += range_fans(plane, [base], [(30.0, 120.0, 1000.0)])
    spokes = radials(rings, evenly(8))
    figure = static_figure(content_of("H-6K", rings=rings, radials=spokes))
    axes = axes_named(figure, "map")
    radii = sorted({round(float(np.hypot(*s.T).mean())) for s in _segments(axes, "ring")})
    assert {1000, 2000, 4000, 6000} <= set(radii)
    # The fan's outline: within 6,000 km, from 1,000 km out (km on the projection).
    assert max(float(np.hypot(*s.T).max()) for s in _segments(axes, "ring")) < 6000.5
    for segment in _segments(axes, "radial"):
        angles = np.degrees(np.arctan2(segment[1:, 0], segment[1:, 1])) % 360.0
        assert np.ptp(angles) < 1e-6  # straight from the base
        assert abs(round(float(angles[0]) / 45.0) * 45.0 - float(angles[0])) < 1e-6
    # Out to the outermost ring, 6,000 km, each of the eight (one cut at 180 in two pieces).
    ends: dict[int, float] = {}
    for segment in _segments(axes, "radial"):
        azimuth = round(float(np.degrees(np.arctan2(*segment[-1])) % 360.0))
        ends[azimuth] = max(ends.get(azimuth, 0.0), float(np.hypot(*segment.T).max()))
    assert sorted(ends) == [0, 45, 90, 135, 180, 225, 270, 315]
    assert np.allclose(list(ends.values()), 6000.0, atol=0.5)
    labels = [t.get_text() for t in axes.texts if t.get_gid() == "ring-label"]
    assert {"1,000 km", "2,000 km", "4,000 km"} <= set(labels)
    assert any("fan 30\u00b0\u2013120\u00b0, 1,000\u20136,000 km" in text for text in labels)
    legend = [text.replace("\n", " ") for text in legend_texts(figure)]
    assert "radials every 45\u00b0 from north (geodesics)" in legend
