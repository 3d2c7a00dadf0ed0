"""What the command tests share: the command lines they run again and again, sites and scenario
files written for a case, and the check of a one-line refusal."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.cli.conftest import run_in_process

#: The H-6K from its home base, where most plans, needs, reaches and strikes start.
H6K_FROM_NEIXIANG = ("--aircraft", "h-6k", "--from", "neixiang")
#: The H-6K's plan from Neixiang (give the waypoints).
PLAN_H6K = ("plan", *H6K_FROM_NEIXIANG)
#: The H-6K at Anadyr, for ring.
H6K_AT_UHMA = ("--aircraft", "h-6k", "--at", "UHMA")
#: The H-6K's rings from Anadyr: a quick command every output format can take.
RING = ("ring", *H6K_AT_UHMA)
#: The Japan patrol's waypoints: the Korea Strait, La Perouse, off Honshu, south of Okinawa.
JAPAN_PATROL = (
    *("--via", "34.0,129.5"),
    *("--via", "45.7,142.0"),
    *("--via", "37.5,145.0"),
    *("--via", "25.3,126.0"),
)
#: A scenario file's required keys, before its [[flights]], [[strikes]] or [[reach]] tables.
SCENARIO_HEADER = 'title = "t"\ndescription = "d"\nsource = "s"\n'
#: A scenario's H-6K flight from Neixiang (give its waypoints).
H6K_FLIGHT = '[[flights]]\naircraft = "h-6k"\norigin = "neixiang"\n'


def one_line_error(result: subprocess.CompletedProcess[str], code: int, message: str) -> None:
    """The run ended with `code` and said why in one line on stderr that holds `message`."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert message in result.stderr, result.stderr


def refused_before_any_file(
    result: subprocess.CompletedProcess[str], folder: Path, message: str
) -> None:
    """The run was refused with exit 2 and one line on stderr, "rangemap: error: " and
    `message`, and left nothing in `folder`."""
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"rangemap: error: {message}"), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert list(folder.iterdir()) == []


def write(folder: Path, name: str, data: str | bytes) -> str:
    """Write `data` to `folder / name` (text as UTF-8); returns the name, for the command line."""
    path = folder / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return name


def refused_track_file(folder: Path, name: str, data: str, message: str) -> str:
    """`rangemap track NAME --range-km 3000 -o out.geojson` on a file `name` holding `data`:
    exit 2 and one line on stderr that names the file and holds `message`, and no output
    written. Returns the line."""
    (folder / name).write_text(data, encoding="utf-8")
    output = folder / "out.geojson"
    result = run_in_process(
        folder, "track", str(folder / name), "--range-km", "3000", "-o", str(output)
    )
    assert result.returncode == 2, result.stderr
    error = result.stderr
    assert error.count("\n") == 1 and "Traceback" not in error, error
    assert message in error and name in error, error
    assert not output.exists()
    return error
