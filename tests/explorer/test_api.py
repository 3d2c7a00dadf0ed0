"""The explorer's API over HTTP, as a program (or a careless or hostile page) asks it: the same
records as --json, one-line errors, the guards, downloads from the command line's writers."""

from __future__ import annotations

import contextlib
import io
import json
import signal
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from rangemap.commands import run
from tests.explorer.server import Served, served

JAPAN = {
    "aircraft": "h-6k",
    "from": "neixiang",
    "via": ["34.0,129.5", "45.7,142.0", "37.5,145.0", "25.3,126.0"],
    "refuel_at": ["ru-far-east"],
}


def ask(explorer: Served, command: str, body: object, **query: str) -> httpx.Response:
    return httpx.post(f"{explorer.url}api/{command}", json=body, params=query, timeout=120)


def one_line_error(reply: httpx.Response, status: int) -> str:
    assert reply.status_code == status, reply.text
    data = reply.json()
    assert list(data) == ["error"] and "\n" not in data["error"] and "Traceback" not in reply.text
    message: str = data["error"]
    return message


def cli_json(*argv: str) -> object:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert run([*argv, "--json"]) == 0
    return json.loads(out.getvalue())


def test_a_plan_is_the_record_the_command_line_prints(explorer: Served) -> None:
    reply = ask(explorer, "plan", JAPAN)
    assert reply.status_code == 200
    argv = ["plan", "--aircraft", "h-6k", "--from", "neixiang", "--refuel-at", "ru-far-east"]
    for via in JAPAN["via"]:
        argv += ["--via", via]
    assert reply.json() == cli_json(*argv)
    assert reply.json()["refuel_stops"] == ["UHSS"]


def test_every_question_answers(explorer: Served) -> None:
    rings = ask(explorer, "ring", {"aircraft": ["h-6k", "tu-95ms"], "at": ["neixiang", ["UHBU"]]})
    assert {(r["aircraft"], r["mode"]) for r in rings.json()["rings"]} == {
        (plane, mode) for plane in ("h-6k", "tu-95ms") for mode in ("reach", "combat_radius")
    }
    need_body = {"aircraft": "h-6k", "from": ["neixiang"], "target": ["PGUA"], "overfly": ["any"]}
    need = ask(explorer, "need", need_body)
    assert need.status_code == 200 and need.json()[0]["target"] == "PGUA"
    strike = ask(
        explorer,
        "strike",
        {"aircraft": "h-6k", "weapon": "cj-20", "from": "neixiang", "target": "PGUA"},
    )
    assert strike.status_code == 200 and strike.json()["weapon"] == "cj-20"
    reach = ask(explorer, "reach", {"aircraft": "h-6k", "from": "neixiang", "overfly": ["any"]})
    assert reach.status_code == 200 and reach.json()["bands"]
    drawn = ask(explorer, "plan", JAPAN, **{"with": "features"}).json()
    assert set(drawn) == {"record", "text", "features", "airspace"} and "UHSS" in drawn["text"]
    assert {f["properties"]["kind"] for f in drawn["features"]["features"]} >= {"leg", "site"}
    zones = {
        (f["properties"]["kind"], f["properties"]["zone"]) for f in drawn["airspace"]["features"]
    }
    assert {("adiz", "adiz-KR"), ("adiz", "adiz-JP"), ("sovereign", "sovereign-JP")} <= zones
    assert ("adiz", "adiz-US-AK") not in zones  # only what is round the patrol


def test_no_plan_is_an_answer(explorer: Served) -> None:
    far = {"range_km": 1000, "from": "neixiang", "via": ["0,-150"]}
    reply = ask(explorer, "plan", far)
    assert reply.status_code == 200 and "no_plan" in reply.json()


def test_a_flown_track_is_uploaded_as_text(explorer: Served) -> None:
    text = "lat,lon\n34.0,113.0\n40.0,125.0\n45.0,140.0\n"
    body = {"aircraft": "h-6k", "file": {"name": "../../patrol.csv", "text": text}}
    reply = ask(explorer, "track", body)
    assert reply.status_code == 200, reply.text
    record = reply.json()
    assert record["points"] == 3 and record["file"] == "patrol.csv"
    assert "rangemap-upload" not in reply.text
    bad = dict(body, file={"name": "p.csv", "text": "lat,lon\n95,10\n"})
    message = one_line_error(ask(explorer, "track", bad), 400)
    assert "95" in message and "rangemap-upload" not in message


