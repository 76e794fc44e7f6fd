//! Generators of large inputs shaped like real ones, for benchmarks (never for tests' expectations).
//!
//! The SBOM generator follows the shape of real cdxgen / trivy CycloneDX output
//! (see `../shared/data/sboms-real`): one component per package with a purl
//! as bom-ref, a SHA-256 hash, a license, properties, evidence, and a
//! `dependencies` graph where each package depends on a few earlier ones.
//! Determinism matters more than randomness: the same arguments always give the
//! same bytes, so figures are comparable across runs.

#![forbid(unsafe_code)]

pub mod cpe;
pub mod impact;
pub mod monitor;
pub mod nvd;
pub mod scan;

use serde_json::{Value, json};

/// A small deterministic generator (SplitMix64), enough for shaping data.
pub struct Rng(u64);

impl Rng {
    /// Seeds the generator.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
}

const ECOSYSTEMS: [(&str, &str); 6] = [
    ("cargo", ""),
    ("npm", ""),
    ("pypi", ""),
    ("maven", "org.example"),
    ("golang", "github.com/example"),
    ("deb", "debian"),
];
const LICENSES: [&str; 6] = [
    "MIT",
    "Apache-2.0",
    "BSD-3-Clause",
    "ISC",
    "MPL-2.0",
    "GPL-2.0-only",
];

fn purl(ty: &str, ns: &str, name: &str, version: &str) -> String {
    match (ty, ns) {
        (_, "") => format!("pkg:{ty}/{name}@{version}"),
        ("deb", ns) => format!("pkg:deb/{ns}/{name}@{version}?arch=amd64&distro=debian-12"),
        (_, ns) => format!("pkg:{ty}/{ns}/{name}@{version}"),
    }
}

/// A CycloneDX 1.6 JSON SBOM with `n` components. `variant` shifts versions of
/// about 2% of the packages and swaps 1% of them for others, so two variants
/// make a realistic pair for `sbom diff`.
pub fn cyclonedx(n: usize, variant: u64) -> Vec<u8> {
    let mut rng = Rng::new(0x6d61_6d6f_7269);
    let mut vrng = Rng::new(variant.wrapping_mul(7919).wrapping_add(1));
    let mut components = Vec::with_capacity(n);
    let mut dependencies = Vec::with_capacity(n + 1);
    let mut refs: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        let (ty, ns) = ECOSYSTEMS[(rng.below(100) as usize * ECOSYSTEMS.len()) / 100];
        let mut name = format!("pkg-{i:06}-{}", rng.below(1000));
        let (major, minor, mut patch) = (rng.below(5), rng.below(30), rng.below(20));
        if variant != 0 {
            match vrng.below(100) {
                0 | 1 => patch += 1 + vrng.below(3),
                2 => name = format!("pkg-{i:06}-v{variant}"),
                _ => {}
            }
        }
        let version = format!("{major}.{minor}.{patch}");
        let p = purl(ty, ns, &name, &version);
        let hash = format!(
            "{:016x}{:016x}{:016x}{:016x}",
            rng.next_u64(),
            rng.next_u64(),
            rng.next_u64(),
            rng.next_u64()
        );
        let mut c = json!({
            "type": "library",
            "bom-ref": p,
            "name": name,
            "version": version,
            "purl": p,
            "hashes": [{"alg": "SHA-256", "content": hash}],
            "licenses": [{"license": {"id": LICENSES[rng.below(LICENSES.len() as u64) as usize]}}],
            "properties": [{"name": "SrcFile", "value": "Cargo.lock"}],
            "evidence": {"identity": [{"field": "purl", "confidence": 0.6, "methods": [{"technique": "manifest-analysis", "confidence": 0.6, "value": "Cargo.lock"}]}]},
        });
        if !ns.is_empty() && ty != "deb" {
            c["group"] = json!(ns);
        }
        if rng.below(3) == 0 {
            c["supplier"] = json!({"name": format!("Supplier {}", rng.below(200))});
        }
        // Each package depends on up to four earlier ones, as lockfiles do.
        let deps: Vec<Value> = (0..rng.below(5))
            .filter(|_| i > 0)
            .map(|_| json!(refs[rng.below(i as u64) as usize]))
            .collect();
        let mut uniq: Vec<Value> = Vec::with_capacity(deps.len());
        for d in deps {
            if !uniq.contains(&d) {
                uniq.push(d);
            }
        }
        dependencies.push(json!({"ref": p, "dependsOn": uniq}));
        refs.push(p);
        components.push(c);
    }
    let root_deps: Vec<Value> = refs.iter().step_by(50).map(|r| json!(r)).collect();
    dependencies.push(json!({"ref": "device-firmware", "dependsOn": root_deps}));
    let bom = json!({
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": format!("urn:uuid:3e671687-395b-41f5-a30f-{:012x}", variant),
        "version": 1,
        "metadata": {
            "timestamp": "2026-11-25T00:00:00Z",
            "authors": [{"name": "Example Medical PSIRT", "email": "psirt@example.com"}],
            "tools": {"components": [{"type": "application", "name": "mamori-bench", "version": "1"}]},
            "lifecycles": [{"phase": "build"}],
            "component": {"type": "firmware", "bom-ref": "device-firmware", "name": "IP-200 firmware", "version": format!("3.{variant}"), "purl": "pkg:generic/example/ip-200-firmware@3.1"},
        },
        "components": components,
        "dependencies": dependencies,
        "compositions": [{"aggregate": "complete", "assemblies": ["device-firmware"]}],
    });
    serde_json::to_vec(&bom).unwrap_or_default()
}
