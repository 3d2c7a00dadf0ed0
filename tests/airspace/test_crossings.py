"""Crossings of a track agree with a brute-force dense sampling of the geodesic (every 50 m): same
stays in closed zones and same crossings of known lines, within 100 m; short clips of a corner are
found; 180 and the poles are ordinary; a zone known only as a line is crossed, never stayed in."""

from __future__ import annotations

import itertools
from collections import defaultdict

import numpy as np
import pytest
import shapely
from hypothesis import example, given
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiLineString, Point

import airspace
import geo
from tests.airspace.reference import GEOD

SPACING_M = 50.0
AGREE_KM = 0.1
Stay = tuple[float | None, float | None]


def dense(track: list[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lon, lat, km along the track) every <= 50 m along each leg's geodesic."""
    lons, lats, kms, offset = [], [], [], 0.0
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(track):
        azimuth, _, length = GEOD.inv(lon1, lat1, lon2, lat2)
        along = np.linspace(0.0, length, int(np.ceil(length / SPACING_M)) + 1)
        lon, lat, _ = GEOD.fwd(
            np.full(along.shape, lon1),
            np.full(along.shape, lat1),
            np.full(along.shape, azimuth),
            along,
        )
        lons.append(lon)
        lats.append(lat)
        kms.append((offset + along) / 1000.0)
        offset += length
    return np.concatenate(lons), np.concatenate(lats), np.concatenate(kms)


def brute_force(
    track: list[tuple[float, float]],
) -> tuple[dict[str, list[Stay]], dict[str, list[tuple[float, bool]]]]:
    """Stays in closed zones and (km, inbound) crossings of lines, from the dense sampling."""
    lon, lat, km = dense(track)
    stays: dict[str, list[Stay]] = {}
    lines: dict[str, list[tuple[float, bool]]] = {}
    west, south, east, north = lon.min(), lat.min(), lon.max(), lat.max()
    for zone in airspace.zones():
        x0, y0, x1, y1 = zone.geometry.bounds
        if x0 > east or x1 < west or y0 > north or y1 < south:
            continue
        if zone.complete:
            inside = shapely.contains_xy(zone.geometry, lon, lat)
            # A sample on the cut at +/-180 is inside when a piece either side touches it.
            on_cut = np.abs(lon) == 180.0
            inside[on_cut] = shapely.intersects_xy(zone.geometry, lon[on_cut], lat[on_cut])
            change = np.flatnonzero(inside[:-1] != inside[1:])
            marks = [(km[i] + km[i + 1]) / 2.0 for i in change]
            if inside[0]:
                marks.insert(0, None)
            if inside[-1]:
                marks.append(None)
            found = list(zip(marks[::2], marks[1::2], strict=True))
            if found:
                stays[zone.id] = found
        elif events := sorted(line_events(zone, lon, lat, km)):
            lines[zone.id] = events
    return stays, lines


def line_events(
    zone: airspace.Zone, lon: np.ndarray, lat: np.ndarray, km: np.ndarray
) -> list[tuple[float, bool]]:
    """Where the dense path crosses a boundary line, and whether towards the zone's inside."""
    jumps = np.flatnonzero(np.abs(np.diff(lon)) > 180.0) + 1
    runs = [r for r in np.split(np.arange(len(lon)), jumps) if len(r) >= 2]
    path = MultiLineString([np.column_stack([lon[r], lat[r]]) for r in runs])
    line = np.asarray(zone.geometry.coords)
    events = []
    for x, y in shapely.get_coordinates(path.intersection(zone.geometry)):
        i = int(np.argmin((lon - x) ** 2 + (lat - y) ** 2))
        point = Point(x, y)
        s = int(
            np.argmin([LineString(line[j : j + 2]).distance(point) for j in range(len(line) - 1)])
        )
        (ax, ay), (bx, by) = line[s], line[s + 1]
        after = min(i + 2, len(lon) - 1)
        left_after = (bx - ax) * (lat[after] - ay) - (by - ay) * (lon[after] - ax) > 0.0
        events.append((float(km[i]), bool(left_after == (zone.inside == "left"))))
    return events


def ours(
    result: airspace.Crossings,
) -> tuple[dict[str, list[Stay]], dict[str, list[tuple[float, bool]]]]:
    stays: dict[str, list[Stay]] = defaultdict(list)
    lines: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for crossing in result.line_crossings:
        lines[crossing.zone.id].append((crossing.km, crossing.inbound))
    for visit in result.visits:
        stays[visit.zone.id].append(
            (
                visit.enter_km if visit.enter is not None else None,
                visit.exit_km if visit.exit is not None else None,
            )
        )
    return stays, lines


def close(a: float | None, b: float | None, end_km: float) -> bool:
    """Two ends of a stay agree within 100 m; None (no crossing) is the track's start or end, so a
    track starting exactly on a zone's edge may read either way."""
    if a is None and b is None:
        return True
    return abs((end_km if a is None else a) - (end_km if b is None else b)) <= AGREE_KM


def at_an_end(stay: Stay, length_km: float) -> bool:
    """A stay shorter than 100 m at the track's start or end: a track that starts or ends on a
    zone's edge, where either reading is right."""
    enter, exit = stay
    start = 0.0 if enter is None else enter
    end = length_km if exit is None else exit
    return (enter is None or exit is None) and end - start < AGREE_KM


def assert_agrees(track: list[tuple[float, float]]) -> airspace.Crossings:
    """Every brute-force stay has ours within 100 m at both ends; ours has no other stay except a
    clip shorter than the sampling could see, which a 1 m sampling then confirms. Every crossing
    of a line is ours too, in the same direction, within 100 m, and ours has no other (but for a
    track starting or ending on the line); no stay is in a zone known only as a line."""
    result = airspace.crossings(track)
    (mine, my_lines), (reference, reference_lines) = ours(result), brute_force(track)
    assert all(visit.zone.complete for visit in result.visits)
    for zone_id in set(my_lines) | set(reference_lines):
        left_crossings = list(my_lines.get(zone_id, []))
        for km, inbound in reference_lines.get(zone_id, []):
            match = [c for c in left_crossings if c[1] == inbound and abs(c[0] - km) <= AGREE_KM]
            assert match, (zone_id, km, inbound, my_lines.get(zone_id))
            left_crossings.remove(match[0])
        assert all(min(km, result.length_km - km) < AGREE_KM for km, _ in left_crossings), (
            zone_id,
            left_crossings,
        )
    for zone_id in set(mine) | set(reference):
        left = list(mine.get(zone_id, []))
        for stay in reference.get(zone_id, []):
            match = [
                m
                for m in left
                if close(m[0], stay[0], 0.0) and close(m[1], stay[1], result.length_km)
            ]
            if not match and at_an_end(stay, result.length_km):
                continue
            assert match, (zone_id, stay, mine.get(zone_id))
            left.remove(match[0])
        for enter, exit in left:
            if at_an_end((enter, exit), result.length_km):
                continue
            assert enter is not None and exit is not None and exit - enter < 2 * SPACING_M / 1000
            assert clip_is_real(track, airspace.find_zone(zone_id), enter, exit)
    total = sum(result.km_by_airspace.values())
    assert abs(total - result.length_km) < 1e-3  # add up to the length, to 1 m
    assert result.km_by_airspace["international"] >= -1e-9
    return result


def clip_is_real(
    track: list[tuple[float, float]], zone: airspace.Zone, enter: float, exit: float
) -> bool:
    lon, lat, km = dense(track)
    i = int(np.searchsorted(km, enter)) - 1
    (lat1, lon1), (lat2, lon2) = (lat[i], lon[i]), (lat[i + 1], lon[i + 1])
    points = GEOD.npts(lon1, lat1, lon2, lat2, 200)
    x, y = np.array(points).T
    return bool(shapely.contains_xy(zone.geometry, x, y).any())


north_west_pacific = st.tuples(st.floats(28.0, 47.0), st.floats(122.0, 147.0))
#: Chukotka, the Aleutians and the Alaska ADIZ, across 180.
bering = st.tuples(
    st.floats(50.0, 68.0), st.floats(165.0, 195.0).map(lambda x: x - 360.0 * (x > 180.0))
)


@given(
    start=st.one_of(north_west_pacific, bering),
    turns=st.lists(st.tuples(st.floats(0.0, 360.0), st.floats(5.0, 400.0)), min_size=1, max_size=3),
)
@example(start=(41.25, 139.6), turns=[(80.0, 180.0)])  # into the Tsugaru Strait
@example(
    start=(35.5, 129.3), turns=[(200.0, 300.0)]
)  # down the Korea Strait, across the JADIZ line
def test_crossings_agree_with_dense_sampling(
    start: tuple[float, float], turns: list[tuple[float, float]]
) -> None:
    track = [start]
    for azimuth, distance in turns:
        end = geo.destination(
            lat=track[-1][0], lon=track[-1][1], azimuth_deg=azimuth, distance_km=distance
        )
        track.append((end.lat, end.lon))
    assert_agrees(track)


def test_vladivostok_to_the_east_china_sea_through_the_korea_strait() -> None:
    # Out past Ulleungdo and Dokdo, down the western channel's corridor between Korea and Tsushima.
    track = [
        (43.11, 131.89),
        (38.0, 131.6),
        (35.3, 129.75),
        (34.75, 129.0),
        (34.2, 128.75),
        (32.5, 128.0),
        (29.0, 125.5),
    ]
    result = assert_agrees(track)
    first = result.visits[0]
    assert first.zone.id == "sovereign-RU" and first.enter is None and first.enter_km == 0.0
    # The JADIZ, KADIZ and Chinese zones are lines: crossed, never stayed in.
    assert {v.zone.id for v in result.visits} == {"sovereign-RU"}
    lines = [(c.zone.id, c.inbound) for c in result.line_crossings]
    assert lines == [
        ("adiz-KR", True),
        ("adiz-JP", True),
        ("adiz-KR", False),
        ("adiz-CN-ECS", True),
    ]
    # Down the western channel's corridor: no Korean or Japanese sovereign airspace.
    assert set(result.km_by_airspace) == {"RU", "international"}
    kadiz = [c for c in result.line_crossings if c.zone.id == "adiz-KR"]
    # In across its northern edge (39 N), out across its southern edge by the Korea Strait.
    assert kadiz[0].at.lat == pytest.approx(39.05, abs=0.05)
    assert kadiz[1].at.lat == pytest.approx(34.05, abs=0.05)


def test_a_first_crossing_outbound_is_not_a_start_inside() -> None:
    """Regression (issue 23): a track whose first crossing of a line is outbound was said to start
    inside the zone. Seoul to the Sea of Japan past Dokdo: out across the KADIZ's east edge (133 E,
    P2-P4) and in across the JADIZ's beside it, with no stay in either."""
    result = assert_agrees([(37.56, 126.98), (37.9, 134.5)])
    crossed = {(c.zone.id, c.inbound): c for c in result.line_crossings}
    assert set(crossed) == {("adiz-KR", False), ("adiz-JP", True)}
    assert crossed["adiz-KR", False].at.lon == pytest.approx(133.0, abs=1e-6)
    assert crossed["adiz-JP", True].at.lon == pytest.approx(132.997222, abs=1e-6)
    assert not [v for v in result.visits if v.zone.kind == "adiz"]
    words = {e.describe(e.zone.id) for e in result.events() if e.zone.kind == "adiz"}
    assert words == {
        "crosses the known adiz-KR line outbound",
        "crosses the known adiz-JP line inbound",
    }


@pytest.mark.parametrize(
    "track",
    [
        pytest.param(
            [
                (41.30, 139.6),
                (41.25, 140.0),
                (41.27, 140.2),
                (41.37, 140.35),
                (41.45, 140.6),
                (41.60, 140.85),
                (41.61, 141.0),
                (41.60, 141.3),
                (41.60, 141.7),
            ],
            id="tsugaru",
        ),
        pytest.param(
            [(45.50, 141.4), (45.65, 141.8), (45.63, 142.0), (45.55, 142.2), (45.50, 142.6)],
            id="soya",
        ),
        pytest.param(
            [(35.3, 129.75), (34.75, 129.0), (34.2, 128.75), (33.8, 128.6)], id="tsushima-west"
        ),
        pytest.param(
            [(34.9, 129.9), (34.5, 129.8), (34.1, 129.6), (33.7, 129.4)], id="tsushima-east"
        ),
        pytest.param(
            [
                (30.9, 130.25),
                (30.8, 130.6),
                (30.85, 130.8),
                (30.98, 131.0),
                (31.0, 131.2),
                (30.9, 131.45),
            ],
            id="osumi",
        ),
    ],
)
def test_the_strait_corridors_are_open(track: list[tuple[float, float]]) -> None:
    """Down the middle of each specified strait (points read off a map of the data): no state's
    sovereign airspace, thanks to the 3 NM limits (12 NM would close Tsugaru, Soya and Osumi)."""
    result = assert_agrees(track)
    assert list(result.km_by_airspace) == ["international"]
    assert not [v for v in result.visits if v.zone.kind == "sovereign"]


def test_anadyr_east_across_180_enters_the_alaska_adiz_once() -> None:
    track = [(64.73, 177.74), (61.0, -172.0)]
    result = assert_agrees(track)
    alaska = [v for v in result.visits if v.zone.id == "adiz-US-AK"]
    assert len(alaska) == 1
    (visit,) = alaska
    assert visit.enter is not None and -180.0 < visit.enter.lon < -170.0 and visit.exit is None
    assert visit.exit_km == pytest.approx(result.length_km)
    assert result.visits[0].zone.id == "sovereign-RU"


def test_across_180_inside_the_alaska_adiz_is_one_stay_without_crossings() -> None:
    result = assert_agrees([(55.0, 175.0), (55.0, -175.0)])
    (visit,) = [v for v in result.visits if v.zone.id == "adiz-US-AK"]
    assert visit.enter is None and visit.exit is None
    assert (visit.enter_km, visit.exit_km) == (0.0, pytest.approx(result.length_km))


def test_over_the_north_pole() -> None:
    result = assert_agrees([(68.97, 33.08), (89.99, 10.0), (61.17, -149.99)])  # Murmansk, Anchorage
    # Out of Russia, over Svalbard (Norway) and the pole, into the Alaska ADIZ and US airspace.
    assert list(result.km_by_airspace) == ["RU", "NO", "US", "international"]
    assert [v.zone.id for v in result.visits][-2:] == ["adiz-US-AK", "sovereign-US"]


def test_a_short_clip_of_a_corner_is_found() -> None:
    """A leg cutting Taiwan ADIZ's north-east corner (29 N 123 E) about 30 m inside it: a stay
    shorter than two brute-force samples, found and measured to a metre (against 1 m sampling)."""
    corner = geo.destination(lat=29.0, lon=123.0, azimuth_deg=225.0, distance_km=0.03)
    a = geo.destination(lat=corner.lat, lon=corner.lon, azimuth_deg=315.0, distance_km=50.0)
    b = geo.destination(lat=corner.lat, lon=corner.lon, azimuth_deg=135.0, distance_km=50.0)
    result = airspace.crossings([(a.lat, a.lon), (b.lat, b.lon)])
    (visit,) = result.visits
    assert visit.zone.id == "adiz-TW"
    # Reference: every metre over the 400 m round the corner.
    azimuth, _, length = GEOD.inv(a.lon, a.lat, b.lon, b.lat)
    along = np.arange(length / 2.0 - 200.0, length / 2.0 + 200.0, 1.0)
    lon, lat, _ = GEOD.fwd(
        np.full(along.shape, a.lon),
        np.full(along.shape, a.lat),
        np.full(along.shape, azimuth),
        along,
    )
    inside = along[shapely.contains_xy(visit.zone.geometry, lon, lat)] / 1000.0
    assert 0.03 < inside[-1] - inside[0] < 2 * SPACING_M / 1000.0
    assert visit.enter_km == pytest.approx(inside[0], abs=0.001)
    assert visit.exit_km == pytest.approx(inside[-1], abs=0.001)


def test_track_points_join_without_a_false_crossing() -> None:
    """A stay that goes on over a track point is one visit."""
    result = airspace.crossings([(43.5, 132.5), (44.0, 133.0), (44.5, 133.5)])  # inland Primorye
    (visit,) = result.visits
    assert visit.zone.id == "sovereign-RU" and visit.enter is None and visit.exit is None
    assert result.km_by_airspace["RU"] == pytest.approx(result.length_km)


@pytest.mark.parametrize(
    ("track", "message"),
    [
        ([(10.0, 10.0)], r"^a track needs at least 2 points, got 1$"),
        (5, r"^a track is a sequence of \(lat, lon\) points, not a int$"),
        ([(10.0, 10.0), (95.0, 10.0)], r"^track point 1: latitude 95.0 is outside \[-90, 90\]$"),
        ([(10.0, 10.0), (10.0,)], r"^track point 1 \(10.0,\) is not a \(lat, lon\) pair$"),
        ([(10.0, 10.0), ("a", 1.0)], r"^track point 1: latitude 'a' is not a number$"),
    ],
)
def test_bad_tracks_raise_one_line_errors(track: object, message: str) -> None:
    with pytest.raises(airspace.InvalidTrackError, match=message):
        airspace.crossings(track)  # type: ignore[arg-type]
