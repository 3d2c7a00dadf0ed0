"""Scenarios: situations from the 2019 analysis and after, as validated TOML files, and their results."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from routes.catalog import Aircraft, Site, SiteCatalog, bundled_sites, find_aircraft
from routes.errors import NoPlanError, RoutesError
from routes.fields import FieldSet
from routes.planner import Mission, Plan
from routes.policy import plan_with_policy, refuel_field_set
from routes.range_model import check_reserve

__all__ = [
    "Flight",
    "FlightResult",
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "run_scenario",
    "scenario_names",
]

_TOP_KEYS = {"title", "description", "source", "flights"}
_FLIGHT_KEYS = {"aircraft", "origin", "waypoints", "final", "refuel_at", "reserve"}
_POINT_KEYS = {"id", "name", "lat", "lon", "approximate"}


class ScenarioError(RoutesError):
    """A scenario file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Flight:
    """One aircraft's mission in a scenario, with where it may refuel."""

    aircraft: Aircraft
    mission: Mission
    refuel_at: tuple[str, ...]
    refuel_fields: FieldSet
    reserve: float


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    description: str
    source: str
    flights: tuple[Flight, ...]


@dataclass(frozen=True)
class FlightResult:
    """A flight's best plan, or why there is none."""

    flight: Flight
    plan: Plan | None
    problem: str = ""


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
    """A bundled scenario by name, or a scenario file by path, validated."""
    sites = catalog if catalog is not None else bundled_sites()
    path = Path(name)
    if path.suffix == ".toml" and path.exists():
        text, label = path.read_text(encoding="utf-8"), path.name
    elif name in scenario_names():
        text, label = _folder().joinpath(f"{name}.toml").read_text(encoding="utf-8"), f"{name}.toml"
    else:
        raise ScenarioError(
            f"unknown scenario {name!r}; the bundled ones are {', '.join(scenario_names())}"
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(f"{label} is not valid TOML: {error}") from None
    return _scenario(path.stem if label == path.name else name, data, label, sites)


def _scenario(name: str, data: Mapping[str, Any], label: str, sites: SiteCatalog) -> Scenario:
    _only_keys(data, _TOP_KEYS, label)
    for key in ("title", "description", "source"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ScenarioError(f"{label}: {key} must be a non-empty string")
    flights = data.get("flights")
    if not isinstance(flights, list) or not flights:
        raise ScenarioError(f"{label}: give at least one [[flights]] table")
    return Scenario(
        name=name,
        title=data["title"].strip(),
        description=" ".join(data["description"].split()),
        source=data["source"].strip(),
        flights=tuple(
            _flight(item, f"{label}, flight {n}", sites) for n, item in enumerate(flights, 1)
        ),
    )


def _flight(data: Any, label: str, sites: SiteCatalog) -> Flight:
    if not isinstance(data, dict):
        raise ScenarioError(f"{label} is not a table")
    _only_keys(data, _FLIGHT_KEYS, label)
    try:
        aircraft = find_aircraft(_text(data, "aircraft", label))
        origin = sites.resolve(_text(data, "origin", label))
        waypoints = tuple(
            _waypoint(item, f"{label}, waypoint {n}", sites)
            for n, item in enumerate(data.get("waypoints", []), 1)
        )
        final = sites.resolve(_text(data, "final", label)) if "final" in data else None
        policy = data.get("refuel_at", [])
        if not isinstance(policy, list) or not all(isinstance(item, str) for item in policy):
            raise ScenarioError(
                f"{label}: refuel_at must be a list of tags, country codes or site ids"
            )
        fields = refuel_field_set(sites, policy)
        reserve = check_reserve(data.get("reserve", 0.0))
    except ScenarioError:
        raise
    except RoutesError as error:
        raise ScenarioError(f"{label}: {error}") from None
    return Flight(aircraft, Mission(origin, waypoints, final), tuple(policy), fields, reserve)


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
    try:
        return Site(
            id=str(item["id"]),
            name=str(item["name"]),
            lat=float(item["lat"]),
            lon=float(item["lon"]),
            approximate=bool(item.get("approximate", False)),
            source="approximate reference point" if item.get("approximate") else "scenario file",
        )
    except RoutesError as error:
        raise ScenarioError(f"{label}: {error}") from None


def _only_keys(data: Mapping[str, Any], allowed: set[str], label: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ScenarioError(
            f"{label}: unknown key {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})"
        )


def _text(data: Mapping[str, Any], key: str, label: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(f"{label}: {key} must be a non-empty string")
    return value


def run_scenario(scenario: Scenario) -> list[FlightResult]:
    """Plan every flight: the plan with the fewest refuelling landings, or why there is none."""
    results = []
    for flight in scenario.flights:
        try:
            plan = plan_with_policy(
                flight.aircraft, flight.mission, flight.refuel_fields, reserve=flight.reserve
            )
            results.append(FlightResult(flight, plan))
        except NoPlanError as error:
            results.append(FlightResult(flight, None, str(error)))
    return results
