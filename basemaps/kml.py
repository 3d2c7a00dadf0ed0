"""KML and KMZ for Google Earth: the GeoJSON features of a result, one folder per aircraft, in
the map's colours, legs with a TimeSpan where they have times.

Written with fastkml (1.x) rather than GDAL's KML or LIBKML driver: fastkml builds the document
element by element (a shared Style per look, nested Folders, a TimeSpan per leg, every property
as typed ExtendedData: a Schema per kind, SimpleData per placemark, which GDAL's LIBKML driver
reads as typed fields), where GDAL maps one layer to one folder and styles and times to its own
field conventions. Google Earth joins vertices by great circles but fills polygons in a flat
lon/lat plane, so each shape is written with continuous longitudes (unwrapped round its own
middle: a ring or a route across 180 is one shape, some longitudes past 180) and polygon edges
are densified to `MAX_STEP_DEG`. An area that goes all round the Earth in longitude (one holding a
pole, or a band round it) cannot be one such polygon: it is written as its fill in sectors of
90 degrees of longitude from -180, closed along meridians and the pole, drawn without outline
(a MultiPolygon, which GDAL and so QGIS read as the area), then its outline (lines) in a
placemark of its own.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from io import BytesIO
from typing import Any

import numpy as np
import shapely
from fastkml import (
    KML,
    Document,
    ExtendedData,
    Folder,
    IconStyle,
    LabelStyle,
    LineStyle,
    Placemark,
    PolyStyle,
    Style,
)
from fastkml import geometry as kml
from fastkml.data import Schema, SchemaData, SimpleData, SimpleField
from fastkml.enums import DataType
from fastkml.styles import StyleUrl
from fastkml.times import KmlDateTime, TimeSpan, TimeStamp
from shapely.geometry import (
    GeometryCollection,
    LineString,
    MultiLineString,
    MultiPolygon,
    Point,
    Polygon,
    box,
    shape,
)
from shapely.geometry.base import BaseGeometry

import geo
from airspace import describe_event, find_zone
from basemaps.content import BAND_OPACITY, MapContent
from basemaps.style import ROLE_COLOURS, aircraft_colours
from basemaps.web.view import center_longitude
from routes.bundled import bundled_aircraft

__all__ = ["MAX_STEP_DEG", "KmlTextError", "kml_bytes", "kmz_bytes"]

#: The longest polygon edge written, in degrees of longitude or latitude.
MAX_STEP_DEG = 0.2
#: Sectors of an area round the Earth: 90 degrees of longitude each, from -180.
_SECTOR_WESTS = (-180.0, -90.0, 0.0, 90.0)
_ICON = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"
_DECIMALS = 6  # as in the GeoJSON: 1e-6 degree, about 0.1 m

#: Folders of an aircraft's features, in the order they are listed, named as the map's layers
#: ("Xian H-6K: route"; GDAL reads each folder as a layer of that name).
_KIND_FOLDERS = {
    "ring": "range rings",
    "fan": "range fans",
    "radial": "radials",
    "reach": "reach bands",
    "launch-zone": "launch zones",
    "leg": "route",
    "zone-crossing": "zone crossings",
    "missile": "missile flights",
}


def kml_bytes(features: Sequence[Mapping[str, Any]], content: MapContent) -> bytes:
    """The features as one KML document (UTF-8), titled and coloured as `content`'s map."""
    for item in features:
        kind = item["properties"].get("kind")
        if kind != "site" and kind not in _KIND_FOLDERS:
            raise ValueError(f"cannot write a feature of kind {kind!r} to KML")
    colours = _colours(features, content)
    names = {plane.id: plane.name for plane in content.aircraft()}
    schemata = _schemata(features)
    styles: dict[str, Style] = {}
    folders: dict[str, dict[str, list[Placemark]]] = {}
    sites: list[Placemark] = []
    for item in features:
        properties = item["properties"]
        kind = properties["kind"]
        schema = schemata[kind]
        geometry, outline = _kml_geometry(shape(item["geometry"]))
        if kind == "site":
            style = _site_style(styles, properties["role"])
            sites.append(_placemark(properties, geometry, style, schema))
            continue
        plane = properties["aircraft"]
        names.setdefault(plane, properties.get("aircraft_name", plane))
        style = _feature_style(styles, kind, properties, colours[plane], outlined=outline is None)
        marks = folders.setdefault(plane, {}).setdefault(kind, [])
        marks.append(_placemark(properties, geometry, style, schema))
        if outline is not None and not outline.is_empty:
            marks.append(_outline_placemark(properties, outline, style))
    top = [
        Folder(
            name=_xml(names[plane]),
            features=[
                Folder(name=_xml(f"{names[plane]}: {_KIND_FOLDERS[kind]}"), features=kinds[kind])
                for kind in _KIND_FOLDERS
                if kind in kinds
            ],
        )
        for plane, kinds in folders.items()
    ]
    if sites:
        top.append(Folder(name="Sites", features=sites))
    document = Document(
        name=_xml(content.title),
        open=True,
        styles=list(styles.values()),
        schemata=[schema for schema, _ in schemata.values()],
        features=top,
    )
    text = KML(features=[document]).to_string(prettyprint=True, precision=_DECIMALS)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text).encode("utf-8")


