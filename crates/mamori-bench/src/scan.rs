//! SBOMs for the scan benchmark, drawn from the packages that real OSV advisory files name.
//!
//! Both scanners must find real matches in the same data for a side-by-side
//! figure to mean anything, so every component is a package some advisory
//! names, at a version taken from that advisory's own ranges: versions the
//! ranges list or start at (affected), the version just below a fix
//! (affected), and the fixed versions and versions above them (unaffected).
//! The result is CycloneDX 1.5 JSON (Trivy reads 1.5) with real purls.
//! Deterministic: the same files and arguments always give the same bytes.

use crate::Rng;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One package named by the advisories, with versions drawn from their ranges.
#[derive(Clone, Debug, Default)]
pub struct Package {
    /// The purl type (`cargo`, `golang`, `pypi`, `npm`, `maven`, `gem`, `composer`, `nuget`).
    pub purl_type: &'static str,
    /// The name as the advisory writes it.
    pub name: String,
    /// Versions the advisories' ranges say are affected.
    pub affected: BTreeSet<String>,
    /// Fixed versions (usually not affected).
    pub fixed: BTreeSet<String>,
    /// Whether some range has no end (no fix, no last affected version), so
    /// that no version of the package is known to be unaffected.
    pub open_ended: bool,
}

fn purl_type(ecosystem: &str) -> Option<&'static str> {
    Some(match ecosystem {
        "crates.io" => "cargo",
        "Go" => "golang",
        "PyPI" => "pypi",
        "npm" => "npm",
        "Maven" => "maven",
        "RubyGems" => "gem",
        "Packagist" => "composer",
        "NuGet" => "nuget",
        _ => return None,
    })
}

/// The `.json` files under `dir`, sorted so the result does not depend on the file system.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    if dir.is_file() {
        out.push(dir.to_path_buf());
    } else {
        walk(dir, &mut out);
    }
    out.sort();
    out
}

/// The version just below `v` in a plain dotted numeric version (`1.2.0` gives
/// `1.1.9`), so that it falls inside an `introduced: 0` range fixed at `v`.
fn predecessor(v: &str) -> Option<String> {
    let (prefix, body) = v.strip_prefix('v').map_or(("", v), |b| ("v", b));
    let mut parts: Vec<u64> = body
        .split('.')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let k = parts.iter().rposition(|&p| p > 0)?;
    parts[k] -= 1;
    for p in &mut parts[k + 1..] {
        *p = 9;
    }
    let s: Vec<String> = parts.iter().map(u64::to_string).collect();
    Some(format!("{prefix}{}", s.join(".")))
}

/// A plain dotted numeric version `k` patch releases above `v`, to pad
/// packages with unaffected versions when the SBOM needs more components.
pub fn above(v: &str, k: u64) -> Option<String> {
    let (prefix, body) = v.strip_prefix('v').map_or(("", v), |b| ("v", b));
    let mut parts: Vec<u64> = body
        .split('.')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    *parts.last_mut()? += k;
    let s: Vec<String> = parts.iter().map(u64::to_string).collect();
    Some(format!("{prefix}{}", s.join(".")))
}

/// The highest of the plain dotted numeric versions among `versions`, compared as numbers.
pub fn highest<'a>(versions: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    let key = |v: &str| -> Option<Vec<u64>> {
        v.strip_prefix('v')
            .unwrap_or(v)
            .split('.')
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()
    };
    versions
        .filter_map(|v| key(v).map(|k| (k, v)))
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, v)| v)
}

