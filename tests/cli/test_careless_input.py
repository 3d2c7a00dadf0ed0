"""Careless and hostile input (issue 9): one line on stderr, the promised exit code, no file lost.

Each case is one the issue found giving a traceback, a hang, a wrong answer or a lost file.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.commands import (
    H6K_FLIGHT,
    PLAN_H6K,
    RING,
    SCENARIO_HEADER,
    one_line_error,
    write,
)
from tests.cli.conftest import SCRIPT, Run


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ring", "--range-km", "1e-12", "--at", "UHMA", "-o", "g.html"], "--range-km 1e-12 must"),
        (["ring", "--range-km", "nan", "--at", "UHMA"], "--range-km: 'nan' is not a finite number"),
        (
            [
                *("plan", "--range-km", "3000", "--cruise-kmh", "1e-300"),
                *("--from", "RJAA", "--to", "PANC"),
            ],
            "--cruise-kmh 1e-300 must be a number from 1 to 50,000 km/h",
        ),
        (
            [*PLAN_H6K, "--via", "40,135", "--reserve", "0.999999999"],
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
def test_bad_values_give_one_line_and_exit_2(
    rangemap_in_process: Run, args: list[str], message: str
) -> None:
    result = rangemap_in_process(*args)
    one_line_error(result, 2, message)
    assert len(result.stderr) < 400  # a 100,000-character value is not echoed whole


def test_a_negative_latitude_can_follow_its_option(rangemap_in_process: Run) -> None:
    result = rangemap_in_process(
        "ring", "--aircraft", "h-6k", "--at", "-33.9,151.2", "--mode", "reach"
    )
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
        ("deep.geojson", "[" * 100_000 + "]" * 100_000, "deep.geojson is not a GeoJSON Feature"),
        (
            "deeper.geojson",
            '{"type": "FeatureCollection", "features": [{"properties": {"a": '
            + "[" * 100_000
            + "]" * 100_000
            + '}, "geometry": {"type": "Point", "coordinates": [1, 2]}}]}',
            "property 'a' of feature 1 of deeper.geojson is not text",
        ),
        (
            "bom.geojson",
            b'\xef\xbb\xbf{"type": "Feature", "properties": {"id": "mine"}, '
            b'"geometry": {"type": "Point", "coordinates": [1, 2]}}',
            None,
        ),
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
            "site name '10,20' looks like coordinates; give the site a name of words in row 2 of coords.csv",
        ),
        (
            "icao.csv",
            "id,name,lat,lon\nmine,EGLL,1,2\n",
            "site name 'EGLL' is the ICAO code of",
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
    rangemap_in_process: Run, tmp_path: Path, name: str, data: str | bytes, message: str | None
) -> None:
    result = rangemap_in_process("sites", "--sites", write(tmp_path, name, data), "--json")
    if message is None:  # a spreadsheet's byte-order mark is not part of the first column's name
        assert result.returncode == 0, result.stderr
        assert any(site["id"] == "mine" for site in json.loads(result.stdout))
    else:
        one_line_error(result, 2, message)


def test_devices_fifos_and_folders_are_refused_without_reading(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "fifo.csv")
    (tmp_path / "x.toml").mkdir()
    one_line_error(rangemap_in_process("sites", "--sites", "/dev/zero"), 2, "is not a regular file")
    one_line_error(
        rangemap_in_process("sites", "--sites", "/dev/urandom"), 2, "is not a regular file"
    )
    one_line_error(rangemap_in_process("sites", "--sites", "fifo.csv"), 2, "is not a regular file")
    one_line_error(rangemap_in_process("scenario", "/dev/zero"), 2, "is not a regular file")
    one_line_error(
        rangemap_in_process("scenario", "x.toml"), 2, "scenario file 'x.toml' is a folder"
    )


def test_every_sites_file_is_used(rangemap_in_process: Run, tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", "id,name,lat,lon\nalpha,Alpha Field,1,2\n")
    second = write(tmp_path, "b.csv", "id,name,lat,lon\nbravo,Bravo Field,3,4\n")
    result = rangemap_in_process("sites", "--sites", first, "--sites", second, "--json")
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
def test_odd_scenario_files(
    rangemap_in_process: Run, tmp_path: Path, flight: str, message: str
) -> None:
    text = f"{SCENARIO_HEADER}{H6K_FLIGHT}{flight}\n"
    one_line_error(rangemap_in_process("scenario", write(tmp_path, "s.toml", text)), 2, message)


def test_binary_and_deeply_nested_scenario_files(rangemap_in_process: Run, tmp_path: Path) -> None:
    one_line_error(
        rangemap_in_process("scenario", write(tmp_path, "b.toml", b"\xff\xfe\x00")), 2, "not UTF-8"
    )
    deep = "x = " + "[" * 100_000 + "]" * 100_000 + "\n"
    one_line_error(rangemap_in_process("scenario", write(tmp_path, "d.toml", deep)), 2, "d.toml")


def test_a_failing_output_leaves_earlier_ones_as_they_were(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    keep = tmp_path / "keep.geojson"
    keep.write_text("precious", encoding="utf-8")
    (tmp_path / "dir.html").mkdir()
    one_line_error(
        rangemap_in_process(*RING, "-o", "keep.geojson", "-o", "dir.html"), 2, "it is a folder"
    )
    assert keep.read_text(encoding="utf-8") == "precious"
    one_line_error(rangemap_in_process(*RING, "-o", "a.png", "-o", "a.png"), 2, "named twice")
    one_line_error(
        rangemap_in_process("demo", "--out", "keep.geojson"), 2, "is a file, not a folder"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dir.html", "keep.geojson"]


def test_replaced_files_keep_their_mode_and_links_stay_links(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    target = tmp_path / "real.geojson"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    (tmp_path / "link.geojson").symlink_to("real.geojson")
    long_name = "a" * 240 + ".geojson"
    result = rangemap_in_process(*RING, "-o", "link.geojson", "-o", long_name)
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
        names = {p.name for p in folder.iterdir()}
        if run.returncode in (0, -signum) and names == {"m.html", "m.png"}:
            # It had finished (the signal came as the interpreter shut down): both files whole.
            assert (folder / "m.png").read_bytes().startswith(b"\x89PNG")
            assert (folder / "m.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
            continue
        assert run.returncode == code and "Traceback" not in stderr, (delay, stderr)
        assert stderr.count("\n") == 1
        assert names in (set(), {"m.html", "m.png"}), names


def test_every_airport_plans_pass_ids_that_start_with_an_underscore(
    rangemap_in_process: Run,
) -> None:
    """Regression: airportsdata has keys such as _MLH (Basel-Mulhouse) that ids refused."""
    result = rangemap_in_process(
        "plan", "--range-km", "500", "--from", "ZBAA", "--to", "ZGGG", "--refuel-at", "any:CN"
    )
    assert result.returncode == 0, result.stderr


def test_a_failed_every_airport_plan_names_the_stretch_that_is_too_long(
    rangemap_in_process: Run,
) -> None:
    result = rangemap_in_process(
        "plan", "--range-km", "3000", "--from", "KSFO", "--via", "21,-150", "--to", "KSFO",
        "--refuel-at", "any:US",
    )  # fmt: skip
    one_line_error(result, 3, "cannot overfly 21N150W")
    assert "the shortest stretch over it, from" in result.stderr


# -- found by a hostile review of the above (issue 9, second round) --------------------------------


@pytest.mark.parametrize(
    ("point", "message"),
    [
        ('{ id = "UHWW", name = "Decoy", lat = 45.7, lon = 160 }', "is the ICAO code of"),
        ('{ id = "decoy", name = "UHBU", lat = 45.7, lon = 160 }', "is the id of catalog site"),
        ('{ id = "p1", name = "51.5,-0.12", lat = 30, lon = 150 }', "looks like coordinates"),
        ('{ id = "p2", name = "neixiang", lat = 20, lon = 140 }', "is the id of catalog site"),
        ('{ id = "RJAA", name = "Decoy", lat = 30, lon = 150 }', "is the ICAO code of"),
        ('{ id = "any", name = "Decoy", lat = 30, lon = 150 }', "is a word of --refuel-at"),
        (
            '{ id = "p3", name = "P", lat = ' + "9" * 400 + ", lon = 150 }",
            "latitude is an integer outside [-90, 90]",
        ),
    ],
)
def test_scenario_points_cannot_pass_for_other_places(
    rangemap_in_process: Run, tmp_path: Path, point: str, message: str
) -> None:
    """Regression: a scenario's point tables skipped the sites files' checks, so a point called
    UHWW took the field's place in the plan and its GeoJSON."""
    text = f'{SCENARIO_HEADER}{H6K_FLIGHT}waypoints = [{point}]\nrefuel_at = ["ru-far-east"]\n'
    one_line_error(
        rangemap_in_process("scenario", write(tmp_path, "s.toml", text), "-o", "s.geojson"),
        2,
        message,
    )
    assert not (tmp_path / "s.geojson").exists()


