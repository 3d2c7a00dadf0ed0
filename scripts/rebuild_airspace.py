"""Rebuild airspace/data: sovereign airspace per state and the ADIZs, as compact package data.

Run with the project venv from the repository root:

    .venv/bin/python scripts/rebuild_airspace.py [--world-atlas DIR]

Without --world-atlas it runs `npm pack world-atlas@2.0.2` into a temporary folder. It writes
airspace/data/{sovereign.npz, sovereign.json, adiz.geojson, LICENSE-world-atlas} and the test
fixture tests/airspace/data/coasts.json. airspace/data/README.md explains the method and its bounds;
the checks at the end of this script measure them (they stop the build when a bound fails).

Sovereign airspace = land + territorial sea: a 12 NM geodesic buffer (WGS84) of each state's land,
3 NM in the straits listed in STRAITS, split along the median line where two states' buffers
overlap, never over another state's land. Buffers are made in small tiles, each in its own azimuthal
equidistant projection (ellipsoidal, centred on the tile), at radius r + MARGIN_KM, and simplified in
lon/lat by at most SIMPLIFY_KM on the ground, so the shipped outline contains the true buffer and
exceeds it by less than MARGIN_KM + SIMPLIFY_KM.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Geod, Proj
from scipy.spatial import cKDTree
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "airspace" / "data"
FIXTURE = ROOT / "tests" / "airspace" / "data" / "coasts.json"
ADIZ_REFERENCE = ROOT.parent / "shared" / "reference" / "adiz.geojson"
WORLD_ATLAS = "world-atlas@2.0.2"

NM_KM = 1.852
TERRITORIAL_KM = 12 * NM_KM  # 22.224 km, UNCLOS art. 3
STRAIT_KM = 3 * NM_KM  # 5.556 km in the specified straits
#: Buffers are made this much wider than r, then simplified by at most SIMPLIFY_KM (ground distance),
#: so the shipped outline lies between r + MARGIN_KM - SIMPLIFY_KM - (tiny) and r + MARGIN_KM + SIMPLIFY_KM.
MARGIN_KM = 0.5
SIMPLIFY_KM = 0.25
#: Bound stated in the README and checked below.
EXCESS_BOUND_KM = 1.0
TILE_DEG = 3.0
#: Upper bound of the ground length of one degree of latitude or of longitude at the equator (WGS84).
KM_PER_DEG_MAX = 111.70
QUANTUM_DEG = 1e-7
WORLD = box(-180.0, -90.0, 180.0, 90.0)
GEOD = Geod(ellps="WGS84")

# ISO 3166-1 numeric -> alpha-2 for every id in world-atlas countries-10m.
ISO_NUMERIC = dict(
    pair.split(":")
    for pair in """
