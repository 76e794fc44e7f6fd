#!/bin/sh
# Fills the git-ignored corpora: the built-in form files, and answers written from them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/corpus/form_toml" "$here/corpus/answers"
cp "$here"/../forms/*.toml "$here/corpus/form_toml/"
printf '{"MPII-1": {"answer": "yes", "note": "患者名"}, "MPII-2": {"answer": "see_note", "note": ""}}' > "$here/corpus/answers/seed-1.json"
printf '{"X": {"answer": "n/a"}}' > "$here/corpus/answers/seed-2.json"
find "$here/../tests" -name '*.json' -exec cp {} "$here/corpus/answers/" \; 2>/dev/null || true
ls "$here/corpus/form_toml" "$here/corpus/answers" | wc -l