def test_one_point_id_is_one_place(rangemap_in_process: Run, tmp_path: Path) -> None:
    flight = 'waypoints = [{{ id = "p", name = "P", lat = {lat}, lon = 135 }}]\n'
    text = SCENARIO_HEADER + H6K_FLIGHT + flight.format(lat=40) + H6K_FLIGHT + flight.format(lat=41)
    one_line_error(
        rangemap_in_process("scenario", write(tmp_path, "s.toml", text)), 2, "names two places"
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("fake1,\ufb01MP,-40,-40", "is the ICAO code of"),  # "ﬁMP" casefolds to "fimp"
        ("34N129.5E,Decoy field,-10,10", "is how rangemap names a bare point"),
        ("track-end,Decoy field,-10,10", "is how rangemap names a bare point"),
        ("km8315,Decoy field,-10,10", "is how rangemap names a bare point"),
        ("alpha,Alpha field,10,10\nbeta,ALPHA,20,20", "the id of site alpha"),
        ("any,Anywhere,10,10", "is a word of --refuel-at"),
        ("evil,Evil \u202ebase,10,10", "control characters"),
    ],
)
def test_sites_that_would_take_over_a_name_are_refused(
    rangemap_in_process: Run, tmp_path: Path, rows: str, message: str
) -> None:
    result = rangemap_in_process(
        "sites", "--sites", write(tmp_path, "s.csv", f"id,name,lat,lon\n{rows}\n")
    )
    one_line_error(result, 2, message)


