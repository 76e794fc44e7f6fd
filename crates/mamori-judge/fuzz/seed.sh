#!/bin/sh
# Fills the git-ignored corpora with the crate's own tables and fixtures, and any TOML in shared/data.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
crate="$here/.."
data="$here/../../../../shared/data"
mkdir -p "$here/corpus/rubric_from_toml" "$here/corpus/policy_from_toml"
cp "$crate/rubric/mitre-2020.toml" "$here/corpus/rubric_from_toml/mitre-2020.toml"
cp "$crate/tests/fixtures/rubric-tiny-valid.toml" "$here/corpus/rubric_from_toml/tiny.toml"
for f in "$crate"/tests/fixtures/rubric-invalid/*.toml; do
    cp "$f" "$here/corpus/rubric_from_toml/invalid-$(basename "$f")"
done
cp "$crate/config/priority-default.toml" "$here/corpus/policy_from_toml/priority.toml"
cp "$crate/config/regulatory-default.toml" "$here/corpus/policy_from_toml/regulatory.toml"
if [ -d "$data" ]; then
    find "$data" -name '*.toml' -size -64k 2>/dev/null | head -50 | while read -r f; do
        cp "$f" "$here/corpus/policy_from_toml/shared-$(echo "$f" | tr '/' '_')"
    done
else
    echo "notice: $data is absent; crate seeds only" >&2
fi
echo "seeded $(ls "$here/corpus/rubric_from_toml" | wc -l) rubric and $(ls "$here/corpus/policy_from_toml" | wc -l) policy inputs"
