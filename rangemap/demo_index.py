"""The demo's index page: a card per scenario with its figure as a thumbnail, its answer in one
line, links to its files, and every result behind a click. Every text is escaped once, here."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from rangemap.outputs import write_files
from rangemap.scenarios import (
    ScenarioSummary,
    reach_text,
    result_text,
    short_text,
    strike_text,
)
from routes.reach_bands.bands import Reach
from routes.scenario.flights import FlightResult
from routes.scenario.tasks import StrikeResult

__all__ = ["one_line", "write_index"]

#: How each file a scenario has is named on its card, in the card's order.
_FILE_NAMES = {".html": "map", ".png": "figure", ".geojson": "GeoJSON"}


def write_index(out: Path, summaries: Sequence[ScenarioSummary]) -> Path:
    """Write out/index.html: a card per scenario."""
    page = _INDEX.format(cards="\n".join(_card(summary) for summary in summaries))
    index = out / "index.html"
    write_files({index: page.encode("utf-8")})
    return index


def one_line(summary: ScenarioSummary) -> str:
    """The scenario's answer in one line: each flight's, strike's and reach's in a few words."""
    parts = [
        f"{r.flight.rules.aircraft.name} from {_place(r.flight.mission.origin.name)}: {short_text(r)}"
        for r in summary.results
    ]
    parts += [
        f"{o.task.rules.aircraft.name} ({o.task.weapon.name}): {_short_strike(o)}"
        for o in summary.standoff.strikes
    ]
    parts += [_short_reach(found) for found in summary.standoff.reaches]
    return "; ".join(dict.fromkeys(parts))  # once each, in order


def _place(name: str) -> str:
    """A site's name without its region: "Nanyang-Neixiang, Henan" -> "Nanyang-Neixiang"."""
    return name.split(",")[0]


def _short_strike(outcome: StrikeResult) -> str:
    strike = outcome.strike
    if strike is None:
        return "no launch point"
    if strike.plan is None:
        return f"launches from its base, {strike.missile_km:,.0f} km out"
    stops = len(strike.plan.refuel_stops)
    landing = "no stop" if not stops else f"{stops} stop{'s' if stops > 1 else ''}"
    return f"launches {strike.missile_km:,.0f} km out, {landing}"


def _short_reach(found: Reach) -> str:
    return f"{found.aircraft.name} reach with up to {len(found.bands) - 1} landing(s)"


def _card(summary: ScenarioSummary) -> str:
    scenario = summary.scenario
    files = {path.suffix: path.name for path in summary.files}
    link = html.escape(files.get(".html", ""), quote=True)
    picture = (
        f'<a href="{link}"><img src="{html.escape(files[".png"], quote=True)}" loading="lazy" '
        f'alt="{html.escape(scenario.title, quote=True)}: the figure"></a>'
        if ".png" in files
        else ""
    )
    links = " ".join(
        f'<a href="{html.escape(files[suffix], quote=True)}">{name}</a>'
        for suffix, name in _FILE_NAMES.items()
        if suffix in files
    )
    results = [_flight_block(result) for result in summary.results]
    results += [_strike_block(outcome) for outcome in summary.standoff.strikes]
    results += [_reach_block(found) for found in summary.standoff.reaches]
    return (
        f'<article class="card">{picture}\n'
        f'<h2><a href="{link}">{html.escape(scenario.title)}</a></h2>\n'
        f'<p class="answer">{html.escape(one_line(summary))}</p>\n'
        f'<p class="links">{links}</p>\n'
        f"<details><summary>the question, its sources and every result</summary>\n"
        f"<p>{html.escape(scenario.description)}</p>\n"
        f'<p class="small">Source: {html.escape(scenario.source)}</p>\n'
        + "\n".join(results)
        + "\n</details></article>"
    )


def _block(who: str, what: str, rules: str, status: str, answer: str, extra: str = "") -> str:
    """One result: who flies from where, what it is asked, its rules, its answer."""
    return (
        f'<div class="result"><div><b>{html.escape(who)}</b></div>'
        f"<div>{html.escape(what)}</div>"
        f'<div class="small">{html.escape(rules)}</div>'
        f'<div class="{status}">{html.escape(answer)}</div>{extra}</div>'
    )


def _rules(refuel_at: Sequence[str], overfly: str) -> str:
    return f"may refuel at: {', '.join(refuel_at) or 'none'}; may enter the airspace of: {overfly}"


