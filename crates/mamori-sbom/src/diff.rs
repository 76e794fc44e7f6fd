//! Comparing two SBOMs: components added, removed, upgraded and downgraded.
//!
//! Components are matched by identity, not by position: the package URL without
//! its version (and qualifiers, which carry build details such as `arch`), or,
//! for components without a purl, the group and name. Whether a version change is
//! an upgrade is decided by the ecosystem's own ordering, which the caller
//! supplies, because this crate does not know every version scheme.

use mamori_model::{Component, Sbom};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::HashMap;

/// What happened to one component between two SBOMs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Only in the new SBOM.
    Added,
    /// Only in the old SBOM.
    Removed,
    /// A newer version in the new SBOM.
    Upgraded,
    /// An older version in the new SBOM.
    Downgraded,
    /// A different version whose order could not be decided.
    Changed,
}

/// One line of a diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// What happened.
    pub change: Change,
    /// The identity key (purl without version, or `group/name`).
    pub key: String,
    /// Component name.
    pub name: String,
    /// Version in the old SBOM.
    pub old_version: Option<String>,
    /// Version in the new SBOM.
    pub new_version: Option<String>,
}

/// A diff between two SBOMs, sorted by key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// Every change.
    pub entries: Vec<Entry>,
    /// Components present with the same version in both.
    pub unchanged: usize,
}

impl Diff {
    /// How many entries have this change.
    pub fn count(&self, change: Change) -> usize {
        self.entries.iter().filter(|e| e.change == change).count()
    }
}

/// The identity of a component across SBOMs.
pub fn identity_key(c: &Component) -> String {
    if let Some(p) = &c.purl {
        let p = p.split(['?', '#']).next().unwrap_or(p);
        // `@` also appears percent-encoded in npm scopes (`%40`), never raw before the version.
        let base = match p.rfind('@') {
            Some(i) if i > "pkg:".len() => &p[..i],
            _ => p,
        };
        return base.to_ascii_lowercase();
    }
    match &c.group {
        Some(g) if !g.is_empty() => format!("{g}/{}", c.name),
        _ => c.name.clone(),
    }
}

fn by_identity(s: &Sbom) -> HashMap<String, Vec<&Component>> {
    let mut m: HashMap<String, Vec<&Component>> = HashMap::with_capacity(s.components.len());
    for c in s.parts() {
        m.entry(identity_key(c)).or_default().push(c);
    }
    m
}

