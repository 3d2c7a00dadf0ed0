#!/usr/bin/env bash
# Rebuild basemaps/data from the npm package world-atlas (Natural Earth as TopoJSON): land and
# country borders cut at the antimeridian, as compressed WKB (scripts/build_basemaps.py).
set -euo pipefail
version="${1:-2.0.2}"
here="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-${here}/.venv/bin/python}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack "world-atlas@${version}" >/dev/null
tar xzf "world-atlas-${version}.tgz"
"$python" "${here}/scripts/build_basemaps.py" "$work/package"
cp package/LICENSE "${here}/basemaps/data/LICENSE-world-atlas"
echo "basemaps/data rebuilt from world-atlas@${version}"
