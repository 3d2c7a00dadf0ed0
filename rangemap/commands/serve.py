"""`rangemap serve`: the explorer, a local web app on uvicorn (rangemap.explorer), until Ctrl-C."""

from __future__ import annotations

import argparse

from rangemap.commands import options
from rangemap.outputs import UsageError

__all__ = ["DEFAULT_PORT", "LOOPBACK", "add_serve", "run_serve"]

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8765
#: The longest a request may compute, in seconds (a reach under the airspace rule takes ~10 s).
TIME_LIMIT_BOUNDS = (1.0, 3600.0)


def add_serve(commands: options.Commands) -> None:
    """Add `rangemap serve` to the commands."""
    serve = commands.add_parser(
        "serve",
        help="the explorer: every question by pointing and clicking, in a local web app",
        description="Serve the explorer at http://127.0.0.1:PORT/ until Ctrl-C: a map and a panel "
        "for rings, plans, need, reach, strikes and flown tracks, and an HTTP API under /api/ "
        "that takes these commands' options and answers with their --json records.",
    )
    serve.add_argument(
        "--host",
        default=LOOPBACK,
        metavar="ADDRESS",
        help=f"address to listen on (default {LOOPBACK}: this machine only; another address "
        "serves the network, with a warning)",
    )
    serve.add_argument(
        "--port",
        type=options.whole_number,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"port (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    serve.add_argument("--open", action="store_true", help="open the explorer in the browser")
    serve.add_argument(
        "--workers",
        type=options.whole_number,
        default=2,
        metavar="N",
        help="questions computed at once (default 2; more wait their turn)",
    )
    serve.add_argument(
        "--time-limit",
        type=options.number,
        default=120.0,
        metavar="S",
        help="seconds a question may take before it is answered 503 (default 120)",
    )
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """Serve the explorer until a signal stops it."""
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} must be from 0 to 65535")
    if not 1 <= args.workers <= 64:
        raise UsageError(f"--workers {args.workers} must be from 1 to 64")
    options.check_bounds("--time-limit", args.time_limit, TIME_LIMIT_BOUNDS, "seconds")
    from rangemap.explorer.server import serve

    return serve(
        host=args.host,
        port=args.port,
        open_browser=args.open,
        workers=args.workers,
        time_limit_s=args.time_limit,
    )
