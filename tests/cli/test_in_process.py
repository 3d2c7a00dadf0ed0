"""The in-process runner the command tests use gives what the console script gives, and leaves
the test process as it found it."""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from tests.cli.commands import RING
from tests.cli.conftest import Run

#: A site whose name holds a character no bundled font has: the figure warns of the glyph.
ODD_GLYPH = "id,name,lat,lon\nzz1,Test \ue000 field,40,140\n"


@pytest.mark.parametrize(
    "args",
    [
        (*RING, "-o", "m.geojson"),  # a table, a file written and said so
        ("aircraft", "--json"),
        (*RING, "--reserve", "nan"),  # argparse's usage error
        (*RING, "--at", "nowhere"),  # the command's own error
        ("plan", "--aircraft", "h-6k", "--from", "neixiang", "--via", "0,0"),  # no plan
        ("sites", "--help"),
    ],
)
def test_a_command_in_process_answers_as_the_console_script(
    rangemap_in_process: Run, rangemap_script: Run, tmp_path: Path, args: tuple[str, ...]
) -> None:
    script, here = both_ways(rangemap_script, rangemap_in_process, tmp_path, args)
    assert (here.returncode, here.stdout, here.stderr) == (
        script.returncode,
        script.stdout,
        script.stderr,
    )


def test_a_warning_in_process_is_the_console_scripts_line(
    rangemap_in_process: Run, rangemap_script: Run, tmp_path: Path
) -> None:
    """matplotlib names the fonts a glyph is missing from in an order that follows the
    process's string hashing: one line or two, with the fonts in either order."""
    args = ("ring", "--range-km", "2000", "--at", "zz1", "--sites", "s.csv", "-o", "m.png")
    script, here = both_ways(rangemap_script, rangemap_in_process, tmp_path, args)
    assert (here.returncode, here.stdout) == (script.returncode, script.stdout)
    assert fonts_in_any_order(here.stderr) == fonts_in_any_order(script.stderr)
    assert all(
        line.startswith("rangemap: warning: Glyph 57344") for line in here.stderr.splitlines()
    )


def both_ways(
    script: Run, in_process: Run, folder: Path, args: tuple[str, ...]
) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """Run `args` with the console script, then in process, in the same fresh folder (a
    sites file s.csv in it), and check that both wrote the same files."""
    (folder / "s.csv").write_text(ODD_GLYPH, encoding="utf-8")
    by_script = script(*args)
    written = sorted(path.name for path in folder.iterdir())
    for path in folder.iterdir():
        if path.name != "s.csv":
            path.unlink()
    here = in_process(*args)
    assert sorted(path.name for path in folder.iterdir()) == written
    return by_script, here


def fonts_in_any_order(stderr: str) -> set[str]:
    """The lines of `stderr`, each list of fonts sorted."""
    return {
        re.sub(r"font\(s\) (.*)\.$", lambda m: ", ".join(sorted(m[1].split(", "))), line)
        for line in stderr.splitlines()
    }


def test_each_run_in_process_shows_its_own_warnings(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    """The entry point shows each warning once: once in each run, not once per test process."""
    (tmp_path / "s.csv").write_text(ODD_GLYPH, encoding="utf-8")
    args = ("ring", "--range-km", "2000", "--at", "zz1", "--sites", "s.csv", "-o", "m.png")
    first, second = rangemap_in_process(*args), rangemap_in_process(*args)
    assert first.returncode == second.returncode == 0, first.stderr
    assert first.stderr == second.stderr
    assert any("rangemap: warning: Glyph 57344" in line for line in first.stderr.splitlines())


def process_state() -> tuple[object, ...]:
    """What the whole test process shares that a command might change."""
    return (
        Path.cwd(),
        sys.stdout,
        sys.stderr,
        [signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)],
        list(warnings.filters),
        warnings.showwarning,
        list(logging.root.handlers),
        dict(os.environ),
    )


def test_a_run_in_process_leaves_the_process_as_it_was(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    before = process_state()
    for args in [(*RING, "-o", "m.kml"), (*RING, "--every"), ("no-such-command",)]:
        rangemap_in_process(*args)
    assert process_state() == before
    assert (tmp_path / "m.kml").exists()
