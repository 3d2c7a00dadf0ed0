"""formats: users' files read safely (sites, flown tracks, scenarios) and every file rangemap
writes (GeoJSON, JSON records, GeoPackage, GeoDataFrames), all or none.

This is the face notebooks and other programs use: ``from formats import ...`` any name below,
never a module path inside (``formats.tracks.read``, ...), which may move. What is read becomes
routes' objects (routes.Site, routes.FlownTrack, routes.Scenario); what is written comes from them.

>>> import routes
>>> from formats import feature_collection, ring_feature
>>> rings = routes.range_rings(routes.find_aircraft("h-6k"), [routes.bundled_sites()["neixiang"]])
>>> collection = feature_collection(ring_feature(ring) for ring in rings)
>>> [item["properties"]["mode"] for item in collection["features"]]
['reach', 'combat_radius']

- ``read_sites(path)``: a CSV or GeoJSON file of sites, every row checked;
  ``read_track(path, flight=None)``: a flown track from CSV, GeoJSON, KML or GPX;
  ``load_scenario(name_or_path)`` and ``scenario_names()``: the bundled scenarios or a TOML file.
- ``write_geojson(path, features)`` writes RFC 7946 GeoJSON atomically; the features come from
  ``ring_feature``, ``plan_features``, ``reach_features``, ``strike_features``,
  ``track_features``, ... (``feature`` for any lon/lat geometry); ``gpkg_bytes(features)`` is
  the same as a GeoPackage.
- ``plan_record``, ``need_record``, ``reach_record``, ... are the JSON answers of ``--json``.
- ``sites_frame``, ``rings_frame``, ``plan_frame``: GeoDataFrames (geopandas is imported when one
  is first asked for, not by ``import formats``).
- A file that cannot be used raises a routes.RoutesError (TrackFileError, ScenarioError, ...)
  naming the file and the row.
"""

from typing import TYPE_CHECKING

# Type checkers and readers see every name's home here; at run time each loads on first use
# (PEP 562), so that `import formats.files` (the entry point's first import) loads nothing else.
_FRAMES = frozenset({"plan_frame", "rings_frame", "sites_frame"})

if TYPE_CHECKING:
    from formats.features import (
        crossing_features,
        fan_feature,
        leg_feature,
        plan_features,
        radial_feature,
        reach_features,
        ring_feature,
        site_feature,
        strike_features,
    )
    from formats.flown_features import track_features
    from formats.frames import plan_frame, rings_frame, sites_frame
    from formats.geojson import feature, feature_collection, geojson_bytes, write_geojson
    from formats.gpkg import gpkg_bytes
    from formats.records import (
        band_record,
        need_record,
        plan_record,
        reach_record,
        strike_record,
        timeline_record,
        track_record,
    )
    from formats.scenario.file import ScenarioError, load_scenario, scenario_names
    from formats.sites import read_sites
    from formats.text import UnwritableTextError
    from formats.tracks.read import TrackFileError, read_track

__all__ = [
    "ScenarioError",
    "TrackFileError",
    "UnwritableTextError",
    "band_record",
    "crossing_features",
    "fan_feature",
    "feature",
    "feature_collection",
    "geojson_bytes",
    "gpkg_bytes",
    "leg_feature",
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

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """A name of the face, imported from its home the first time it is asked for (the
        GeoDataFrame and GeoPackage writers' homes last: they drive geopandas and GDAL)."""
        import formats.features as features
        import formats.flown_features as flown_features
        import formats.geojson as geojson
        import formats.records as records
        import formats.scenario.file as scenario_file
        import formats.sites as sites
        import formats.text as text
        import formats.tracks.read as track_read

        homes = [features, flown_features, geojson, records, scenario_file, sites, text, track_read]
        if name in _FRAMES or name == "gpkg_bytes":
            import formats.frames as frames
            import formats.gpkg as gpkg

            homes += [frames, gpkg]
        for home in homes if name in __all__ else []:
            if hasattr(home, name):
                globals()[name] = value = getattr(home, name)
                return value
        raise AttributeError(f"module 'formats' has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
