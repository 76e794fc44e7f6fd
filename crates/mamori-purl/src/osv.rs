//! The mapping between package URLs and OSV `(ecosystem, name)` pairs.
//!
//! Language ecosystems map one type to one ecosystem. Distributions carry the
//! release in the purl's `distro` qualifier (`debian-12`, `bookworm`,
//! `ubuntu-22.04`, `alpine-3.19.1`…) and in the OSV ecosystem's suffix
//! (`Debian:12`, `Ubuntu:22.04:LTS`, `Alpine:v3.19`); the tables below turn
//! code names into release numbers.

use crate::purl::{Purl, PurlError};

/// An OSV package identity: the ecosystem string (with any release suffix)
/// and the package name in that ecosystem's own spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OsvPackage {
    /// The OSV ecosystem, e.g. `npm`, `Maven`, `Debian:12`, `Alpine:v3.19`.
    pub ecosystem: String,
    /// The package name, e.g. `@angular/core`, `org.slf4j:slf4j-api`.
    pub name: String,
}

/// Debian code names and their release numbers (distro-info-data).
const DEBIAN: &[(&str, &str)] = &[
    ("buzz", "1.1"),
    ("rex", "1.2"),
    ("bo", "1.3"),
    ("hamm", "2.0"),
    ("slink", "2.1"),
    ("potato", "2.2"),
    ("woody", "3.0"),
    ("sarge", "3.1"),
    ("etch", "4"),
    ("lenny", "5"),
    ("squeeze", "6"),
    ("wheezy", "7"),
    ("jessie", "8"),
    ("stretch", "9"),
    ("buster", "10"),
    ("bullseye", "11"),
    ("bookworm", "12"),
    ("trixie", "13"),
];

/// Ubuntu code names, their `YY.MM` versions and whether they are LTS.
const UBUNTU: &[(&str, &str, bool)] = &[
    ("warty", "4.10", false),
    ("hoary", "5.04", false),
    ("breezy", "5.10", false),
    ("dapper", "6.06", true),
    ("edgy", "6.10", false),
    ("feisty", "7.04", false),
    ("gutsy", "7.10", false),
    ("hardy", "8.04", true),
    ("intrepid", "8.10", false),
    ("jaunty", "9.04", false),
    ("karmic", "9.10", false),
    ("lucid", "10.04", true),
    ("maverick", "10.10", false),
    ("natty", "11.04", false),
    ("oneiric", "11.10", false),
    ("precise", "12.04", true),
    ("quantal", "12.10", false),
    ("raring", "13.04", false),
    ("saucy", "13.10", false),
    ("trusty", "14.04", true),
    ("utopic", "14.10", false),
    ("vivid", "15.04", false),
    ("wily", "15.10", false),
    ("xenial", "16.04", true),
    ("yakkety", "16.10", false),
    ("zesty", "17.04", false),
    ("artful", "17.10", false),
    ("bionic", "18.04", true),
    ("cosmic", "18.10", false),
    ("disco", "19.04", false),
    ("eoan", "19.10", false),
    ("focal", "20.04", true),
    ("groovy", "20.10", false),
    ("hirsute", "21.04", false),
    ("impish", "21.10", false),
    ("jammy", "22.04", true),
    ("kinetic", "22.10", false),
    ("lunar", "23.04", false),
    ("mantic", "23.10", false),
    ("noble", "24.04", true),
    ("oracular", "24.10", false),
    ("plucky", "25.04", false),
    ("questing", "25.10", false),
];

/// The first `n` dot-separated numeric fields of `s`, if `s` starts with one.
fn leading_numbers(s: &str, n: usize) -> Option<String> {
    let fields: Vec<&str> = s.split('.').take(n).collect();
    let first = fields.first()?;
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let numeric: Vec<&str> = fields
        .into_iter()
        .take_while(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    Some(numeric.join("."))
}

/// Strips `prefix-` (any case) from a `distro` value.
fn strip_distro_prefix<'a>(d: &'a str, prefixes: &[&str]) -> &'a str {
    for p in prefixes {
        if d.len() > p.len() + 1
            && d.is_char_boundary(p.len())
            && d[..p.len()].eq_ignore_ascii_case(p)
            && matches!(d.as_bytes()[p.len()], b'-' | b'_' | b':' | b'/')
        {
            return &d[p.len() + 1..];
        }
    }
    d
}

