#!/bin/sh
# Copies seed documents from the shared CSAF data into the git-ignored corpus folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../../../../shared/data/csaf"
out="$here/corpus/validate"
mkdir -p "$out"
find "$data/oasis-csaf/csaf_2.0/test/validator/data" "$data/oasis-csaf/csaf_2.0/examples/csaf" "$data/cisagov-icsma" \
    -name '*.json' -size -200k -exec cp {} "$out/" \;
ls "$out" | wc -l
