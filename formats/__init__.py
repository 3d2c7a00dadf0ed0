"""formats: every file rangemap reads or writes. Users' site files, flown tracks (CSV, GeoJSON,
KML, GPX) and scenario files, read safely and checked row by row; results as RFC 7946 GeoJSON,
JSON records, GeoPackage and GeoDataFrames; every file written whole or not at all.

Notebooks and other programs use these names:

    >>> import formats, routes
    >>> scenario = formats.load_scenario("japan-patrol")
    >>> results = routes.run_scenario(scenario)
    >>> formats.feature_collection(formats.plan_features(results[0].plan))["type"]
    'FeatureCollection'
"""

from formats.features import (
    crossing_features,
    fan_feature,
    leg_features,
    plan_features,
    radial_feature,
    reach_features,
    ring_feature,
    site_feature,
    strike_features,
)
from formats.files import atomic_write_all, atomic_write_bytes, atomic_write_text
from formats.flown_features import track_features
from formats.frames import plan_frame, rings_frame, sites_frame
from formats.geojson import feature, feature_collection, geojson_bytes, write_geojson
from formats.gpkg import gpkg_bytes
from formats.records import (
    need_record,
    plan_record,
    reach_record,
    strike_record,
    timeline_record,
    track_record,
)
from formats.scenario.file import ScenarioError, load_scenario, scenario_names
from formats.sites import read_sites
from formats.tracks.read import TrackFileError, read_track

__all__ = [
    "ScenarioError",
    "TrackFileError",
    "atomic_write_all",
    "atomic_write_bytes",
    "atomic_write_text",
    "crossing_features",
    "fan_feature",
    "feature",
    "feature_collection",
    "geojson_bytes",
    "gpkg_bytes",
    "leg_features",
    "load_scenario",
    "need_record",
    "plan_features",
    "plan_frame",
    "plan_record",
    "radial_feature",
    "reach_features",
    "reach_record",
    "read_sites",
    "read_track",
    "ring_feature",
    "rings_frame",
    "scenario_names",
    "site_feature",
    "sites_frame",
    "strike_features",
    "strike_record",
    "timeline_record",
    "track_features",
    "track_record",
    "write_geojson",
]
