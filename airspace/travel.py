"""Distances that keep out of forbidden airspace, from sources to every cell of a map grid.

On a conformal map the ground metric is the map's divided by one scale factor k per point, so the
length of the shortest track avoiding obstacles solves the eikonal equation |grad T| = 1 / k. Fast
marching (scikit-fmm, second order) solves it on a grid of an ellipsoidal stereographic projection
centred on the places asked about. Cells lying wholly inside forbidden airspace are walls; cells
its limit passes through stay open, so a strait's high-seas corridor narrower than a cell stays a
way through. Areas read off the grid are cut back to the exact limits afterwards.

Distances agree with shortest_track to a few km over thousands (tests/airspace/test_travel.py);
the grid's cell (7 km by default) sets that accuracy.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

import antimeridian
import numpy as np
import pyproj
import shapely
from numpy.typing import NDArray
from shapely.geometry import Polygon
from shapely.geometry.polygon import orient

import geo
from airspace.errors import AirspaceError
from airspace.zones import sovereign_zone, states
from geo import Area, FloatArray, Position, polygonal
from geo.geodesic import wgs84

__all__ = ["DEFAULT_CELL_KM", "TravelGrid", "travel_grid"]


#: The grid's cell: distances come out within a few km of exact with it.
DEFAULT_CELL_KM = 7.0
#: A grid holds at most this many cells; the cell grows to keep under it.
_MAX_CELLS = 5_000_000
#: How far from its centre a grid may reach: beyond, the stereographic scale passes 4.
_MAX_REACH_KM = 13_300.0
#: Sources start as discs this many cells across (a point is fast marching's weakest case).
_SEED_CELLS = 3.0
#: A cell is a wall when its centre lies this many cells inside forbidden airspace: then a cell
#: corner the limit passes leaves all four cells round it open, and corridors stay connected.
_WALL_DEPTH_CELLS = 0.75
#: phi beyond the seeds' windows: positive and farther than any cell (phi is a signed distance).
_FAR_M = 1e9
#: Contours are simplified to this share of a cell before they go back to lon/lat.
_SIMPLIFY_CELLS = 0.1
#: A step in longitude this large between neighbouring vertices is a crossing of 180.
_JUMP_DEG = 180.0
#: Scale factors are computed every this many cells and interpolated between (they vary slowly).
_SCALE_STEP = 16


@dataclass(frozen=True, eq=False)
class TravelGrid:
    """A stereographic grid of cell centres (xs, ys, metres), each cell's scale factor and whether
    it is a wall, and the forbidden airspace (lon/lat) the walls stand for."""

    projection: str
    xs: FloatArray
    ys: FloatArray
    cell_m: float
    scale: FloatArray
    walls: NDArray[np.bool_]
    forbidden: Area

    @cached_property
    def _to_map(self) -> pyproj.Transformer:
        return pyproj.Transformer.from_crs("EPSG:4326", self.projection, always_xy=True)

    @cached_property
    def _to_lonlat(self) -> pyproj.Transformer:
        return pyproj.Transformer.from_crs(self.projection, "EPSG:4326", always_xy=True)

    def distances_km(self, sources: Sequence[Position]) -> FloatArray:
        """Length in km of the shortest track from the nearest of `sources` to each cell centre
        (inf in walls and where no track leads)."""
        import skfmm

        seed_m = _SEED_CELLS * self.cell_m  # on the ground
        # Fast marching reads phi only next to its zero contour: a window round each seed will do.
        phi = np.full((self.ys.size, self.xs.size), _FAR_M)
        exact = np.full(phi.shape, np.inf)
        reach = int(_SEED_CELLS * self.scale.max()) + 3
        for source in sources:
            sx, sy = self._to_map.transform(source.lon, source.lat)
            k = float(self._scale_at(np.array([source.lon]), np.array([source.lat]))[0])
            j, i = round((sx - self.xs[0]) / self.cell_m), round((sy - self.ys[0]) / self.cell_m)
            rows = slice(max(i - reach, 0), i + reach + 1)
            columns = slice(max(j - reach, 0), j + reach + 1)
            x, y = np.meshgrid(self.xs[columns], self.ys[rows])
            phi[rows, columns] = np.minimum(
                phi[rows, columns], np.hypot(x - sx, y - sy) - seed_m * k
            )
            lon, lat = self._to_lonlat.transform(x, y)
            near = np.asarray(geo.distance_km(lat1=source.lat, lon1=source.lon, lat2=lat, lon2=lon))
            exact[rows, columns] = np.minimum(exact[rows, columns], near)
        seeded = phi < 0.0
        if not seeded.any():
            raise AirspaceError("the sources lie outside the grid")
        marched = skfmm.travel_time(
            np.ma.MaskedArray(phi, self.walls), self.scale, dx=self.cell_m, order=2
        )
        out = np.ma.filled(marched, np.inf) / 1000.0 + seed_m / 1000.0
        out[seeded] = exact[seeded]
        out[self.walls] = np.inf
        result: FloatArray = out
        return result

    def region_within(self, values: FloatArray, limit_km: float) -> Area:
        """The cells' region where `values` (km, per cell) are at most `limit_km`, contoured
        between cells, as lon/lat polygons cut at 180, less the forbidden airspace."""
        from contourpy import FillType, contour_generator

        finite = np.isfinite(values)
        if not (finite & (values <= limit_km)).any():
            return Polygon()
        z = np.ma.MaskedArray(np.where(finite, values, 0.0), ~finite)
        generator = contour_generator(self.xs, self.ys, z, fill_type=FillType.OuterOffset)
        filled = generator.filled(-1.0, limit_km)
        points = cast(list[FloatArray], filled[0])
        offsets = cast(list[NDArray[np.intp]], filled[1])
        pieces = [
            self._polygon_on_globe(
                Polygon(ring[0], ring[1:]).simplify(_SIMPLIFY_CELLS * self.cell_m)
            )
            for ring in _rings(points, offsets)
        ]
        found = shapely.union_all([piece for piece in pieces if not piece.is_empty])
        return polygonal(shapely.difference(found, self.forbidden))

    def value_at(self, values: FloatArray, *, lat: float, lon: float) -> float:
        """`values` at a point, interpolated between the four cells round it."""
        return float(self.values_at(values, lat=np.array([lat]), lon=np.array([lon]))[0])

    def values_at(self, values: FloatArray, *, lat: FloatArray, lon: FloatArray) -> FloatArray:
        """`values` at points, each interpolated between the four cells round it (inf off the
        grid)."""
        x, y = self._to_map.transform(lon, lat)
        fx = (np.asarray(x) - self.xs[0]) / self.cell_m
        fy = (np.asarray(y) - self.ys[0]) / self.cell_m
        on = (fx >= 0) & (fy >= 0) & (fx < self.xs.size - 1) & (fy < self.ys.size - 1)
        i = np.where(on, np.floor(fy), 0).astype(np.intp)
        j = np.where(on, np.floor(fx), 0).astype(np.intp)
        ty, tx = fy - i, fx - j
        with np.errstate(invalid="ignore"):
            found = (
                values[i, j] * (1 - ty) * (1 - tx)
                + values[i, j + 1] * (1 - ty) * tx
                + values[i + 1, j] * ty * (1 - tx)
                + values[i + 1, j + 1] * ty * tx
            )
        out: FloatArray = np.where(on, found, np.inf)
        return out

    def coarsened(self, factor: int) -> TravelGrid:
        """This grid with cells `factor` times wider: a wall only where all its cells were, so a
        way through stays one (distances come out no longer, a little less exact)."""
        rows, columns = self.ys.size // factor, self.xs.size // factor

        def blocks(values: NDArray[Any]) -> NDArray[Any]:
            return values[: rows * factor, : columns * factor].reshape(
                rows, factor, columns, factor
            )

        return TravelGrid(
            self.projection,
            self.xs[: columns * factor].reshape(columns, factor).mean(axis=1),
            self.ys[: rows * factor].reshape(rows, factor).mean(axis=1),
            self.cell_m * factor,
            blocks(self.scale).mean(axis=(1, 3)),
            np.asarray(blocks(self.walls).all(axis=(1, 3)), dtype=bool),
            self.forbidden,
        )

    def _scale_at(self, lon: FloatArray, lat: FloatArray) -> FloatArray:
        """The map's scale at each point: map metres per ground metre, measured over 10 m north
        (conformal: the same in every direction)."""
        geod = wgs84()
        north_lon, north_lat, _ = geod.fwd(lon, lat, np.zeros_like(lon), np.full_like(lon, 10.0))
        x0, y0 = self._to_map.transform(lon, lat)
        x1, y1 = self._to_map.transform(north_lon, north_lat)
        scale: FloatArray = np.hypot(np.asarray(x1) - x0, np.asarray(y1) - y0) / 10.0
        return scale

    def _polygon_on_globe(self, polygon: Polygon) -> Area:
        """A map polygon as lon/lat polygons cut at 180 (closed along a pole it holds): each ring
        alone, then the holes taken out, as `antimeridian` cuts rings, not holes."""
        polygon = orient(polygon, 1.0)
        shape = self._ring_on_globe(np.asarray(polygon.exterior.coords))
        for hole in polygon.interiors:
            shape = shape.difference(self._ring_on_globe(np.asarray(hole.coords)[::-1]))
        return polygonal(shape)

    def _ring_on_globe(self, coords: FloatArray) -> Area:
        lon, lat = self._to_lonlat.transform(coords[:, 0], coords[:, 1])
        ring = Polygon(np.column_stack([lon, lat]))
        if np.abs(np.diff(lon)).max(initial=0.0) < _JUMP_DEG:
            return polygonal(shapely.make_valid(ring))  # neither crosses 180 nor rounds a pole
        return polygonal(antimeridian.fix_polygon(ring, fix_winding=False))


def travel_grid(
    *,
    around: Sequence[Position],
    radius_km: float,
    allowed: Iterable[str],
    cell_km: float = DEFAULT_CELL_KM,
) -> TravelGrid:
    """A grid holding every point within `radius_km` of a place `around`, walled where the
    sovereign airspace of states not `allowed` lies."""
    centre = _centre(around)
    footprint = shapely.union_all(
        [geo.range_ring(lat=p.lat, lon=p.lon, radius_km=radius_km) for p in around]
    )
    edge = shapely.get_coordinates(footprint)
    farthest = float(
        np.max(geo.distance_km(lat1=centre.lat, lon1=centre.lon, lat2=edge[:, 1], lon2=edge[:, 0]))
    )
    if farthest > _MAX_REACH_KM:
        raise AirspaceError(
            f"the area asked about reaches {farthest:,.0f} km from its centre, beyond the "
            f"{_MAX_REACH_KM:,.0f} km one map grid holds: ask about fewer or nearer places, or a "
            "shorter range"
        )
    projection = (
        f"+proj=stere +lat_0={centre.lat:.9f} +lon_0={centre.lon:.9f} +k_0=1 +ellps=WGS84 +units=m"
    )
    to_map = pyproj.Transformer.from_crs("EPSG:4326", projection, always_xy=True)
    ex, ey = to_map.transform(edge[:, 0], edge[:, 1])
    west, east, south, north = ex.min(), ex.max(), ey.min(), ey.max()
    cell = max(cell_km * 1000.0, math.sqrt((east - west) * (north - south) / _MAX_CELLS))
    xs = np.arange(west - cell, east + 2.0 * cell, cell)
    ys = np.arange(south - cell, north + 2.0 * cell, cell)
    forbidden = _forbidden_within(footprint, frozenset(states()) - {s.upper() for s in allowed})
    walls = _walls(_on_map(forbidden, to_map), xs, ys, cell)
    grid = TravelGrid(projection, xs, ys, cell, np.ones((ys.size, xs.size)), walls, forbidden)
    return TravelGrid(projection, xs, ys, cell, _scales(grid), walls, forbidden)


def _centre(places: Sequence[Position]) -> Position:
    """The point of the globe nearest the places' mean (on the sphere: a frame, not a result)."""
    lat = np.radians([p.lat for p in places])
    lon = np.radians([p.lon for p in places])
    x, y, z = (
        (np.cos(lat) * np.cos(lon)).sum(),
        (np.cos(lat) * np.sin(lon)).sum(),
        np.sin(lat).sum(),
    )
    if math.hypot(x, y, z) < 1e-9:
        return Position(places[0].lat, places[0].lon)
    return geo.check_position(
        lat=math.degrees(math.atan2(z, math.hypot(x, y))), lon=math.degrees(math.atan2(y, x))
    )


