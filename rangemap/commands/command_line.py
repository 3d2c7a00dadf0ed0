"""The `rangemap` command line: the parser, built from the command modules, and `run`, which
parses one command line, runs its command and returns the exit code (rangemap.terminal lists
them): errors are one line on stderr, and nothing here exits the process. Files named by -o
are written before anything is printed, so a closed stdout never costs them. Signals and the
exit itself are rangemap.main's.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import airspace
import geo
import routes
from rangemap.commands import (
    catalogs,
    need,
    options,
    plan,
    reach,
    ring,
    scenario,
    serve,
    strike,
    track,
)
from rangemap.outputs import UsageError
from rangemap.terminal import BAD_INPUT, INTERNAL, NO_PLAN, StdoutError, error_line

__all__ = ["run"]


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command line (`argv`, or the process's own arguments) and return its exit code.
    It never exits: where argparse would (for --help, and after a usage error's one line), its
    exit code is returned, so a command runs in a test's process as it does in the console's."""
    arguments = options.join_negative_coordinates(list(sys.argv[1:] if argv is None else argv))
    try:
        args = _parser().parse_args(arguments)
        result: int = args.run(args)
    except SystemExit as leaving:
        return leaving.code if isinstance(leaving.code, int) else int(leaving.code is not None)
    except routes.NoPlanError as error:
        return _fail(f"rangemap: no plan: {error.worded(options.option_name)}", NO_PLAN)
    except (
        geo.GeoError,
        airspace.AirspaceError,
        routes.RoutesError,
        UsageError,
        StdoutError,
    ) as error:
        said = (
            error.worded(options.option_name)
            if isinstance(error, routes.RoutesError)
            else str(error)
        )
        return _fail(f"rangemap: error: {said}", BAD_INPUT)
    except Exception as error:
        if os.environ.get("RANGEMAP_DEBUG"):
            raise
        return _fail(
            f"rangemap: internal error: {type(error).__name__}: {error} (please report it;"
            " RANGEMAP_DEBUG=1 shows where)",
            INTERNAL,
        )
    return result


def _fail(message: str, code: int) -> int:
    """Say what went wrong on stderr, in one line (even a line of a million characters is cut)."""
    error_line(message)
    return code


def _parser() -> argparse.ArgumentParser:
    """The parser of every command, in the order `rangemap --help` lists them."""
    found = options.Parser(
        prog="rangemap",
        description="Geodesic range rings and refuelling routes for long-range aircraft.",
    )
    commands = found.add_subparsers(required=True, metavar="COMMAND")
    catalogs.add_aircraft(commands)
    catalogs.add_sites(commands)
    ring.add_ring(commands)
    plan.add_plan(commands)
    track.add_track(commands)
    need.add_need(commands)
    reach.add_reach(commands)
    strike.add_strike(commands)
    catalogs.add_weapons(commands)
    catalogs.add_zones(commands)
    scenario.add_scenario(commands)
    scenario.add_demo(commands)
    serve.add_serve(commands)
    return found
