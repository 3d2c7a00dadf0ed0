#!/usr/bin/env bash
# Rebuild basemaps/data from the npm package world-atlas (Natural Earth as TopoJSON).
set -euo pipefail
version="${1:-2.0.2}"
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack "world-atlas@${version}" >/dev/null
tar xzf "world-atlas-${version}.tgz"
for name in land-50m countries-50m land-110m countries-110m; do
  cp "package/${name}.json" "${here}/basemaps/data/${name}.json"
done
cp package/LICENSE "${here}/basemaps/data/LICENSE-world-atlas"
echo "basemaps/data rebuilt from world-atlas@${version}"
