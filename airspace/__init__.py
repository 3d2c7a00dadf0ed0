"""airspace: sovereign airspace per state and the ADIZs as data, and where a track crosses them.

Geometry only: geo, shapely, pyproj and numpy. Zones are read from prebuilt package data on first
use (nothing is buffered at run time); public functions take ``lat=``/``lon=`` keywords and return
km. airspace/data/README.md gives the sources, the method and the exactness of each zone.
"""

from airspace.crossings import (
    Crossings,
    LineCrossing,
    Visit,
    ZoneEvent,
    crossings,
    describe_event,
)
from airspace.edges import nearest_edge_point
from airspace.errors import AirspaceError, InvalidTrackError, UnknownZoneError
from airspace.locate import state_at
from airspace.tracks import (
    NoTrackError,
    PointInForbiddenAirspaceError,
    Track,
    enclosure,
    shortest_track,
)
from airspace.zones import (
    Zone,
    check_states,
    find_zone,
    sovereign_of,
    sovereign_zone,
    states,
    zones,
)

__all__ = [
    "AirspaceError",
    "Crossings",
    "InvalidTrackError",
    "LineCrossing",
    "NoTrackError",
    "PointInForbiddenAirspaceError",
    "Track",
    "UnknownZoneError",
    "Visit",
    "Zone",
    "ZoneEvent",
    "check_states",
    "crossings",
    "describe_event",
    "enclosure",
    "find_zone",
    "nearest_edge_point",
    "shortest_track",
    "sovereign_of",
    "sovereign_zone",
    "state_at",
    "states",
    "zones",
]
