//! Merging supplier SBOMs into a release's own SBOM, keeping where each component came from.
//!
//! A device maker receives SBOMs from OEM and ODM suppliers and approves one SBOM
//! per release. The supplier documents stay as received (the store keeps their
//! bytes); this module builds the release's merged view:
//! - the maker's own components come first, unchanged;
//! - each supplier component is added with `provenance` set to the supplier's
//!   name and its refs prefixed so they cannot clash (`supplier:<name>:<ref>`);
//! - a supplier component that is the same as one of the maker's (same package
//!   URL, or same name and version) is not duplicated: the maker's entry keeps
//!   its data, gains what it lacked (hashes, supplier, licenses…) and records
//!   the supplier in `provenance`;
//! - the supplier's primary component hangs under the maker's primary component
//!   with a `Contains` edge, so the graph stays one tree.

use crate::diff::identity_key;
use mamori_model::{Attr, Component, RelKind, RelTarget, Relationship, Sbom};
use std::collections::HashMap;

/// Merges `suppliers` (name, document) into `own`.
pub fn merge(own: &Sbom, suppliers: &[(&str, &Sbom)]) -> Sbom {
    let mut out = own.clone();
    let key = |c: &Component| (identity_key(c), c.version_str().map(str::to_owned));
    let mut index: HashMap<(String, Option<String>), usize> = out
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| (key(c), i))
        .collect();
    for (name, doc) in suppliers {
        let prefix = format!("supplier:{name}:");
        // Refs of supplier components that were folded into an existing one.
        let mut renamed: HashMap<&str, String> = HashMap::new();
        for c in &doc.components {
            let k = key(c);
            if let Some(&i) = index.get(&k) {
                let mine = &mut out.components[i];
                fill_missing(mine, c);
                mine.provenance = Some(match mine.provenance.take() {
                    Some(p) if p.split(", ").any(|x| x == *name) => p,
                    Some(p) => format!("{p}, {name}"),
                    None => (*name).to_owned(),
                });
                renamed.insert(&c.bom_ref, mine.bom_ref.clone());
                continue;
            }
            let mut c2 = c.clone();
            c2.bom_ref = format!("{prefix}{}", c.bom_ref);
            c2.parent = c.parent.as_ref().map(|p| format!("{prefix}{p}"));
            c2.provenance = Some((*name).to_owned());
            renamed.insert(&c.bom_ref, c2.bom_ref.clone());
            index.insert(k, out.components.len());
            out.components.push(c2);
        }
        let map = |r: &str| {
            renamed
                .get(r)
                .cloned()
                .unwrap_or_else(|| format!("{prefix}{r}"))
        };
        for r in &doc.relationships {
            if r.kind == RelKind::Describes {
                continue;
            }
            let to = match &r.to {
                RelTarget::Ref(t) => RelTarget::Ref(map(t)),
                other => other.clone(),
            };
            let edge = Relationship {
                from: map(&r.from),
                kind: r.kind.clone(),
                to,
            };
            if !out.relationships.contains(&edge) {
                out.relationships.push(edge);
            }
        }
        if let (Some(mine), Some(theirs)) = (&own.metadata.primary, &doc.metadata.primary) {
            let edge = Relationship {
                from: mine.clone(),
                kind: RelKind::Contains,
                to: RelTarget::Ref(map(theirs)),
            };
            if !out.relationships.contains(&edge) {
                out.relationships.push(edge);
            }
        }
        for comp in &doc.compositions {
            let mut c = comp.clone();
            c.assemblies = c.assemblies.iter().map(|r| map(r)).collect();
            c.dependencies = c.dependencies.iter().map(|r| map(r)).collect();
            out.compositions.push(c);
        }
    }
    out
}