def _forbidden_within(footprint: Area, forbidden: frozenset[str]) -> Area:
    found = []
    for state in sorted(forbidden):
        geometry = sovereign_zone(state).geometry
        if geometry.intersects(footprint):
            found.append(geometry.intersection(footprint))
    return polygonal(shapely.union_all(found)) if found else Polygon()


def _on_map(shape: Area, to_map: pyproj.Transformer) -> Area:
    """Lon/lat polygons on the map: pieces cut at 180 meet again there."""
    projected = shapely.transform(
        shape, lambda xy: np.column_stack(to_map.transform(xy[:, 0], xy[:, 1]))
    )
    return polygonal(shapely.union_all(shapely.get_parts(shapely.make_valid(projected))))


def _walls(forbidden: Area, xs: FloatArray, ys: FloatArray, cell: float) -> NDArray[np.bool_]:
    inner = forbidden.buffer(-_WALL_DEPTH_CELLS * cell)
    if inner.is_empty:
        return np.zeros((ys.size, xs.size), dtype=bool)
    shapely.prepare(inner)
    x, y = np.meshgrid(xs, ys)
    walls: NDArray[np.bool_] = shapely.contains_xy(inner, x, y)
    return walls


def _scales(grid: TravelGrid) -> FloatArray:
    """Each cell's scale factor, bilinear between exact ones on a coarser grid (the scale bends
    so slowly that this is within 1e-4 of exact)."""
    step = _SCALE_STEP * grid.cell_m
    cx = np.append(np.arange(grid.xs[0], grid.xs[-1], step), grid.xs[-1])
    cy = np.append(np.arange(grid.ys[0], grid.ys[-1], step), grid.ys[-1])
    x, y = np.meshgrid(cx, cy)
    lon, lat = grid._to_lonlat.transform(x, y)
    coarse = grid._scale_at(lon.ravel(), lat.ravel()).reshape(x.shape)
    scale: FloatArray = _linear_weights(cy, grid.ys) @ coarse @ _linear_weights(cx, grid.xs).T
    return scale


def _linear_weights(coarse: FloatArray, fine: FloatArray) -> FloatArray:
    """The matrix that interpolates values at `coarse` positions linearly to `fine` ones."""
    weights = np.zeros((fine.size, coarse.size))
    right = np.clip(np.searchsorted(coarse, fine, side="right"), 1, coarse.size - 1)
    left = right - 1
    share = np.clip((fine - coarse[left]) / (coarse[right] - coarse[left]), 0.0, 1.0)
    rows = np.arange(fine.size)
    weights[rows, left] = 1.0 - share
    weights[rows, right] += share
    return weights


def _rings(
    points: Sequence[FloatArray], offsets: Sequence[NDArray[np.intp]]
) -> list[list[FloatArray]]:
    """contourpy's filled polygons (OuterOffset): each outer ring with its holes."""
    return [
        [part[start:end] for start, end in itertools.pairwise(offset)]
        for part, offset in zip(points, offsets, strict=True)
    ]
