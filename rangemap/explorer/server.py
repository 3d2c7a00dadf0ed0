"""Serving the explorer on uvicorn: the socket bound first (so port 0 is a real port to print and
to check Host headers against), a warning when it listens beyond this machine, the browser
opened on request; SIGINT and SIGTERM stop it after the requests in flight (uvicorn's own)."""

from __future__ import annotations

import socket
import threading
import webbrowser
from types import FrameType

import uvicorn

from rangemap.explorer.app import Settings, create_app
from rangemap.explorer.guard import is_loopback
from rangemap.explorer.workers import Workers
from rangemap.terminal import error_line, say

__all__ = ["MAX_CONNECTIONS", "serve"]

#: The most connections served at once; beyond, uvicorn answers 503 (a trickle of slow
#: connections cannot take every socket the process may open).
MAX_CONNECTIONS = 200


def serve(*, host: str, port: int, open_browser: bool, workers: int, time_limit_s: float) -> int:
    """Serve until a signal stops it; returns 0 once stopped."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Each connection inherits it: a reply's head and body go out at once, not 40 ms apart.
    listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        listening.bind((host, port))
        listening.listen(128)  # before the address is printed: connections wait, not refused
    except OSError as error:
        listening.close()
        from rangemap.outputs import UsageError

        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    bound = listening.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    url = f"http://{shown}:{bound}/"
    if not is_loopback(host):
        error_line(
            f"rangemap: warning: serving {url} to the network: anyone who can reach this machine "
            "can use the explorer (it reads and writes no file, but computes for them)"
        )
    answering = Workers(workers, time_limit_s)
    config = uvicorn.Config(
        create_app(Settings(host=shown, port=bound), answering),
        log_level="warning",
        timeout_graceful_shutdown=5,
        server_header=False,
        limit_concurrency=MAX_CONNECTIONS,
    )
    server = _Server(config, answering)
    say(f"rangemap serve: the explorer is at {url} (Ctrl-C stops it)")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    try:
        server.run(sockets=[listening])
    finally:
        answering.stop()  # whatever ended the server, no worker outlives it
    say("rangemap serve: stopped")
    return 0


class _Server(uvicorn.Server):
    """uvicorn's server, which on SIGINT or SIGTERM first answers the questions in hand 503,
    so their connections close within the graceful shutdown (5 s at most) and no task is cut
    off; a second signal changes nothing (cutting the shutdown short would cut the app's own).
    The signal is not raised again once stopped (uvicorn's way): the command ends as a server
    does, with "stopped" and exit code 0."""

    def __init__(self, config: uvicorn.Config, workers: Workers) -> None:
        super().__init__(config)
        self.workers = workers

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.workers.stopping()
        self.should_exit = True
