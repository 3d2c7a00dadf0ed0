"""Fuzzing every text field a user controls (issue 9): sites files (CSV and GeoJSON) and scenario
files full of template, script, HTML, backslash, unicode and control-character payloads, rendered to
every format by the real command, and the HTML opened in headless Chromium.

Nothing may be evaluated (by Jinja, the browser or matplotlib): each page opens with no dialog and
no console error, and shows each text exactly as written. Text the catalog refuses (control
characters, an empty name) gets one line and exit 2, and no file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from tests.basemaps.browser import Browser, launch
from tests.cli.conftest import run_in_process

pytestmark = pytest.mark.slow

#: Pieces of template syntax (Jinja, JavaScript template strings), markup, escapes, and scripts.
FRAGMENTS = [
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    " raw ",
    "endraw",
    "cycler.__init__.__globals__",
    "6*7",
    "<",
    ">",
    "</",
    "script",
    "<img src=x onerror=alert(1)>",
    "<b>",
    "<!--",
    "-->",
    "]]>",
    "&",
    "&amp;",
    "&#60;",
    "'",
    '"',
    "`",
    "${",
    "}",
    "{",
    "\\",
    "\\x41",
    "\\u0041",
    "\\n",
    "%s",
    "$",
    "$x^2$",
    "_",
    "^",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u0301",
    "\u200b",
    "\ufeff",
    "Жуковка",
    "λ",
    "שלום",
    "عربي",
    "é",
    "ß",
    "  ",
    "\t",
    "\x07",
    "\x1b[31m",
    "\x7f",
]
#: Characters of the scripts the bundled font shows (the figure warns of others; issue 15).
LETTERS = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Co", "Cn"),
    max_codepoint=0x06FF,
)
# What the catalog refuses in text: control characters, bidirectional overrides and isolates.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
raw_hostile = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(LETTERS, min_size=1, max_size=3)),
    min_size=1,
    max_size=10,
).map("".join)
#: Two in three texts lose their control characters, so that most examples get as far as the page.
hostile = st.tuples(raw_hostile, st.sampled_from([False, False, True])).map(
    lambda drawn: drawn[0] if drawn[1] else CONTROL.sub("", drawn[0]) or "x"
)
#: Everything at once, so that every run renders at least one page of it.
NASTY = "{{ 6*7 }}  {% raw %} </script><img src=x onerror=alert(1)> C:\\xdata\\unit1 `${1}` '\" $x^2$ \u2028 Жλ"


def refusable(*texts: str) -> bool:
    """Whether the catalog has a reason to refuse these texts (names: control characters, empty)."""
    return any(CONTROL.search(text) for text in texts) or any(not t.strip() for t in texts)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch()


def refused(result: subprocess.CompletedProcess[str], folder: Path, inputs: set[str]) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert {path.name for path in folder.iterdir()} == inputs


def text_of(page: Any, selector: str) -> str:
    value: str = page.evaluate(f"() => document.querySelector({json.dumps(selector)}).textContent")
    return value


def as_document_title(text: str) -> str:
    """What `document.title` gives back: the HTML spec strips and collapses ASCII whitespace."""
    return re.sub(r"[\t\n\f\r ]+", " ", text).strip("\t\n\f\r ")


def open_clean(browser: Browser, html: Path) -> Any:
    dialogs: list[str] = []
    page, report = browser.open(html)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    assert report.errors == [] and report.refused == []
    assert page.evaluate("() => window.__alerted === undefined")
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    return page, dialogs


def sites_file(folder: Path, kind: str, name: str, tags: str, source: str) -> str:
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["id", "name", "lat", "lon", "country", "tags", "source"])
        writer.writerow(["hostile-site", name, "48.5", "135.1", "RU", tags, source])
        (folder / "sites.csv").write_text(buffer.getvalue(), encoding="utf-8")
        return "sites.csv"
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [135.1, 48.5]},
        "properties": {"id": "hostile-site", "name": name, "tags": [tags], "source": source},
    }
    data = {"type": "FeatureCollection", "features": [feature]}
    (folder / "sites.geojson").write_text(json.dumps(data), encoding="utf-8")
    return "sites.geojson"


# A browser example takes seconds: no shrinking (the failing example is reported as found).
BROWSER_PHASES = (Phase.explicit, Phase.reuse, Phase.generate)


@settings(
    max_examples=6,
    deadline=None,
    phases=BROWSER_PHASES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(kind="csv", name=NASTY, tags=NASTY, source=NASTY)
@example(kind="geojson", name=NASTY, tags=NASTY, source=NASTY)
@given(
    kind=st.sampled_from(["csv", "geojson"]),
    name=hostile,
    tags=hostile,
    source=hostile,
)
def test_hostile_site_text_shows_verbatim(
    browser: Browser, kind: str, name: str, tags: str, source: str
) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        given_file = sites_file(folder, kind, name, tags, source)
        result = run_in_process(
            folder,
            "ring",
            "--aircraft",
            "h-6k",
            "--sites",
            given_file,
            "--at",
            "hostile-site",
            "-o",
            "m.html",
            "-o",
            "m.png",
            "-o",
            "m.geojson",
        )
        tag_list = sorted({t.strip() for t in re.split(r"[;|]", tags) if t.strip()})
        if result.returncode != 0:
            assert refusable(name.strip(), source, *tag_list) or len(name.strip()) > 200, (
                result.stderr
            )
            refused(result, folder, {given_file})
            return
        shown_name = name.strip() if kind == "csv" else name
        shown_source = (source.strip() if kind == "csv" else source) or given_file
        data = json.loads((folder / "m.geojson").read_text(encoding="utf-8"))
        (site,) = [f["properties"] for f in data["features"] if f["properties"]["kind"] == "site"]
        assert (site["name"], site["source"], site["tags"]) == (shown_name, shown_source, tag_list)
        assert (folder / "m.png").read_bytes().startswith(b"\x89PNG")
        page, dialogs = open_clean(browser, folder / "m.html")
        title = f"Xian H-6K: range rings from {shown_name}"
        assert page.evaluate("() => document.title") == as_document_title(title)
        assert text_of(page, "#rangemap-legend summary") == title
        page.locator("path.rangemap-base").hover()
        assert text_of(page, ".leaflet-tooltip") == f"{shown_name} (base)"
        page.locator("path.rangemap-base").click()
        assert text_of(page, ".leaflet-popup-content b") == shown_name
        cells = page.evaluate(
            "() => Object.fromEntries([...document.querySelectorAll('.leaflet-popup-content tr')]"
            ".map(row => [row.cells[0].textContent, row.cells[1].textContent]))"
        )
        assert cells["source"] == shown_source
        assert cells["tags"] == (", ".join(tag_list) or "-")
        assert dialogs == [] and page.evaluate("() => window.__alerted === undefined")
        page.close()


def toml_string(text: str) -> str:
    """A TOML basic string holding `text` exactly."""
    escaped = "".join(
        f"\\u{ord(char):04x}" if ord(char) < 0x20 or ord(char) == 0x7F or char in '"\\' else char
        for char in text
    )
    return f'"{escaped}"'


@settings(
    max_examples=4,
    deadline=None,
    phases=BROWSER_PHASES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(title=NASTY, description=NASTY, source=NASTY, point=NASTY)
@given(title=hostile, description=hostile, source=hostile, point=hostile)
def test_hostile_scenario_text_shows_verbatim(
    browser: Browser, title: str, description: str, source: str, point: str
) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "s.toml").write_text(
            f"title = {toml_string(title)}\ndescription = {toml_string(description)}\n"
            f'source = {toml_string(source)}\n[[flights]]\naircraft = "tu-95ms"\n'
            f'origin = "UHBU"\nwaypoints = [{{ id = "hostile-point", name = {toml_string(point)},'
            " lat = 45.0, lon = 150.0 }]\ntakeoff = 2019-07-23T00:00:00Z\n",
            encoding="utf-8",
        )
        result = run_in_process(
            folder,
            "scenario",
            "s.toml",
            "-o",
            "s.html",
            "-o",
            "s.png",
            "-o",
            "s.geojson",
        )
        texts = (title, source, point)
        if result.returncode != 0:
            bad_description = CONTROL.sub("", description.replace("\n", "")) != description.replace(
                "\n", ""
            )
            assert refusable(*texts) or bad_description or not description.strip(), result.stderr
            refused(result, folder, {"s.toml"})
            return
        data = json.loads((folder / "s.geojson").read_text(encoding="utf-8"))
        names = [
            f["properties"]["name"] for f in data["features"] if f["properties"]["kind"] == "site"
        ]
        assert point in names
        assert (folder / "s.png").read_bytes().startswith(b"\x89PNG")
        page, dialogs = open_clean(browser, folder / "s.html")
        assert page.evaluate("() => document.title") == as_document_title(title.strip())
        assert text_of(page, "#rangemap-legend summary") == title.strip()
        page.locator("path.rangemap-waypoint").click()
        assert text_of(page, ".leaflet-popup-content b") == point
        # The timeline lists the point as text too.
        events = page.evaluate(
            "() => [...document.querySelectorAll('#rangemap-events .event')].map(e => e.textContent)"
        )
        assert any(event.endswith(f" passes {point}") for event in events), events
        assert dialogs == []
        page.close()
