"""Sites from a GeoJSON file, read as a stream of JSON events (ijson): each feature is built alone,
checked and handed on before the next is read, so the first bad feature is refused at once and
memory holds one feature, never the document."""

from __future__ import annotations

from collections.abc import Iterator
from io import BufferedReader
from typing import Any

from formats.json_events import Event, json_events
from routes.errors import CatalogError, shown

__all__ = ["geojson_site_rows"]

_ROOT_FEATURE_KEYS = ("geometry", "properties", "id")


def geojson_site_rows(stream: BufferedReader, source: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Each Point feature of a FeatureCollection (or a lone Feature) as its place ("feature 3")
    and its properties as text, with `lat`, `lon` and `id`; CatalogError names a bad one."""
    events = json_events(stream, lambda problem: CatalogError(f"{source} is {problem}"))
    yield from _document(events, source)


def _document(events: Iterator[Event], source: str) -> Iterator[tuple[str, dict[str, str]]]:
    if next(events)[0] != "start_map":
        raise CatalogError(f"{source} is not a GeoJSON FeatureCollection")
    kind, listed, root = None, None, {}
    while True:
        event, key = next(events)
        if event == "end_map":
            break
        if key == "type":
            kind = _build(events, next(events))
        elif key == "features":
            first = next(events)
            listed = first[0] == "start_array"
            if not listed:
                _build(events, first)
                continue
            number = 0
            while (item := next(events))[0] != "end_array":
                number += 1
                yield _site_row(_build(events, item), number, source)
        elif key in _ROOT_FEATURE_KEYS:
            root[key] = _build(events, next(events))
        else:
            _build(events, next(events))
    if kind not in ("FeatureCollection", "Feature"):
        raise CatalogError(f"{source} is not a GeoJSON FeatureCollection")
    if kind == "FeatureCollection" and not listed:
        raise CatalogError(f"the features of {source} are not a list")
    if kind == "Feature":
        yield _site_row(root, 1, source)


def _build(events: Iterator[Event], first: Event) -> Any:
    """The value whose first event is `first`, built (one feature, or a scalar)."""
    import ijson  # type: ignore[import-untyped]

    builder = ijson.ObjectBuilder()
    builder.event(*first)
    depth = 1 if first[0] in ("start_map", "start_array") else 0
    while depth:
        event, value = next(events)
        builder.event(event, value)
        if event in ("start_map", "start_array"):
            depth += 1
        elif event in ("end_map", "end_array"):
            depth -= 1
    return builder.value


def _site_row(item: Any, number: int, source: str) -> tuple[str, dict[str, str]]:
    where = f"feature {number}"
    geometry = item.get("geometry") if isinstance(item, dict) else None
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        raise CatalogError(f"{where} of {source} is not a Point")
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or not 2 <= len(coordinates) <= 3:
        raise CatalogError(f"{where} of {source} has no [lon, lat] coordinates")
    properties = item.get("properties") or {}
    if not isinstance(properties, dict):
        raise CatalogError(f"the properties of {where} of {source} are not an object")
    values = {str(key): _text(value, key, where, source) for key, value in properties.items()}
    values["lon"] = _coordinate(coordinates[0], "longitude", where, source)
    values["lat"] = _coordinate(coordinates[1], "latitude", where, source)
    values.setdefault("id", _text(item.get("id", ""), "id", where, source))
    return where, values


def _coordinate(value: Any, what: str, where: str, source: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CatalogError(f"{what} {shown(value)} of {where} of {source} is not a number")
    try:
        return repr(float(value))
    except OverflowError:
        raise CatalogError(f"{what} of {where} of {source} is not a finite number") from None


def _text(value: Any, key: object, where: str, source: str) -> str:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ";".join(value)
    if isinstance(value, (dict, list)):
        raise CatalogError(f"property {shown(key)} of {where} of {source} is not text")
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
