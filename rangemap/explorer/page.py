"""The page and what it loads, all from the package (Leaflet from xstatic-leaflet, GeographicLib's
JavaScript port from basemaps' vendored copy): no request leaves the server. Also the API's
description, made from the commands' parsers, and the warm-up."""

from __future__ import annotations

import argparse
import functools
import html
import json
from importlib import resources

from basemaps.web.leaflet_assets import inline_css, inline_js
from rangemap.explorer.questions import QUESTIONS, known_options
from rangemap.terminal import json_text

__all__ = ["asset", "docs_html", "index_html", "openapi_bytes", "warm_up"]

_JS, _CSS = "text/javascript; charset=utf-8", "text/css; charset=utf-8"
_OWN = {"explorer.js": _JS, "explorer.css": _CSS}
_GEODESIC = "web/assets/vendor/geographiclib-geodesic/geographiclib-geodesic.min.js"
#: The question asked while the first page loads, to warm the airspace indexes (README's patrol).
WARM_PLAN = {
    "aircraft": "h-6k",
    "from": "neixiang",
    "via": ["34.0,129.5", "45.7,142.0", "37.5,145.0", "25.3,126.0"],
    "refuel_at": ["ru-far-east"],
}


def _static(name: str) -> bytes:
    return resources.files("rangemap").joinpath("explorer", "static", name).read_bytes()


@functools.cache
def index_html() -> bytes:
    return _static("index.html")


@functools.cache
def asset(name: str) -> tuple[bytes, str] | None:
    """A file the page loads, by name (only these: no name reaches the file system)."""
    if name in _OWN:
        return _static(name), _OWN[name]
    if name == "leaflet.js":
        return inline_js().encode("utf-8"), _JS
    if name == "leaflet.css":
        return inline_css().encode("utf-8"), _CSS
    if name == "geodesic.js":
        return resources.files("basemaps").joinpath(_GEODESIC).read_bytes(), _JS
    return None


def warm_up() -> None:
    """Load the catalogs and the airspace, and plan the README's patrol round Japan once."""
    from rangemap.explorer import answering

    answering.answer_reply("plan", WARM_PLAN)


def _schema(action: argparse.Action) -> dict[str, object]:
    """An option's JSON schema: a switch is a boolean, a repeatable option a list."""
    described = {"description": html.unescape(action.help or "")}
    if action.nargs == 0:
        return {"type": "boolean", **described}
    one = {"type": ["string", "number"]} if action.type is not None else {"type": "string"}
    if action.choices:
        one = {"enum": list(action.choices)}
    if isinstance(action, argparse._AppendAction) or type(action).__name__ == "InGroups":
        return {"anyOf": [one, {"type": "array", "items": one}], **described}
    return {**one, **described}


@functools.cache
def openapi_bytes() -> bytes:
    """The API as OpenAPI 3.1: each question's body is its command's options."""
    paths: dict[str, object] = {}
    for command in QUESTIONS:
        properties = {key: _schema(action) for key, action in known_options(command).items()}
        if command == "track":
            properties["file"] = {
                "type": "object",
                "description": "the flown track: its file name (.csv, .geojson, .kml, .gpx) and text",
                "properties": {"name": {"type": "string"}, "text": {"type": "string"}},
            }
        paths[f"/api/{command}"] = {
            "post": {
                "summary": f"rangemap {command}: the record `rangemap {command} --json` prints",
                "parameters": [
                    {
                        "name": "download",
                        "in": "query",
                        "schema": {"type": "string"},
                        "description": "a file instead: geojson, kml, kmz, gpkg, png, svg, pdf, html",
                    },
                    {
                        "name": "with",
                        "in": "query",
                        "schema": {"enum": ["features"]},
                        "description": "features: {record, features} with the GeoJSON drawn",
                    },
                ],
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": properties,
                                "additionalProperties": False,
                            }
                        }
                    }
                },
                "responses": {
                    "200": {"description": 'the record (or {"no_plan": ...})'},
                    "400": {"description": '{"error": one line}'},
                    "413": {"description": "a body over 20 MB or a track over 200,000 points"},
                    "503": {"description": "over the time limit"},
                },
            }
        }
    for name in ("aircraft", "weapons", "zones", "tags", "sites", "land"):
        paths[f"/api/{name}"] = {
            "get": {
                "summary": f"the {name} catalog as JSON"
                if name != "land"
                else "Natural Earth land (GeoJSON)"
            }
        }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "rangemap explorer", "version": "1"},
        "paths": paths,
    }
    return json_text(document).encode("utf-8")


@functools.cache
def docs_html() -> bytes:
    """The API's description for people (no script: the page is text)."""
    document = json.loads(openapi_bytes())
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>rangemap explorer API</title><link rel='stylesheet' href='/static/explorer.css'>",
        "</head><body class='docs'><h1>rangemap explorer API</h1>",
        "<p>POST a JSON object of the command's long options (dashes as underscores, a list for a"
        " repeatable option, true for a switch); the answer is the record <code>--json</code>"
        " prints. <a href='/api/openapi.json'>OpenAPI</a>.</p>",
    ]
    for path, methods in document["paths"].items():
        for method, spec in methods.items():
            parts.append(f"<h2>{method.upper()} {html.escape(path)}</h2>")
            parts.append(f"<p>{html.escape(spec['summary'])}</p>")
            body = spec.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                rows = "".join(
                    f"<tr><td><code>{html.escape(key)}</code></td>"
                    f"<td>{html.escape(str(value.get('description', '')))}</td></tr>"
                    for key, value in body["schema"]["properties"].items()
                )
                parts.append(f"<table>{rows}</table>")
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")