fn debian_release(distro: &str) -> Option<String> {
    let d = strip_distro_prefix(distro, &["debian"]).to_ascii_lowercase();
    if let Some(num) = leading_numbers(&d, 2) {
        // From etch (4) on, Debian releases are named by their major number.
        let major: u32 = num.split('.').next()?.parse().ok()?;
        return Some(if major >= 4 { major.to_string() } else { num });
    }
    if let Some((_, v)) = DEBIAN.iter().find(|(c, _)| *c == d) {
        return Some((*v).to_owned());
    }
    matches!(d.as_str(), "sid" | "unstable").then(|| "sid".to_owned())
}

/// `22.04` → `22.04:LTS`; `23.10` → `23.10`.
fn ubuntu_release(distro: &str) -> Option<String> {
    let d = strip_distro_prefix(distro, &["ubuntu"]).to_ascii_lowercase();
    let (version, lts) = if let Some(num) = leading_numbers(&d, 2) {
        let (yy, mm) = num.split_once('.')?;
        let known = UBUNTU.iter().find(|(_, v, _)| *v == num);
        let lts = match known {
            Some((_, _, lts)) => *lts,
            // Every April release of an even year has been LTS since 8.04.
            None => mm == "04" && yy.parse::<u32>().is_ok_and(|y| y >= 8 && y % 2 == 0),
        };
        (num, lts)
    } else {
        let (_, v, lts) = UBUNTU.iter().find(|(c, _, _)| *c == d)?;
        ((*v).to_owned(), *lts)
    };
    Some(if lts {
        format!("{version}:LTS")
    } else {
        version
    })
}

/// `3.19`, `3.19.1`, `alpine-3.19.1`, `v3.19` → `v3.19`.
fn alpine_release(distro: &str) -> Option<String> {
    let d = strip_distro_prefix(distro, &["alpine"]);
    let d = d.strip_prefix(['v', 'V']).unwrap_or(d);
    let num = leading_numbers(d, 2)?;
    num.contains('.').then(|| format!("v{num}"))
}

/// `rocky-9.3`, `9.3`, `el9` → `9`.
fn major_release(distro: &str, prefixes: &[&str]) -> Option<String> {
    let d = strip_distro_prefix(distro, prefixes);
    let d = d
        .strip_prefix("el")
        .or_else(|| d.strip_prefix("EL"))
        .unwrap_or(d);
    leading_numbers(d, 1)
}

fn with_release(base: &str, release: Option<String>) -> String {
    match release {
        Some(r) => format!("{base}:{r}"),
        None => base.to_owned(),
    }
}

fn joined(ns: Option<&str>, name: &str, sep: char) -> String {
    match ns {
        Some(ns) => format!("{ns}{sep}{name}"),
        None => name.to_owned(),
    }
}

