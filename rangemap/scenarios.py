"""Rendering scenarios: each to GeoJSON, HTML and PNG, and an index page that links them."""

from __future__ import annotations

import html
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
from rangemap.outputs import DEFAULT_MAP_OPTIONS, MapOptions, write_files, write_outputs
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
    "write_index",
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
    """One scenario's files and its key results, for the index page."""

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
        return "no plan"
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
            parts.append(strike_content(outcome.strike))
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
    # Flights without a plan still show where they were meant to go.
    extra = [
        MarkedSite(site, "target")
        for result in results
        if result.plan is None
        for site in result.flight.mission.waypoints
    ]
    unplanned = [
        no_plan_answer(result.flight.rules.aircraft, result.flight.mission.origin, result.problem)
        for result in results
        if result.plan is None
    ]
    content = content_of(
        scenario.title,
        rings=rings,
        plans=plans,
        extra_sites=extra,
        cited=[f"scenario: {scenario.source}"] if scenario.source else [],
        answers=[*(plan_answer(plan) for plan in plans), *unplanned],
    )
    features = [ring_feature(ring) for ring in rings]
    for plan in plans:
        features += plan_features(plan)
    features += [site_feature(marked.site, "target") for marked in extra]
    return content, features


def write_index(out: Path, summaries: Sequence[ScenarioSummary]) -> Path:
    """An index.html that links every scenario's files with a table of its key results."""
    rows = []
    for summary in summaries:
        scenario = summary.scenario
        links = " ".join(
            f'<a href="{html.escape(path.name)}">{html.escape(path.suffix.lstrip("."))}</a>'
            for path in summary.files
        )
        cells = [_flight_cells(result) for result in summary.results]
        cells += [_strike_cells(outcome) for outcome in summary.standoff.strikes]
        cells += [_reach_cells(found) for found in summary.standoff.reaches]
        title = (
            f'<td rowspan="{len(cells)}"><b>{html.escape(scenario.title)}</b><br>'
            f'<span class="small">{html.escape(scenario.description)}</span><br>'
            f'<span class="small">Source: {html.escape(scenario.source)}</span><br>{links}</td>'
        )
        rows += [
            f"<tr>{title if number == 0 else ''}{row}</tr>" for number, row in enumerate(cells)
        ]
    page = _INDEX.format(rows="\n".join(rows))
    index = out / "index.html"
    write_files({index: page.encode("utf-8")})
    return index


def _flight_cells(result: FlightResult) -> str:
    flight = result.flight
    points = " \u2192 ".join(
        s.name + (" (approx.)" if s.approximate else "") for s in flight.mission.waypoints
    )
    policy = ", ".join(flight.refuel_at) or "none"
    status = "ok" if result.plan is not None else "fail"
    straight = result.straight
    beside = (
        "-"
        if straight is None
        else f'<span class="{"ok" if straight.plan else "fail"}">'
        f"{html.escape(result_text(straight))}</span>"
    )
    others = "".join(
        f'<br><span class="small">with {html.escape(label)}: '
        f"{html.escape(short_text(other))}</span>"
        for label, other in result.others
    )
    stand_in = (
        ' <span class="small">(stands in for an unconfirmed base)</span>'
        if "stand-in" in flight.mission.origin.tags
        else ""
    )
    return (
        f"<td>{html.escape(flight.rules.aircraft.name)} "
        f"({flight.rules.aircraft.range_km:,.0f} km, {html.escape(flight.rules.aircraft.range_source)})"
        f"{others}</td>"
        f"<td>{html.escape(flight.mission.origin.name)}{stand_in}</td>"
        f"<td>{html.escape(points)}</td>"
        f"<td>{html.escape(policy)}</td><td>{html.escape(flight.rules.overfly.describe())}</td>"
        f'<td class="{status}">{html.escape(result_text(result))}</td>'
        f'<td class="small">{beside}</td>'
    )


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


def _strike_cells(outcome: StrikeResult) -> str:
    task = outcome.task
    cover = f" {task.escort.describe()}" if task.escort is not None else ""
    what = (
        f"{task.weapon.name} ({task.weapon.range_km:,.0f} km) at {task.target.name}, "
        f"launched {task.rule.describe()}{cover}"
    )
    status = "ok" if outcome.strike is not None else "fail"
    return (
        f"<td>{html.escape(task.rules.aircraft.name)} ({task.rules.aircraft.range_km:,.0f} km)</td>"
        f"<td>{html.escape(task.origin.name)}</td>"
        f"<td>{html.escape(what)}</td>"
        f"<td>{html.escape(', '.join(task.refuel_at) or 'none')}</td>"
        f"<td>{html.escape(task.rules.overfly.describe())}</td>"
        f'<td class="{status}">{html.escape(strike_text(outcome))}</td><td>-</td>'
    )


def reach_text(found: Reach) -> str:
    """Reach bands in words: each band's area and what opens it."""
    return "; ".join(
        f"{band.describe()}: {geo.area_km2(band.area) / 1e6:,.1f} million km\u00b2"
        for band in found.bands
    )


def _reach_cells(found: Reach) -> str:
    way = "one way" if found.mode == "one-way" else "out and back"
    what = f"reach bands, {way}, up to {len(found.bands) - 1} landing(s); {found.note()}"
    return (
        f"<td>{html.escape(found.aircraft.name)} ({found.aircraft.range_km:,.0f} km)</td>"
        f"<td>{html.escape(found.origin.name)}</td>"
        f"<td>{html.escape(what)}</td>"
        f"<td>{html.escape(', '.join(field.id for field in found.fields) or 'none')}</td>"
        f"<td>{html.escape(found.overfly.describe())}</td>"
        f'<td class="ok">{html.escape(reach_text(found))}</td><td>-</td>'
    )


_INDEX = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>rangemap: scenarios</title>
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }}
.small {{ color: #555; font-size: 12px; }}
td.ok {{ color: #0a5a2a; }} td.fail {{ color: #9a1c1c; }}
a {{ margin-right: 0.6em; }}
</style></head><body>
<h1>rangemap: scenarios</h1>
<p>Range rings and refuelling plans on the WGS84 ellipsoid for the situations of the 2019 analysis of
Russian-Chinese joint bomber patrols and after. Ranges are the published figures, with no reserve;
approximate points stand for an area, not a flown track.</p>
<p>Each answer says over which published ranges it holds (re-planned to 1 km), and flags a
knife-edge one (the figure used within 5% of either end); under the aircraft, its answer with each
other published range. Chinese bases marked as standing in are H-6 bases whose sources name no
variant. Landing at the other side's fields: the only legal basis the 2019 analysis cites, item 11
of the 1993 Russian-Chinese agreement, covers military <em>cargo</em> planes, not bombers.</p>
<p>Every flight keeps out of the sovereign airspace (land and 12 NM territorial sea; 3 NM in Japan's
and Korea's straits) of every state but those listed: its operator's and those it may land in. The
last column gives the answer along straight geodesics, which cross Japan, Korea and Taiwan, to show
what airspace changes. The territorial sea is measured from the coast, not the straight baselines,
so it is understated where those apply.</p>
<table>
<tr><th>scenario</th><th>aircraft</th><th>from</th><th>over</th><th>may refuel at</th>
<th>may enter the airspace of</th><th>result, keeping out of other airspace</th>
<th>along straight lines</th></tr>
{rows}
</table>
</body></html>
"""
