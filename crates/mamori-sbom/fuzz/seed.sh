#!/bin/sh
# Fills the git-ignored corpus directories from the shared data (never committed).
set -e
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../../../../shared/data"
mkdir -p "$here/corpus/read_spdx_json" "$here/corpus/read_spdx_tag_value"
find "$data/spdx-2.3" "$data/sboms-real" -name '*.json' ! -name '*spdx3*' ! -name '*schema*' -exec grep -l spdxVersion {} + \
  | while read -r f; do cp "$f" "$here/corpus/read_spdx_json/$(echo "$f" | md5sum | cut -c1-16).json"; done
find "$data/spdx-2.3" -name '*.spdx' | while read -r f; do cp "$f" "$here/corpus/read_spdx_tag_value/$(echo "$f" | md5sum | cut -c1-16).spdx"; done
cp "$here"/../tests/fixtures/spdx/*.json "$here"/../tests/fixtures/spdx/bad/*.json "$here/corpus/read_spdx_json/" 2>/dev/null || true
cp "$here"/../tests/fixtures/spdx/*.spdx "$here"/../tests/fixtures/spdx/bad/*.spdx "$here/corpus/read_spdx_tag_value/" 2>/dev/null || true
mkdir -p "$here/corpus/read_cyclonedx_xml"
find "$data/cyclonedx/spec/tools/src/test/resources" "$data/cyclonedx/bom-examples" "$data/cyclonedx/real-world" -name '*.xml' -size -300k \
  | while read -r f; do cp "$f" "$here/corpus/read_cyclonedx_xml/$(echo "$f" | md5sum | cut -c1-16).xml"; done
mkdir -p "$here/corpus/read_cyclonedx_json"
find "$data/cyclonedx/spec/tools/src/test/resources" "$data/cyclonedx/bom-examples" "$data/cyclonedx/real-world" -name '*.json' -size -300k \
  | while read -r f; do cp "$f" "$here/corpus/read_cyclonedx_json/$(echo "$f" | md5sum | cut -c1-16).json"; done
cp "$here"/../tests/fixtures/cyclonedx-json/bad/*.json "$here/corpus/read_cyclonedx_json/" 2>/dev/null || true
# CycloneDX 1.7: today's tool output (cdxgen 12, trivy 0.76) and the 1.7 fixture, also
# in their own corpora so a run can stay on 1.7.
find "$data/sboms-real" -name '*.cdx.json' -exec cp {} "$here/corpus/read_cyclonedx_json/" \;
cp "$here"/../tests/fixtures/cyclonedx-json/v1_7/*.json "$here/corpus/read_cyclonedx_json/"
mkdir -p "$here/corpus/read_cyclonedx_json-1.7" "$here/corpus/read_cyclonedx_xml-1.7"
cp "$data"/cyclonedx/spec/tools/src/test/resources/1.7/*.json "$data"/sboms-real/*.cdx.json \
  "$here"/../tests/fixtures/cyclonedx-json/v1_7/*.json "$here/corpus/read_cyclonedx_json-1.7/"
cp "$data"/cyclonedx/spec/tools/src/test/resources/1.7/*.xml "$here/corpus/read_cyclonedx_xml-1.7/"