/// Compares two SBOMs. `order(component, a, b)` gives the ecosystem's order of
/// versions `a` and `b` of that component, or `None` when it cannot tell.
pub fn diff(
    old: &Sbom,
    new: &Sbom,
    order: impl Fn(&Component, &str, &str) -> Option<Ordering>,
) -> Diff {
    let a = by_identity(old);
    let mut b = by_identity(new);
    let mut out = Diff::default();
    let v = |c: &Component| c.version_str().map(str::to_owned);
    for (key, mut olds) in a {
        let mut news = b.remove(&key).unwrap_or_default();
        // Same versions on both sides are unchanged, one for one.
        olds.retain(|o| {
            if let Some(i) = news.iter().position(|n| n.version_str() == o.version_str()) {
                news.swap_remove(i);
                out.unchanged += 1;
                false
            } else {
                true
            }
        });
        let by_version = |x: &&Component, y: &&Component| match (x.version_str(), y.version_str()) {
            (Some(p), Some(q)) => order(x, p, q).unwrap_or_else(|| p.cmp(q)),
            (p, q) => p.cmp(&q),
        };
        olds.sort_by(by_version);
        news.sort_by(by_version);
        let paired = olds.len().min(news.len());
        for (o, n) in olds.iter().zip(news.iter()) {
            let change = match (o.version_str(), n.version_str()) {
                (Some(p), Some(q)) => match order(n, p, q) {
                    Some(Ordering::Less) => Change::Upgraded,
                    Some(Ordering::Greater) => Change::Downgraded,
                    _ => Change::Changed,
                },
                _ => Change::Changed,
            };
            out.entries.push(Entry {
                change,
                key: key.clone(),
                name: n.name.clone(),
                old_version: v(o),
                new_version: v(n),
            });
        }
        for o in &olds[paired..] {
            out.entries.push(Entry {
                change: Change::Removed,
                key: key.clone(),
                name: o.name.clone(),
                old_version: v(o),
                new_version: None,
            });
        }
        for n in &news[paired..] {
            out.entries.push(Entry {
                change: Change::Added,
                key: key.clone(),
                name: n.name.clone(),
                old_version: None,
                new_version: v(n),
            });
        }
    }
    for (key, news) in b {
        for n in news {
            out.entries.push(Entry {
                change: Change::Added,
                key: key.clone(),
                name: n.name.clone(),
                old_version: None,
                new_version: v(n),
            });
        }
    }
    // Stable: within one key, pairs come first, then removals, then additions.
    out.entries.sort_by(|x, y| x.key.cmp(&y.key));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use mamori_model::{Attr, DocumentFormat};

    fn sbom(parts: &[(&str, Option<&str>, Option<&str>)]) -> Sbom {
        let mut s = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
        for (i, (name, version, purl)) in parts.iter().enumerate() {
            s.components.push(Component {
                bom_ref: format!("c{i}"),
                name: (*name).into(),
                version: version.map(str::to_owned).into(),
                purl: purl.map(str::to_owned),
                ..Component::default()
            });
        }
        s
    }

    fn numeric(_: &Component, a: &str, b: &str) -> Option<Ordering> {
        let key = |s: &str| {
            s.split('.')
                .map(|p| p.parse::<u64>().ok())
                .collect::<Option<Vec<_>>>()
        };
        Some(key(a)?.cmp(&key(b)?))
    }

    fn check(
        old: &Sbom,
        new: &Sbom,
        expect: &[(&str, Change, Option<&str>, Option<&str>)],
        unchanged: usize,
    ) {
        let d = diff(old, new, numeric);
        let got: Vec<_> = d
            .entries
            .iter()
            .map(|e| {
                (
                    e.key.as_str(),
                    e.change,
                    e.old_version.as_deref(),
                    e.new_version.as_deref(),
                )
            })
            .collect();
        assert_eq!(got, expect);
        assert_eq!(d.unchanged, unchanged);
    }

    #[test]
    fn upgrades_downgrades_adds_and_removes_by_purl_then_name() {
        let old = sbom(&[
            ("openssl", Some("1.1.1"), Some("pkg:generic/openssl@1.1.1")),
            (
                "zlib",
                Some("1.2.13"),
                Some("pkg:generic/zlib@1.2.13?arch=x86"),
            ),
            ("left-pad", Some("1.0"), None),
            ("serde", Some("1.0.10"), Some("pkg:cargo/serde@1.0.10")),
        ]);
        let new = sbom(&[
            ("openssl", Some("3.0.2"), Some("pkg:generic/openssl@3.0.2")),
            (
                "zlib",
                Some("1.2.9"),
                Some("pkg:generic/zlib@1.2.9?arch=x86"),
            ),
            ("serde", Some("1.0.10"), Some("pkg:cargo/serde@1.0.10")),
            ("tokio", Some("1.0"), Some("pkg:cargo/tokio@1.0")),
        ]);
        check(
            &old,
            &new,
            &[
                ("left-pad", Change::Removed, Some("1.0"), None),
                ("pkg:cargo/tokio", Change::Added, None, Some("1.0")),
                (
                    "pkg:generic/openssl",
                    Change::Upgraded,
                    Some("1.1.1"),
                    Some("3.0.2"),
                ),
                (
                    "pkg:generic/zlib",
                    Change::Downgraded,
                    Some("1.2.13"),
                    Some("1.2.9"),
                ),
            ],
            1,
        );
    }

    #[test]
    fn two_versions_of_one_package_pair_in_order() {
        let old = sbom(&[
            ("a", Some("1.0"), Some("pkg:npm/a@1.0")),
            ("a", Some("2.0"), Some("pkg:npm/a@2.0")),
        ]);
        let new = sbom(&[
            ("a", Some("2.0"), Some("pkg:npm/a@2.0")),
            ("a", Some("1.5"), Some("pkg:npm/a@1.5")),
            ("a", Some("3.0"), Some("pkg:npm/a@3.0")),
        ]);
        check(
            &old,
            &new,
            &[
                ("pkg:npm/a", Change::Upgraded, Some("1.0"), Some("1.5")),
                ("pkg:npm/a", Change::Added, None, Some("3.0")),
            ],
            1,
        );
    }

    #[test]
    fn unordered_versions_are_changed_not_guessed() {
        let old = sbom(&[("fw", Some("rev-b"), None)]);
        let new = sbom(&[("fw", Some("rev-c"), None)]);
        check(
            &old,
            &new,
            &[("fw", Change::Changed, Some("rev-b"), Some("rev-c"))],
            0,
        );
        let _ = Attr::<()>::Absent;
    }
}