/// Reads the packages the OSV JSON files under `dirs` name (withdrawn records
/// skipped; Go's `stdlib` and `toolchain` pseudo-modules skipped, since
/// neither appears as a module in an SBOM).
pub fn packages(dirs: &[PathBuf]) -> Vec<Package> {
    let mut by_key: BTreeMap<(&'static str, String), Package> = BTreeMap::new();
    for dir in dirs {
        for f in json_files(dir) {
            let Ok(bytes) = std::fs::read(&f) else {
                continue;
            };
            let Ok(v) = serde_json::from_slice::<Value>(&bytes) else {
                continue;
            };
            if v.get("withdrawn").is_some_and(|w| !w.is_null()) {
                continue;
            }
            let Some(affected) = v.get("affected").and_then(Value::as_array) else {
                continue;
            };
            for a in affected {
                let eco = a.pointer("/package/ecosystem").and_then(Value::as_str);
                let name = a.pointer("/package/name").and_then(Value::as_str);
                let (Some(ty), Some(name)) = (eco.and_then(purl_type), name) else {
                    continue;
                };
                if ty == "golang" && !name.contains('/') {
                    continue;
                }
                let p = by_key
                    .entry((ty, name.to_owned()))
                    .or_insert_with(|| Package {
                        purl_type: ty,
                        name: name.to_owned(),
                        ..Package::default()
                    });
                for ver in a
                    .get("versions")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    p.affected.insert(ver.to_owned());
                }
                for r in a
                    .get("ranges")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if !matches!(
                        r.get("type").and_then(Value::as_str),
                        Some("SEMVER" | "ECOSYSTEM")
                    ) {
                        continue;
                    }
                    let events = r.get("events").and_then(Value::as_array);
                    let ends = events
                        .into_iter()
                        .flatten()
                        .any(|e| e.get("fixed").is_some() || e.get("last_affected").is_some());
                    p.open_ended |= !ends;
                    for e in events.into_iter().flatten() {
                        if let Some(i) = e.get("introduced").and_then(Value::as_str)
                            && i != "0"
                        {
                            p.affected.insert(i.to_owned());
                        }
                        if let Some(l) = e.get("last_affected").and_then(Value::as_str) {
                            p.affected.insert(l.to_owned());
                        }
                        if let Some(f) = e.get("fixed").and_then(Value::as_str) {
                            p.fixed.insert(f.to_owned());
                            if let Some(b) = predecessor(f) {
                                p.affected.insert(b);
                            }
                        }
                    }
                }
            }
        }
    }
    by_key
        .into_values()
        .filter(|p| !p.affected.is_empty() || !p.fixed.is_empty())
        .collect()
}

/// The package URL of `name@version` in the purl type's own layout.
pub fn purl(ty: &str, name: &str, version: &str) -> String {
    let enc = |s: &str| s.replace('@', "%40").replace(' ', "%20");
    let version = enc(version);
    match ty {
        "golang" => {
            let v = if version.starts_with('v') {
                version
            } else {
                format!("v{version}")
            };
            format!("pkg:golang/{name}@{v}")
        }
        "maven" => match name.split_once(':') {
            Some((g, a)) => format!("pkg:maven/{g}/{a}@{version}"),
            None => format!("pkg:maven/{name}@{version}"),
        },
        "pypi" => format!(
            "pkg:pypi/{}@{version}",
            name.to_lowercase().replace(['_', '.'], "-")
        ),
        "npm" => format!("pkg:npm/{}@{version}", enc(name)),
        _ => format!("pkg:{ty}/{name}@{version}"),
    }
}

/// What [`cyclonedx`] made.
pub struct Generated {
    /// The SBOM, CycloneDX 1.5 JSON.
    pub bytes: Vec<u8>,
    /// Components per purl type.
    pub by_type: BTreeMap<&'static str, usize>,
    /// Components at a version the advisories list as affected.
    pub affected_versions: usize,
}

