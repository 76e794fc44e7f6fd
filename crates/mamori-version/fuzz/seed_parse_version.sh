#!/bin/sh
# Fills the git-ignored corpus/parse_version/ with versions from the shared
# ordering data (read at run time, never committed): each seed is a scheme
# byte followed by the two sides of one "A op B" line.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../../../../shared/data/version-ordering/osv-scalibr-semantic/semantic/testdata"
out="$here/corpus/parse_version"
mkdir -p "$out"
[ -d "$data" ] || { echo "notice: $data absent; empty corpus"; exit 0; }
python3 - "$data" "$out" <<'PY'
import os, sys, hashlib
data, out = sys.argv[1], sys.argv[2]
# Index into Scheme::ALL: Semver, Npm, Cargo, Go, PyPI, Maven, NuGet,
# RubyGems, Packagist, Pub, Hex, Debian, Rpm, Alpine, Cran, Hackage, Generic.
files = {"semver": [0, 1, 2, 3, 10, 16], "pypi": [4], "maven": [5], "nuget": [6],
         "rubygems": [7], "packagist": [8], "pub": [9], "debian": [11],
         "redhat": [12], "alpine": [13], "cran": [14], "hackage": [15]}
n = 0
for name in sorted(os.listdir(data)):
    schemes = files.get(name.split("-versions")[0], [16])
    lines = [l.split(" ") for l in open(os.path.join(data, name), encoding="utf-8")]
    pairs = [(p[0], p[2].strip()) for p in lines if len(p) == 3][:400]
    for a, b in pairs:
        for s in schemes:
            blob = bytes([s]) + (a + "\n" + b).encode()
            with open(os.path.join(out, hashlib.sha1(blob).hexdigest()), "wb") as fh:
                fh.write(blob)
            n += 1
print(n, "seeds")
PY