/// The OSV ecosystem and package name for a package URL, or `None` for a
/// type (or distribution) that OSV does not cover.
pub fn osv_package(purl: &Purl) -> Option<OsvPackage> {
    let ns = purl.namespace();
    let name = purl.name();
    let distro = purl.qualifier("distro");
    let (ecosystem, name) = match purl.ty() {
        "npm" => ("npm".to_owned(), joined(ns, name, '/')),
        "pypi" => ("PyPI".to_owned(), name.to_owned()),
        "maven" => ("Maven".to_owned(), format!("{}:{name}", ns?)),
        "golang" => ("Go".to_owned(), joined(ns, name, '/')),
        "cargo" => ("crates.io".to_owned(), name.to_owned()),
        "nuget" => ("NuGet".to_owned(), name.to_owned()),
        "gem" => ("RubyGems".to_owned(), name.to_owned()),
        "composer" => ("Packagist".to_owned(), joined(ns, name, '/')),
        "pub" => ("Pub".to_owned(), name.to_owned()),
        "hex" => ("Hex".to_owned(), name.to_owned()),
        "hackage" => ("Hackage".to_owned(), name.to_owned()),
        "cran" => ("CRAN".to_owned(), name.to_owned()),
        "swift" => ("SwiftURL".to_owned(), joined(ns, name, '/')),
        "github" | "githubactions" => ("GitHub Actions".to_owned(), format!("{}/{name}", ns?)),
        "conan" => ("ConanCenter".to_owned(), name.to_owned()),
        "opam" => ("opam".to_owned(), name.to_owned()),
        "julia" => ("Julia".to_owned(), name.to_owned()),
        "bitnami" => ("Bitnami".to_owned(), name.to_owned()),
        "deb" => {
            let eco = match ns? {
                "debian" => with_release("Debian", distro.and_then(debian_release)),
                "ubuntu" => with_release("Ubuntu", distro.and_then(ubuntu_release)),
                _ => return None,
            };
            (eco, name.to_owned())
        }
        "rpm" => {
            let eco = match ns? {
                "redhat" => "Red Hat".to_owned(),
                "rocky" => with_release(
                    "Rocky Linux",
                    distro.and_then(|d| major_release(d, &["rocky", "rockylinux"])),
                ),
                "almalinux" => with_release(
                    "AlmaLinux",
                    distro.and_then(|d| major_release(d, &["almalinux", "alma"])),
                ),
                "mageia" => with_release(
                    "Mageia",
                    distro.and_then(|d| major_release(d, &["mageia", "mga"])),
                ),
                "opensuse" => "openSUSE".to_owned(),
                "suse" | "sles" => "SUSE".to_owned(),
                _ => return None,
            };
            (eco, name.to_owned())
        }
        "apk" => {
            let eco = match ns? {
                "alpine" => with_release("Alpine", distro.and_then(alpine_release)),
                "wolfi" => "Wolfi".to_owned(),
                "chainguard" => "Chainguard".to_owned(),
                _ => return None,
            };
            (eco, name.to_owned())
        }
        _ => return None,
    };
    Some(OsvPackage { ecosystem, name })
}

fn bad_name(ecosystem: &str, name: &str, reason: &'static str) -> PurlError {
    PurlError::InvalidOsvName {
        ecosystem: ecosystem.to_owned(),
        name: name.to_owned(),
        reason,
    }
}

