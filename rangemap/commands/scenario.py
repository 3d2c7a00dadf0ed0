"""`rangemap scenario` and `rangemap demo`: scenarios planned and drawn, one or every bundled one
with an index page."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

import routes
from basemaps.content import variant_words
from formats.scenario.file import load_scenario, scenario_names
from rangemap.commands import options
from rangemap.demo_index import write_index
from rangemap.outputs import MapOptions, UsageError, check_outputs
from rangemap.scenarios import (
    ScenarioSummary,
    StandoffResults,
    reach_text,
    render_scenario,
    result_text,
    run_standoff,
    strike_text,
)
from rangemap.tables import format_table
from rangemap.terminal import say
from routes.errors import shown_path
from routes.scenario import flights

__all__ = [
    "DEMO_FORMATS",
    "add_demo",
    "add_scenario",
    "run_demo",
    "run_scenario",
]

#: The files `demo` writes of each scenario.
DEMO_FORMATS = (".geojson", ".html", ".png")


def add_scenario(commands: options.Commands) -> None:
    """Add `rangemap scenario` to the commands."""
    scenario = commands.add_parser("scenario", help="plan and draw a scenario (see --list)")
    scenario.add_argument("name", nargs="?", help="a bundled scenario's name or a .toml file")
    scenario.add_argument("--list", action="store_true", help="list the bundled scenarios")
    options.add_output_options(scenario)
    scenario.set_defaults(run=run_scenario)


def add_demo(commands: options.Commands) -> None:
    """Add `rangemap demo` to the commands."""
    demo = commands.add_parser(
        "demo", help="every scenario to HTML, PNG and GeoJSON, with an index"
    )
    demo.add_argument("--out", dest="out_text", default="out", help="folder (default: out)")
    options.add_figure_options(demo)
    demo.set_defaults(run=run_demo)


def run_scenario(args: argparse.Namespace) -> int:
    """List the bundled scenarios, or plan and draw one."""
    if args.list or not args.name:
        if args.output:
            raise UsageError("give the scenario to write (see rangemap scenario --list)")
        rows = [(name, load_scenario(name).title) for name in scenario_names()]
        say(format_table(("name", "title"), rows))
        return 0
    check_outputs(args.output, inputs=[Path(args.name)])
    map_options = options.map_options(args)
    scenario = load_scenario(args.name, routes.bundled_sites())
    results = flights.run_scenario(scenario)
    standoff = run_standoff(scenario)
    render_scenario(scenario, results, args.output, map_options, standoff)
    say(f"{scenario.title}\n{scenario.description}\nSource: {scenario.source}\n")
    for line in _scenario_lines(results, standoff):
        say(line)
    options.report_written(args.output, quiet=False)
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Plan and draw every bundled scenario into --out, with an index page."""
    out = Path(args.out_text)
    if not os.fspath(args.out_text).strip():
        raise UsageError("--out names no folder")
    try:
        if out.exists() and not out.is_dir():
            raise UsageError(f"--out {shown_path(out)} is a file, not a folder")
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot make folder {shown_path(out)}: {error.strerror}") from None
    map_options = MapOptions(frame=args.frame, dpi=options.checked_dpi(args.dpi))
    summaries = []
    for name in scenario_names():
        scenario = load_scenario(name)
        results = flights.run_scenario(scenario)
        standoff = run_standoff(scenario)
        files = tuple(out / f"{name}{suffix}" for suffix in DEMO_FORMATS)
        check_outputs(files)
        render_scenario(scenario, results, files, map_options, standoff)
        summaries.append(ScenarioSummary(scenario, tuple(results), files, standoff))
        say(f"{scenario.title}")
        for line in _scenario_lines(results, standoff):
            say(f"  {line}")
    index = write_index(out, summaries)
    say(f"\nwrote {len(summaries)} scenarios to {out}/; open {index}")
    return 0


def _scenario_lines(
    results: Sequence[flights.FlightResult], standoff: StandoffResults
) -> list[str]:
    """Each flight's, strike's and reach's answer in one line (a strike's naming its variant)."""
    lines = [
        f"{r.flight.rules.aircraft.name} from {r.flight.mission.origin.name}: {result_text(r)}"
        for r in results
    ]
    lines += [
        f"{o.task.rules.aircraft.name} from {o.task.origin.name} at {o.task.target.name} "
        f"[{variant_words(o.task.weapon, o.task.rule, o.task.escort, o.task.refuel_at)}]: "
        f"{strike_text(o)}"
        for o in standoff.strikes
    ]
    lines += [f"{found.describe()}: {reach_text(found)}" for found in standoff.reaches]
    return lines
