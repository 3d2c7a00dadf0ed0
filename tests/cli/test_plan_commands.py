"""`rangemap plan` and `rangemap need`: the refuelling answers, exit 3 when there is none."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas

from tests.cli.commands import H6K_FROM_NEIXIANG, JAPAN_PATROL, PLAN_H6K
from tests.cli.conftest import Run

#: The H-6K round Japan from Neixiang, landing where it must in the Russian Far East.
PATROL = (*PLAN_H6K, *JAPAN_PATROL, "--refuel-at", "ru-far-east")
#: The H-6K's need for fields from Neixiang (give the targets).
NEED_H6K = ("need", *H6K_FROM_NEIXIANG)


def test_plan_round_japan_lands_in_the_russian_far_east(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    result = rangemap_in_process(*PATROL, "-o", "plan.geojson", "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert len(record["refuel_stops"]) == 1
    assert record["min_margin_km"] >= 0
    frame = geopandas.read_file(tmp_path / "plan.geojson")
    legs = frame[frame["kind"] == "leg"]
    assert list(legs["ends_with_refuel"]).count(True) == 1
    assert legs["cumulative_km"].iloc[-1] == record["total_km"]
    roles = dict(
        zip(
            frame[frame["kind"] == "site"]["id"],
            frame[frame["kind"] == "site"]["role"],
            strict=True,
        )
    )
    assert roles["neixiang"] == "origin" and roles[record["refuel_stops"][0]] == "refuel"


def test_plan_across_180_cuts_its_legs(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        "plan", "--aircraft", "tu-95ms", "--from", "UHMA", "--via", "PAED",
        "-o", "p.geojson", "--overfly", "any",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "hours" in result.stdout
    data = json.loads((tmp_path / "p.geojson").read_text(encoding="utf-8"))
    legs = [f for f in data["features"] if f["properties"]["kind"] == "leg"]
    assert all(leg["geometry"]["type"] == "MultiLineString" for leg in legs)


def test_no_plan_exits_3_naming_the_stretch(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        *PLAN_H6K, "--via", "21.864,-158.334", "--refuel-at", "ru-far-east", "-o", "p.geojson"
    )
    assert result.returncode == 3
    assert result.stderr.startswith(
        "rangemap: no plan: Xian H-6K cannot fly UHPP -> 21.864N158.334W -> UHPP"
    )
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "p.geojson").exists()


def test_need_table_says_which_fields(rangemap_in_process: Run) -> None:
    result = rangemap_in_process(
        *NEED_H6K, "--target", "PAED", "--target", "dokdo", "--target", "PHNL",
        "--refuel-at", "ru-far-east", "--overfly", "any", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = {row["target"]: row for row in json.loads(result.stdout)}
    assert rows["dokdo"]["reachable_unrefuelled"] and rows["dokdo"]["stops"] == 0
    assert rows["PAED"]["stops"] == 2 and {"UHMA", "UHMM"} == set(rows["PAED"]["fields"])
    assert rows["PHNL"]["stops"] is None and "cannot fly" in rows["PHNL"]["problem"]


def test_refuel_at_a_country_code(rangemap_in_process: Run) -> None:
    result = rangemap_in_process(
        *NEED_H6K, "--target", "PAED", "--refuel-at", "RU", "--overfly", "any"
    )
    assert result.returncode == 0, result.stderr
    assert "PAED" in result.stdout and "no plan" not in result.stdout


def test_the_readme_shows_what_the_command_prints(rangemap_in_process: Run) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    shown = readme.split("changes the answer.\n\n```\n", 1)[1].split("```", 1)[0]
    result = rangemap_in_process(*PATROL)
    assert result.returncode == 0, result.stderr
    assert shown in result.stdout


def test_ferry_flight_over_every_airport(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        "plan", "--range-km", "2500", "--from", "RJAA", "--to", "PANC", "--refuel-at", "any",
        "--json", "-o", "ferry.geojson",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert len(record["refuel_stops"]) == 2
    assert all(stretch["distance_km"] <= 2500 for stretch in record["stretches"])
    assert (tmp_path / "ferry.geojson").exists()


def test_ferry_to_hawaii_over_us_airports_only_has_no_plan(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    result = rangemap_in_process(
        "plan", "--range-km", "2500", "--from", "KSFO", "--to", "PHNL", "--refuel-at", "any:US",
        "-o", "x.geojson",
    )  # fmt: skip
    assert result.returncode == 3
    assert result.stderr.startswith(
        "rangemap: no plan: aircraft with 2500 km range cannot land at PHNL"
    )
    assert not (tmp_path / "x.geojson").exists()


def test_a_waypoint_in_forbidden_airspace_is_refused(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    result = rangemap_in_process(
        "plan", "--aircraft", "tu-95ms", "--from", "UHMA", "--via", "PAED", "-o", "p.geojson"
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        "rangemap: error: waypoint PAED (61.2514, -149.8065) lies in the sovereign airspace of US"
    )
    assert not (tmp_path / "p.geojson").exists()


def test_a_waypoint_no_track_reaches_is_no_plan(rangemap_in_process: Run, tmp_path: Path) -> None:
    # The Caspian is international airspace, enclosed by the airspace of five states the H-6K
    # may not enter: no track reaches it, and the planner says so without searching for one.
    result = rangemap_in_process(*PLAN_H6K, "--via", "42,51", "-o", "p.html")
    assert result.returncode == 3, result.stderr
    assert "enclosed by the sovereign airspace of AZ, IR, KZ, RU, TM" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "p.html").exists()


def test_plan_json_gives_each_leg_its_track_and_airspace(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    """The Japan patrol keeps out of Japanese and Korean airspace: legs longer than the straight
    line, crossings of the known KADIZ and JADIZ lines listed (never an entry into a zone known
    only as a line), no km over JP or KR; with --overfly any, straight lines again."""
    result = rangemap_in_process(*PATROL, "--json", "-o", "p.geojson")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["overfly"] == ["CN", "RU"]
    legs = record["legs"]
    assert all(leg["distance_km"] >= leg["straight_km"] - 1e-6 for leg in legs)
    assert sum(leg["distance_km"] - leg["straight_km"] for leg in legs) > 50
    for leg in legs:
        assert not {"JP", "KR", "KP", "TW"} & {k for k, v in leg["km_by_airspace"].items() if v > 0}
        assert abs(sum(leg["km_by_airspace"].values()) - leg["distance_km"]) < 1e-2
    crossed = [c for leg in legs for c in leg["line_crossings"]]
    assert {c["zone"] for c in crossed if c["direction"] == "inbound"} >= {"adiz-KR", "adiz-JP"}
    assert all(isinstance(c["km"], float) and len(c["at"]) == 2 for c in crossed)
    stayed = {zone["zone"] for leg in legs for zone in leg["zones"]}
    assert not stayed & {"adiz-KR", "adiz-JP", "adiz-CN-ECS"}
    data = json.loads((tmp_path / "p.geojson").read_text(encoding="utf-8"))
    crossings = [f for f in data["features"] if f["properties"]["kind"] == "zone-crossing"]
    assert {f["properties"]["zone"] for f in crossings} >= {"adiz-KR", "adiz-JP"}
    lines = {f["properties"]["event"] for f in crossings if f["properties"]["zone"] == "adiz-KR"}
    assert lines <= {"inbound", "outbound"}
    straight = json.loads(rangemap_in_process(*PATROL, "--json", "--overfly", "any").stdout)
    assert straight["overfly"] == "any"
    assert all(leg["distance_km"] == leg["straight_km"] for leg in straight["legs"])
    assert straight["refuel_stops"] == ["UHWW"] and record["refuel_stops"] == ["UHSS"]


def test_unknown_state_codes_are_refused(rangemap_in_process: Run) -> None:
    result = rangemap_in_process(*PLAN_H6K, "--via", "40,135", "--overfly", "XX")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "overfly: unknown state code 'XX'" in result.stderr


def test_zones_lists_sovereign_airspace_and_adizs(rangemap_in_process: Run) -> None:
    result = rangemap_in_process("zones", "--json")
    assert result.returncode == 0, result.stderr
    zones = {zone["id"]: zone for zone in json.loads(result.stdout)}
    assert zones["adiz-US-AK"]["kind"] == "adiz" and zones["adiz-US-AK"]["complete"]
    assert zones["adiz-JP"]["complete"] is False
    assert zones["sovereign-JP"]["state"] == "JP" and zones["sovereign-RU"]["kind"] == "sovereign"
    assert all(zone["source"] for zone in zones.values())
    assert "wonilvalve" not in zones["adiz-JP"]["source"]  # the page itself, not a proxy
    assert "https://ja.wikisource.org/wiki/" in zones["adiz-JP"]["source"]


def test_the_zones_table_says_each_zones_source(rangemap_in_process: Run) -> None:
    """The table names each zone's authority (the CFR section, the directive), not the copy."""
    result = rangemap_in_process("zones", "--kind", "adiz")
    assert result.returncode == 0, result.stderr
    header, _, *rows = result.stdout.splitlines()
    assert header.split()[-2:] == ["name", "source"]
    alaska = next(row for row in rows if row.startswith("adiz-US-AK"))
    assert "Alaska ADIZ" in alaska and "14 CFR 99.45" in alaska and "eCFR" not in alaska
    japan = next(row for row in rows if row.startswith("adiz-JP"))
    assert "Defence Agency Directive No. 36" in japan and "http" not in japan


