"""Reading rangemap's KML back with an independent reader (the standard library's ElementTree) and
checking what Google Earth needs of its coordinates.

An area written by the pole rule is two placemarks, its fill and then its outline (lines, no
data): they are read as one Mark, as Google Earth shows them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

NS = {"k": "http://www.opengis.net/kml/2.2"}


@dataclass
class Mark:
    """A Placemark as read: its folder path, name, style, data, times and coordinate lists."""

    folders: tuple[str, ...]
    name: str
    style: str
    data: dict[str, str]
    times: dict[str, str]
    lines: list[np.ndarray] = field(default_factory=list)
    #: Each polygon as its rings (outer first).
    polygons: list[list[np.ndarray]] = field(default_factory=list)
    points: list[np.ndarray] = field(default_factory=list)
    #: The type of each property, from the Schema its SchemaData names.
    types: dict[str, str] = field(default_factory=dict)
    #: Whether its lines came in a placemark of their own (the pole rule's outline).
    outline_apart: bool = False


def _xy(element: ET.Element) -> np.ndarray:
    text = element.findtext("k:coordinates", namespaces=NS) or ""
    return np.array([[float(value) for value in pair.split(",")] for pair in text.split()])


def placemarks(document: bytes) -> list[Mark]:
    """Every Placemark of a KML document, in document order."""
    marks: list[Mark] = []

    def walk(element: ET.Element, folders: tuple[str, ...]) -> None:
        for child in element:
            if child.tag == f"{{{NS['k']}}}Folder":
                walk(child, (*folders, child.findtext("k:name", namespaces=NS) or ""))
            elif child.tag == f"{{{NS['k']}}}Placemark":
                mark = _mark(child, folders, schemata)
                if _is_outline(child, marks):
                    marks[-1].lines += mark.lines
                    marks[-1].outline_apart = True
                else:
                    marks.append(mark)

    root = ET.fromstring(document)
    schemata = {
        f"#{schema.get('id')}": {
            str(simple.get("name")): str(simple.get("type"))
            for simple in schema.iterfind("k:SimpleField", NS)
        }
        for schema in root.iter(f"{{{NS['k']}}}Schema")
    }
    top = root.find("k:Document", NS)
    walk(root if top is None else top, ())
    return marks


def _is_outline(element: ET.Element, marks: list[Mark]) -> bool:
    """A placemark of lines with no data named as the area before it, plus ": outline"."""
    name = element.findtext("k:name", default="", namespaces=NS)
    return (
        bool(marks)
        and element.find("k:ExtendedData", NS) is None
        and name == f"{marks[-1].name}: outline"
    )


def _mark(
    element: ET.Element, folders: tuple[str, ...], schemata: dict[str, dict[str, str]]
) -> Mark:
    schema_data = element.find("k:ExtendedData/k:SchemaData", NS)
    data = {
        str(item.get("name")): item.text or ""
        for item in element.iterfind("k:ExtendedData/k:SchemaData/k:SimpleData", NS)
    }
    types = {} if schema_data is None else schemata[str(schema_data.get("schemaUrl"))]
    span = element.find("k:TimeSpan", NS)
    times = {} if span is None else {child.tag.split("}")[1]: child.text or "" for child in span}
    mark = Mark(
        folders=folders,
        name=element.findtext("k:name", default="", namespaces=NS),
        style=element.findtext("k:styleUrl", default="", namespaces=NS),
        data=data,
        times=times,
        types=types,
    )
    mark.lines = [_xy(line) for line in element.iter(f"{{{NS['k']}}}LineString")]
    mark.points = [_xy(point) for point in element.iter(f"{{{NS['k']}}}Point")]
    mark.polygons = [
        [_xy(ring) for ring in polygon.iter(f"{{{NS['k']}}}LinearRing")]
        for polygon in element.iter(f"{{{NS['k']}}}Polygon")
    ]
    return mark


def styles(document: bytes) -> dict[str, dict[str, str]]:
    """Each shared Style's colours: {"#id": {"LineStyle": "ff...", "PolyStyle": ..., ...}}, with
    PolyStyle's outline flag as "outline"."""
    found: dict[str, dict[str, str]] = {}
    for style in ET.fromstring(document).iter(f"{{{NS['k']}}}Style"):
        looks = {
            child.tag.split("}")[1]: child.findtext("k:color", default="", namespaces=NS)
            for child in style
        }
        outline = style.findtext("k:PolyStyle/k:outline", namespaces=NS)
        if outline is not None:
            looks["outline"] = outline
        found[f"#{style.get('id')}"] = looks
    return found


def largest_jump_deg(xy: np.ndarray) -> float:
    """The largest change of longitude between consecutive vertices."""
    return float(np.abs(np.diff(xy[:, 0])).max()) if len(xy) > 1 else 0.0


#: Run in a fresh process, where GDAL_SKIP keeps the other of GDAL's two KML drivers out.
_GDAL_READ = """
import json, sys
import pyogrio
info = pyogrio.read_info(sys.argv[1], layer=sys.argv[2])
frame = pyogrio.read_dataframe(sys.argv[1], layer=sys.argv[2])
columns = frame.drop(columns="geometry").astype(object)
print(json.dumps({
    "driver": info["driver"],
    "types": {name: str(kind) for name, kind in zip(info["fields"], info["dtypes"])},
    "rows": columns.where(columns.notna(), None).to_dict("records"),
    "wkt": [geometry.wkt for geometry in frame.geometry],
}, default=str))
"""


def gdal_read(path: Path, layer: str, *, driver: str) -> dict[str, Any]:
    """What GDAL's `driver` (KML or LIBKML) reads of a layer through pyogrio: its driver, each
    field's type, the rows (nulls as None) and the geometries as WKT."""
    other = {"KML": "LIBKML", "LIBKML": "KML"}[driver]
    found = subprocess.run(
        [sys.executable, "-c", _GDAL_READ, str(path), layer],
        env={**os.environ, "GDAL_SKIP": other},
        capture_output=True,
        text=True,
        check=True,
    )
    read: dict[str, Any] = json.loads(found.stdout)
    assert read["driver"] == driver
    return read