/// A CycloneDX 1.5 SBOM of `n` components drawn from `packages`: in a
/// shuffled order, each package's affected and fixed versions in turn, then
/// versions above its highest fix, until `n` components are written. About
/// half the components of a large SBOM are therefore at affected versions
/// early on; later rounds add unaffected ones.
pub fn cyclonedx(packages: &[Package], n: usize) -> Generated {
    let mut rng = Rng::new(0x7363_616e);
    let mut order: Vec<usize> = (0..packages.len()).collect();
    for i in (1..order.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    // Per package: the versions to hand out, alternating affected and fixed.
    let mut queues: Vec<Vec<(String, bool)>> = order
        .iter()
        .map(|&i| {
            let p = &packages[i];
            let a: Vec<&String> = p.affected.iter().collect();
            let f: Vec<&String> = p
                .fixed
                .iter()
                .filter(|v| !p.affected.contains(*v))
                .collect();
            let mut q = Vec::with_capacity(a.len() + f.len());
            for k in 0..a.len().max(f.len()) {
                if let Some(v) = a.get(k) {
                    q.push(((*v).clone(), true));
                }
                if let Some(v) = f.get(k) {
                    q.push(((*v).clone(), false));
                }
            }
            q.reverse();
            q
        })
        .collect();
    let mut components = Vec::with_capacity(n);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut by_type: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut affected_versions = 0;
    let mut round: u64 = 0;
    'outer: while components.len() < n && !order.is_empty() {
        round += 1;
        let mut progressed = false;
        for (slot, &i) in order.iter().enumerate() {
            if components.len() >= n {
                break 'outer;
            }
            let p = &packages[i];
            let (version, affected) = match queues[slot].pop() {
                Some(x) => x,
                None => {
                    let Some(v) =
                        highest(p.fixed.iter().chain(&p.affected)).and_then(|v| above(v, round))
                    else {
                        continue;
                    };
                    (v, false)
                }
            };
            let purl = purl(p.purl_type, &p.name, &version);
            if !seen.insert(purl.clone()) {
                continue;
            }
            progressed = true;
            *by_type.entry(p.purl_type).or_default() += 1;
            affected_versions += usize::from(affected);
            let (group, name) = match p.purl_type {
                "maven" => p.name.split_once(':').unwrap_or(("", &p.name)),
                _ => ("", p.name.as_str()),
            };
            let mut c = json!({
                "type": "library",
                "bom-ref": purl,
                "name": name,
                "version": version,
                "purl": purl,
            });
            if !group.is_empty() {
                c["group"] = json!(group);
            }
            components.push(c);
        }
        if !progressed && round > 64 {
            break;
        }
    }
    let bom = json!({
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "serialNumber": format!("urn:uuid:5ca1ab1e-0000-4000-8000-{:012x}", n),
        "version": 1,
        "metadata": {
            "timestamp": "2026-11-25T00:00:00Z",
            "tools": {"components": [{"type": "application", "name": "mamori-bench", "version": "1"}]},
            "component": {"type": "application", "bom-ref": "bench-app", "name": "bench-app", "version": "1.0.0"},
        },
        "components": components,
    });
    Generated {
        bytes: serde_json::to_vec_pretty(&bom).unwrap_or_default(),
        by_type,
        affected_versions,
    }
}

/// `gen-scan-sbom N OUT --advisories DIR [--advisories DIR…]`: writes the SBOM
/// and prints what it holds on stderr.
pub fn gen_cmd(args: &[String]) -> anyhow::Result<()> {
    use anyhow::Context;
    let mut pos = Vec::new();
    let mut dirs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--advisories" {
            dirs.push(PathBuf::from(it.next().context("--advisories DIR")?));
        } else {
            pos.push(a);
        }
    }
    let usage = "usage: mamori-bench gen-scan-sbom N OUT --advisories DIR [--advisories DIR...]";
    let n: usize = pos.first().context(usage)?.parse().context("N")?;
    let out = pos.get(1).context(usage)?;
    anyhow::ensure!(!dirs.is_empty(), "{usage}");
    let pkgs = packages(&dirs);
    anyhow::ensure!(!pkgs.is_empty(), "no OSV packages under {dirs:?}");
    let g = cyclonedx(&pkgs, n);
    std::fs::write(out, &g.bytes).with_context(|| format!("{out}: cannot write"))?;
    let written: usize = g.by_type.values().sum();
    eprintln!(
        "{out}: {written} components from {} advisory packages ({} at versions the advisories call affected); by type {:?}",
        pkgs.len(),
        g.affected_versions,
        g.by_type
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_neighbours() {
        let cases = [
            ("1.2.3", Some("1.2.2")),
            ("1.2.0", Some("1.1.9")),
            ("v2.0.0", Some("v1.9.9")),
            ("0.0.0", None),
            ("1.0.0-rc1", None),
        ];
        for (v, want) in cases {
            assert_eq!(predecessor(v).as_deref(), want, "{v}");
        }
        assert_eq!(above("1.2.3", 2).as_deref(), Some("1.2.5"));
        assert_eq!(above("1.2.x", 2), None);
        let vs: Vec<String> = ["9.1", "10.2", "v10.10", "2.0rc1"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(highest(vs.iter()).map(String::as_str), Some("v10.10"));
    }

    #[test]
    fn purls_follow_each_type() {
        let cases = [
            (
                "golang",
                "github.com/a/b",
                "1.2.3",
                "pkg:golang/github.com/a/b@v1.2.3",
            ),
            ("maven", "org.x:y", "1.0", "pkg:maven/org.x/y@1.0"),
            ("pypi", "Foo_Bar", "1.0", "pkg:pypi/foo-bar@1.0"),
            ("npm", "@s/p", "1.0.0", "pkg:npm/%40s/p@1.0.0"),
            ("cargo", "serde", "1.0.0", "pkg:cargo/serde@1.0.0"),
        ];
        for (ty, name, v, want) in cases {
            assert_eq!(purl(ty, name, v), want);
        }
    }
}
