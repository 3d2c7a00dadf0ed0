"""Careless and hostile input (issue 9): one line on stderr, the promised exit code, no file lost.

Each case is one the issue found giving a traceback, a hang, a wrong answer or a lost file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.conftest import SCRIPT, Run

RING = ["ring", "--aircraft", "h-6k", "--at", "UHMA"]


def one_line_error(result: subprocess.CompletedProcess[str], code: int, message: str) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert message in result.stderr, result.stderr


def write(folder: Path, name: str, data: str | bytes) -> str:
    path = folder / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return name


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ring", "--range-km", "1e-12", "--at", "UHMA", "-o", "g.html"], "--range-km 1e-12 must"),
        (["ring", "--range-km", "nan", "--at", "UHMA"], "--range-km nan must be a number"),
        (
            [
                "plan",
                "--range-km",
                "3000",
                "--cruise-kmh",
                "1e-300",
                "--from",
                "RJAA",
                "--to",
                "PANC",
            ],
            "--cruise-kmh 1e-300 must be a number from 1 to 50,000 km/h",
        ),
        (
            [
                "plan",
                "--aircraft",
                "h-6k",
                "--from",
                "neixiang",
                "--via",
                "40,135",
                "--reserve",
                "0.999999999",
            ],
            "reserve 0.999999999 must be a fraction from 0 to 0.9",
        ),
        (
            ["scenario", "/nonexistent.toml"],
            "cannot read scenario file '/nonexistent.toml': No such",
        ),
        (["scenario", "-o", "x.html"], "give the scenario to write"),
        (["ring", "--aircraft", "h-6k", "--at", "x" * 100_000], "is too long to be a site"),
        (["ring", "--aircraft"], "expected one argument (see rangemap ring --help)"),
        (["no-such-command"], "invalid choice: 'no-such-command'"),
    ],
)
def test_bad_values_give_one_line_and_exit_2(rangemap: Run, args: list[str], message: str) -> None:
    result = rangemap(*args)
    one_line_error(result, 2, message)
    assert len(result.stderr) < 400  # a 100,000-character value is not echoed whole


def test_a_negative_latitude_can_follow_its_option(rangemap: Run) -> None:
    result = rangemap("ring", "--aircraft", "h-6k", "--at", "-33.9,151.2", "--mode", "reach")
    assert result.returncode == 0, result.stderr
    assert "33.9S151.2E" in result.stdout


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bom.csv", b"\xef\xbb\xbfid,name,lat,lon\nmine,Mine,1,2\n", None),
        (
            "big.csv",
            "id,name,lat,lon\nx," + "a" * 200_000 + ",1,2\n",
            "row 2 of big.csv cannot be read",
        ),
        ("binary.csv", bytes(range(256)) * 20, "is not UTF-8 text"),
        ("nul.csv", "id,name,lat,lon\nx,\x00,1,2\n", "the name of site x holds control characters"),
        ("deep.geojson", "[" * 100_000 + "]" * 100_000, "deep.geojson is nested too deeply"),
        (
            "f.geojson",
            '{"type": "FeatureCollection", "features": 5}',
            "features of f.geojson are not a list",
        ),
        (
            "p.geojson",
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": 5, '
            '"geometry": {"type": "Point", "coordinates": [1, 2]}}]}',
            "the properties of feature 1 of p.geojson are not an object",
        ),
        (
            "c.geojson",
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "a"}, '
            '"geometry": {"type": "Point", "coordinates": "1,2"}}]}',
            "feature 1 of c.geojson has no [lon, lat] coordinates",
        ),
        ("digits.csv", "id,name,lat,lon\nx,X,\u0661\u0662,2\n", "latitude '١٢' is not a number"),
        (
            "coords.csv",
            'id,name,lat,lon\nx,"10,20",1,2\n',
            "site name '10,20' in row 2 of coords.csv looks like coordinates",
        ),
        (
            "icao.csv",
            "id,name,lat,lon\nmine,EGLL,1,2\n",
            "site name 'EGLL' in row 2 of icao.csv is the ICAO code of",
        ),
        (
            "flag.csv",
            "id,name,lat,lon,approximate\nx,X,1,2,maybe\n",
            "approximate 'maybe' is not true or false",
        ),
        (
            "country.csv",
            "id,name,lat,lon,country\nx,X,1,2,Russia\n",
            "country 'RUSSIA' of site x is not a two-letter",
        ),
        (
            "control.csv",
            "id,name,lat,lon,source\nx,X,1,2,a\x07b\n",
            "the source of site x holds control characters",
        ),
    ],
)
def test_broken_or_odd_sites_files(
    rangemap: Run, tmp_path: Path, name: str, data: str | bytes, message: str | None
) -> None:
    result = rangemap("sites", "--sites", write(tmp_path, name, data), "--json")
    if message is None:  # a spreadsheet's byte-order mark is not part of the first column's name
        assert result.returncode == 0, result.stderr
        assert any(site["id"] == "mine" for site in json.loads(result.stdout))
    else:
        one_line_error(result, 2, message)


def test_devices_fifos_and_folders_are_refused_without_reading(
    rangemap: Run, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "fifo.csv")
    (tmp_path / "x.toml").mkdir()
    one_line_error(rangemap("sites", "--sites", "/dev/zero"), 2, "is not a regular file")
    one_line_error(rangemap("sites", "--sites", "/dev/urandom"), 2, "is not a regular file")
    one_line_error(rangemap("sites", "--sites", "fifo.csv"), 2, "is not a regular file")
    one_line_error(rangemap("scenario", "/dev/zero"), 2, "is not a regular file")
    one_line_error(rangemap("scenario", "x.toml"), 2, "scenario file 'x.toml' is a folder")


def test_every_sites_file_is_used(rangemap: Run, tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", "id,name,lat,lon\nalpha,Alpha Field,1,2\n")
    second = write(tmp_path, "b.csv", "id,name,lat,lon\nbravo,Bravo Field,3,4\n")
    result = rangemap("sites", "--sites", first, "--sites", second, "--json")
    assert result.returncode == 0, result.stderr
    assert {"alpha", "bravo"} <= {site["id"] for site in json.loads(result.stdout)}


@pytest.mark.parametrize(
    ("flight", "message"),
    [
        ("waypoints = 5", "waypoints must be a list"),
        ('waypoints = "RJSM"', "waypoints must be a list"),
        (
            'waypoints = [{ id = "p", name = "P", lat = 1, lon = 2, approximate = "no" }]',
            "approximate must be true or false, not 'no'",
        ),
        (
            'waypoints = [{ id = "p", name = "P", lat = nan, lon = 2 }]',
            "latitude nan is not a finite",
        ),
    ],
)
def test_odd_scenario_files(rangemap: Run, tmp_path: Path, flight: str, message: str) -> None:
    text = (
        'title = "t"\ndescription = "d"\nsource = "s"\n'
        f'[[flights]]\naircraft = "h-6k"\norigin = "neixiang"\n{flight}\n'
    )
    one_line_error(rangemap("scenario", write(tmp_path, "s.toml", text)), 2, message)


def test_binary_and_deeply_nested_scenario_files(rangemap: Run, tmp_path: Path) -> None:
    one_line_error(rangemap("scenario", write(tmp_path, "b.toml", b"\xff\xfe\x00")), 2, "not UTF-8")
    deep = "x = " + "[" * 100_000 + "]" * 100_000 + "\n"
    one_line_error(rangemap("scenario", write(tmp_path, "d.toml", deep)), 2, "d.toml")


def test_a_failing_output_leaves_earlier_ones_as_they_were(rangemap: Run, tmp_path: Path) -> None:
    keep = tmp_path / "keep.geojson"
    keep.write_text("precious", encoding="utf-8")
    (tmp_path / "dir.html").mkdir()
    one_line_error(rangemap(*RING, "-o", "keep.geojson", "-o", "dir.html"), 2, "it is a folder")
    assert keep.read_text(encoding="utf-8") == "precious"
    one_line_error(rangemap(*RING, "-o", "a.png", "-o", "a.png"), 2, "named twice")
    one_line_error(rangemap("demo", "--out", "keep.geojson"), 2, "is a file, not a folder")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dir.html", "keep.geojson"]


def test_replaced_files_keep_their_mode_and_links_stay_links(rangemap: Run, tmp_path: Path) -> None:
    target = tmp_path / "real.geojson"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    (tmp_path / "link.geojson").symlink_to("real.geojson")
    long_name = "a" * 240 + ".geojson"
    result = rangemap(*RING, "-o", "link.geojson", "-o", long_name)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "link.geojson").is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert target.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / long_name).exists()
    assert not list(tmp_path.glob(".rangemap-*"))


def test_a_closed_stdout_never_costs_the_files(tmp_path: Path) -> None:
    command = [str(SCRIPT), *RING, "-o", "x.geojson"]
    with subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as run:
        assert run.stdout is not None and run.stderr is not None
        run.stdout.close()  # as `| true` does
        stderr = run.stderr.read().decode()
    assert (tmp_path / "x.geojson").exists()
    assert run.returncode == 2 and "cannot write to standard output" in stderr


def test_a_full_disk_on_stdout_is_one_line() -> None:
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [str(SCRIPT), "aircraft"], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    one_line_error(result, 2, "cannot write to standard output (No space left on device)")


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_runs_leave_no_temporary_or_partial_file(
    tmp_path: Path, signum: int, code: int
) -> None:
    """Stopped at different moments of a run that writes a map and a figure: each time the files
    are whole or absent, and no temporary file is left behind."""
    for delay in (0.5, 1.5, 2.5, 3.5):
        folder = tmp_path / f"after-{delay}"
        folder.mkdir()
        run = subprocess.Popen(
            [sys.executable, "-m", "rangemap", *RING, "-o", "m.html", "-o", "m.png"],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(delay)
        run.send_signal(signum)
        _, stderr = run.communicate(timeout=60)
        assert not list(folder.glob(".rangemap-*")), delay
        if run.returncode == 0:  # it had finished: both files are there, whole
            assert {p.name for p in folder.iterdir()} == {"m.html", "m.png"}
            continue
        assert run.returncode == code and "Traceback" not in stderr, (delay, stderr)
        assert stderr.count("\n") == 1
        names = {p.name for p in folder.iterdir()}
        assert names in (set(), {"m.html", "m.png"}), names


def test_every_airport_plans_pass_ids_that_start_with_an_underscore(rangemap: Run) -> None:
    """Regression: airportsdata has keys such as _MLH (Basel-Mulhouse) that ids refused."""
    result = rangemap(
        "plan", "--range-km", "500", "--from", "ZBAA", "--to", "ZGGG", "--refuel-at", "any:CN"
    )
    assert result.returncode == 0, result.stderr


def test_a_failed_every_airport_plan_names_the_stretch_that_is_too_long(rangemap: Run) -> None:
    result = rangemap(
        "plan",
        "--range-km",
        "3000",
        "--from",
        "KSFO",
        "--via",
        "21,-150",
        "--to",
        "KSFO",
        "--refuel-at",
        "any:US",
    )
    one_line_error(result, 3, "cannot overfly 21N150W")
    assert "the shortest stretch over it, from" in result.stderr
