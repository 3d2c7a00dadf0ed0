"""Running `rangemap` commands two ways, each fixture named for what it runs.

- `rangemap_in_process` runs one command in the test's own process: the command line parsed and
  run, with the standard streams, warnings and exit code as the entry point gives them, but no
  interpreter start and no libraries loaded again. For what a command answers, writes and
  refuses.
- `rangemap_script` runs the installed console script (or `python -m rangemap`) in a subprocess.
  For what the process itself does: signals, closed or full streams and their encodings,
  start-up, the console script and `python -m`.

Both give a `subprocess.CompletedProcess` (returncode, stdout, stderr), run in `tmp_path`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import os
import signal
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

# The one place the tests reach into the command line's entry point: the function that parses
# and runs one command and returns its exit code, and what the entry point sets up around it.
import rangemap.main as entry_point
import rangemap.terminal as terminal
from rangemap.commands import run as run_command

SCRIPT = Path(sys.executable).with_name("rangemap")

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def rangemap_script(tmp_path: Path) -> Run:
    """Run the console script in `tmp_path`; returns the finished process."""

    def run(*args: str, module: bool = False) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "rangemap"] if module else [str(SCRIPT)]
        return subprocess.run(
            [*command, *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


@pytest.fixture
def rangemap_in_process(tmp_path: Path) -> Run:
    """Run one command in this process, in `tmp_path`; returns it as a finished process."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_in_process(tmp_path, *args)

    return run


def run_in_process(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `rangemap args` in `folder` in this process, as the entry point runs it minus the
    process: stdout and stderr are UTF-8 streams on descriptors 1 and 2 (so that what a library
    writes there is caught too) that escape what they cannot encode, warnings are the script's
    one-line warnings, and argparse's exits are exit codes. Whatever the run changes that the
    whole process shares is put back: the working directory, signal handlers, the standard
    streams, warnings filters, logging handlers, the environment and the entry point's record
    of warnings shown and files written."""
    with (
        _descriptors_captured() as captured,
        _process_state_kept(),
        warnings.catch_warnings(),
        contextlib.chdir(folder),
    ):
        _warnings_as_a_fresh_interpreter_has_them()
        terminal.escape_unencodable()
        terminal.plain_warnings()
        code = run_command(list(args))
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
    return subprocess.CompletedProcess(
        ["rangemap", *args], code, stdout=captured.stdout, stderr=captured.stderr
    )


@dataclasses.dataclass
class _Output:
    """What a run wrote to stdout and stderr, once it has ended."""

    stdout: str = ""
    stderr: str = ""


@contextlib.contextmanager
def _descriptors_captured() -> Iterator[_Output]:
    """Descriptors 1 and 2 on temporary files, and sys.stdout and sys.stderr text streams on
    them, as a process started with its output in files has; everything put back afterwards."""
    captured = _Output()
    saved_streams = sys.stdout, sys.stderr
    saved_descriptors = os.dup(1), os.dup(2)
    streams = [
        io.TextIOWrapper(
            io.FileIO(descriptor, "w", closefd=False), encoding="utf-8", write_through=True
        )
        for descriptor in (1, 2)
    ]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        try:
            for file, descriptor in ((out, 1), (err, 2)):
                os.dup2(file.fileno(), descriptor)
            sys.stdout, sys.stderr = streams
            yield captured
        finally:
            sys.stdout, sys.stderr = saved_streams
            for stream in streams:
                stream.close()
            for saved, descriptor in zip(saved_descriptors, (1, 2), strict=True):
                os.dup2(saved, descriptor)
                os.close(saved)
        captured.stdout, captured.stderr = _as_text(out), _as_text(err)


def _as_text(file: BinaryIO) -> str:
    """What a file holds, read as `subprocess.run(text=True)` reads a pipe (newlines unified)."""
    file.seek(0)
    return file.read().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


@contextlib.contextmanager
def _process_state_kept() -> Iterator[None]:
    """Put back what a run may change that the whole process shares."""
    handlers = {signum: signal.getsignal(signum) for signum in entry_point.STOP_SIGNALS}
    environment = dict(os.environ)
    log_handlers = list(logging.root.handlers)
    shown, written = set(terminal._warned), list(terminal._written)
    try:
        yield
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        if dict(os.environ) != environment:
            os.environ.clear()
            os.environ.update(environment)
        logging.root.handlers[:] = log_handlers
        terminal._warned.clear()
        terminal._warned.update(shown)
        terminal._written[:] = written


def _warnings_as_a_fresh_interpreter_has_them() -> None:
    """The warnings filters a `python` started with no -W option has (not the test run's, which
    turn every warning into an error)."""
    warnings.resetwarnings()
    warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")
    for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        warnings.simplefilter("ignore", category, append=True)