def kmz_bytes(document: bytes) -> bytes:
    """A KML `document` zipped as doc.kml: the same bytes for the same document (no time in the
    zip)."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        entry = zipfile.ZipInfo("doc.kml", date_time=(1980, 1, 1, 0, 0, 0))
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        archive.writestr(entry, document)
    return buffer.getvalue()


def _colours(features: Sequence[Mapping[str, Any]], content: MapContent) -> dict[str, str]:
    """Each aircraft's colour as `content.colour` gives it (aircraft only in features follow)."""
    shown = [plane.id for plane in content.aircraft()]
    shown += [f["properties"]["aircraft"] for f in features if "aircraft" in f["properties"]]
    return aircraft_colours(list(dict.fromkeys(shown)), list(bundled_aircraft()))


def _kml_colour(colour: str, opacity: float = 1.0) -> str:
    """KML's aabbggrr of a #rrggbb colour.

    >>> _kml_colour("#0072B2", 0.5)
    '80b27200'
    """
    red, green, blue = colour[1:3], colour[3:5], colour[5:7]
    return f"{round(opacity * 255):02x}{blue}{green}{red}".lower()


def _shared(styles: dict[str, Style], key: str, make: Callable[[], list[Any]]) -> StyleUrl:
    """A reference to the document's style `key`, made once."""
    if key not in styles:
        styles[key] = Style(id=key, styles=make())
    return StyleUrl(url=f"#{key}")


def _site_style(styles: dict[str, Style], role: str) -> StyleUrl:
    colour = ROLE_COLOURS.get(role, "#555555")
    return _shared(
        styles,
        f"site-{role}",
        lambda: [
            IconStyle(
                color=_kml_colour(colour),
                scale=1.0 if role == "refuel" else 0.8,
                icon_href=_ICON,
            ),
            LabelStyle(scale=0.8),
        ],
    )


def _feature_style(
    styles: dict[str, Style],
    kind: str,
    properties: Mapping[str, Any],
    colour: str,
    *,
    outlined: bool,
) -> StyleUrl:
    """The map's look of a ring, band, zone, leg, crossing or missile in `colour`; areas whose
    polygons are sectors have their outline drawn as lines (`outlined` false)."""
    if kind == "zone-crossing":
        return _shared(
            styles,
            f"crossing-{colour[1:]}",
            lambda: [
                IconStyle(color=_kml_colour(colour), scale=0.5, icon_href=_ICON),
                LabelStyle(scale=0.0),
            ],
        )
    if kind in ("leg", "missile", "radial"):
        width = {"leg": 3.0, "missile": 2.5, "radial": 1.0}[kind]
        return _shared(
            styles,
            f"{kind}-{colour[1:]}",
            lambda: [LineStyle(color=_kml_colour(colour, 0.9), width=width)],
        )
    look = f"ring-{properties['mode']}" if kind == "ring" else kind
    (line_opacity, width), fill = _AREA_LOOKS[look]
    return _shared(
        styles,
        f"{look}-{colour[1:]}" + ("" if outlined else "-sectors"),
        lambda: [
            LineStyle(color=_kml_colour(colour, line_opacity), width=width),
            PolyStyle(color=_kml_colour(colour, fill), outline=outlined),
        ],
    )


