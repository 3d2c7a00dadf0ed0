"""Tracing a parametrised curve on the globe into continuous ("lifted") longitudes.

A curve is a function from a parameter array (an azimuth, a distance) to (lon, lat) arrays in
degrees. Tracing samples it, refines where it passes close to a pole (where longitude turns fast),
unwraps longitude so it changes continuously, and inserts an exact vertex wherever the curve
crosses the antimeridian (lifted longitude 180 + 360 k), so that cutting there adds no
interpolated point off the curve.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from geo.arrays import FloatArray

Curve = Callable[[FloatArray], tuple[FloatArray, FloatArray]]

#: A segment whose longitude changes more than this is near a pole and gets refined.
_POLE_TURN_DEG = 90.0
_POLE_REFINE_ROUNDS = 40
_CROSSING_ITERATIONS = 60
_SNAP_DEG = 1e-9
#: 1e-10 degree is 11 micrometres.
_CROSSING_TOLERANCE_DEG = 1e-10


@dataclass(frozen=True)
class Trace:
    """Samples of a curve: parameters, lifted longitudes and latitudes, all in order."""

    t: FloatArray
    lon: FloatArray
    lat: FloatArray


def trace(curve: Curve, t: FloatArray) -> Trace:
    """Sample `curve` at `t` (monotonic): refined near poles, lifted, exact on the antimeridian."""
    lon, lat = curve(t)
    for _ in range(_POLE_REFINE_ROUNDS):
        turn = np.abs(_wrap180(np.diff(lon)))
        fast = np.flatnonzero(turn > _POLE_TURN_DEG)
        if fast.size == 0:
            break
        mid_t = (t[fast] + t[fast + 1]) / 2.0
        mid_lon, mid_lat = curve(mid_t)
        t = np.insert(t, fast + 1, mid_t)
        lon = np.insert(lon, fast + 1, mid_lon)
        lat = np.insert(lat, fast + 1, mid_lat)
    lifted = _snap_to_antimeridian(
        np.unwrap(_pole_longitudes_from_neighbours(lon, lat), period=360.0)
    )
    return _insert_crossings(curve, Trace(t, lifted, lat))


def on_antimeridian(lon: FloatArray) -> NDArray[np.bool_]:
    """Which lifted longitudes lie exactly on a lifted antimeridian, 180 + 360 k."""
    on: NDArray[np.bool_] = np.mod(lon - 180.0, 360.0) == 0.0
    return on


def _snap_to_antimeridian(lifted: FloatArray) -> FloatArray:
    """Put samples within 1e-9 degree (0.1 mm) of a lifted antimeridian exactly on it, so a curve
    running along it does not jitter from one side to the other in the last bit."""
    meridian = 180.0 + 360.0 * np.round((lifted - 180.0) / 360.0)
    return np.where(np.abs(lifted - meridian) < _SNAP_DEG, meridian, lifted)


def _pole_longitudes_from_neighbours(lon: FloatArray, lat: FloatArray) -> FloatArray:
    """Give samples on a pole (where any longitude names it) the longitude of the nearest other."""
    on_pole = np.abs(lat) == 90.0
    if not on_pole.any() or on_pole.all():
        return lon
    off = np.flatnonzero(~on_pole)
    poles = np.flatnonzero(on_pole)
    after = np.clip(np.searchsorted(off, poles), 0, off.size - 1)
    before = np.clip(after - 1, 0, off.size - 1)
    nearest = np.where(
        np.abs(off[after] - poles) <= np.abs(off[before] - poles), off[after], off[before]
    )
    fixed = lon.copy()
    fixed[poles] = lon[nearest]
    return fixed


def _wrap180(delta: FloatArray) -> FloatArray:
    return np.mod(delta + 180.0, 360.0) - 180.0


def _insert_crossings(curve: Curve, samples: Trace) -> Trace:
    """Insert a vertex exactly on every lifted meridian 180 + 360 k that a segment crosses."""
    t, lon, lat = samples.t, samples.lon, samples.lat
    sheet = np.floor((lon - 180.0) / 360.0)
    # A vertex exactly on a meridian already is the crossing: nothing to insert there.
    on_meridian = on_antimeridian(lon)
    crossing = np.flatnonzero((sheet[:-1] != sheet[1:]) & ~on_meridian[:-1] & ~on_meridian[1:])
    if crossing.size == 0:
        return samples
    meridian = 180.0 + 360.0 * np.maximum(sheet[crossing], sheet[crossing + 1])
    cross_t, cross_lat = _solve_crossings(
        curve, t[crossing], t[crossing + 1], lon[crossing], lon[crossing + 1], meridian
    )
    return Trace(
        np.insert(t, crossing + 1, cross_t),
        np.insert(lon, crossing + 1, meridian),
        np.insert(lat, crossing + 1, cross_lat),
    )


def _solve_crossings(
    curve: Curve,
    t_a: FloatArray,
    t_b: FloatArray,
    lon_a: FloatArray,
    lon_b: FloatArray,
    meridian: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Find t in [t_a, t_b] where the lifted longitude is `meridian` (Illinois false position)."""
    f_a, f_b = lon_a - meridian, lon_b - meridian
    replaced_a_last = np.zeros(t_a.shape, dtype=bool)
    replaced_b_last = np.zeros(t_a.shape, dtype=bool)
    t_mid = (t_a + t_b) / 2.0
    lat_mid = np.zeros_like(t_a)
    for _ in range(_CROSSING_ITERATIONS):
        t_mid = np.where(f_b != f_a, t_b - f_b * (t_b - t_a) / (f_b - f_a), (t_a + t_b) / 2.0)
        raw_lon, lat_mid = curve(t_mid)
        # Lift the new sample onto the sheet of its bracket before comparing.
        f_mid = _wrap180(raw_lon - lon_a) + lon_a - meridian
        if np.all(np.abs(f_mid) <= _CROSSING_TOLERANCE_DEG):
            break
        replace_a = np.sign(f_mid) == np.sign(f_a)
        # Illinois: an end kept twice running has its value halved, so the bracket closes from both.
        f_b = np.where(replace_a & replaced_a_last, f_b / 2.0, f_b)
        f_a = np.where(~replace_a & replaced_b_last, f_a / 2.0, f_a)
        t_a, f_a = np.where(replace_a, t_mid, t_a), np.where(replace_a, f_mid, f_a)
        t_b, f_b = np.where(replace_a, t_b, t_mid), np.where(replace_a, f_b, f_mid)
        replaced_a_last, replaced_b_last = replace_a, ~replace_a
    return t_mid, lat_mid