def test_a_plan_says_over_which_ranges_its_answer_holds(rangemap_in_process: Run) -> None:
    record = json.loads(rangemap_in_process(*PATROL, "--json").stdout)
    band = record["range_band"]
    assert band["landings"] == 1 and band["low_km"] < 6000 < band["high_km"]
    assert band["knife_edge"] is False
    # The other published figure, 8,000 km, lies inside the band: still one landing.
    other = json.loads(
        rangemap_in_process(*PATROL, "--json", "--range-source", "china-org-2017").stdout
    )
    assert band["low_km"] <= 8000 < band["high_km"] and len(other["refuel_stops"]) == 1
    unknown = rangemap_in_process(*PLAN_H6K, *JAPAN_PATROL, "--range-source", "rumour")
    assert (
        unknown.returncode == 2 and "its ranges are analysis-2019, china-org-2017" in unknown.stderr
    )


def test_need_says_by_how_much_a_target_is_out_of_reach(rangemap_in_process: Run) -> None:
    result = rangemap_in_process(
        *NEED_H6K, "--target", "13.895,144.527", "--refuel-at", "ru-far-east"
    )
    assert result.returncode == 0, result.stderr
    assert "no plan: 906 km short" in result.stdout


def test_no_refuelling_field_means_no_landing(rangemap_in_process: Run) -> None:
    result = rangemap_in_process(
        *PLAN_H6K, "--via", "40,135", "--via", "14,114", "--refuel-at", "none"
    )
    assert result.returncode == 3
    assert "cannot fly neixiang -> 40N135E -> 14N114E -> neixiang" in result.stderr


def test_aircraft_lists_every_published_range(rangemap_in_process: Run) -> None:
    result = rangemap_in_process("aircraft", "--json")
    planes = {plane["id"]: plane for plane in json.loads(result.stdout)}
    labels = {r["label"]: r["range_km"] for r in planes["tu-95ms"]["published_ranges"]}
    assert labels == {"analysis-2019": 10300.0, "tass-2023": 11000.0}
    assert all(r["source"] for plane in planes.values() for r in plane["published_ranges"])
    assert planes["h-6k"]["operator"] == "CN"


def test_a_far_ocean_waypoint_is_no_plan_at_once(rangemap_in_process: Run, tmp_path: Path) -> None:
    """Regression: `--via 0,0` searched tracks round half the world for over ten minutes (issue
    25); the straight lines already prove it out of reach."""
    result = rangemap_in_process(*PLAN_H6K, "--via", "0,0", "-o", "p.geojson")
    assert result.returncode == 3, result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "cannot fly neixiang -> 0N0E -> neixiang: at least 24,087 km" in result.stderr
    assert not (tmp_path / "p.geojson").exists()