004:AF 008:AL 010:AQ 012:DZ 016:AS 020:AD 024:AO 028:AG 031:AZ 032:AR 036:AU 040:AT 044:BS 048:BH
050:BD 051:AM 052:BB 056:BE 060:BM 064:BT 068:BO 070:BA 072:BW 076:BR 084:BZ 086:IO 090:SB 092:VG
096:BN 100:BG 104:MM 108:BI 112:BY 116:KH 120:CM 124:CA 132:CV 136:KY 140:CF 144:LK 148:TD 152:CL
156:CN 158:TW 170:CO 174:KM 178:CG 180:CD 184:CK 188:CR 191:HR 192:CU 196:CY 203:CZ 204:BJ 208:DK
212:DM 214:DO 218:EC 222:SV 226:GQ 231:ET 232:ER 233:EE 234:FO 238:FK 239:GS 242:FJ 246:FI 248:AX
250:FR 258:PF 260:TF 262:DJ 266:GA 268:GE 270:GM 275:PS 276:DE 288:GH 292:GI 296:KI 300:GR 304:GL
308:GD 316:GU 320:GT 324:GN 328:GY 332:HT 334:HM 336:VA 340:HN 344:HK 348:HU 352:IS 356:IN 360:ID
364:IR 368:IQ 372:IE 376:IL 380:IT 384:CI 388:JM 392:JP 398:KZ 400:JO 404:KE 408:KP 410:KR 414:KW
417:KG 418:LA 422:LB 426:LS 428:LV 430:LR 434:LY 438:LI 440:LT 442:LU 446:MO 450:MG 454:MW 458:MY
462:MV 466:ML 470:MT 478:MR 480:MU 484:MX 492:MC 496:MN 498:MD 499:ME 500:MS 504:MA 508:MZ 512:OM
516:NA 520:NR 524:NP 528:NL 531:CW 533:AW 534:SX 540:NC 548:VU 554:NZ 558:NI 562:NE 566:NG 570:NU
574:NF 578:NO 580:MP 581:UM 583:FM 584:MH 585:PW 586:PK 591:PA 598:PG 600:PY 604:PE 608:PH 612:PN
616:PL 620:PT 624:GW 626:TL 630:PR 634:QA 642:RO 643:RU 646:RW 652:BL 654:SH 659:KN 660:AI 662:LC
663:MF 666:PM 670:VC 674:SM 678:ST 682:SA 686:SN 688:RS 690:SC 694:SL 702:SG 703:SK 704:VN 705:SI
706:SO 710:ZA 716:ZW 724:ES 728:SS 729:SD 732:EH 740:SR 748:SZ 752:SE 756:CH 760:SY 762:TJ 764:TH
768:TG 776:TO 780:TT 784:AE 788:TN 792:TR 795:TM 796:TC 798:TV 800:UG 804:UA 807:MK 818:EG 826:GB
831:GG 832:JE 833:IM 834:TZ 840:US 850:VI 854:BF 858:UY 860:UZ 862:VE 876:WF 882:WS 887:YE 894:ZM
""".split()  # noqa: SIM905 (a table reads better as text)
)
# Dependent territories fold into their sovereign state.
SOVEREIGN = {
    **dict.fromkeys(["AS", "GU", "MP", "PR", "VI", "UM"], "US"),
    **dict.fromkeys(["HK", "MO"], "CN"),
    **dict.fromkeys(["GL", "FO"], "DK"),
    **dict.fromkeys(["PF", "TF", "NC", "WF", "PM", "MF", "BL"], "FR"),
    **dict.fromkeys(
        ["GI", "BM", "KY", "VG", "AI", "MS", "TC", "SH", "FK", "GS", "IO", "PN", "JE", "GG", "IM"],
        "GB",
    ),
    **dict.fromkeys(["AW", "CW", "SX"], "NL"),
    **dict.fromkeys(["HM", "NF"], "AU"),
    **dict.fromkeys(["CK", "NU"], "NZ"),
    "AX": "FI",
}
# Features without an ISO id (documented in airspace/data/README.md). None: no sovereign airspace.
WITHOUT_ID = {
    "Akrotiri": "GB",
    "Dhekelia": "GB",
    "USNB Guantanamo Bay": "US",
    "Indian Ocean Ter.": "AU",
    "Coral Sea Is.": "AU",
    "Clipperton I.": "FR",
    "Baikonur": "KZ",
    "Siachen Glacier": "IN",
    "Cyprus U.N. Buffer Zone": "CY",
    "N. Cyprus": "CY",
    "Somaliland": "SO",
    "Kosovo": "XK",
    "Bajo Nuevo Bank": "CO",
    "Serranilla Bank": "CO",
    "Spratly Is.": None,
    "Scarborough Reef": None,
}
NO_AIRSPACE = {"AQ"}  # Antarctica: no sovereign airspace (Antarctic Treaty, art. IV)

# Where the territorial sea is 3 NM, not 12 NM (lon, lat). The Act on the Territorial Sea (Japan,
# 1977, supplementary provisions) keeps 3 NM in five "specified sea areas"; South Korea keeps 3 NM in
# the Korea Strait. Neither law's coordinates were available: these polygons are APPROXIMATE, drawn
# round each strait from one open end to the other so that the 3 NM rule covers the narrows and the
# 12 NM limits meet it beyond the ends. Each applies to the sea of the listed states only (Russia keeps
# 12 NM on the Sakhalin side of the Soya Strait).
STRAITS: dict[str, tuple[tuple[str, ...], list[tuple[float, float]]]] = {
    # Soya (La Perouse): Cape Soya (Hokkaido) to Cape Crillon (Sakhalin), from the Sea of Japan
    # (east of Rishiri) to the Sea of Okhotsk.
    "soya": (("JP",), [(141.30, 45.20), (142.70, 45.20), (142.70, 46.05), (141.30, 46.05)]),
    # Tsugaru: Honshu (Tappi, Oma, Shiriya) to Hokkaido (Shirakami, Hakodate, Esan), from the Sea of
    # Japan to the Pacific; the southern edge closes Mutsu Bay (internal waters) at its mouth.
    "tsugaru": (
        ("JP",),
        [
            (139.75, 41.10),
            (140.30, 41.10),
            (140.63, 41.19),
            (140.74, 41.19),
            (140.80, 41.30),
            (141.75, 41.30),
            (141.75, 41.95),
            (140.30, 41.95),
            (140.20, 41.70),
            (139.75, 41.70),
        ],
    ),
    # Tsushima Strait, western channel (Korea Strait): Tsushima to the Korean coast from Geoje to
    # Busan. The eastern edge runs down the length of Tsushima, shared with the eastern channel.
    "tsushima-west": (
        ("JP", "KR"),
        [
            (128.25, 34.20),
            (129.15, 33.85),
            (129.26, 34.25),
            (129.38, 34.50),
            (129.47, 34.75),
            (129.80, 35.00),
            (129.55, 35.40),
            (128.55, 35.05),
        ],
    ),
    # Tsushima Strait, eastern channel: Tsushima to Iki, northern Kyushu (west of Hakata Bay) and
    # the western tip of Honshu.
    "tsushima-east": (
        ("JP",),
        [
            (129.15, 33.85),
            (129.20, 33.55),
            (129.95, 33.55),
            (130.55, 34.15),
            (130.85, 34.45),
            (130.20, 34.90),
            (129.80, 35.00),
            (129.47, 34.75),
            (129.38, 34.50),
            (129.26, 34.25),
        ],
    ),
    # Osumi: Cape Sata (Osumi Peninsula, Kyushu) to Tanegashima and Yakushima; the northern edge
    # closes Kagoshima Bay at its mouth and stays south of Shibushi Bay.
    "osumi": (
        ("JP",),
        [
            (130.20, 30.55),
            (131.35, 30.55),
            (131.35, 31.25),
            (130.75, 31.25),
            (130.68, 31.10),
            (130.60, 31.10),
            (130.55, 31.25),
            (130.20, 31.25),
        ],
    ),
}


@dataclass
class Feature:
    """One world-atlas country: its polygons as rings of (lon, lat) and the arcs each ring uses."""

    id: str | None
    name: str
    polygons: list[list[NDArray[np.float64]]]
    ring_arcs: list[list[int]]


# ---------------------------------------------------------------------------------------------
# Input


def fetch_world_atlas(folder: Path) -> Path:
    """`npm pack` world-atlas into `folder` and unpack it; return the package folder."""
    subprocess.run(["npm", "pack", WORLD_ATLAS], cwd=folder, check=True, capture_output=True)
    tarball = next(folder.glob("world-atlas-*.tgz"))
    shutil.unpack_archive(tarball, folder)
    return folder / "package"


def read_topology(path: Path) -> tuple[list[Feature], list[NDArray[np.float64]]]:
    """Decode the `countries` object of a quantized TopoJSON file (delta-encoded arcs)."""
    topology = json.loads(path.read_text())
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        q = np.cumsum(np.asarray(arc, dtype=np.int64), axis=0)
        arcs.append(np.column_stack([q[:, 0] * sx + tx, q[:, 1] * sy + ty]))

    def ring(indices: list[int]) -> NDArray[np.float64]:
        pieces = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
        return np.concatenate([pieces[0], *(piece[1:] for piece in pieces[1:])])

    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        features.append(
            Feature(
                id=geometry.get("id"),
                name=geometry["properties"]["name"],
                polygons=[[ring(r) for r in polygon] for polygon in polygons],
                ring_arcs=[r for polygon in polygons for r in polygon],
            )
        )
    return features, arcs


def state_of(feature: Feature) -> str | None:
    if feature.id is None:
        return WITHOUT_ID[feature.name]
    code = ISO_NUMERIC[feature.id]
    code = SOVEREIGN.get(code, code)
    return None if code in NO_AIRSPACE else code


def lifted_polygon(rings: list[NDArray[np.float64]]) -> Polygon | None:
    """A world-atlas polygon (rings may jump across +/-180) with continuous longitudes."""
    rings = [r for r in rings if len(r) >= 4]
    if not rings:
        return None
    lifted = []
    for r in rings:
        lon = np.unwrap(r[:, 0], period=360.0)
        if lifted:  # holes on the exterior's sheet
            lon = lon - 360.0 * round((lon.mean() - lifted[0][:, 0].mean()) / 360.0)
        lifted.append(np.column_stack([lon, r[:, 1]]))
    shift = 360.0 * math.floor((lifted[0][:, 0].min() + 180.0) / 360.0)
    polygon = Polygon(lifted[0] - [shift, 0.0], [h - [shift, 0.0] for h in lifted[1:]])
    return polygon if polygon.area > 0.0 else None


def cut_at_antimeridian(geometry: BaseGeometry) -> list[Polygon]:
    """Pieces of a lifted polygon within [-180, 180] (RFC 7946 cut)."""
    west, _, east, _ = geometry.bounds
    pieces: list[Polygon] = []
    for sheet in range(math.floor((west + 180.0) / 360.0), math.ceil((east - 180.0) / 360.0) + 1):
        shifted = shapely.transform(geometry, lambda xy, k=sheet: xy - [360.0 * k, 0.0])
        pieces.extend(polygons_of(shifted.intersection(WORLD)))
    return pieces


def polygons_of(geometry: BaseGeometry) -> list[Polygon]:
    parts = getattr(geometry, "geoms", [geometry])
    found: list[Polygon] = []
    for part in parts:
        if isinstance(part, Polygon) and part.area > 0.0:
            found.append(part)
        elif hasattr(part, "geoms"):
            found.extend(polygons_of(part))
    return found


# ---------------------------------------------------------------------------------------------
# Buffers in local azimuthal equidistant projections


def local_projection(lat: float, lon: float) -> Proj:
    return Proj(proj="aeqd", lat_0=lat, lon_0=lon, ellps="WGS84", units="m")


def to_plane(geometry: BaseGeometry, proj: Proj) -> BaseGeometry:
    return shapely.transform(geometry, lambda xy: np.column_stack(proj(xy[:, 0], xy[:, 1])))


def to_lonlat(geometry: BaseGeometry, proj: Proj, lon0: float) -> BaseGeometry:
    """Back from the plane, longitudes lifted to within 180 degrees of lon0."""

    def inverse(xy: NDArray[np.float64]) -> NDArray[np.float64]:
        lon, lat = proj(xy[:, 0], xy[:, 1], inverse=True)
        lon = lon0 + np.mod(np.asarray(lon) - lon0 + 180.0, 360.0) - 180.0
        return np.column_stack([lon, lat])

    return shapely.transform(geometry, inverse)


def tiles() -> Iterator[tuple[float, float, float, float]]:
    """(west, south, east, north) tiles about TILE_DEG high and at most ~TILE_DEG x 111 km wide."""
    for south in np.arange(-90.0, 90.0, TILE_DEG):
        north = south + TILE_DEG
        equatorward = 0.0 if south < 0.0 < north else min(abs(south), abs(north))
        count = max(1, math.ceil(360.0 * math.cos(math.radians(equatorward)) / TILE_DEG))
        width = 360.0 / count
        for j in range(count):
            yield (-180.0 + j * width, float(south), -180.0 + (j + 1) * width, float(north))


def simplify_outline(geometry: BaseGeometry, lon0: float, tolerance_km: float) -> BaseGeometry:
    """Douglas-Peucker in lon/lat scaled so that `tolerance_km` bounds the ground displacement.

    x = (lon - lon0) cos(poleward lat), y = lat: a step of d in these units spans at most
    KM_PER_DEG_MAX * d * cos(equatorward lat) / cos(poleward lat) km on the ground.
    """
    _, south, _, north = geometry.bounds
    poleward = min(max(abs(south), abs(north)), 89.0)
    equatorward = 0.0 if south < 0.0 < north else min(abs(south), abs(north))
    scale = math.cos(math.radians(poleward))
    ratio = math.cos(math.radians(equatorward)) / scale
    tolerance = tolerance_km / (KM_PER_DEG_MAX * ratio)
    scaled = shapely.transform(geometry, lambda xy: (xy - [lon0, 0.0]) * [scale, 1.0])
    simple = scaled.simplify(tolerance, preserve_topology=True)
    return shapely.transform(simple, lambda xy: xy / [scale, 1.0] + [lon0, 0.0])


def buffered(
    land: BaseGeometry, radius_km: float, only: BaseGeometry | None = None
) -> list[Polygon]:
    """The buffer of `land` (lon/lat, within [-180, 180]) at radius_km + MARGIN_KM, simplified.

    Tile by tile: buffer of a union = union of the buffers of its pieces. Only tiles meeting `only`
    (if given) are made. Returns pieces cut at +/-180, to be unioned.
    """
    pieces: list[Polygon] = []
    for west, south, east, north in tiles():
        tile = box(west, south, east, north)
        if not land.intersects(tile) or (only is not None and not only.intersects(tile)):
            continue
        piece = shapely.make_valid(shapely.clip_by_rect(land, west, south, east, north))
        piece = shapely.union_all(polygons_of(piece))
        if piece.is_empty:
            continue
        lat0, lon0 = (south + north) / 2.0, (west + east) / 2.0
        proj = local_projection(lat0, lon0)
        plane = to_plane(shapely.segmentize(piece, 0.01), proj)
        grown = plane.buffer((radius_km + MARGIN_KM) * 1000.0, quad_segs=32)
        outline = simplify_outline(to_lonlat(grown, proj, lon0), lon0, SIMPLIFY_KM)
        pieces.extend(cut_at_antimeridian(outline))
    return pieces


# ---------------------------------------------------------------------------------------------
# Median lines


def coast_points(features: list[Feature], arcs: list[NDArray[np.float64]]) -> dict[str, NDArray]:
    """Per state, lon/lat points every ~0.5 km along its coast (arcs that only one country uses)."""
    users: dict[int, set[str | None]] = defaultdict(set)
    count: dict[int, int] = defaultdict(int)
    for feature in features:
        for ring in feature.ring_arcs:
            for index in ring:
                arc = index if index >= 0 else ~index
                count[arc] += 1
                users[arc].add(state_of(feature))
    points: dict[str, list[NDArray[np.float64]]] = defaultdict(list)
    for arc, n in count.items():
        (state,) = users[arc] if len(users[arc]) == 1 else (None,)
        if n != 1 or state is None:
            continue
        xy = arcs[arc]
        lon = np.unwrap(xy[:, 0], period=360.0)
        steps = np.maximum(1, np.ceil(np.hypot(np.diff(lon), np.diff(xy[:, 1])) / 0.005)).astype(
            int
        )
        dense = [
            np.column_stack(
                [
                    np.linspace(lon[i], lon[i + 1], s, endpoint=False),
                    np.linspace(xy[i, 1], xy[i + 1, 1], s, endpoint=False),
                ]
            )
            for i, s in enumerate(steps)
        ]
        dense.append(np.column_stack([lon[-1:], xy[-1:, 1]]))
        both = np.concatenate(dense)
        both[:, 0] = np.mod(both[:, 0] + 180.0, 360.0) - 180.0
        points[state].append(both)
    return {state: np.unique(np.concatenate(p), axis=0) for state, p in points.items()}


def median_split(
    overlap: Polygon, a: str, b: str, coasts: dict[str, NDArray[np.float64]]
) -> BaseGeometry:
    """The part of `overlap` (sea within reach of both a and b) nearer to b's coast than to a's.

    Voronoi cells of both coasts' points in an azimuthal equidistant projection centred on the overlap.
    """
    centre = overlap.representative_point()
    lon0, lat0 = centre.x, centre.y
    proj = local_projection(lat0, lon0)
    plane = to_plane(overlap, proj)
    reach = (TERRITORIAL_KM + MARGIN_KM + SIMPLIFY_KM + 5.0) * 1000.0
    x0, y0, x1, y1 = plane.bounds
    labelled = []
    for label, state in enumerate((a, b)):
        pts = coasts.get(state, np.empty((0, 2)))
        near = np.abs(np.mod(pts[:, 0] - lon0 + 180.0, 360.0) - 180.0) < 60.0
        pts = pts[near]
        x, y = proj(pts[:, 0], pts[:, 1])
        keep = (x > x0 - reach) & (x < x1 + reach) & (y > y0 - reach) & (y < y1 + reach)
        labelled.append(np.column_stack([x[keep], y[keep], np.full(keep.sum(), label)]))
    points = np.concatenate(labelled)
    # A point both coasts share (where a land border meets the sea) belongs to neither.
    xy, inverse = np.unique(np.round(points[:, :2], 3), axis=0, return_inverse=True)
    labels = np.full(len(xy), -1.0)
    labels[inverse] = points[:, 2]
    mixed = np.zeros(len(xy), dtype=bool)
    np.logical_or.at(mixed, inverse, labels[inverse] != points[:, 2])
    keep = ~mixed
    xy, labels = xy[keep], labels[keep]
    if not (labels == 0).any():  # also where neither has a coast near: a sliver between lands
        return overlap
    if not (labels == 1).any():
        return Polygon()
    frame = box(x0 - 1e6, y0 - 1e6, x1 + 1e6, y1 + 1e6)
    cells = shapely.voronoi_polygons(shapely.multipoints(xy), extend_to=frame, ordered=True)
    nearer_b = shapely.union_all(np.asarray(cells.geoms)[labels == 1])
    nearer_b = nearer_b.intersection(plane.buffer(1000.0))
    if nearer_b.is_empty:
        return Polygon()
    back = to_lonlat(shapely.segmentize(nearer_b, 1000.0), proj, lon0)
    return shapely.union_all(cut_at_antimeridian(back)).intersection(overlap)


# ---------------------------------------------------------------------------------------------
# Assembly


def land_by_state(
    features: list[Feature],
) -> tuple[dict[str, BaseGeometry], list[Polygon], dict[str, str]]:
    """Land per state (cut at +/-180), land assigned to no state, and each state's name."""
    land_parts: dict[str, list[Polygon]] = defaultdict(list)
    names: dict[str, str] = {}
    name_area: dict[str, float] = {}
    unassigned: list[Polygon] = []
    for feature in features:
        state = state_of(feature)
        pieces = [
            piece
            for rings in feature.polygons
            if (polygon := lifted_polygon(rings)) is not None
            for piece in cut_at_antimeridian(shapely.make_valid(polygon))
        ]
        if state is None:
            unassigned.extend(pieces)
            continue
        land_parts[state].extend(pieces)
        # A state's own feature names it (the largest, where an island group shares its code:
        # Ashmore and Cartier Is. carries Australia's).
        own = feature.id is not None and ISO_NUMERIC[feature.id] == state
        area = sum(piece.area for piece in pieces)
        if state not in names or (own and area > name_area.get(state, 0.0)):
            names[state] = feature.name
            name_area[state] = area if own else 0.0
    land = {state: shapely.union_all(parts) for state, parts in land_parts.items()}
    return land, unassigned, names


