"""What a map must show: its story (routes, reach bands, launch zones and named sites) or its rings, as lon/lat
shapes. The figure's frame and the HTML map's opening view both follow it."""

from __future__ import annotations

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from basemaps.content import MapContent

__all__ = ["FRAMES", "framed_shapes", "tells_a_story"]

#: story: the routes and named sites (the rings when there is nothing else); rings: all of it.
FRAMES = ("story", "rings")


def tells_a_story(content: MapContent) -> bool:
    """Whether there is more to frame than the rings: a route, a shaded area, or a site that is no
    ring's centre."""
    centres = {ring.site.id for ring in content.rings}
    return bool(content.plans or content.areas) or any(
        marked.site.id not in centres for marked in content.sites
    )


def framed_shapes(content: MapContent, frame: str = "story") -> list[BaseGeometry]:
    """The lon/lat shapes a view must hold whole: routes, shaded areas and named sites, and the rings too when
    `frame` is "rings" or when the rings are all there is."""
    if frame not in FRAMES:
        raise ValueError(f"frame {frame!r} is not one of {', '.join(FRAMES)}")
    shapes: list[BaseGeometry] = [leg.path for plan in content.plans for leg in plan.legs]
    shapes += [area.geometry for area in content.areas]
    shapes += [missile.path for missile in content.missiles]
    shapes += [Point(marked.site.lon, marked.site.lat) for marked in content.sites]
    if frame == "rings" or not tells_a_story(content):
        shapes += [ring.geometry for ring in content.rings]
    return shapes
