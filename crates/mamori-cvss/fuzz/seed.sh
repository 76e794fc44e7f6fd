#!/bin/sh
# Fills the git-ignored corpus of parse_cvss with one file per vector of Red Hat's CVSS test data.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../../../../shared/data/cvss/redhat-cvss/tests"
corpus="$here/corpus/parse_cvss"
if [ ! -d "$data" ]; then
    echo "notice: $data is absent; no seeds" >&2
    exit 0
fi
mkdir -p "$corpus"
n=0
for f in "$data"/vectors_*; do
    while IFS= read -r line; do
        vector=${line%% - *}
        [ -n "$vector" ] || continue
        n=$((n + 1))
        printf '%s' "$vector" > "$corpus/seed-$n"
    done < "$f"
done
echo "$n seeds in $corpus"