def reach_by_state(land: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Each state's land and territorial sea before the median lines and other states' land."""
    straits = {name: Polygon(ring) for name, (_, ring) in STRAITS.items()}
    reach: dict[str, BaseGeometry] = {}
    for state, ground in sorted(land.items()):
        outline = shapely.union_all(buffered(ground, TERRITORIAL_KM))
        narrow = [straits[name] for name, (states, _) in STRAITS.items() if state in states]
        if narrow:
            strait_area = shapely.union_all(narrow)
            three = shapely.union_all(buffered(ground, STRAIT_KM, only=strait_area.buffer(1.0)))
            outline = outline.difference(strait_area).union(three.intersection(strait_area))
        reach[state] = outline
    return reach


def assemble(
    reach: dict[str, BaseGeometry],
    land: dict[str, BaseGeometry],
    unassigned: list[Polygon],
    coasts: dict[str, NDArray[np.float64]],
) -> dict[str, MultiPolygon]:
    """Split the overlaps of states' reaches at sea by the median line; drop other states' land."""
    land_list = [(code, part) for code, ground in land.items() for part in polygons_of(ground)]
    land_list += [(None, part) for part in unassigned]
    land_tree = shapely.STRtree([part for _, part in land_list])

    def land_near(geometry: BaseGeometry, *, besides: str | None = None) -> BaseGeometry:
        parts = np.array(polygons_of(geometry), dtype=object)
        hits = set(land_tree.query(parts, predicate="intersects")[1].tolist())
        x0, y0, x1, y1 = geometry.bounds
        return shapely.union_all(
            [
                shapely.clip_by_rect(land_list[k][1], x0 - 1.0, y0 - 1.0, x1 + 1.0, y1 + 1.0)
                for k in hits
                if land_list[k][0] != besides
            ]
        )

    codes = sorted(reach)
    foreign = {code: land_near(reach[code], besides=code) for code in codes}
    sea = {code: reach[code].difference(foreign[code]).difference(land[code]) for code in codes}
    parts = [(code, part) for code in codes for part in polygons_of(sea[code])]
    tree = shapely.STRtree([part for _, part in parts])
    pairs = {
        tuple(sorted((parts[i][0], parts[j][0])))
        for i, j in zip(
            *tree.query([part for _, part in parts], predicate="intersects"), strict=True
        )
        if parts[i][0] != parts[j][0]
    }
    removed: dict[str, list[BaseGeometry]] = defaultdict(list)
    for a, b in sorted(pairs):
        for overlap in polygons_of(sea[a].intersection(sea[b])):
            nearer_b = median_split(overlap, a, b, coasts)
            removed[a].append(nearer_b)
            removed[b].append(overlap.difference(nearer_b))
    print(f"median lines between {len(pairs)} pairs of states")
    return {
        code: clean(reach[code].difference(shapely.union_all([foreign[code], *removed[code]])))
        for code in codes
    }


def clean(geometry: BaseGeometry) -> MultiPolygon:
    """Valid polygons on the 1e-7 degree grid, slivers dropped, exteriors counter-clockwise."""
    for _ in range(3):
        geometry = shapely.set_precision(geometry, QUANTUM_DEG)
        parts = [orient(p, sign=1.0) for p in polygons_of(shapely.make_valid(geometry))]
        geometry = MultiPolygon([p for p in parts if p.area > 1e-10])
        if geometry.is_valid:
            return geometry
    raise RuntimeError("geometry stays invalid on the 1e-7 degree grid")


# ---------------------------------------------------------------------------------------------
# Checks


def boundary_samples(zone: MultiPolygon, spacing_km: float) -> NDArray[np.float64]:
    """Points every `spacing_km` (about) along every ring of a zone, (lon, lat)."""
    return shapely.get_coordinates(shapely.segmentize(zone.boundary, spacing_km / KM_PER_DEG_MAX))


def unit_vectors(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray[np.float64]:
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def land_edge_points(ground: BaseGeometry) -> NDArray[np.float64]:
    xy = shapely.get_coordinates(shapely.segmentize(ground.boundary, 0.002))
    return xy[np.abs(xy[:, 0]) < 180.0]  # the cut at +/-180 is not coast


def distance_to_land_km(
    points: NDArray[np.float64], coast: NDArray[np.float64], tree: cKDTree, k: int = 8
) -> NDArray[np.float64]:
    """Geodesic distance from each point to the nearest of `coast` (k nearest on the sphere)."""
    _, index = tree.query(unit_vectors(points[:, 0], points[:, 1]), k=k)
    lon = np.repeat(points[:, 0], k)
    lat = np.repeat(points[:, 1], k)
    target = coast[index.ravel()]
    _, _, dist = GEOD.inv(lon, lat, target[:, 0], target[:, 1])
    return np.asarray(dist).reshape(-1, k).min(axis=1) / 1000.0


def check_sovereign(
    zones: dict[str, MultiPolygon], land: dict[str, BaseGeometry]
) -> dict[str, float]:
    """Distances of the zones' own limits from their land; raise if outside [r, r + bound].

    A boundary point is an own limit unless it lies on another state's zone or land (median line,
    land border), on the edge of a strait area or on the cut at +/-180. Sampled every 0.2 km: the minimum along the whole
    outline is at most 0.1 km below the sampled one, which is checked too.
    """
    spacing = 0.2
    tree = shapely.STRtree(list(zones.values()))
    codes = list(zones)
    strait_edges = shapely.union_all([Polygon(r).exterior for _, r in STRAITS.values()])
    strait_area = {
        code: shapely.union_all([Polygon(r) for states, r in STRAITS.values() if code in states])
        for code in codes
    }
    low, high, samples = math.inf, -math.inf, 0
    for code, zone in zones.items():
        xy = boundary_samples(zone, spacing)
        others = [
            zones[codes[k]] for k in tree.query(zone, predicate="intersects") if codes[k] != code
        ]
        near = shapely.union_all([*(o.buffer(0.0005) for o in others), strait_edges.buffer(0.0005)])
        other_land = [g for c, g in land.items() if c != code and g.intersects(zone.envelope)]
        if other_land:
            near = near.union(shapely.union_all(other_land).buffer(0.0005))
        shapely.prepare(near)
        on_cut = np.abs(xy[:, 0]) >= 180.0 - 1e-9  # the cut at +/-180 is no limit
        own = xy[~on_cut & ~shapely.contains_xy(near, xy[:, 0], xy[:, 1])]
        if len(own) == 0:
            continue
        coast = land_edge_points(land[code])
        dist = distance_to_land_km(own, coast, cKDTree(unit_vectors(coast[:, 0], coast[:, 1])))
        narrow = strait_area[code]
        radius = np.full(len(own), TERRITORIAL_KM)
        if not narrow.is_empty:
            radius[shapely.contains_xy(narrow, own[:, 0], own[:, 1])] = STRAIT_KM
        excess = dist - radius
        low, high, samples = min(low, excess.min()), max(high, excess.max()), samples + len(own)
        if excess.min() < spacing / 2.0 or excess.max() > EXCESS_BOUND_KM:
            worst = own[np.argmin(excess) if excess.min() < spacing / 2.0 else np.argmax(excess)]
            raise RuntimeError(
                f"{code}: outline {excess.min():.3f}..{excess.max():.3f} km beyond the buffer "
                f"(worst at lon {worst[0]:.5f}, lat {worst[1]:.5f})"
            )
    return {"min_excess_km": float(low), "max_excess_km": float(high), "samples": samples}


# ---------------------------------------------------------------------------------------------
# ADIZs


#: Reference name's start: id, state, inside side of a line (and a point known to lie there).
ADIZ_IDS = {
    "Japan ADIZ": ("adiz-JP", "JP", "left", (36.2, 133.3)),
    "South Korea ADIZ": ("adiz-KR", "KR", "right", (36.0, 127.5)),
    "China East China Sea ADIZ": ("adiz-CN-ECS", "CN", "right", (30.0, 124.0)),
    "Taiwan (ROC) ADIZ": ("adiz-TW", "TW", None, None),
    "Alaska ADIZ": ("adiz-US-AK", "US", None, None),
    "Guam ADIZ": ("adiz-US-GU", "US", None, None),
}
#: What texts call each zone (its name holds its source and extent).
ADIZ_SHORT_NAMES = {
    "adiz-JP": "JADIZ",
    "adiz-KR": "KADIZ",
    "adiz-CN-ECS": "China ECS ADIZ",
    "adiz-TW": "Taiwan ADIZ",
    "adiz-US-AK": "Alaska ADIZ",
    "adiz-US-GU": "Guam ADIZ",
}
#: Densify edges so that straight lon/lat chords stay within ~1 m of the true edge.
EDGE_STEP_KM = 2.0


def geodesic_points(a: tuple[float, float], b: tuple[float, float]) -> NDArray[np.float64]:
    """(lon, lat) from a to b along the WGS84 geodesic, every <= EDGE_STEP_KM, ends exact."""
    _, _, length = GEOD.inv(a[0], a[1], b[0], b[1])
    n = max(1, math.ceil(length / 1000.0 / EDGE_STEP_KM))
    inner = GEOD.npts(a[0], a[1], b[0], b[1], n - 1) if n > 1 else []
    return np.array([a, *inner, b], dtype=np.float64)


def lifted(points: NDArray[np.float64]) -> NDArray[np.float64]:
    out = points.copy()
    out[:, 0] = np.unwrap(points[:, 0], period=360.0)
    return out


def edge_chain(coords: list[tuple[float, float]], rhumb_on_parallels: bool) -> NDArray[np.float64]:
    """Densified path through the points: geodesics, or rhumb lines (straight in lon/lat) between
    adjacent points on the same parallel when `rhumb_on_parallels` (14 CFR 99.41)."""
    pieces = []
    for a, b in itertools.pairwise(coords):
        if rhumb_on_parallels and a[1] == b[1]:
            pieces.append(np.array([a, b], dtype=np.float64))
        else:
            pieces.append(geodesic_points(a, b))
    chain = lifted(np.concatenate([pieces[0], *(p[1:] for p in pieces[1:])]))
    return chain


def arc_points(
    centre: tuple[float, float],
    start: tuple[float, float],
    end: tuple[float, float],
    radius_m: float,
) -> NDArray[np.float64]:
    """Counter-clockwise (decreasing azimuth) geodesic circle arc about `centre` from start to end."""
    az_start, _, _ = GEOD.inv(centre[0], centre[1], start[0], start[1])
    az_end, _, _ = GEOD.inv(centre[0], centre[1], end[0], end[1])
    sweep = (az_start - az_end) % 360.0
    n = max(2, math.ceil(2 * math.pi * radius_m / 1000.0 * sweep / 360.0 / 1.0))
    azimuths = az_start - np.linspace(0.0, sweep, n + 1)[1:-1]
    lon, lat, _ = GEOD.fwd(
        np.full(azimuths.shape, centre[0]),
        np.full(azimuths.shape, centre[1]),
        azimuths,
        np.full(azimuths.shape, radius_m),
    )
    return np.array([start, *zip(lon, lat, strict=True), end], dtype=np.float64)


def dms(text: str) -> float:
    """'13°32'41"N' -> 13.544722..."""
    sign = -1.0 if text[-1] in "SW" else 1.0
    parts = text[:-1].replace("°", " ").replace("'", " ").replace('"', " ").split()
    return sign * sum(float(p) / 60.0**i for i, p in enumerate(parts))