def test_a_track_of_too_many_points_is_refused(explorer: Served) -> None:
    text = "lat,lon\n" + "34.0,113.0\n34.1,113.1\n" * 100_001
    body = {"aircraft": "h-6k", "file": {"name": "long.csv", "text": text}}
    assert "200,000 points" in one_line_error(ask(explorer, "track", body), 413)


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ({"aircraft": "b-52x", "from": "neixiang"}, "unknown aircraft"),
        ({"aircraft": "h-6k", "from": "95,10"}, "latitude 95"),
        ({"aircraft": "h-6k", "from": "neixiang", "reserve": "NaN"}, "reserve"),
        ({"aircraft": "h-6k", "from": "neixiang", "reserve": 1e308}, "reserve"),
        ({"aircraft": "h-6k", "from": "<img src=x onerror=alert(1)>"}, "<img src=x"),
        ({"aircraft": "h-6k", "from": "neixiang", "output": "/tmp/x.png"}, "no option 'output'"),
        ({"aircraft": "h-6k", "from": "neixiang", "sites": "/etc/passwd"}, "no option 'sites'"),
        ({"aircraft": "h-6k", "from": "neixiang", "via": {"a": 1}}, "--via"),
        ({"aircraft": "h-6k", "from": ["neixiang", "UHBU"]}, "one value"),
        ({"aircraft": "h-6k"}, "--from"),
        (["aircraft", "h-6k"], "JSON object"),
        ({"aircraft": "h-6k", "from": "neixiang", "help": True}, "no option 'help'"),
    ],
)
def test_careless_and_hostile_bodies_get_one_line(
    explorer: Served, body: object, said: str
) -> None:
    assert said in one_line_error(ask(explorer, "plan", body), 400)


def test_what_is_not_json_gets_one_line(explorer: Served) -> None:
    url = f"{explorer.url}api/plan"
    json_kind = {"Content-Type": "application/json"}
    for raw in (b"{", b'{"aircraft": NaN}', b"\xff\xfe", b"[" * 100_000):
        one_line_error(httpx.post(url, content=raw, headers=json_kind), 400)
    one_line_error(httpx.post(url, content=b"{}", headers={"Content-Type": "text/plain"}), 415)
    huge = b'{"aircraft": "' + b"x" * (21 * 1024 * 1024) + b'"}'
    one_line_error(httpx.post(url, content=huge, headers=json_kind), 413)
    one_line_error(httpx.get(url), 405)
    one_line_error(httpx.post(f"{explorer.url}api/teleport", json={}), 404)


def test_bodies_that_cannot_be_handed_on_leave_the_workers_free(explorer: Served) -> None:
    """Found by attack: a body nested 900 deep parsed but could not be sent to a worker, and
    each one so sent took a worker out of the pool for good."""
    url = f"{explorer.url}api/plan"
    nested = b'{"via":' + b"[" * 900 + b"]" * 900 + b"}"
    for _ in range(3):  # more than the pool's two workers
        reply = httpx.post(url, content=nested, headers={"Content-Type": "application/json"})
        assert "nests more than 8 deep" in one_line_error(reply, 400)
    assert ask(explorer, "plan", JAPAN).status_code == 200
    huge = b'{"aircraft": "h-6k", "from": "neixiang", "range_km": ' + b"9" * 4000 + b"}"
    reply = httpx.post(url, content=huge, headers={"Content-Type": "application/json"})
    assert "not a finite number" in one_line_error(reply, 400)
    lone = b'{"aircraft": "h-6k", "file": {"name": "a.csv", "text": "\\ud800"}}'
    reply = httpx.post(
        f"{explorer.url}api/track", content=lone, headers={"Content-Type": "application/json"}
    )
    assert "not text" in one_line_error(reply, 400)
    long_name = {"aircraft": "h-6k", "file": {"name": "p" * 300 + ".csv", "text": "lat,lon\n"}}
    assert "give a" not in ask(explorer, "track", long_name).text  # the suffix is kept


