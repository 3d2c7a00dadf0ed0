"""Scenario files: situations from the 2019 analysis and after, as TOML, every field checked."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from formats.inputs import read_bytes
from formats.scenario.tables import (
    overfly_in,
    reserve_in,
    strings_in,
    takeoff_in,
    text_in,
    turnaround_in,
)
from formats.scenario.tasks import REACH_KEYS, STRIKE_KEYS, reach_task, strike_task
from formats.sites import ambiguity
from routes.airspace_rule import AirspaceRule, overfly_for
from routes.bundled import bundled_sites, find_aircraft, with_range_source
from routes.catalog import Site, SiteCatalog
from routes.errors import RoutesError, shown
from routes.numbers import latitude_in, longitude_in
from routes.planning.planner import Mission
from routes.planning.policy import refuel_field_set
from routes.planning.rules import FlightRules
from routes.scenario.flights import Flight, Scenario
from routes.zone_edges import edge_site, is_edge

T = TypeVar("T")

__all__ = [
    "ScenarioError",
    "load_scenario",
    "scenario_names",
]

_TOP_KEYS = {"title", "description", "source", "flights", "strikes", "reach"}
_FLIGHT_KEYS = {
    "aircraft",
    "origin",
    "waypoints",
    "final",
    "refuel_at",
    "reserve",
    "overfly",
    "range_source",
    "takeoff",
    "turnaround_h",
}
_POINT_KEYS = {"id", "name", "lat", "lon", "approximate"}
#: The largest scenario file read: a mission of many thousand waypoints is well under a megabyte.
MAX_SCENARIO_BYTES = 16 * 1024 * 1024
#: Longest title, description and source; control characters (but line breaks) are refused.
_TEXT_LIMITS = {"title": 300, "description": 10_000, "source": 2_000}
# Control characters (but line breaks), bidirectional overrides and isolates, lone surrogates.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class ScenarioError(RoutesError):
    """A scenario file that cannot be used; the message names the file and the field."""


def _folder() -> Any:
    return resources.files("routes").joinpath("scenarios")


def scenario_names() -> list[str]:
    """The bundled scenarios, by name."""
    return sorted(
        item.name.removesuffix(".toml")
        for item in _folder().iterdir()
        if item.name.endswith(".toml")
    )


def load_scenario(name: str, catalog: SiteCatalog | None = None) -> Scenario:
    """A bundled scenario by name, or a scenario file by path (a name ending in .toml or holding a
    folder separator), validated."""
    sites = catalog if catalog is not None else bundled_sites()
    path = Path(name)
    if path.suffix.lower() == ".toml" or "/" in name or "\\" in name:
        data = read_bytes(path, "scenario file", ScenarioError, max_bytes=MAX_SCENARIO_BYTES)
        label, stem = path.name, path.stem
    elif name in scenario_names():
        data = _folder().joinpath(f"{name}.toml").read_bytes()
        label, stem = f"{name}.toml", name
    else:
        raise ScenarioError(
            f"unknown scenario {shown(name)}; the bundled ones are {', '.join(scenario_names())}"
            " (a file's name ends in .toml)"
        )
    try:
        parsed = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ScenarioError(f"{label} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(f"{label} is not valid TOML: {error}") from None
    except RecursionError:
        raise ScenarioError(f"{label} is nested too deeply to be a scenario") from None
    return _scenario(stem, parsed, label, sites)


def _scenario(name: str, data: Mapping[str, Any], label: str, sites: SiteCatalog) -> Scenario:
    _only_keys(data, _TOP_KEYS, label)
    for key, limit in _TEXT_LIMITS.items():
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ScenarioError(f"{label}: {key} must be a non-empty string")
        if len(value) > limit or _CONTROL.search(value):
            raise ScenarioError(
                f"{label}: {key} holds control characters or is over {limit:,} characters"
            )
    tables = {key: data.get(key, []) for key in ("flights", "strikes", "reach")}
    for key, items in tables.items():
        if not isinstance(items, list):
            raise ScenarioError(f"{label}: {key} must be a list of [[{key}]] tables")
    if not any(tables.values()):
        raise ScenarioError(
            f"{label}: give at least one [[flights]], [[strikes]] or [[reach]] table"
        )
    built = tuple(
        _flight(item, f"{label}, flight {n}", sites) for n, item in enumerate(tables["flights"], 1)
    )
    _one_place_per_id(built, label)
    strikes = tuple(
        _task(item, f"{label}, strike {n}", STRIKE_KEYS, sites, strike_task)
        for n, item in enumerate(tables["strikes"], 1)
    )
    reaches = tuple(
        _task(item, f"{label}, reach {n}", REACH_KEYS, sites, reach_task)
        for n, item in enumerate(tables["reach"], 1)
    )
    return Scenario(
        name=name,
        title=data["title"].strip(),
        description=" ".join(data["description"].split()),
        source=data["source"].strip(),
        flights=built,
        strikes=strikes,
        reaches=reaches,
    )


def _task(
    data: Any,
    label: str,
    keys: set[str],
    sites: SiteCatalog,
    build: Callable[[Mapping[str, Any], SiteCatalog], T],
) -> T:
    """A [[strikes]] or [[reach]] table, checked and built."""
    if not isinstance(data, dict):
        raise ScenarioError(f"{label} is not a table")
    _only_keys(data, keys, label)
    try:
        return build(data, sites)
    except RoutesError as error:
        raise ScenarioError(f"{label}: {error}") from None


def _flight(data: Any, label: str, sites: SiteCatalog) -> Flight:
    if not isinstance(data, dict):
        raise ScenarioError(f"{label} is not a table")
    _only_keys(data, _FLIGHT_KEYS, label)
    try:
        aircraft = find_aircraft(text_in(data, "aircraft"))
        if "range_source" in data:
            aircraft = with_range_source(aircraft, text_in(data, "range_source"))
        origin = sites.resolve(text_in(data, "origin"))
        listed = data.get("waypoints", [])
        if not isinstance(listed, list):
            raise ScenarioError(
                f"{label}: waypoints must be a list of site names or tables, not {shown(listed)}"
            )
        waypoints = _waypoints(listed, label, sites, origin)
        final = sites.resolve(text_in(data, "final")) if "final" in data else None
        policy = strings_in(data, "refuel_at")
        fields = refuel_field_set(sites, policy)
        overfly = overfly_for(
            aircraft,
            landing_at=[origin, final or origin],
            landing_countries=fields.countries(),
            extra=overfly_in(data),
        )
        rules = FlightRules(aircraft, fields, reserve_in(data), AirspaceRule(overfly))
        rules.airspace_rule.check_sites(waypoints, "waypoint")
        takeoff = takeoff_in(data)
        if takeoff is not None and aircraft.cruise_kmh is None:
            raise ScenarioError(
                f"{label}: {aircraft.name} has no cruise speed in the catalog to time its flight "
                "by: leave out takeoff"
            )
        mission = Mission(
            origin,
            waypoints,
            final,
            takeoff=takeoff,
            turnaround_h=turnaround_in(data, Mission.turnaround_h),
        )
        mission.check_goes_somewhere()
    except ScenarioError:
        raise
    except RoutesError as error:
        raise ScenarioError(f"{label}: {error}") from None
    return Flight(rules, mission, tuple(policy))


def _one_place_per_id(flights: tuple[Flight, ...], label: str) -> None:
    """Refuse a point id used for two different places in one scenario."""
    seen: dict[str, Site] = {}
    for flight in flights:
        for point in flight.mission.waypoints:
            other = seen.setdefault(point.id.casefold(), point)
            if (other.lat, other.lon, other.name) != (point.lat, point.lon, point.name):
                raise ScenarioError(
                    f"{label}: point id {shown(point.id)} names two places "
                    f"({other.lat:g}, {other.lon:g} and {point.lat:g}, {point.lon:g})"
                )


def _waypoints(listed: list[Any], label: str, sites: SiteCatalog, origin: Site) -> tuple[Site, ...]:
    """The waypoints in order; "edge:ZONE" is the point of that zone's edge nearest the one before."""
    waypoints: list[Site] = []
    for number, item in enumerate(listed, 1):
        if isinstance(item, str) and is_edge(item):
            before = waypoints[-1] if waypoints else origin
            taken = [site.id for site in waypoints]
            waypoints.append(edge_site(item, before, taken=taken))
        else:
            waypoints.append(_waypoint(item, f"{label}, waypoint {number}", sites))
    return tuple(waypoints)