def _flight_block(result: FlightResult) -> str:
    flight = result.flight
    aircraft = flight.rules.aircraft
    points = " \u2192 ".join(
        s.name + (" (approx.)" if s.approximate else "") for s in flight.mission.waypoints
    )
    stand_in = (
        " (stands in for an unconfirmed base)" if "stand-in" in flight.mission.origin.tags else ""
    )
    extra = "".join(
        f'<div class="small">with {html.escape(label)}: {html.escape(short_text(other))}</div>'
        for label, other in result.others
    )
    if result.straight is not None:
        extra += (
            f'<div class="small">along straight lines: '
            f"{html.escape(result_text(result.straight))}</div>"
        )
    return _block(
        f"{aircraft.name} ({aircraft.range_km:,.0f} km, {aircraft.range_source})",
        f"from {flight.mission.origin.name}{stand_in} over {points}",
        _rules(flight.refuel_at, flight.rules.overfly.describe()),
        "ok" if result.plan is not None else "fail",
        result_text(result),
        extra,
    )


def _strike_block(outcome: StrikeResult) -> str:
    task = outcome.task
    cover = f" {task.escort.describe()}" if task.escort is not None else ""
    return _block(
        f"{task.rules.aircraft.name} ({task.rules.aircraft.range_km:,.0f} km)",
        f"from {task.origin.name}: {task.weapon.name} ({task.weapon.range_km:,.0f} km) at "
        f"{task.target.name}, launched {task.rule.describe()}{cover}",
        _rules(task.refuel_at, task.rules.overfly.describe()),
        "ok" if outcome.strike is not None else "fail",
        strike_text(outcome),
    )


def _reach_block(found: Reach) -> str:
    way = "one way" if found.mode == "one-way" else "out and back"
    return _block(
        f"{found.aircraft.name} ({found.aircraft.range_km:,.0f} km)",
        f"from {found.origin.name}: reach bands, {way}, up to {len(found.bands) - 1} "
        f"landing(s); {found.note()}",
        _rules([field.id for field in found.fields], found.overfly.describe()),
        "ok",
        reach_text(found),
    )


_INDEX = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>rangemap: scenarios</title>
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 1.5em; color: #222; }}
h1 {{ margin: 0 0 0.3em; font-size: 22px; }}
.intro {{ max-width: 70em; color: #444; }}
.cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 16px;
  margin-top: 1em; }}
.card {{ border: 1px solid #ddd; border-radius: 8px; padding: 10px 12px; background: #fff; }}
.card img {{ display: block; width: 100%; height: 210px; object-fit: contain; border-radius: 4px; background: #eef2f5; }}
.card h2 {{ font-size: 16px; margin: 8px 0 4px; }}
.card h2 a {{ color: inherit; text-decoration: none; }}
.answer {{ margin: 0 0 4px; }}
.links a {{ margin-right: 0.8em; }}
.links, .small, summary {{ color: #555; font-size: 12px; }}
summary {{ cursor: pointer; }}
.result {{ border-top: 1px solid #eee; padding: 6px 0; }}
.ok {{ color: #0a5a2a; }} .fail {{ color: #9a1c1c; }}
@media (max-width: 480px) {{ body {{ margin: 0.8em; }} .card img {{ height: 160px; }} }}
</style></head><body>
<h1>rangemap: scenarios</h1>
<p class="intro">Range rings and refuelling plans on the WGS84 ellipsoid for the situations of the
2019 analysis of Russian-Chinese joint bomber patrols and after. A click on a picture opens the
map, which works offline.</p>
<details class="intro"><summary>how to read the answers</summary>
<p>Ranges are the published figures, with no reserve; approximate points stand for an area, not a
flown track. Every flight keeps out of the sovereign airspace (land and 12 NM territorial sea,
measured from the coast, not the straight baselines; 3 NM in Japan's and Korea's straits) of every
state but its operator's and those it may land in; beside it, the answer along straight geodesics
shows what airspace changes. Each answer says over which published ranges it holds, and flags a
knife-edge one (the figure used within 5% of either end). Chinese bases marked as standing in are
H-6 bases whose sources name no variant. Landing at the other side's fields: the only legal basis
the 2019 analysis cites, item 11 of the 1993 Russian-Chinese agreement, covers military
<em>cargo</em> planes, not bombers.</p></details>
<main class="cards">
{cards}
</main>
</body></html>
"""
