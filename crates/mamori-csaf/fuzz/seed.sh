#!/bin/sh
# Copies seed documents from the shared CSAF data into the git-ignored corpus folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../../../../shared/data/csaf"
out="$here/corpus/validate"
mkdir -p "$out"
find "$data/oasis-csaf/csaf_2.0/test/validator/data" "$data/oasis-csaf/csaf_2.0/examples/csaf" "$data/cisagov-icsma" \
    -name '*.json' -size -200k -exec cp {} "$out/" \;
# The human-readable renderer reads the same documents.
mkdir -p "$here/corpus/human"
cp "$out"/*.json "$here/corpus/human/"
# Armored keys and signatures: a key and a signature made by the crate's tests, if present.
mkdir -p "$here/corpus/openpgp_armored"
find "$here/../tests" -name '*.asc' -exec cp {} "$here/corpus/openpgp_armored/" \; 2>/dev/null || true
printf -- '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEAAAAABYJKwYBBAHaRw8BAQdA\n-----END PGP PUBLIC KEY BLOCK-----\n' > "$here/corpus/openpgp_armored/truncated.asc"
# VEX from suppliers: CycloneDX, OpenVEX and CSAF, plus the reader's own fixtures.
vex="$here/corpus/vex_in"
mkdir -p "$vex"
shared="$here/../../../../shared/data"
find "$shared/cyclonedx/bom-examples/VEX" "$shared/openvex/go-vex/pkg/vex/testdata" "$shared/openvex/spec/extracted-examples" \
    "$data/oasis-csaf/csaf_2.0/examples/csaf" "$data/cisagov-icsma" "$here/../tests/fixtures/vex_in" \
    -name '*.json' -size -200k -exec cp {} "$vex/" \;
ls "$out" | wc -l
