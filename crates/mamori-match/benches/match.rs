//! Matching speed: 50,000 purl components against all shared OSV data, and 1,000 CPE-only components against 360,000 synthetic NVD records.
//!
//! The NVD set is generated (the shared samples have 41 records): each record
//! has one configuration shaped like the samples — an OR node of 1–4
//! `cpeMatch` entries on one vendor:product with version bounds or an exact
//! version, and for one record in five an AND with a running-on OS node.

use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use mamori_match::{ComponentIdentity, Environment, MatchPolicy, Scanner, VulnIndex};
use mamori_model::{
    CpeConfiguration, CpeMatch, CpeNode, Operator, Provenance, SourceKind, VulnId, Vulnerability,
};

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn load_osv() -> Vec<Vulnerability> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/advisories");
    let mut out = Vec::new();
    let mut stack = vec![base];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                if !p.ends_with("rustsec-advisory-db") {
                    stack.push(p);
                }
                continue;
            }
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if !(name.ends_with(".json") || name.ends_with(".yaml")) {
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            out.extend(mamori_feeds::osv::read(&name, &bytes).into_iter().flatten());
        }
    }
    out
}

fn purl_components(index: &VulnIndex, n: usize) -> Vec<ComponentIdentity> {
    let mut rng = Lcg(7);
    let mut names: Vec<(String, String)> = Vec::new();
    for r in index.records() {
        for p in &r.vulnerability().affected_packages {
            names.push((p.ecosystem.clone(), p.name.clone()));
        }
    }
    names.sort();
    names.dedup();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let i = rng.below(names.len() as u64 * 2) as usize;
        let (ty, name, version) = if i < names.len() {
            let (eco, name) = &names[i];
            let ty = match eco.as_str() {
                "crates.io" => "cargo",
                "PyPI" => "pypi",
                "Go" => "golang",
                "npm" => "npm",
                _ => continue,
            };
            let v = format!("{}.{}.{}", rng.below(4), rng.below(20), rng.below(10));
            let v = if ty == "golang" { format!("v{v}") } else { v };
            (ty, name.clone(), v)
        } else {
            // Packages no advisory names, as most of a real SBOM is.
            ("cargo", format!("unlisted-crate-{i}"), "1.0.0".to_owned())
        };
        let purl = format!("pkg:{ty}/{name}@{version}");
        if let Ok(c) = ComponentIdentity::from_purl(&purl) {
            out.push(c);
        }
    }
    out
}

fn synthetic_nvd(n: usize, products: usize) -> Vec<Vulnerability> {
    let mut rng = Lcg(11);
    let prov = Provenance {
        source: SourceKind::Nvd,
        file_name: "synthetic.json".to_owned(),
        sha256: [0; 32],
        imported: None,
    };
    (0..n)
        .map(|i| {
            let mut v = Vulnerability::new(
                VulnId::new(&format!("CVE-{}-{:05}", 2000 + i / 100_000, i % 100_000)).unwrap(),
                prov.clone(),
            );
            let p = rng.below(products as u64);
            let crit = |ver: &str| {
                format!(
                    "cpe:2.3:a:vendor{}:product{p}:{ver}:*:*:*:*:*:*:*",
                    p % 5000
                )
            };
            let matches = (0..1 + rng.below(4))
                .map(|_| {
                    let (a, b) = (rng.below(10), rng.below(10));
                    if rng.below(3) == 0 {
                        CpeMatch {
                            criteria: crit(&format!("{a}.{b}.{}", rng.below(10))),
                            vulnerable: true,
                            ..CpeMatch::default()
                        }
                    } else {
                        CpeMatch {
                            criteria: crit("*"),
                            vulnerable: true,
                            version_start_including: Some(format!("{a}.0")),
                            version_end_excluding: Some(format!("{a}.{b}.{}", rng.below(10))),
                            ..CpeMatch::default()
                        }
                    }
                })
                .collect();
            let mut cfg = CpeConfiguration {
                operator: None,
                negate: false,
                nodes: vec![CpeNode {
                    operator: Operator::Or,
                    negate: false,
                    matches,
                }],
            };
            if rng.below(5) == 0 {
                cfg.operator = Some(Operator::And);
                cfg.nodes.push(CpeNode {
                    operator: Operator::Or,
                    negate: false,
                    matches: vec![CpeMatch {
                        criteria: "cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*".to_owned(),
                        vulnerable: false,
                        ..CpeMatch::default()
                    }],
                });
            }
            v.cpe_configurations.push(cfg);
            v
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if !data.is_dir() {
        eprintln!("notice: {} is absent; no benchmarks", data.display());
        return;
    }
    let t = Instant::now();
    let osv = load_osv();
    let n_osv = osv.len();
    let t_read = t.elapsed();
    let t = Instant::now();
    let index = VulnIndex::new(osv);
    eprintln!(
        "OSV: {n_osv} records read in {t_read:?}, indexed in {:?}",
        t.elapsed()
    );
    let comps = purl_components(&index, 50_000);
    let scanner = Scanner::new(&index, MatchPolicy::default());
    let env = Environment::unknown();
    let found = scanner.scan(&comps, &env).findings.len();
    eprintln!("50,000 purl components: {found} findings");
    let mut g = c.benchmark_group("match");
    g.sample_size(10);
    g.bench_function("scan 50k purl components vs all shared OSV", |b| {
        b.iter(|| scanner.scan(&comps, &env))
    });

    let products = 60_000;
    let t = Instant::now();
    let nvd = synthetic_nvd(360_000, products);
    let t_gen = t.elapsed();
    let t = Instant::now();
    let nvd_index = VulnIndex::new(nvd);
    eprintln!(
        "NVD: 360,000 synthetic records generated in {t_gen:?}, indexed in {:?}",
        t.elapsed()
    );
    let mut rng = Lcg(3);
    let cpes: Vec<ComponentIdentity> = (0..1000)
        .map(|_| {
            let p = rng.below(products as u64);
            ComponentIdentity::from_cpe(&format!(
                "cpe:2.3:a:vendor{}:product{p}:{}.{}.{}:*:*:*:*:*:*:*",
                p % 5000,
                rng.below(10),
                rng.below(10),
                rng.below(10)
            ))
            .unwrap()
        })
        .collect();
    let nvd_scanner = Scanner::new(&nvd_index, MatchPolicy::default());
    let found = nvd_scanner.scan(&cpes, &env).findings.len();
    eprintln!("1,000 CPE components: {found} findings");
    g.bench_function("scan 1k CPE components vs 360k NVD records", |b| {
        b.iter(|| nvd_scanner.scan(&cpes, &env))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