def guam(definition: dict[str, Any]) -> Polygon:
    """14 CFR 99.47: 250 NM circle less the inner boundary (two arcs joined by geodesics)."""
    point = lambda pair: (dms(pair[1]), dms(pair[0]))  # noqa: E731
    centre = point(definition["outer_center"])
    radius = definition["outer_radius_nm"] * NM_KM * 1000.0
    n = math.ceil(2 * math.pi * radius / 1000.0)  # a vertex every ~1 km: chords within ~0.3 m
    az = np.linspace(0.0, -360.0, n, endpoint=False)
    lon, lat, _ = GEOD.fwd(np.full(n, centre[0]), np.full(n, centre[1]), az, np.full(n, radius))
    outer = np.column_stack([lon, lat])
    p1, p2, p3, p4 = (point(p) for p in definition["inner_points"])
    nimitz, saipan = point(definition["NIMITZ_VORTAC"]), point(definition["SAIPAN_NDB"])
    inner = np.concatenate(
        [
            arc_points(nimitz, p1, p2, 50 * NM_KM * 1000.0),
            geodesic_points(p2, p3)[1:],
            arc_points(saipan, p3, p4, 35 * NM_KM * 1000.0)[1:],
            geodesic_points(p4, p1)[1:],
        ]
    )
    zone = Polygon(outer, [inner])
    assert zone.is_valid and Polygon(outer).contains(Polygon(inner))
    return orient(zone, sign=1.0)


