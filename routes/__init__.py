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
>>> rules = routes.FlightRules(h6k, far_east)
>>> plan = routes.plan(rules, mission)
>>> [site.id for site in plan.refuel_stops], round(plan.total_km)
(['UHMM', 'UHMA'], 14545)
>>> routes.band(rules, mission).describe()
'2 landings for a range of 5,413 to 8,941 km'

Every question is asked under one ``FlightRules(aircraft, fields, reserve, airspace_rule)``: the
aircraft, the fields it may land at to refuel (a list of sites from ``refuel_fields``, or every
airport: ``refuel_field_set(sites, ["any"])``), the reserve it keeps and the airspace rule it flies
by (straight geodesics unless given).

- ``plan(rules, mission)``: the best plan (fewest refuelling landings, then shortest; NoPlanError
  says why there is none) and ``band(rules, mission)``: the published ranges over which its
  landings hold.
- ``need(rules, origins, targets)``: where it must land to reach each target and come back;
  ``reach(rules, origin, landings=...)``: its reach bands;
  ``strike(rules, origin, target, weapon, launch_rule)``: the best launch point and its plan
  (``launch_rule("international", operator)``, ``escort=escort_of(fighter, bases)``);
  ``analyse_track(track, rules)``: a flown track (read by formats.read_track).
- ``waypoints_from(sites, ["PAED", "edge:adiz-US-AK"], start=origin)``: waypoints by name, where
  ``edge:ZONE`` is the point of a zone's boundary nearest the point before (``edge_site``).
- ``range_rings``, ``distance_rings``, ``range_fans``, ``radials``: rings round bases;
  ``timeline(plan)``: a timed plan's events (its mission needs a ``takeoff``);
  ``run_scenario(scenario)``: a scenario's flights planned (loaded by formats.load_scenario).
- The airspace rule: by default a flight flies straight geodesics (``STRAIGHT_GEODESICS``);
  ``AirspaceRule(overfly_for(aircraft, landing_countries=["RU"]))`` keeps it out of every other
  state's sovereign airspace.
- Every error of bad input is a RoutesError (a ValueError); NoPlanError when nothing flies (from
  ``plan`` over named fields a FallsShortError, whose ``reached`` is the plan as far as it gets).

The module ``routes.timeline`` is shadowed here by its function ``timeline``: import the module's
other names with ``from routes.timeline import ...``.
"""

from routes.airspace_rule import (
    ANYWHERE,
    STRAIGHT_GEODESICS,
    AirspaceRule,
    ForbiddenSiteError,
    Overfly,
    overfly_for,
)
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
from routes.planning.reached import FallsShortError
from routes.planning.rules import FlightRules
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
from routes.zone_edges import edge_site, waypoints_from

__all__ = [
    "ANYWHERE",
    "CRUISE_KMH_BOUNDS",
    "FIGURES",
    "RANGE_KM_BOUNDS",
    "STRAIGHT_GEODESICS",
    "Aircraft",
    "AirspaceRule",
    "CatalogError",
    "Escort",
    "FallsShortError",
    "FieldSet",
    "Flight",
    "FlightResult",
    "FlightRules",
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
    "edge_site",
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
    "waypoints_from",
    "with_range_source",
]
