"""routes: the domain. Aircraft and site catalogs, missions and their refuelling plans, reach
bands, stand-off strikes, flown tracks and scenario runs, all in numbers (no file is read here
but the bundled catalogs; users' files are formats', pictures basemaps').

Notebooks and other programs use these names, not the modules behind them:

    >>> import routes
    >>> h6k = routes.find_aircraft("h-6k")
    >>> sites = routes.bundled_sites()
    >>> base, kamchatka = sites.resolve("neixiang"), sites.resolve("55,160")
    >>> fields = routes.refuel_field_set(sites, ["ru-far-east"])
    >>> plan = routes.plan(h6k, routes.Mission(base, (kamchatka,), base), fields)
    >>> [field.id for field in plan.refuel_stops], round(plan.total_km)
    (['UHPP'], 8974)
"""

from routes.airspace_rule import ANYWHERE, Airways, Overfly, overfly_for
from routes.bundled import (
    bundled_aircraft,
    bundled_sites,
    bundled_weapons,
    check_carried,
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
from routes.range_model import RangeRing, radials, range_fans, range_rings
from routes.reach_bands.bands import ONE_WAY, ROUND_TRIP, Reach, reach
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
    "ONE_WAY",
    "RANGE_KM_BOUNDS",
    "ROUND_TRIP",
    "Aircraft",
    "Airways",
    "CatalogError",
    "Escort",
    "FieldSet",
    "Flight",
    "FlightResult",
    "FlownAnalysis",
    "FlownTrack",
    "LaunchRule",
    "Leg",
    "Mission",
    "NeedRow",
    "NoPlanError",
    "Overfly",
    "Plan",
    "RangeBand",
    "RangeRing",
    "Reach",
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
    "check_carried",
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
    "with_range_source",
]