def _waypoint(item: Any, label: str, sites: SiteCatalog) -> Site:
    if isinstance(item, str):
        return sites.resolve(item)
    if not isinstance(item, dict):
        raise ScenarioError(f"{label} must be a site name or a table with id, name, lat, lon")
    _only_keys(item, _POINT_KEYS, label)
    missing = [key for key in ("id", "name", "lat", "lon") if key not in item]
    if missing:
        raise ScenarioError(f"{label} has no {', '.join(missing)}")
    if not all(
        isinstance(item[key], (int, float)) and not isinstance(item[key], bool)
        for key in ("lat", "lon")
    ):
        raise ScenarioError(f"{label}: lat and lon must be numbers")
    if not all(isinstance(item[key], str) for key in ("id", "name")):
        raise ScenarioError(f"{label}: id and name must be strings")
    approximate = item.get("approximate", False)
    if not isinstance(approximate, bool):
        raise ScenarioError(f"{label}: approximate must be true or false, not {shown(approximate)}")
    try:
        point = Site(
            id=item["id"],
            name=item["name"],
            lat=latitude_in(item["lat"]),
            lon=longitude_in(item["lon"]),
            approximate=approximate,
            source="approximate reference point" if approximate else "scenario file",
        )
    except RoutesError as error:
        raise ScenarioError(f"{label}: {error}") from None
    # A point of the file's own must not pass for a catalog site, an airport or coordinates.
    problem = ambiguity(point)
    for what, text in (("id", point.id), ("name", point.name)):
        if not problem and text.casefold() in sites:
            problem = f"point {what} {shown(text)} is the id of catalog site {sites[text].name}"
    if problem:
        raise ScenarioError(f"{label}: {problem}")
    return point


def _only_keys(data: Mapping[str, Any], allowed: set[str], label: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        named = ", ".join(shown(key, 30) for key in unknown[:5])
        raise ScenarioError(f"{label}: unknown key {named} (allowed: {', '.join(sorted(allowed))})")