def test_the_guards(explorer: Served) -> None:
    page = httpx.get(explorer.url)
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    rebound = httpx.get(explorer.url, headers={"Host": f"attacker.example:{explorer.port}"})
    one_line_error(rebound, 421)
    other_site = httpx.post(
        f"{explorer.url}api/plan", json=JAPAN, headers={"Origin": "http://attacker.example"}
    )
    one_line_error(other_site, 403)
    for path in (
        "static/../pyproject.toml",
        "static/%2e%2e%2fpyproject.toml",
        "static/..%2f..%2f..%2fetc%2fpasswd",
        "static/explorer.js%00.css",
        "../../etc/passwd",
    ):
        reply = httpx.get(explorer.url + path)
        assert (
            reply.status_code == 404 and "root:" not in reply.text and "[project]" not in reply.text
        )
    assert (
        httpx.get(
            f"{explorer.url}localhost-check", headers={"Host": f"localhost:{explorer.port}"}
        ).status_code
        == 404
    )


def test_downloads_come_from_the_writers(explorer: Served) -> None:
    magic = {
        "geojson": b'{"type": "FeatureCollection"',
        "kml": b"<?xml",
        "kmz": b"PK",
        "gpkg": b"SQLite format 3",
        "png": b"\x89PNG",
        "svg": b"<?xml",
        "html": b"<!DOCTYPE html>",
    }
    for suffix, start in magic.items():
        reply = ask(explorer, "plan", JAPAN, download=suffix)
        assert reply.status_code == 200 and reply.content.startswith(start), suffix
        assert f"rangemap-plan.{suffix}" in reply.headers["content-disposition"]
    one_line_error(ask(explorer, "plan", JAPAN, download="exe"), 400)


def test_catalogs_and_search(explorer: Served) -> None:
    planes = httpx.get(f"{explorer.url}api/aircraft").json()
    h6k = next(plane for plane in planes if plane["id"] == "h-6k")
    assert h6k["range_km"] == 6000 and h6k["source"]
    assert (
        httpx.get(f"{explorer.url}api/sites", params={"q": "neixiang"}).json()[0]["id"]
        == "neixiang"
    )
    assert httpx.get(f"{explorer.url}api/sites", params={"q": "RJAA"}).json()[0]["id"] == "RJAA"
    assert httpx.get(f"{explorer.url}api/sites", params={"q": "ru-far-east"}).json()
    assert any(zone["id"] == "adiz-US-AK" for zone in httpx.get(f"{explorer.url}api/zones").json())
    assert any(w["id"] == "cj-20" for w in httpx.get(f"{explorer.url}api/weapons").json())
    spec = httpx.get(f"{explorer.url}api/openapi.json").json()
    assert (
        "refuel_at"
        in spec["paths"]["/api/plan"]["post"]["requestBody"]["content"]["application/json"][
            "schema"
        ]["properties"]
    )
    assert "<script" not in httpx.get(f"{explorer.url}api/docs").text