def test_a_control_character_cannot_hide_after_an_id(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    data = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [1, 2]},
                "properties": {"id": "evil\n", "name": "Evil", "country": "ru\n"},
            }
        ],
    }
    result = rangemap_in_process("sites", "--sites", write(tmp_path, "s.geojson", json.dumps(data)))
    one_line_error(result, 2, "may hold only letters")


def test_a_tag_that_is_also_a_country_code_is_ambiguous(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    sites = write(tmp_path, "s.csv", "id,name,lat,lon,tags\ndecoy,Decoy Field,0,0,RU\n")
    result = rangemap_in_process(
        *PLAN_H6K, "--via", "40,135", "--refuel-at", "RU", "--sites", sites
    )
    one_line_error(result, 2, "--refuel-at 'RU' is ambiguous: it is a tag and a country code")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "huge.geojson",
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"id": "a"}, "geometry": {"type": "Point", "coordinates": [' + "9" * 400 + ", 2]}}]}",
            "huge.geojson is not JSON (parse error: integer overflow)",
        ),
        (
            "surrogate.geojson",
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"id": "a", "name": "x\\ud800"}, "geometry": {"type": "Point", "coordinates": [1, 2]}}]}',
            "surrogate.geojson is text no UTF-8 can carry (the lone surrogate escape \\ud800 at",
        ),
        (
            "nan.geojson",
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"id": "a", "name": NaN}, "geometry": {"type": "Point", "coordinates": [1, 2]}}]}',
            "nan.geojson is not JSON",
        ),
        ("columns.csv", "id,name,lat,lon,name\na,A,1,2,B\n", "names column 'name' twice"),
        ("german.csv", "id,name,lat,lon,country\na,A,1,2,\u00df\n", "is not a two-letter ISO"),
    ],
)
def test_more_odd_sites_files(
    rangemap_in_process: Run, tmp_path: Path, name: str, data: str, message: str
) -> None:
    one_line_error(
        rangemap_in_process("sites", "--sites", write(tmp_path, name, data), "--json"), 2, message
    )