/// Builds the package URL for an OSV `(ecosystem, name)` pair and an
/// optional version. A distribution release in the ecosystem suffix becomes
/// the `distro` qualifier; a Maven or Packagist repository suffix becomes
/// `repository_url`.
pub fn purl_from_osv(
    ecosystem: &str,
    name: &str,
    version: Option<&str>,
) -> Result<Purl, PurlError> {
    let (base, suffix) = match ecosystem.split_once(':') {
        Some((b, s)) => (b, Some(s)),
        None => (ecosystem, None),
    };
    let split_last = |reason| {
        name.rsplit_once('/')
            .filter(|(ns, n)| !ns.is_empty() && !n.is_empty())
            .ok_or_else(|| bad_name(ecosystem, name, reason))
    };
    let simple = |ty: &str| Purl::new(ty, name);
    let builder = match base {
        "npm" => match name.strip_prefix('@').and(name.split_once('/')) {
            Some((scope, n)) => Purl::new("npm", n).with_namespace(scope),
            None => simple("npm"),
        },
        "PyPI" => simple("pypi"),
        "Maven" => {
            let (group, artifact) = name
                .split_once(':')
                .ok_or_else(|| bad_name(ecosystem, name, "expected groupId:artifactId"))?;
            let b = Purl::new("maven", artifact).with_namespace(group);
            match suffix {
                Some(url) => b.with_qualifier("repository_url", url),
                None => b,
            }
        }
        "Go" => {
            let (ns, n) = split_last("expected a module path with a host")?;
            Purl::new("golang", n).with_namespace(ns)
        }
        "crates.io" => simple("cargo"),
        "NuGet" => simple("nuget"),
        "RubyGems" => simple("gem"),
        "Packagist" => {
            let (ns, n) = split_last("expected vendor/name")?;
            let b = Purl::new("composer", n).with_namespace(ns);
            match suffix {
                Some(url) => b.with_qualifier("repository_url", url),
                None => b,
            }
        }
        "Pub" => simple("pub"),
        "Hex" => simple("hex"),
        "Hackage" => simple("hackage"),
        "CRAN" => simple("cran"),
        "SwiftURL" => {
            let url = name
                .strip_prefix("https://")
                .or_else(|| name.strip_prefix("http://"))
                .unwrap_or(name);
            let url = url.strip_suffix(".git").unwrap_or(url);
            let (ns, n) = url
                .rsplit_once('/')
                .filter(|(ns, n)| !ns.is_empty() && !n.is_empty())
                .ok_or_else(|| bad_name(ecosystem, name, "expected host/owner/repository"))?;
            Purl::new("swift", n).with_namespace(ns)
        }
        "GitHub Actions" => {
            let mut parts = name.splitn(3, '/');
            let owner = parts.next().unwrap_or_default();
            let repo = parts.next().unwrap_or_default();
            if owner.is_empty() || repo.is_empty() {
                return Err(bad_name(ecosystem, name, "expected owner/repository"));
            }
            let b = Purl::new("github", repo).with_namespace(owner);
            match parts.next() {
                Some(path) => b.with_subpath(path),
                None => b,
            }
        }
        "ConanCenter" => simple("conan"),
        "opam" => simple("opam"),
        "Julia" => simple("julia"),
        "Bitnami" => simple("bitnami"),
        "Debian" => {
            let b = Purl::new("deb", name).with_namespace("debian");
            match suffix {
                Some(rel) => b.with_qualifier("distro", format!("debian-{rel}")),
                None => b,
            }
        }
        "Ubuntu" => {
            let b = Purl::new("deb", name).with_namespace("ubuntu");
            // `Pro:18.04:LTS` and `22.04:LTS` both name the release `YY.MM`.
            let release = suffix.and_then(|s| {
                s.split(':')
                    .find(|f| f.bytes().next().is_some_and(|c| c.is_ascii_digit()))
            });
            match release {
                Some(rel) => b.with_qualifier("distro", format!("ubuntu-{rel}")),
                None => b,
            }
        }
        "Alpine" => {
            let b = Purl::new("apk", name).with_namespace("alpine");
            match suffix {
                Some(rel) => {
                    let rel = rel.strip_prefix('v').unwrap_or(rel);
                    b.with_qualifier("distro", format!("alpine-{rel}"))
                }
                None => b,
            }
        }
        "Red Hat" => Purl::new("rpm", name).with_namespace("redhat"),
        "Rocky Linux" | "AlmaLinux" | "Mageia" => {
            let ns = match base {
                "Rocky Linux" => "rocky",
                "AlmaLinux" => "almalinux",
                _ => "mageia",
            };
            let b = Purl::new("rpm", name).with_namespace(ns);
            match suffix {
                Some(rel) => b.with_qualifier("distro", format!("{ns}-{rel}")),
                None => b,
            }
        }
        "openSUSE" => Purl::new("rpm", name).with_namespace("opensuse"),
        "SUSE" => Purl::new("rpm", name).with_namespace("suse"),
        "Wolfi" => Purl::new("apk", name).with_namespace("wolfi"),
        "Chainguard" => Purl::new("apk", name).with_namespace("chainguard"),
        _ => {
            return Err(PurlError::UnknownEcosystem {
                ecosystem: ecosystem.to_owned(),
            });
        }
    };
    match version {
        Some(v) => builder.with_version(v).build(),
        None => builder.build(),
    }
}