def test_twenty_plans_at_once_are_all_answered(explorer: Served) -> None:
    bodies = [dict(JAPAN, reserve=k / 100) for k in range(20)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        replies = list(pool.map(lambda body: ask(explorer, "plan", body), bodies))
    assert [reply.status_code for reply in replies] == [200] * 20


@pytest.mark.slow
def test_a_question_over_the_time_limit_is_503_and_the_server_keeps_serving() -> None:
    with served("--time-limit", "1", "--workers", "1") as slow:
        reach = {
            "aircraft": "h-6k",
            "from": "neixiang",
            "refuel_at": ["ru-far-east"],
            "landings": 2,
        }
        message = one_line_error(ask(slow, "reach", reach), 503)
        assert "1 s" in message
        assert httpx.get(f"{slow.url}api/aircraft").status_code == 200
        assert slow.stop(signal.SIGTERM) in (0, 128 + signal.SIGTERM)
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", slow.port), 1):
            pass


def test_serve_refuses_bad_options() -> None:
    assert run(["serve", "--port", "70000"]) == 2
    assert run(["serve", "--workers", "0"]) == 2


def _children(pid: int) -> set[int]:
    """The processes `pid` started, from any of its threads (workers are renewed in threads)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError):  # a thread that has just ended
            found |= {int(child) for child in (task / "children").read_text("ascii").split()}
    return found


@pytest.mark.slow
def test_a_question_whose_asker_leaves_is_stopped_and_its_worker_replaced() -> None:
    with served("--workers", "1") as lone:
        assert ask(lone, "plan", JAPAN).status_code == 200  # its worker is up
        before = _children(lone.process.pid)
        long_reach = {"aircraft": "h-6k", "from": "neixiang", "refuel_at": ["ru-far-east"]}
        with pytest.raises(httpx.TimeoutException):
            httpx.post(f"{lone.url}api/reach", json=dict(long_reach, landings=3), timeout=1.5)
        deadline = time.monotonic() + 10
        while before <= _children(lone.process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not before <= _children(lone.process.pid)  # the worker answering it was ended
        assert ask(lone, "plan", JAPAN).json()["refuel_stops"] == ["UHSS"]  # by its successor


@pytest.mark.slow
def test_a_body_that_trickles_in_is_refused_at_the_time_limit() -> None:
    with served("--time-limit", "2", "--workers", "1") as slow:
        head = (
            f"POST /api/plan HTTP/1.1\r\nHost: 127.0.0.1:{slow.port}\r\n"
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        with socket.create_connection(("127.0.0.1", slow.port), 5) as trickle:
            trickle.sendall(head.encode())
            started = time.monotonic()
            trickle.settimeout(0.5)
            answer = b""
            while not answer and time.monotonic() - started < 10:
                trickle.sendall(b"1\r\n{\r\n")
                with contextlib.suppress(TimeoutError):
                    answer = trickle.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert time.monotonic() - started < 5


@pytest.mark.slow
def test_a_stop_answers_the_questions_in_hand() -> None:
    """Found by attack: SIGTERM during a question gave its asker uvicorn's bare 500."""
    with served("--workers", "1") as stopping, ThreadPoolExecutor(1) as pool:
        assert ask(stopping, "plan", JAPAN).status_code == 200  # its worker is up
        reach = {"aircraft": "tu-95ms", "from": "UHMA", "landings": 6, "refuel_at": ["ru-far-east"]}
        asked = pool.submit(ask, stopping, "reach", reach)
        time.sleep(1.5)
        assert stopping.stop(signal.SIGTERM) == 0
        assert "stopping" in one_line_error(asked.result(), 503)
        assert stopping.process.stderr is not None and stopping.process.stdout is not None
        assert "Traceback" not in stopping.process.stderr.read()
        assert "stopped" in stopping.process.stdout.read()


@pytest.mark.slow
def test_a_quick_question_left_by_its_asker_keeps_its_worker() -> None:
    """The page drops a question each time the base or a waypoint moves: a plan that ends
    within the grace keeps its warm worker."""
    with served("--workers", "1") as lone:
        assert ask(lone, "plan", JAPAN).status_code == 200
        before = _children(lone.process.pid)
        moved = dict(JAPAN, via=["33.99,129.5", *JAPAN["via"][1:]])
        with pytest.raises(httpx.TimeoutException):
            httpx.post(f"{lone.url}api/plan", json=moved, timeout=0.02)
        time.sleep(3)
        assert _children(lone.process.pid) == before
        assert ask(lone, "plan", moved).status_code == 200


def _half_sent(port: int, length: int, sent: bytes) -> socket.socket:
    """A connection that has sent a plan's head and the first bytes of its body."""
    head = (
        f"POST /api/plan HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    )
    connection = socket.create_connection(("127.0.0.1", port), 5)
    connection.sendall(head.encode() + sent)
    return connection


@pytest.mark.slow
def test_askers_who_leave_or_stop_mid_body_get_no_traceback() -> None:
    """Found by attack: a client closing mid-body printed a traceback; a stop while a body
    arrived waited out the graceful timeout and gave a bare 500; a second Ctrl-C printed one."""
    with served("--workers", "1") as lone:
        for _ in range(3):
            _half_sent(lone.port, 10, b"{").close()
        arriving = _half_sent(lone.port, 100, b'{"aircraft"')
        time.sleep(0.5)
        started = time.monotonic()
        lone.process.send_signal(signal.SIGINT)
        time.sleep(0.05)
        lone.process.send_signal(signal.SIGINT)
        arriving.settimeout(5)
        answer = arriving.recv(4096)
        arriving.close()
        assert answer.startswith(b"HTTP/1.1 503") and b"stopping" in answer, answer[:300]
        assert lone.process.wait(timeout=10) == 0
        assert time.monotonic() - started < 5
        assert lone.process.stderr is not None
        assert "Traceback" not in lone.process.stderr.read()
