"""routes: aircraft and site catalogs, legs, plans and the refuelling planner (numbers from geo)."""

from routes.catalog import (
    CRUISE_KMH_BOUNDS,
    FIGURES,
    RANGE_KM_BOUNDS,
    Aircraft,
    Site,
    SiteCatalog,
    bundled_aircraft,
    bundled_sites,
    find_aircraft,
    read_sites,
)
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
    "read_sites",
]
