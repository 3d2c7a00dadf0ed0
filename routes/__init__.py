"""routes: the domain of rangemap: aircraft, sites and weapons, missions and their refuelling plans,
reach bands, stand-off strikes, flown tracks, timelines and scenarios (numbers from geo and airspace).

This is the face notebooks and other programs use: ``import routes`` (or ``from routes import
...``) and every name below, never a module path inside (``routes.planning.policy``, ...), which
may move. Reading files is ``formats``' work, drawing is ``basemaps``' (docs/DESIGN.md).

>>> import routes
>>> sites = routes.bundled_sites()
>>> h6k = routes.find_aircraft("h-6k")
>>> mission = routes.Mission(sites["neixiang"], waypoints=(sites["PAED"],))
>>> far_east = routes.refuel_fields(sites, ["ru-far-east"])
>>> plan = routes.plan(h6k, mission, far_east)
>>> [site.id for site in plan.refuel_stops], round(plan.total_km)
(['UHMM', 'UHMA'], 14545)
>>> routes.band(h6k, mission, far_east).describe()
'2 landings for a range of 5,413 to 8,941 km'

- ``plan(aircraft, mission, fields, *, reserve, airways)``: the best plan (fewest refuelling
  landings, then shortest; NoPlanError says why there is none) and ``band(...)``: the published
  ranges over which its landings hold. ``fields`` is a list of sites (``refuel_fields``) or every
  airport (``refuel_field_set(sites, ["any"])``).
- ``need(aircraft, origins, targets, *, refuel_fields, ...)``: where it must land to reach each
  target and come back; ``reach(aircraft, origin, fields, *, landings, ...)``: its reach bands;
  ``strike(aircraft, origin, target, weapon, rule, ...)``: the best launch point and its plan
  (``launch_rule("international", operator)``, ``escort_of(fighter, bases)``);
  ``analyse_track(track, aircraft, *, fields, ...)``: a flown track (read by formats.read_track).
- ``range_rings``, ``distance_rings``, ``range_fans``, ``radials``: rings round bases;
  ``timeline(plan)``: a timed plan's events (its mission needs a ``takeoff``);
  ``run_scenario(scenario)``: a scenario's flights planned (loaded by formats.load_scenario).
- The airspace rule: by default a flight flies straight geodesics; ``AirspaceRule(overfly_for(aircraft,
  landing_countries=["RU"]))`` keeps it out of every other state's sovereign airspace.
- Every error of bad input is a RoutesError (a ValueError); NoPlanError when nothing flies.

The module ``routes.timeline`` is shadowed here by its function ``timeline``: import the module's
other names with ``from routes.timeline import ...``.
"""

from routes.airspace_rule import ANYWHERE, AirspaceRule, ForbiddenSiteError, Overfly, overfly_for
from routes.bundled import (
    bundled_aircraft,
    bundled_sites,
    bundled_weapons,
    find_aircraft,
    find_weapon,
    range_sources,
    with_range_source,
)
from routes.catalog import CRUISE_KMH_BOUNDS, FIGURES, RANGE_KM_BOUNDS, Aircraft, Site, SiteCatalog
from routes.errors import CatalogError, NoPlanError, RoutesError, UnknownSiteError
from routes.flown.analysis import FlownAnalysis, analyse_track
from routes.flown.track import FlownTrack
from routes.legs import Leg
from routes.planning.fields import FieldSet
from routes.planning.need import NeedRow
from routes.planning.need import where_to_refuel as need
from routes.planning.planner import Mission, Plan, RangeBand
from routes.planning.policy import band_with_policy as band
from routes.planning.policy import plan_with_policy as plan
from routes.planning.policy import refuel_field_set, refuel_fields
from routes.range_model import (
    Radial,
    RangeRing,
    distance_rings,
    radials,
    range_fans,
    range_rings,
    usable_range_km,
)
from routes.reach_bands.bands import Reach, ReachBand, reach
from routes.scenario.flights import Flight, FlightResult, Scenario, run_scenario
from routes.standoff.launch import Escort, LaunchRule, escort_of, launch_rule
from routes.standoff.strike import Strike
from routes.standoff.strike import plan_strike as strike
from routes.timeline import Timeline, timeline
from routes.weapons import Weapon

__all__ = [
    "ANYWHERE",
    "CRUISE_KMH_BOUNDS",
    "FIGURES",
    "RANGE_KM_BOUNDS",
    "Aircraft",
    "AirspaceRule",
    "CatalogError",
    "Escort",
    "FieldSet",
    "Flight",
    "FlightResult",
    "FlownAnalysis",
    "FlownTrack",
    "ForbiddenSiteError",
    "LaunchRule",
    "Leg",
    "Mission",
    "NeedRow",
    "NoPlanError",
    "Overfly",
    "Plan",
    "Radial",
    "RangeBand",
    "RangeRing",
    "Reach",
    "ReachBand",
    "RoutesError",
    "Scenario",
    "Site",
    "SiteCatalog",
    "Strike",
    "Timeline",
    "UnknownSiteError",
    "Weapon",
    "analyse_track",
    "band",
    "bundled_aircraft",
    "bundled_sites",
    "bundled_weapons",
    "distance_rings",
    "escort_of",
    "find_aircraft",
    "find_weapon",
    "launch_rule",
    "need",
    "overfly_for",
    "plan",
    "radials",
    "range_fans",
    "range_rings",
    "range_sources",
    "reach",
    "refuel_field_set",
    "refuel_fields",
    "run_scenario",
    "strike",
    "timeline",
    "usable_range_km",
    "with_range_source",
]