#: (line opacity, line width) and fill opacity of areas, as in the HTML map (a launch zone is
#: hatched there; here it is filled a little more than a reach band).
_AREA_LOOKS: dict[str, tuple[tuple[float, float], float]] = {
    "ring-reach": ((1.0, 2.0), 0.12),
    "ring-combat_radius": ((1.0, 1.5), 0.06),
    "ring-distance": ((0.9, 1.0), 0.0),
    "fan": ((1.0, 1.5), 0.15),
    "reach": ((0.6, 1.0), BAND_OPACITY),
    "launch-zone": ((1.0, 2.0), 0.3),
}


#: A kind's typed fields: its Schema, and each field's type by name.
_Typed = tuple[Schema, dict[str, DataType]]


def _schemata(features: Sequence[Mapping[str, Any]]) -> dict[str, _Typed]:
    """A Schema per kind of feature (one of the known kinds): a field per property, in order of
    first appearance, typed by its values, so that GDAL's LIBKML driver reads typed fields."""
    values: dict[str, dict[str, list[Any]]] = {}
    for item in features:
        properties = item["properties"]
        fields = values.setdefault(properties["kind"], {})
        for key, value in properties.items():
            fields.setdefault(_xml(key), []).append(value)
    typed: dict[str, _Typed] = {}
    for kind, fields in values.items():
        types = {key: _field_type(found) for key, found in fields.items()}
        schema = Schema(
            id=f"schema-{kind}",
            name=kind,
            fields=[SimpleField(name=key, type_=type_) for key, type_ in types.items()],
        )
        typed[kind] = (schema, types)
    return typed


def _field_type(values: Sequence[Any]) -> DataType:
    """The KML type of a property's values (nulls aside): booleans, whole numbers, reals, or
    text (strings, lists and objects as JSON).

    >>> _field_type([1, None, 2.5]).value, _field_type([True]).value, _field_type(["a", 1]).value
    ('double', 'bool', 'string')
    """
    present = [value for value in values if value is not None]
    if present and all(isinstance(value, bool) for value in present):
        return DataType.bool_
    if present and all(type(value) is int for value in present):
        return DataType.int_
    if present and all(type(value) in (int, float) for value in present):
        return DataType.double
    return DataType.string


def _placemark(
    properties: Mapping[str, Any], geometry: BaseGeometry, style: StyleUrl, schema: _Typed
) -> Placemark:
    """A feature's placemark: its name, look, times, geometry and its properties as the typed
    fields of its kind's `schema` (a null is left out)."""
    declared, types = schema
    data = [
        SimpleData(name=_xml(key), value=_typed_text(value, types[_xml(key)]))
        for key, value in properties.items()
        if value is not None
    ]
    return Placemark(
        name=_xml(_name(properties)),
        style_url=style,
        extended_data=ExtendedData(elements=[SchemaData(schema_url=f"#{declared.id}", data=data)]),
        times=_times(properties),
        kml_geometry=_kml_shape(geometry),
    )


def _outline_placemark(
    properties: Mapping[str, Any], outline: BaseGeometry, style: StyleUrl
) -> Placemark:
    """The true edge of an area written by the pole rule, as lines in the area's line style
    (its fill has none), beside the area's placemark; it carries no properties of its own."""
    return Placemark(
        name=_xml(f"{_name(properties)}: outline"),
        style_url=style,
        kml_geometry=_kml_shape(outline),
    )


def _kml_shape(geometry: BaseGeometry) -> Any:
    """fastkml's element of a shapely geometry, straight from its coordinates; lines and
    polygons follow the ground (tessellate)."""
    if isinstance(geometry, Point):
        return kml.Point(kml_coordinates=_coordinates(geometry))
    if isinstance(geometry, LineString):
        return kml.LineString(tessellate=True, kml_coordinates=_coordinates(geometry))
    if isinstance(geometry, Polygon):
        return kml.Polygon(
            tessellate=True,
            outer_boundary=kml.OuterBoundaryIs(kml_geometry=_linear_ring(geometry.exterior)),
            inner_boundaries=[
                kml.InnerBoundaryIs(kml_geometry=_linear_ring(hole)) for hole in geometry.interiors
            ],
        )
    return kml.MultiGeometry(kml_geometries=[_kml_shape(part) for part in _parts(geometry)])