fn fill_missing(mine: &mut Component, theirs: &Component) {
    if mine.hashes.is_empty() {
        mine.hashes = theirs.hashes.clone();
    }
    if !mine.supplier.is_value() && theirs.supplier.is_value() {
        mine.supplier = theirs.supplier.clone();
    }
    if mine.manufacturer.is_none() {
        mine.manufacturer = theirs.manufacturer.clone();
    }
    if !mine.licenses.is_value() && theirs.licenses.is_declared() {
        mine.licenses = theirs.licenses.clone();
    }
    if !mine.copyright.is_value() && theirs.copyright.is_declared() {
        mine.copyright = theirs.copyright.clone();
    }
    if mine.purl.is_none() {
        mine.purl = theirs.purl.clone();
    }
    if mine.cpe.is_none() {
        mine.cpe = theirs.cpe.clone();
    }
    if mine.fda.level_of_support.is_none() {
        mine.fda.level_of_support = theirs.fda.level_of_support.clone();
    }
    if mine.fda.end_of_support.is_none() {
        mine.fda.end_of_support = theirs.fda.end_of_support;
    }
    if matches!(mine.version, Attr::Absent) {
        mine.version = theirs.version.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mamori_model::{DocumentFormat, Hash, HashAlg, Party};

    fn comp(r: &str, name: &str, version: &str, purl: Option<&str>) -> Component {
        Component {
            bom_ref: r.into(),
            name: name.into(),
            version: Attr::Value(version.into()),
            purl: purl.map(str::to_owned),
            ..Component::default()
        }
    }

    fn doc(primary: &str, comps: Vec<Component>, edges: &[(&str, &str)]) -> Sbom {
        let mut s = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
        s.metadata.primary = Some(primary.into());
        s.components = comps;
        s.relationships = edges
            .iter()
            .map(|(a, b)| Relationship {
                from: (*a).into(),
                kind: RelKind::DependsOn,
                to: RelTarget::Ref((*b).into()),
            })
            .collect();
        s
    }

    #[test]
    fn supplier_parts_are_added_with_provenance_and_shared_parts_folded() {
        let own = doc(
            "pump",
            vec![
                comp("pump", "IP-200", "3.1", None),
                comp(
                    "ssl",
                    "openssl",
                    "3.0.13",
                    Some("pkg:generic/openssl@3.0.13"),
                ),
            ],
            &[("pump", "ssl")],
        );
        let mut shared = comp("o", "openssl", "3.0.13", Some("pkg:generic/openssl@3.0.13"));
        shared.hashes = vec![Hash {
            alg: HashAlg::Sha256,
            value: "ab".repeat(32),
        }];
        shared.supplier = Attr::Value(Party::organization("OpenSSL Project"));
        let supplier = doc(
            "rtos",
            vec![
                comp("rtos", "ACME RTOS", "7", None),
                shared,
                comp("z", "zlib", "1.3", Some("pkg:generic/zlib@1.3")),
            ],
            &[("rtos", "o"), ("rtos", "z")],
        );
        let m = merge(&own, &[("ACME", &supplier)]);
        let refs: Vec<_> = m
            .components
            .iter()
            .map(|c| (c.bom_ref.as_str(), c.provenance.as_deref()))
            .collect();
        assert_eq!(
            refs,
            [
                ("pump", None),
                ("ssl", Some("ACME")),
                ("supplier:ACME:rtos", Some("ACME")),
                ("supplier:ACME:z", Some("ACME"))
            ]
        );
        assert_eq!(
            m.components[1].hashes.len(),
            1,
            "the maker's entry gains the supplier's hash"
        );
        assert!(m.components[1].supplier.is_value());
        let edges: Vec<_> = m
            .relationships
            .iter()
            .map(|r| match &r.to {
                RelTarget::Ref(t) => format!("{} -> {t}", r.from),
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            edges,
            [
                "pump -> ssl",
                "supplier:ACME:rtos -> ssl",
                "supplier:ACME:rtos -> supplier:ACME:z",
                "pump -> supplier:ACME:rtos"
            ]
        );
    }
}
