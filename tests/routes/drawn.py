"""What the planner tests draw: points, the sites made of them, and missions at sea round Japan
and Korea with the airspace rule they fly under."""

from __future__ import annotations

from hypothesis import assume
from hypothesis import strategies as st

from routes import Site
from routes.airspace_rule import AirspaceRule, Overfly

#: Points over East Asia and the North Pacific, longitudes past 180 as drawn (see `make_site`).
PACIFIC = st.tuples(st.floats(20.0, 70.0), st.floats(100.0, 220.0))
#: Points over the seas round Japan and Korea (and their coasts: see `rule_at_sea`).
SEA = st.tuples(st.floats(28.0, 46.0), st.floats(124.0, 146.0))


def make_site(name: str, point: tuple[float, float]) -> Site:
    """A site at a drawn (lat, lon), its longitude brought into [-180, 180]."""
    lat, lon = point
    return Site(id=name, name=name, lat=lat, lon=lon if lon <= 180.0 else lon - 360.0)


def rule_at_sea(
    origin: tuple[float, float],
    waypoints: list[tuple[float, float]],
    fields: list[tuple[float, float]],
) -> AirspaceRule:
    """Keep the drawn examples whose mission goes somewhere and whose points all lie outside
    every state's airspace; the rule they fly under keeps to China's and Russia's."""
    import airspace

    assume(any(point != origin for point in waypoints))
    for lat, lon in [origin, *waypoints, *fields]:
        assume(airspace.state_at(lat=lat, lon=lon) is None)
    return AirspaceRule(Overfly(frozenset({"CN", "RU"})))
