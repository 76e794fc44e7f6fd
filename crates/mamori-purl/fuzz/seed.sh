#!/usr/bin/env bash
# Fills the git-ignored corpus folders from the shared data: every purl in
# the purl-spec test suite, and every CPE in the NVD samples and JVN files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="$here/../../../../shared/data"
if [ ! -d "$data" ]; then
    echo "notice: $data is absent; corpora left empty" >&2
    exit 0
fi
mkdir -p "$here/corpus/parse_purl" "$here/corpus/parse_cpe"
n=0
grep -rhoE '"pkg:[^"]*"' "$data/purl-spec/tests" "$data/purl-spec/legacy-test-suite-data" \
    | tr -d '"' | sort -u | while IFS= read -r p; do
    n=$((n + 1))
    printf '%s' "$p" > "$here/corpus/parse_purl/seed-$n"
done
n=0
grep -rhoE '"cpe:[^"]*"' "$data/nvd-cve-api-2.0-samples" "$data/jvn" \
    | tr -d '"' | sed 's/\\\\/\\/g' | sort -u | while IFS= read -r c; do
    n=$((n + 1))
    printf '%s' "$c" > "$here/corpus/parse_cpe/seed-$n"
done
echo "seeded $(ls "$here/corpus/parse_purl" | wc -l) purls and $(ls "$here/corpus/parse_cpe" | wc -l) CPEs"
