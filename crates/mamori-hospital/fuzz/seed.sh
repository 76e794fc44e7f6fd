#!/bin/sh
# Fills the git-ignored corpora with the crate's own fixtures (there is no installed-base data in shared/).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fixtures="$here/../tests/fixtures"
mkdir -p "$here/corpus/parse_csv" "$here/corpus/parse_xlsx"
n=0
for f in "$fixtures"/*/input.csv; do
    n=$((n + 1))
    cp "$f" "$here/corpus/parse_csv/seed-$n.csv"
done
for f in "$fixtures"/*/input.xlsx; do
    n=$((n + 1))
    cp "$f" "$here/corpus/parse_xlsx/seed-$n.xlsx"
done
echo "$n seeds in $here/corpus"