def test_a_byte_order_mark_before_a_scenario_is_fine(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    text = f'\ufeff{SCENARIO_HEADER}{H6K_FLIGHT}waypoints = ["40,135"]\n'
    result = rangemap_in_process("scenario", write(tmp_path, "s.toml", text))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["1_000", "\u0661\u0660\u0660\u0660", "1e400"])
def test_numbers_on_the_command_line_are_ascii_and_finite(
    rangemap_in_process: Run, value: str
) -> None:
    result = rangemap_in_process("ring", "--range-km", value, "--at", "UHMA")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr


def test_odd_output_names_and_targets(rangemap_in_process: Run, tmp_path: Path) -> None:
    long_folder = "d" * 300
    (tmp_path / "loop1.geojson").symlink_to("loop2.geojson")
    (tmp_path / "loop2.geojson").symlink_to("loop1.geojson")
    os.mknod(tmp_path / "device", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    (tmp_path / "dev.geojson").symlink_to("device")
    (tmp_path / "locked.geojson").write_text("keep", encoding="utf-8")
    (tmp_path / "locked.geojson").chmod(0o444)
    sites = write(tmp_path, "mine.geojson", '{"type": "FeatureCollection", "features": []}')
    cases = [
        (["-o", "x" * 250 + ".geojson"], "over 255 bytes"),
        (["-o", f"{long_folder}/a.png"], "cannot write"),
        (["-o", "loop1.geojson"], "cannot write"),
        (["-o", "dev.geojson"], "device, FIFO or socket"),
        (["-o", "locked.geojson"], "the file is read-only"),
        (["-o", "x.png/"], "'x.png/' is not a file name"),
        (["-o", "new\nline.png"], "is not a file name"),
        (["-o", "mine.geojson", "--sites", sites], "it is an input of this run"),
    ]
    for args, message in cases:
        one_line_error(rangemap_in_process(*RING, *args), 2, message)
    assert (tmp_path / "locked.geojson").read_text(encoding="utf-8") == "keep"
    assert stat.S_ISCHR((tmp_path / "device").lstat().st_mode)
    one_line_error(rangemap_in_process("demo", "--out", ""), 2, "--out names no folder")


def test_a_closed_stdout_from_the_start_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        f"{SCRIPT} {' '.join(RING)} -o x.geojson >&-",
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    one_line_error(result, 2, "cannot write to standard output (it is closed)")
    assert (tmp_path / "x.geojson").exists()


def test_a_hangup_is_a_termination_too(tmp_path: Path) -> None:
    run = subprocess.Popen(
        [str(SCRIPT), *RING, "-o", "m.html", "-o", "m.png"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.5)
    run.send_signal(signal.SIGHUP)
    _, stderr = run.communicate(timeout=60)
    assert not list(tmp_path.glob(".rangemap-*"))
    names = {path.name for path in tmp_path.iterdir()}
    if run.returncode == -signal.SIGHUP:
        # It had finished: the signal came as the interpreter shut down (and put the default
        # handlers back). Both files are whole.
        assert names == {"m.html", "m.png"}
        assert (tmp_path / "m.png").read_bytes().startswith(b"\x89PNG")
        return
    assert run.returncode in (0, 129), stderr


def test_every_airport_planning_bounds_its_waypoints(rangemap_in_process: Run) -> None:
    vias = [arg for k in range(60) for arg in ("--via", f"{20 + k * 0.5},150")]
    result = rangemap_in_process(
        "plan", "--range-km", "3000", "--from", "RJAA", *vias, "--refuel-at", "any"
    )
    one_line_error(result, 2, "takes at most 50 waypoints, not 60")
