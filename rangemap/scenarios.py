"""Rendering scenarios: each to GeoJSON, HTML and PNG, and their answers in words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geo
from basemaps.content import (
    MapContent,
    MarkedSite,
    content_of,
    merged,
    no_plan_answer,
    plan_answer,
    plan_words,
    reach_content,
    strike_content,
)
from formats.features import (
    plan_features,
    reach_features,
    ring_feature,
    site_feature,
    strike_features,
)
from rangemap.outputs import DEFAULT_MAP_OPTIONS, MapOptions, write_outputs
from routes.range_model import RangeRing, range_rings
from routes.reach_bands.bands import Reach
from routes.scenario.flights import FlightResult, Scenario
from routes.scenario.tasks import StrikeResult, run_reach, run_strike

__all__ = [
    "ScenarioSummary",
    "StandoffResults",
    "reach_text",
    "render_scenario",
    "result_text",
    "run_standoff",
    "scenario_content",
    "short_text",
    "strike_text",
]


@dataclass(frozen=True)
class StandoffResults:
    """A scenario's strikes and reach bands, computed."""

    strikes: tuple[StrikeResult, ...] = ()
    reaches: tuple[Reach, ...] = ()


def run_standoff(scenario: Scenario) -> StandoffResults:
    """Plan the scenario's strikes and draw its reach bands."""
    return StandoffResults(
        tuple(run_strike(task) for task in scenario.strikes),
        tuple(run_reach(task) for task in scenario.reaches),
    )


@dataclass(frozen=True)
class ScenarioSummary:
    """One scenario's files and its key results, for the demo's index page (rangemap.demo_index)."""

    scenario: Scenario
    results: tuple[FlightResult, ...]
    files: tuple[Path, ...]
    standoff: StandoffResults = StandoffResults()


def result_text(result: FlightResult) -> str:
    """The key result of a flight in words, e.g. "1 stop: UHWW (Vladivostok Knevichi); 886 km to spare"."""
    if result.plan is None:
        return f"no plan: {result.problem}"
    return plan_words(result.plan)


def short_text(result: FlightResult) -> str:
    """A flight's answer in a few words: "1 stop: UHSS" or "no plan (906 km short)"."""
    plan = result.plan
    if plan is None:
        return (
            "no plan" if result.short_km is None else f"no plan ({result.short_km:,.0f} km short)"
        )
    stops = plan.refuel_stops
    if not stops:
        return f"no stop, {plan.min_margin_km:,.0f} km to spare"
    return f"{len(stops)} stop{'s' if len(stops) > 1 else ''}: " + ", ".join(s.id for s in stops)


def render_scenario(
    scenario: Scenario,
    results: Sequence[FlightResult],
    paths: Sequence[Path],
    options: MapOptions = DEFAULT_MAP_OPTIONS,
    standoff: StandoffResults = StandoffResults(),
) -> None:
    """Write a scenario's rings, routes and sites to `paths` (the format follows each suffix)."""
    content, features = scenario_content(scenario, results, standoff)
    write_outputs(paths, features, content, options)


def scenario_content(
    scenario: Scenario,
    results: Sequence[FlightResult],
    standoff: StandoffResults = StandoffResults(),
) -> tuple[MapContent, list[dict[str, Any]]]:
    """What a scenario's maps show (each flight's origin's reach ring, the plans, the targets of
    flights with no plan; launch zones, strike plans and missile flights; reach bands) and its
    GeoJSON features."""
    content, features = _flights_content(scenario, results)
    parts = [content]
    for outcome in standoff.strikes:
        if outcome.strike is not None:
            parts.append(strike_content(outcome.strike, refuel_at=outcome.task.refuel_at))
            features += strike_features(outcome.strike)
        else:
            task = outcome.task
            target = MarkedSite(task.target, "target")
            answer = no_plan_answer(task.rules.aircraft, task.origin, outcome.problem)
            parts.append(
                content_of(
                    "",
                    extra_sites=[MarkedSite(task.origin, "origin"), target],
                    answers=[f"{answer} ({task.weapon.name}, launched {task.rule.describe()})"],
                )
            )
    for found in standoff.reaches:
        parts.append(reach_content(found))
        features += reach_features(found)
    return merged(scenario.title, parts), features


def _flights_content(
    scenario: Scenario, results: Sequence[FlightResult]
) -> tuple[MapContent, list[dict[str, Any]]]:
    rings: list[RangeRing] = []
    for flight in scenario.flights:
        if not any(
            r.aircraft.id == flight.rules.aircraft.id and r.site.id == flight.mission.origin.id
            for r in rings
        ):
            rings += range_rings(
                flight.rules.aircraft,
                [flight.mission.origin],
                reserve=flight.rules.reserve,
                modes=("reach",),
            )
    plans = [result.plan for result in results if result.plan is not None]
    # A flight with no plan is drawn as far as it gets, to the field that comes nearest.
    reached = [result.reached for result in results if result.reached is not None]
    # Flights without a plan still show where they were meant to go.
    extra = [
        MarkedSite(site, "target")
        for result in results
        if result.plan is None
        for site in result.flight.mission.waypoints
    ]
    unplanned = [
        no_plan_answer(
            result.flight.rules.aircraft,
            result.flight.mission.origin,
            result.problem,
            result.reached,
        )
        for result in results
        if result.plan is None
    ]
    content = content_of(
        scenario.title,
        rings=rings,
        plans=[*plans, *reached],
        extra_sites=[
            *extra,
            *(MarkedSite(plan.mission.landing_site, "refuel") for plan in reached),
        ],
        cited=[f"scenario: {scenario.source}"] if scenario.source else [],
        answers=[*(plan_answer(plan) for plan in plans), *unplanned],
    )
    features = [ring_feature(ring) for ring in rings]
    for plan in plans:
        features += plan_features(plan)
    features += [site_feature(marked.site, "target") for marked in extra]
    return content, features


def strike_text(outcome: StrikeResult) -> str:
    """A strike's answer in words: where it launches, and the flight there and back."""
    strike = outcome.strike
    if strike is None:
        return f"no plan: {outcome.problem}"
    where = f"launch at {strike.launch.lat:.2f}, {strike.launch.lon:.2f}"
    missile = f"{strike.missile_km:,.0f} km from the target"
    if strike.plan is None:
        return f"{where} (the base itself), {missile}"
    plan = strike.plan
    stops = ", ".join(site.id for site in plan.refuel_stops) or "no refuelling stop"
    return f"{where}, {missile}; out and back {plan.total_km:,.0f} km, {stops}"


def reach_text(found: Reach) -> str:
    """Reach bands in words: each band's area and what opens it."""
    return "; ".join(
        f"{band.describe()}: {geo.area_km2(band.area) / 1e6:,.1f} million km\u00b2"
        for band in found.bands
    )
