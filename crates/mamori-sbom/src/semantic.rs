//! The rules no schema can say: unique refs, no dangling graph edges, and warnings about doubtful content.
//!
//! Both formats share them, so they run on the model after reading, using the
//! locations the readers recorded.

use crate::{Checked, Diagnostic};
use mamori_model::{RelTarget, Sbom};
use std::collections::HashMap;

/// Adds the semantic errors and warnings of `checked.sbom` to `checked`.
pub(crate) fn check(checked: &mut Checked) {
    let Checked {
        sbom,
        errors,
        warnings,
        component_locations,
        relationship_locations,
    } = checked;
    let loc = |locs: &Vec<String>, i: usize| locs.get(i).cloned().unwrap_or_default();
    let spdx = sbom.format.family() == "spdx";
    let id_name = if spdx { "SPDXID" } else { "bom-ref" };

    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(sbom.components.len());
    for (i, c) in sbom.components.iter().enumerate() {
        if c.bom_ref.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(c.bom_ref.as_str(), i) {
            errors.push(Diagnostic::new(
                loc(component_locations, i),
                format!(
                    "duplicate {id_name} {:?} (first used at {})",
                    c.bom_ref,
                    loc(component_locations, first)
                ),
            ));
            seen.insert(c.bom_ref.as_str(), first);
        }
    }
    let document_ids = document_level_ids(sbom);
    for (i, r) in sbom.relationships.iter().enumerate() {
        let known =
            |id: &str| seen.contains_key(id) || document_ids.contains(&id) || is_external(id);
        if !known(&r.from) {
            errors.push(Diagnostic::new(
                loc(relationship_locations, i),
                format!("relationship from unknown {id_name} {:?}", r.from),
            ));
        }
        if let RelTarget::Ref(to) = &r.to
            && !known(to)
        {
            errors.push(Diagnostic::new(
                loc(relationship_locations, i),
                format!("dependency target {to:?} is not a {id_name} in this document"),
            ));
        }
    }
    if let Some(primary) = &sbom.metadata.primary
        && !seen.contains_key(primary.as_str())
        && !document_ids.contains(&primary.as_str())
    {
        errors.push(Diagnostic::new(
            if spdx {
                "/documentDescribes"
            } else {
                "/metadata/component"
            },
            format!("primary component {primary:?} is not in this document"),
        ));
    }

    for (i, c) in sbom.components.iter().enumerate() {
        // Borrowed: most components draw no warning, and a copy each is 50,000 copies.
        let at = component_locations.get(i).map_or("", String::as_str);
        check_identifiers(c, at, spdx, warnings);
        if Some(&c.bom_ref) == sbom.metadata.primary.as_ref() {
            continue;
        }
        if !c.supplier.is_declared() && c.manufacturer.is_none() {
            warnings.push(Diagnostic::new(
                at,
                format!("component {:?} has no supplier", c.name),
            ));
        }
        if c.hashes.is_empty() {
            warnings.push(Diagnostic::new(
                at,
                format!("component {:?} has no hash", c.name),
            ));
        }
        if !c.version.is_declared() {
            warnings.push(Diagnostic::new(
                at,
                format!("component {:?} has no version", c.name),
            ));
        }
    }
}

/// Ids that name the document itself rather than a component.
fn document_level_ids(_sbom: &Sbom) -> [&'static str; 1] {
    ["SPDXRef-DOCUMENT"]
}

/// SPDX lets relationships point into other documents (`DocumentRef-x:SPDXRef-y`).
fn is_external(id: &str) -> bool {
    id.starts_with("DocumentRef-")
}

fn field(at: &str, name: &str, spdx: bool) -> String {
    if spdx || at.contains(':') && !at.starts_with('/') {
        at.to_owned()
    } else {
        format!("{at}/{name}")
    }
}

/// Warns about identifiers that do not parse; they are kept, but cannot be matched.
fn check_identifiers(
    c: &mamori_model::Component,
    at: &str,
    spdx: bool,
    warnings: &mut Vec<Diagnostic>,
) {
    if let Some(p) = &c.purl
        && let Err(e) = mamori_purl::Purl::parse(p)
    {
        warnings.push(Diagnostic::new(
            field(at, "purl", spdx),
            format!("package URL {p:?} does not parse: {e}"),
        ));
    }
    if let Some(cpe) = &c.cpe
        && let Err(e) = mamori_purl::Cpe::parse(cpe)
    {
        warnings.push(Diagnostic::new(
            field(at, "cpe", spdx),
            format!("CPE {cpe:?} does not parse: {e}"),
        ));
    }
}
