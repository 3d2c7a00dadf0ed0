"""`rangemap serve` started for a test, as a user starts it: its own process on a free port."""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

ADDRESS = re.compile(r"(http://127\.0\.0\.1:(\d+)/)")


@dataclass
class Served:
    """A running explorer: its process, its address and its port."""

    process: subprocess.Popen[str]
    url: str
    port: int

    def stop(self, signum: int = signal.SIGINT, timeout_s: float = 20.0) -> int:
        """Stop it with `signum`; its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
        return self.process.wait(timeout=timeout_s)


@contextmanager
def served(*options: str) -> Iterator[Served]:
    """The explorer, on a port it picks, until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", "rangemap", "serve", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        yield _started(process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def _started(process: subprocess.Popen[str]) -> Served:
    """Wait (at most a minute) for the line that says where it serves."""
    assert process.stdout is not None
    chooser = selectors.DefaultSelector()
    chooser.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if not chooser.select(timeout=1):
            if process.poll() is not None:
                break
            continue
        line = process.stdout.readline()
        found = ADDRESS.search(line)
        if found:
            return Served(process, found.group(1), int(found.group(2)))
        if not line and process.poll() is not None:
            break
    stderr = process.stderr.read() if process.stderr and process.poll() is not None else ""
    raise AssertionError(f"rangemap serve did not start: {stderr[-2000:]}")
