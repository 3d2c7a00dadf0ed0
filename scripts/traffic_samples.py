"""Rebuild tests/data/traffic: sample flights of the `traffic` library, exported by traffic itself.

traffic is not a dependency of rangemap (it pulls some 290 MB of wheels and, at 2.13, needs
pandas < 3), so these files are made once in a scratch environment and kept:

    python3 -m venv /tmp/traffic-venv
    /tmp/traffic-venv/bin/pip install traffic "pandas<3"
    /tmp/traffic-venv/bin/python scripts/traffic_samples.py

Each export is traffic's own (Flight.to_csv, Traffic.to_csv, Flight.__geo_interface__), on its
bundled samples resampled so the files stay small.
"""

from __future__ import annotations

import json
from pathlib import Path

from traffic.data.samples import belevingsvlucht, quickstart

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "data" / "traffic"


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    flight = belevingsvlucht.resample("20s")
    flight.to_csv(FOLDER / "belevingsvlucht.csv")
    (FOLDER / "belevingsvlucht-geometry.json").write_text(
        json.dumps(flight.__geo_interface__), encoding="utf-8"
    )
    three = quickstart[:3].resample("60s").eval()
    three.to_csv(FOLDER / "quickstart-three-flights.csv")


if __name__ == "__main__":
    main()
