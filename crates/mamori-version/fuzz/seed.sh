#!/bin/sh
# Fills the git-ignored corpus/parse_range/ with range strings from the
# shared test data (read at run time, never committed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../../../../shared/data/version-ordering"
out="$here/corpus/parse_range"
mkdir -p "$out"
[ -d "$data" ] || { echo "notice: $data absent; empty corpus"; exit 0; }
python3 - "$data" "$out" <<'PY'
import json, sys, os, glob, hashlib
data, out = sys.argv[1], sys.argv[2]
seeds = set()
for f in glob.glob(data + "/node-semver/fixtures-json/range-*.json"):
    for c in json.load(open(f)):
        if isinstance(c, list) and c and isinstance(c[0], str):
            seeds.add(c[0] + ("\n" + c[1] if len(c) > 1 and isinstance(c[1], str) else ""))
for f in glob.glob(data + "/univers/tests/data/schema/range/**/*.json", recursive=True):
    for c in json.load(open(f)):
        i = c.get("input", {})
        for k in ("native_range", "vers"):
            if isinstance(i.get(k), str):
                seeds.add(i[k])
        if isinstance(c.get("expected_output"), str):
            seeds.add(c["expected_output"])
spec = json.load(open(data + "/pypa-packaging/test_specifiers.extracted.json"))
for s in spec["module_literals"].get("SPECIFIERS", []):
    seeds.add(s)
for p in spec["parametrize"]:
    for row in p.get("cases") or []:
        if isinstance(row, list) and len(row) >= 2 and all(isinstance(x, str) for x in row[:2]):
            seeds.add(row[0] + "\n" + row[1])
for s in ["[1.0,2.0)", "(,1.0],[1.2,)", "[1.2]", "~> 2.0.8, >= 2.0.9", "^1.2.3 || ~2.0@dev",
          "1.0 - 2.0", "<=06.08.00.00", ">= 1.0 < 2.0", "prior to 3.1", "all versions",
          "0,1.2.3,1.5,2.0", "vers:deb/>=1:1.0|<2.0"]:
    seeds.add(s)
for s in seeds:
    name = hashlib.sha1(s.encode()).hexdigest()
    with open(os.path.join(out, name), "w") as fh:
        fh.write(s)
print(len(seeds), "seeds")
PY