def _linear_ring(ring: BaseGeometry) -> kml.LinearRing:
    return kml.LinearRing(kml_coordinates=_coordinates(ring))


def _coordinates(geometry: BaseGeometry) -> kml.Coordinates:
    return kml.Coordinates(coords=[tuple(xy) for xy in shapely.get_coordinates(geometry).tolist()])


def _typed_text(value: Any, type_: DataType) -> str:
    """A property as the text of its field's type: booleans as 1 or 0 where the field is
    boolean, strings as they are, anything else as JSON."""
    if type_ is DataType.bool_:
        return "1" if value else "0"
    return _xml(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


class KmlTextError(ValueError):
    """Text that KML, being XML 1.0, cannot hold."""


#: What XML 1.0 cannot hold: most control characters, surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """`text`, refused with KmlTextError where XML cannot hold it."""
    found = _NOT_XML.search(text)
    if found is not None:
        raise KmlTextError(
            f"the text {text!r} holds U+{ord(found.group()):04X}, which KML (XML 1.0) cannot hold"
        )
    return text


def _name(properties: Mapping[str, Any]) -> str:
    """What Google Earth lists a feature as (the map's tooltip where it has one)."""
    kind = properties["kind"]
    if kind == "radial":
        return (
            f"{properties['aircraft_name']} from {properties['site_name']}: radial "
            f"{properties['azimuth_deg']:g}\u00b0, {properties['length_km']:,.0f} km"
        )
    if kind == "fan":
        return (
            f"{properties['aircraft_name']} from {properties['site_name']}: fan "
            f"{properties['from_azimuth_deg']:g}\u00b0\u2013{properties['to_azimuth_deg']:g}\u00b0, "
            f"{properties['min_km']:,.0f}\u2013{properties['max_km']:,.0f} km"
        )
    if kind == "ring" and properties["mode"] == "distance":
        return f"{properties['radius_km']:,.0f} km from {properties['site_name']}"
    if kind == "ring":
        label = "one-way reach" if properties["mode"] == "reach" else "combat radius"
        return (
            f"{properties['aircraft_name']} from {properties['site_name']}: {label} "
            f"{properties['radius_km']:,.0f} km"
        )
    if kind == "leg":
        return f"{properties['from']} to {properties['to']}: {properties['distance_km']:,.0f} km"
    if kind == "zone-crossing":
        said = describe_event(properties["event"], find_zone(properties["zone"]).short_name)
        return f"{said} {properties['km_from_leg_start']:,.0f} km after {properties['from']}"
    if kind == "missile":
        return f"{properties['weapon']}: {properties['distance_km']:,.0f} km to {properties['to']}"
    if kind == "site":
        return str(properties["name"])
    return str(properties["label"])


def _times(properties: Mapping[str, Any]) -> TimeSpan | TimeStamp | None:
    """A leg's `departs` to `arrives`, a zone crossing's `time` (ISO 8601 UTC), for Google
    Earth's time slider."""
    kind = properties.get("kind")
    if kind == "zone-crossing" and properties.get("time") is not None:
        return TimeStamp(timestamp=_time(properties, "time"))
    if kind != "leg":
        return None
    times = {key: _time(properties, key) for key in ("departs", "arrives")}
    if times["departs"] is None and times["arrives"] is None:
        return None
    return TimeSpan(begin=times["departs"], end=times["arrives"])


def _time(properties: Mapping[str, Any], key: str) -> KmlDateTime | None:
    text = properties.get(key)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        moment = None
    if moment is None or moment.utcoffset() is None:
        raise ValueError(f"{key} {text!r} is not an ISO 8601 time with its UTC offset")
    return KmlDateTime(moment)


def _kml_geometry(geometry: BaseGeometry) -> tuple[BaseGeometry, BaseGeometry | None]:
    """Points as they are; lines and areas with continuous longitudes, for Google Earth; and,
    for an area written by the pole rule, its outline (lines, none for the whole Earth; None
    for every other geometry, polygons being drawn with theirs)."""
    if geometry.geom_type in ("Point", "MultiPoint"):
        return geometry, None
    if geometry.geom_type in ("LineString", "MultiLineString"):
        return geo.unwrap(geometry, center_lon=_middle(geometry)), None
    return _area(geometry)


def _middle(geometry: BaseGeometry) -> float:
    return center_longitude(shapely.get_coordinates(geometry)[:, 0].tolist())


def _area(geometry: BaseGeometry) -> tuple[BaseGeometry, BaseGeometry | None]:
    """One shape round its middle longitude, or, for an area all round the Earth, its fill in
    sectors and its outline (see the module's docstring)."""
    middle = _middle(geometry)
    whole = geo.unwrap(geometry, center_lon=middle)
    west, _, east, _ = whole.bounds
    if west > middle - 180.0 and east < middle + 180.0:
        return _areal([_densified(part) for part in _polygons(whole)]), None
    # Polygons only: unwrapping may leave slivers of lines where pieces meet.
    whole = MultiPolygon(_polygons(geo.unwrap(geometry, center_lon=0.0)))
    fill = [
        _densified(part)
        for sector in _SECTOR_WESTS
        for part in _polygons(whole.intersection(box(sector, -90.0, sector + 90.0, 90.0)))
    ]
    return _areal(fill), _outline(whole)


def _areal(parts: list[Polygon]) -> BaseGeometry:
    """One polygon, or several as a MultiPolygon (which GDAL, and so QGIS, reads as an area)."""
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _parts(geometry: BaseGeometry) -> list[BaseGeometry]:
    return [part for part in shapely.get_parts(geometry) if not part.is_empty]


def _polygons(geometry: BaseGeometry) -> list[Polygon]:
    return [part for part in _parts(geometry) if isinstance(part, Polygon)]


def _outline(whole: MultiPolygon) -> BaseGeometry:
    """The true edge of an area in [-180, 180]: its boundary less the edges along +/-180 and the
    poles, joined into continuous lines."""
    runs: list[LineString] = []
    for ring in (ring for part in whole.geoms for ring in (part.exterior, *part.interiors)):
        xy = shapely.get_coordinates(ring)
        start, end = xy[:-1], xy[1:]
        seam = ((np.abs(start[:, 0]) == 180.0) & (start[:, 0] == end[:, 0])) | (
            (np.abs(start[:, 1]) == 90.0) & (start[:, 1] == end[:, 1])
        )
        # Runs of kept edges: split where an edge is dropped.
        kept = np.flatnonzero(~seam)
        for run in np.split(kept, np.flatnonzero(np.diff(kept) > 1) + 1):
            if run.size:
                runs.append(LineString(xy[run[0] : run[-1] + 2]))
    if not runs:
        return GeometryCollection()
    joined = shapely.line_merge(MultiLineString(runs))
    # An outline cut at 180 (round the antipode) is rejoined; one round a pole stays as it is.
    rejoined = geo.unwrap(joined, center_lon=_middle(joined))
    west, _, east, _ = rejoined.bounds
    return joined if east - west >= 360.0 else rejoined


def _densified(polygon: Polygon) -> Polygon:
    """`polygon` oriented counter-clockwise, every edge cut to MAX_STEP_DEG but those along a
    meridian or a pole (straight in both Google Earth's outline and its fill)."""
    polygon = shapely.orient_polygons(polygon)
    return Polygon(
        _densified_ring(shapely.get_coordinates(polygon.exterior)),
        [_densified_ring(shapely.get_coordinates(hole)) for hole in polygon.interiors],
    )


def _densified_ring(xy: np.ndarray) -> np.ndarray:
    start, end = xy[:-1], xy[1:]
    span = np.abs(end - start).max(axis=1)
    straight = (start[:, 0] == end[:, 0]) | (
        (np.abs(start[:, 1]) == 90.0) & (start[:, 1] == end[:, 1])
    )
    counts = np.where(straight, 1, np.maximum(np.ceil(span / MAX_STEP_DEG), 1)).astype(int)
    edge = np.repeat(np.arange(len(start)), counts)
    step = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    fraction = (step / counts[edge])[:, None]
    points = start[edge] + (end - start)[edge] * fraction
    return np.vstack([points, xy[-1:]])