def side_of(line: NDArray[np.float64], lat: float, lon: float) -> str:
    """'left' or 'right': the side of the nearest segment of `line` that a point lies on."""
    segments = [LineString(line[i : i + 2]) for i in range(len(line) - 1)]
    nearest = min(range(len(segments)), key=lambda i: segments[i].distance(Point(lon, lat)))
    (x0, y0), (x1, y1) = line[nearest], line[nearest + 1]
    cross = (x1 - x0) * (lat - y0) - (y1 - y0) * (lon - x0)
    return "left" if cross > 0 else "right"


#: A web proxy's address wrapping the page it was read through: cite the page itself.
PROXIED = re.compile(r"via proxy URL https://wonilvalve\.com/index\.php\?q=(\S+)")


def unproxied(source: str) -> str:
    """`source` citing the page a proxy address wrapped, not the proxy."""
    return PROXIED.sub(lambda match: urllib.parse.unquote(match[1]), source)


def build_adiz(reference: dict[str, Any]) -> tuple[dict[str, Any], dict[str, float]]:
    """Densified ADIZ features with their provenance; and the worst chord-to-edge deviation."""
    features = []
    for source in reference["features"]:
        props = source["properties"]
        key = next(k for k in ADIZ_IDS if props["name"].startswith(k))
        zone_id, state, inside, probe = ADIZ_IDS[key]
        coords = [tuple(c) for c in (source["geometry"]["coordinates"])]
        us = state == "US"
        if zone_id == "adiz-US-GU":
            geometry: BaseGeometry = guam(props["definition"])
            edge_rule = props["edge_rule"] + "; computed on WGS84 (geodesic circle and arcs)"
        elif source["geometry"]["type"] == "Polygon":
            ring = edge_chain([tuple(c) for c in coords[0]], rhumb_on_parallels=us)
            geometry = MultiPolygon(
                [orient(p, sign=1.0) for p in cut_at_antimeridian(Polygon(ring))]
            )
            geometry = geometry.geoms[0] if len(geometry.geoms) == 1 else geometry
            edge_rule = props["edge_rule"] + (
                "" if us else "; drawn as WGS84 geodesics (the rule is not stated)"
            )
        else:
            line = edge_chain(coords, rhumb_on_parallels=us)
            found = side_of(line, *probe)
            assert found == inside, f"{zone_id}: inside is {found}, expected {inside}"
            geometry = LineString(line)
            edge_rule = props["edge_rule"] + "; drawn as WGS84 geodesics (the rule is not stated)"
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": zone_id,
                    "name": props["name"],
                    "short_name": ADIZ_SHORT_NAMES[zone_id],
                    "state": state,
                    "exact": props["exact"],
                    "complete": props["complete"],
                    "source": unproxied(props["source"]),
                    "edge_rule": edge_rule,
                    "inside": inside,
                    "notes": props["notes"],
                },
                "geometry": mapping(geometry),
            }
        )
    collection = {
        "type": "FeatureCollection",
        "source": "shared/reference/adiz.geojson of the rangemap project; see each feature's source",
        "features": features,
    }
    return collection, chord_deviation(features)


