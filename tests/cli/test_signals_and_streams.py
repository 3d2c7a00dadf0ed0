"""Signals and standard streams (issue 25): real processes, real signals, odd streams.

A signal at any moment ends a run in one line that says what was written, and leaves nothing
behind; an inherited "ignore" is kept; stdout and stderr that cannot take the text, or are
closed or full, never turn into an internal error or a message in the wrong place; warnings are
one plain line each.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from rangemap import terminal
from routes.errors import CONTROL_CHARACTERS
from tests.cli.commands import RING
from tests.cli.conftest import SCRIPT

#: os.link slowed down, so that putting files in place lasts long enough for signals to land
#: in it (formats.files backs up each replaced file with a hard link first).
SLOW_COMMIT = """
import os, time
link = os.link
def slow_link(*args, **kwargs):
    time.sleep(0.005)
    return link(*args, **kwargs)
os.link = slow_link
"""
#: An exit function that takes 30 ms, so that the last moments last long enough to be hit.
SLOW_EXIT = """
import atexit, time
atexit.register(time.sleep, 0.03)
"""


def slowed(prelude: str) -> list[str]:
    """The command, run after `prelude`."""
    return [sys.executable, "-c", f"{prelude}\nfrom rangemap.main import main\nmain()\n"]


def start(
    folder: Path, *args: str, command: list[str] | None = None, **options: object
) -> subprocess.Popen[str]:
    """Start `rangemap args` in `folder`, stderr piped."""
    return subprocess.Popen(
        [*(command or [str(SCRIPT)]), *args],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        **options,  # type: ignore[call-overload]
    )


def wait_for(folder: Path, found: Callable[[list[str]], bool], run: subprocess.Popen[str]) -> None:
    """Poll `folder` until `found(names)` holds or the run ends."""
    while run.poll() is None and not found([path.name for path in folder.iterdir()]):
        time.sleep(0.0002)


def one_line(stderr: str) -> str:
    assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    return stderr.strip()


@pytest.mark.slow
def test_a_signal_while_files_are_put_in_place_leaves_nothing_and_says_what_was_written(
    tmp_path: Path,
) -> None:
    """Regression (issue 25): a signal in the last step of a multi-file write left hidden
    `.rangemap-*.old` backups and said "terminated" though every output had been replaced."""
    names = [f"out{k}.geojson" for k in range(10)]
    outputs = [arg for name in names for arg in ("-o", name)]
    stopped_after_writing = 0
    for attempt in range(12):
        folder = tmp_path / f"run{attempt}"
        folder.mkdir()
        for name in names:
            (folder / name).write_text("old", encoding="utf-8")
        signum = signal.SIGINT if attempt % 2 else signal.SIGTERM
        run = start(folder, *RING, *outputs, command=slowed(SLOW_COMMIT))
        wait_for(folder, lambda found: any(name.endswith(".old") for name in found), run)
        time.sleep(attempt * 0.004)  # from the first backup to after the last file
        run.send_signal(signum)
        _, stderr = run.communicate(timeout=60)
        assert not list(folder.glob(".rangemap-*")), (attempt, stderr)
        new = {(folder / name).read_text(encoding="utf-8") != "old" for name in names}
        if run.returncode == 0:  # it had ended before the signal came
            assert new == {True} and stderr == ""
            continue
        assert run.returncode == (130 if signum == signal.SIGINT else 143), stderr
        line = one_line(stderr)
        if "after writing 'out0.geojson', 'out1.geojson', 'out2.geojson' and 7 more" in line:
            assert new == {True}, line
            stopped_after_writing += 1
        else:
            assert line.endswith("; no file was written") and new == {False}, line
    assert stopped_after_writing > 0


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_in_the_last_moments_is_one_line_and_its_exit_code(
    tmp_path: Path, signum: int
) -> None:
    """Regression (issue 25): Ctrl-C after the outputs were written printed a traceback and
    exited 0, or exited 130 silently. Signals from the moment the files are in place to the end
    (the exit functions made slow, so that the end lasts long enough to be hit)."""
    stopped = 0
    for attempt in range(8):
        folder = tmp_path / f"run{attempt}"
        folder.mkdir()
        run = start(folder, *RING, "-o", "m.geojson", "-o", "m.kml", command=slowed(SLOW_EXIT))
        wait_for(folder, lambda found: "m.kml" in found, run)
        time.sleep(attempt * 0.004)
        run.send_signal(signum)
        _, stderr = run.communicate(timeout=60)
        assert sorted(path.name for path in folder.iterdir()) == ["m.geojson", "m.kml"]
        if run.returncode == 0:
            assert stderr == ""
            continue
        assert run.returncode == 128 + signum, (run.returncode, stderr)
        assert "after writing 'm.geojson', 'm.kml'" in one_line(stderr)
        stopped += 1
    assert stopped > 0


def wait_for_handlers(run: subprocess.Popen[str]) -> None:
    """Wait until the process catches SIGTERM (Linux's /proc says): the entry point has taken
    the signals over from the interpreter, whose own start no program can guard."""
    mask = 1 << (signal.SIGTERM - 1)
    status = Path(f"/proc/{run.pid}/status")
    while run.poll() is None:
        try:
            lines = status.read_text().splitlines()
        except FileNotFoundError:  # it has ended
            return
        caught = next(line for line in lines if line.startswith("SigCgt:"))
        if int(caught.split()[1], 16) & mask:
            return
        time.sleep(0.0005)


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15])
def test_a_signal_while_the_program_loads_is_one_line(tmp_path: Path, delay: float) -> None:
    """Kept until the libraries have loaded (one may swallow an exception raised in its import),
    then the run ends in one line."""
    run = start(tmp_path, *RING, "-o", "m.kml")
    wait_for_handlers(run)
    time.sleep(delay)
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stderr
    assert one_line(stderr) == "rangemap: interrupted; no file was written"
    assert not list(tmp_path.iterdir())


def test_nohup_keeps_a_hangup_ignored(tmp_path: Path) -> None:
    """Regression (issue 25): `nohup rangemap ...` died on SIGHUP (an inherited SIG_IGN was
    replaced by the handler that stops the run)."""
    run = start(tmp_path, *RING, "-o", "m.png", command=["nohup", str(SCRIPT)])
    time.sleep(0.7)  # loaded (0.3 s), drawing the figure (1 s more)
    run.send_signal(signal.SIGHUP)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 0, stderr
    assert (tmp_path / "m.png").exists()


def test_a_background_job_keeps_ctrl_c_ignored(tmp_path: Path) -> None:
    """A shell without job control starts `rangemap ... &` with SIGINT ignored: it stays so."""
    run = start(
        tmp_path,
        *RING,
        "-o",
        "m.png",
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    time.sleep(0.7)
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 0, stderr
    assert (tmp_path / "m.png").exists()


def run_with(
    args: list[str], *, env: dict[str, str] | None = None, shell_redirect: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run rangemap through the shell, with `shell_redirect` after it (e.g. "2>&-")."""
    command = " ".join([str(SCRIPT), *(f"'{arg}'" for arg in args), shell_redirect])
    return subprocess.run(
        command,
        shell=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_a_stdout_that_cannot_encode_the_text_gets_it_escaped() -> None:
    """Regression (issue 25): any command on a non-UTF-8 stdout ended as internal error 70."""
    ascii_run = run_with(["zones"], env={"PYTHONIOENCODING": "ascii"})
    assert ascii_run.returncode == 0, ascii_run.stderr
    assert ascii_run.stdout.isascii() and "C\\u00f4te d'Ivoire" in ascii_run.stdout
    ascii_json = run_with(["zones", "--json"], env={"PYTHONIOENCODING": "ascii"})
    utf8_json = run_with(["zones", "--json"], env={"PYTHONIOENCODING": "utf-8"})
    assert ascii_json.stdout.isascii()
    assert json.loads(ascii_json.stdout) == json.loads(utf8_json.stdout)


def test_errors_never_land_in_stdout_when_stderr_is_closed(tmp_path: Path) -> None:
    """Regression (issue 25): with stderr closed, the error line was printed to stdout, inside
    the JSON a program reads."""
    result = run_with(
        ["plan", "--aircraft", "h-6k", "--from", "nowhere", "--via", "40,135", "--json"],
        shell_redirect="2>&-",
    )
    assert result.returncode == 2 and result.stdout == ""


def test_a_full_stderr_keeps_the_exit_code() -> None:
    """Regression (issue 25): an error with stderr on a full device exited 1, an undocumented
    code; it is the error's own code."""
    assert run_with([*RING[:-1], "nowhere"], shell_redirect="2>/dev/full").returncode == 2
    assert run_with(["aircraft"], shell_redirect="2>/dev/full").returncode == 0


def test_control_characters_in_arguments_reach_the_terminal_escaped() -> None:
    result = run_with([*RING, "--colour\x1b[31m\x07\u202e"])
    assert result.returncode == 2
    assert "--colour\\u001b[31m\\u0007\\u202e" in one_line(result.stderr)
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


def test_warnings_are_one_plain_line_each_and_leave_no_cache_folder(tmp_path: Path) -> None:
    """Regression (issue 25): warnings (a glyph missing from the fonts, matplotlib's temporary
    cache folder) printed the source file's path and line."""
    (tmp_path / "tmp").mkdir()
    sites = tmp_path / "sites.csv"
    sites.write_text("id,name,lat,lon\nzz1,Test \ue000 field,40,140\n", encoding="utf-8")
    args = ["ring", "--range-km", "2000", "--at", "zz1", "--sites", str(sites)]
    env = {"MPLCONFIGDIR": "/proc/no-such-folder", "TMPDIR": str(tmp_path / "tmp")}
    result = run_with([*args, "-o", str(tmp_path / "m.png")], env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("rangemap: warning: ") for line in lines), lines
    assert len(set(lines)) == len(lines)
    assert any("Glyph 57344" in line for line in lines)
    assert any("MPLCONFIGDIR" in line for line in lines)
    assert not any(".py:" in line for line in lines), lines
    assert not list((tmp_path / "tmp").iterdir())  # matplotlib's cache folder is removed


def test_the_terminal_escapes_what_every_message_refuses() -> None:
    """The terminal spells the control-character rule again (it imports only the standard
    library): it is routes.errors' rule, character for character."""
    every = "".join(map(chr, range(0x3000))) + "\ud800\udfff"
    assert terminal._CONTROL.findall(every) == CONTROL_CHARACTERS.findall(every)
    assert CONTROL_CHARACTERS.findall(every)
