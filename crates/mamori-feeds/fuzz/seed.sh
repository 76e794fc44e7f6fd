#!/bin/sh
# Fills the git-ignored corpus directories from the shared data (never committed).
set -e
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../../../../shared/data"
mkdir -p "$here/corpus/read_osv" "$here/corpus/read_nvd" "$here/corpus/read_cve5"
find "$data/advisories/ghsa-sample-via-index" -name '*.json' -exec cp {} "$here/corpus/read_osv/" \;
find "$data/advisories/pypa-advisory-database" -name '*.yaml' | head -200 | while read -r f; do cp "$f" "$here/corpus/read_osv/"; done
find "$data/advisories/golang-vulndb" -name '*.json' | head -200 | while read -r f; do cp "$f" "$here/corpus/read_osv/"; done
find "$data/advisories/rustsec-osv" -name '*.json' | head -200 | while read -r f; do cp "$f" "$here/corpus/read_osv/"; done
find "$data/nvd-cve-api-2.0-samples" -name '*.json' ! -name 'cvss-v*' | while read -r f; do cp "$f" "$here/corpus/read_nvd/$(echo "$f" | md5sum | cut -c1-16).json"; done
find "$data/cve-records" -name '*.json' | head -300 | while read -r f; do cp "$f" "$here/corpus/read_cve5/"; done
mkdir -p "$here/corpus/read_kev" "$here/corpus/read_epss" "$here/corpus/read_jvn" "$here/corpus/read_csaf"
# The KEV catalog is large: its head (a cut-off catalog is a case worth having) and the hand-made fixtures.
head -c 6000 "$data/kev/known_exploited_vulnerabilities.json" > "$here/corpus/read_kev/kev-head.json"
cp "$here"/../tests/fixtures/kev/*.json "$here/corpus/read_kev/"
cp "$here"/../tests/fixtures/epss/*.csv "$here/corpus/read_epss/"
gzip -c "$here/../tests/fixtures/epss/small.csv" > "$here/corpus/read_epss/small.csv.gz"
find "$data/jvn" -name '*.xml' | while read -r f; do cp "$f" "$here/corpus/read_jvn/"; done
cp "$here"/../tests/fixtures/jvn/*.xml "$here/corpus/read_jvn/"
find "$data/csaf/cisagov-icsma" "$data/csaf/oasis-csaf/csaf_2.0/examples/csaf" -name '*.json' -size -64k | while read -r f; do cp "$f" "$here/corpus/read_csaf/"; done
cp "$here"/../tests/fixtures/csaf/*.json "$here"/../tests/fixtures/csaf/bad/*.json "$here/corpus/read_csaf/"