def chord_deviation(features: list[dict[str, Any]]) -> dict[str, float]:
    """Largest distance between the midpoint of a lon/lat chord and the geodesic through its ends,
    over every edge that is a geodesic by rule (not the rhumb lines along a parallel)."""
    worst = 0.0
    for feature in features:
        geometry = shapely.geometry.shape(feature["geometry"])
        lines = (
            [geometry]
            if isinstance(geometry, LineString)
            else [r for p in polygons_of(geometry) for r in (p.exterior, *p.interiors)]
        )
        for line in lines:
            xy = np.asarray(line.coords)
            a, b = xy[:-1], xy[1:]
            geodesic = (
                (a[:, 1] != b[:, 1]) & (np.abs(a[:, 0]) != 180.0) & (np.abs(b[:, 0]) != 180.0)
            )
            a, b = a[geodesic], b[geodesic]
            az, _, dist = GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
            lon, lat, _ = GEOD.fwd(a[:, 0], a[:, 1], az, np.asarray(dist) / 2.0)
            _, _, off = GEOD.inv(lon, lat, (a[:, 0] + b[:, 0]) / 2.0, (a[:, 1] + b[:, 1]) / 2.0)
            worst = max(worst, float(np.max(off)))
    return {"max_chord_deviation_m": worst}


