"""routes: aircraft and site catalogs, legs, plans and the refuelling planner (numbers from geo)."""

from routes.bundled import bundled_aircraft, bundled_sites, find_aircraft
from routes.catalog import CRUISE_KMH_BOUNDS, FIGURES, RANGE_KM_BOUNDS, Aircraft, Site, SiteCatalog
from routes.errors import CatalogError, NoPlanError, RoutesError, UnknownSiteError

__all__ = [
    "CRUISE_KMH_BOUNDS",
    "FIGURES",
    "RANGE_KM_BOUNDS",
    "Aircraft",
    "CatalogError",
    "NoPlanError",
    "RoutesError",
    "Site",
    "SiteCatalog",
    "UnknownSiteError",
    "bundled_aircraft",
    "bundled_sites",
    "find_aircraft",
]