# ---------------------------------------------------------------------------------------------
# Output


def lonlat_area_m2(polygon: Polygon) -> float:
    """Area of a small lon/lat polygon (straight edges in lon/lat, as the zones are read), in m2."""
    metres_per_deg = 111_320.0
    return polygon.area * metres_per_deg**2 * math.cos(math.radians(polygon.centroid.y))


def overlap_m2(zones: dict[str, MultiPolygon]) -> float:
    """Largest area (m2) shared by the zones of two different states: numerical noise only."""
    codes = list(zones)
    tree = shapely.STRtree(list(zones.values()))
    worst = 0.0
    for i, j in zip(*tree.query(list(zones.values()), predicate="intersects"), strict=True):
        if i < j:
            shared = zones[codes[i]].intersection(zones[codes[j]])
            worst = max([worst, *(lonlat_area_m2(part) for part in polygons_of(shared))])
    return worst


def write_sovereign(
    zones: dict[str, MultiPolygon], names: dict[str, str], stats: dict[str, Any]
) -> None:
    """sovereign.npz: int32 coordinates in units of 1e-7 degree, each ring's first vertex absolute
    and the others as differences (they compress well), with shapely's ragged-array offsets."""
    codes = sorted(zones)
    kind, coords, (ring_offsets, polygon_offsets, zone_offsets) = shapely.to_ragged_array(
        [zones[code] for code in codes]
    )
    assert kind == shapely.GeometryType.MULTIPOLYGON
    q = np.round(coords / QUANTUM_DEG).astype(np.int64)
    steps = np.diff(q, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    steps[ring_offsets[:-1]] = q[ring_offsets[:-1]]
    assert np.abs(steps).max() < 2**31
    np.savez_compressed(
        DATA / "sovereign.npz",
        codes=np.array(codes),
        steps=steps.astype(np.int32),
        ring_offsets=ring_offsets.astype(np.int32),
        polygon_offsets=polygon_offsets.astype(np.int32),
        zone_offsets=zone_offsets.astype(np.int32),
    )
    meta = {
        "source": "Natural Earth 10m admin-0 countries (v4.1.0) from the npm package "
        f"{WORLD_ATLAS} (countries-10m.json)",
        "method": "12 NM (3 NM in the specified straits) geodesic buffer of the land on WGS84, "
        "median line where buffers of two states overlap, never over another state's land",
        "territorial_km": TERRITORIAL_KM,
        "strait_km": STRAIT_KM,
        "excess_bound_km": EXCESS_BOUND_KM,
        "measured": stats,
        "names": {code: names[code] for code in codes},
        "sovereign_of": dict(sorted(SOVEREIGN.items())),
    }
    (DATA / "sovereign.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n")


# Fixture windows for the tests: (states, (west, south, east, north)); west > east wraps across 180.
WINDOWS: dict[str, tuple[tuple[str, ...], tuple[float, float, float, float]]] = {
    "chukotka": (("RU",), (176.0, 63.5, -175.0, 67.0)),
    "aleutians": (("US",), (177.5, 50.8, -177.5, 53.0)),
    "fiji": (("FJ",), (178.0, -18.6, -178.5, -15.6)),
    "tsugaru": (("JP",), (139.3, 40.5, 142.2, 42.4)),
    "korea-strait": (("JP", "KR"), (127.8, 33.3, 130.6, 35.8)),
    "soya": (("JP", "RU"), (140.8, 44.7, 143.0, 46.6)),
    "nemuro": (("JP", "RU"), (144.3, 42.8, 146.6, 44.6)),
    "osumi": (("JP",), (129.9, 30.1, 131.7, 31.6)),
    "bering-strait": (("RU", "US"), (-171.5, 64.8, -166.5, 67.0)),
}


def in_window(xy: NDArray[np.float64], window: tuple[float, float, float, float]) -> NDArray:
    west, south, east, north = window
    lon = np.mod(xy[:, 0] - west, 360.0)
    return (lon <= np.mod(east - west, 360.0)) & (xy[:, 1] >= south) & (xy[:, 1] <= north)


def write_fixture(features: list[Feature]) -> None:
    """Raw world-atlas coastline vertices (as published, before any processing) in a few windows,
    and the strait areas, for tests that measure the shipped buffer independently of this build."""
    windows: dict[str, Any] = {}
    for name, (states, window) in WINDOWS.items():
        chains: dict[str, list[list[list[float]]]] = {state: [] for state in states}
        for feature in features:
            state = state_of(feature)
            if state not in states:
                continue
            for rings in feature.polygons:
                for ring in rings:
                    inside = in_window(ring, window)
                    # Keep runs of vertices in the window, with one neighbour beyond each end.
                    keep = inside | np.roll(inside, 1) | np.roll(inside, -1)
                    if not keep.any():
                        continue
                    breaks = np.flatnonzero(~keep)
                    runs = np.split(np.arange(len(ring)), breaks)
                    for run in runs:
                        run = run[keep[run]]
                        if len(run) >= 2:
                            chains[state].append(np.round(ring[run], 9).tolist())
        windows[name] = {"bbox": list(window), "coasts": chains}
    fixture = {
        "note": "Coastline vertices of Natural Earth 10m admin-0 countries exactly as published in "
        f"{WORLD_ATLAS} countries-10m.json (decoded TopoJSON, longitudes in [-180, 180]), in a few "
        "windows, grouped by sovereign state; and the approximate 3 NM strait areas used by the "
        "build. Written by scripts/rebuild_airspace.py.",
        "windows": windows,
        "straits": {
            name: {"states": list(states), "ring": [list(p) for p in ring]}
            for name, (states, ring) in STRAITS.items()
        },
    }
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--world-atlas", type=Path, help="an unpacked world-atlas package folder")
    args = parser.parse_args()
    started = time.perf_counter()
    DATA.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        package = args.world_atlas or fetch_world_atlas(Path(tmp))
        features, arcs = read_topology(package / "countries-10m.json")
        shutil.copy(package / "LICENSE", DATA / "LICENSE-world-atlas")
    land, unassigned, names = land_by_state(features)
    step = time.perf_counter()
    reach = reach_by_state(land)
    print(f"buffers: {time.perf_counter() - step:.0f} s")
    step = time.perf_counter()
    zones = assemble(reach, land, unassigned, coast_points(features, arcs))
    print(f"median lines and other states' land: {time.perf_counter() - step:.0f} s")
    stats: dict[str, Any] = check_sovereign(zones, land)
    stats["max_overlap_m2"] = overlap_m2(zones)
    stats["vertices"] = int(sum(shapely.get_num_coordinates(list(zones.values()))))
    write_sovereign(zones, names, stats)
    write_fixture(features)
    adiz, deviation = build_adiz(json.loads(ADIZ_REFERENCE.read_text()))
    (DATA / "adiz.geojson").write_text(json.dumps(adiz, ensure_ascii=False) + "\n")
    stats |= deviation
    stats["build_s"] = round(time.perf_counter() - started, 1)
    print(json.dumps(stats, indent=1))


if __name__ == "__main__":
    main()
