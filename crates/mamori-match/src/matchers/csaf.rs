//! CSAF product-tree matching for vendor advisories: off-the-shelf parts known by supplier, name and version.
//!
//! A CSAF product is recognised by (first that applies) a purl in its
//! identification helper equal to the component's purl without version; a
//! CPE helper with the component CPE's vendor and product; or the normalized
//! product name equal to the component's name (a vendor prefix on either
//! side ignored) with the normalized vendor equal to, or a word-run inside,
//! one of the component's supplier, manufacturer, publisher or author names.
//! Versions come from the product's `product_version_range` (or the
//! `product_version` name, which CISA advisories often write as a range) and
//! are read by [`CsafProductVersion`] in the generic order; a product without
//! any version is a low-confidence match.

use mamori_version::Scheme;
use mamori_version::range::{Contains, CsafProductVersion};

use super::{Matcher, evidence};
use crate::finding::{Condition, Confidence, NoMatch, Outcome, Verdict};
use crate::identity::{
    ComponentIdentity, Environment, PackageKey, Probe, normalize_product, normalize_vendor,
};
use crate::index::{IndexedRecord, PreparedCsaf, SearchKey, cpe_key, status_affects, status_name};
use crate::policy::MatchPolicy;

/// Matches by CSAF product tree.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsafProductMatcher;

fn contains_words(hay: &str, needle: &str) -> bool {
    !needle.is_empty()
        && (hay == needle
            || hay.starts_with(&format!("{needle} "))
            || hay.ends_with(&format!(" {needle}"))
            || hay.contains(&format!(" {needle} ")))
}

fn names(c: &ComponentIdentity) -> Vec<String> {
    let name = normalize_product(&c.name);
    let mut out = vec![name.clone()];
    for v in &c.vendors {
        let v = normalize_vendor(v);
        if let Some(rest) = name.strip_prefix(&format!("{v} ")) {
            out.push(rest.to_owned());
        }
    }
    out.retain(|s| !s.is_empty());
    out.dedup();
    out
}

enum Identity {
    Yes(&'static str),
    OtherVendor,
    No,
}

fn identity(c: &ComponentIdentity, p: &PreparedCsaf) -> Identity {
    if let Some(cp) = &c.purl
        && p.purls.iter().any(|pp| {
            pp.ty() == cp.ty() && pp.namespace() == cp.namespace() && pp.name() == cp.name()
        })
    {
        return Identity::Yes("purl helper");
    }
    if let (Some(cc), Some(pc)) = (&c.cpe, &p.cpe)
        && cpe_key(cc).is_some()
        && cpe_key(cc) == cpe_key(pc)
    {
        return Identity::Yes("CPE helper");
    }
    let stripped = p
        .vendor
        .as_deref()
        .and_then(|v| p.product.strip_prefix(&format!("{v} ")));
    let name_ok = names(c)
        .iter()
        .any(|n| *n == p.product || Some(n.as_str()) == stripped);
    if !name_ok {
        return Identity::No;
    }
    let Some(pv) = &p.vendor else {
        return Identity::Yes("product name (the tree names no vendor)");
    };
    let vendor_ok = c.vendors.iter().any(|v| {
        let v = normalize_vendor(v);
        contains_words(&v, pv) || contains_words(pv, &v)
    });
    if vendor_ok {
        Identity::Yes("vendor and product name")
    } else {
        Identity::OtherVendor
    }
}

impl Matcher for CsafProductMatcher {
    fn name(&self) -> &'static str {
        "csaf-product"
    }

    fn search_keys(
        &self,
        c: &ComponentIdentity,
        _policy: &MatchPolicy,
    ) -> Result<Vec<SearchKey>, NoMatch> {
        // A bare name is no identity: a product tree is matched by name only
        // together with a supplier, or through a purl or CPE.
        if c.vendors.is_empty() && c.purl.is_none() && c.cpe.is_none() {
            return Err(NoMatch::NoKey {
                missing: "supplier, purl or CPE",
            });
        }
        let mut keys: Vec<SearchKey> = names(c).into_iter().map(SearchKey::Product).collect();
        if let Some(k) = &c.package {
            keys.push(SearchKey::ProductPurl(k.clone()));
        } else if let Some(p) = &c.purl {
            // Types OSV does not cover (generic, conan…) still name a product.
            keys.push(SearchKey::ProductPurl(PackageKey::new(p.ty(), p.name())));
        }
        if let Some((vendor, product)) = c.cpe.as_ref().and_then(cpe_key) {
            keys.push(SearchKey::Cpe { vendor, product });
        }
        if keys.is_empty() {
            return Err(NoMatch::NoKey { missing: "name" });
        }
        Ok(keys)
    }

    fn relevant(&self, r: &IndexedRecord) -> bool {
        !r.csaf.is_empty()
    }

    fn check(&self, probe: &Probe<'_>, _env: &Environment, r: &IndexedRecord) -> Verdict {
        let c = probe.identity;
        let v = r.vulnerability();
        let searched_by = match c.vendors.first() {
            Some(vendor) => format!(
                "{}/{}",
                normalize_vendor(vendor),
                normalize_product(&c.name)
            ),
            None => normalize_product(&c.name),
        };
        let mut other_vendor = None;
        let mut not_affected = None;
        let mut outside = Vec::new();
        let mut weak: Option<Verdict> = None;
        for p in &r.csaf {
            let how = match identity(c, p) {
                Identity::Yes(how) => how,
                Identity::OtherVendor => {
                    other_vendor.get_or_insert_with(|| p.raw.vendor.clone().unwrap_or_default());
                    continue;
                }
                Identity::No => continue,
            };
            let version_text = p.raw.version_range.as_deref().or(p.raw.version.as_deref());
            let range = format!(
                "{} [{}] ({how}): {}",
                p.raw.name,
                p.raw.product_id,
                version_text.unwrap_or("all versions")
            );
            let fixed: Vec<String> = p
                .raw
                .remediations
                .iter()
                .filter(|r| r.category == "vendor_fix")
                .map(|r| r.details.clone())
                .collect();
            let status = status_affects(p.raw.status);
            let mut conditions = Vec::new();
            if status.is_none() {
                conditions.push(Condition::UnderInvestigation);
            }
            // Does the version fall in this product's versions?
            let inside = match (version_text, c.version.as_deref()) {
                (None, _) => {
                    conditions.push(Condition::NoVersionInformation);
                    Contains::Yes
                }
                (Some(_), None) => Contains::Unknown {
                    reason: "the component has no version".to_owned(),
                },
                (Some(text), Some(ver)) => match CsafProductVersion::parse(Scheme::Generic, text) {
                    Ok(set) => set.set().contains_str(ver),
                    Err(_) => {
                        conditions.push(Condition::UnreadableVersionText {
                            text: text.to_owned(),
                        });
                        Contains::Yes
                    }
                },
            };
            // Every condition here (no versions, unreadable text, still under
            // investigation) leaves the match a lead rather than a fact.
            let confidence = if conditions.is_empty() {
                Confidence::High
            } else {
                Confidence::Low
            };
            match (inside, status) {
                (Contains::Yes, Some(false)) => {
                    not_affected.get_or_insert(status_name(p.raw.status));
                }
                (Contains::Yes, _) => {
                    let ev = evidence(
                        "csaf-product",
                        searched_by.clone(),
                        v,
                        range,
                        fixed,
                        Outcome::Affected,
                        confidence,
                        conditions,
                    );
                    if confidence == Confidence::High {
                        return ev;
                    }
                    weak.get_or_insert(ev);
                }
                (Contains::No, Some(false)) => {}
                (Contains::No, _) => outside.push(version_text.unwrap_or_default().to_owned()),
                // A fixed or not-affected product whose version cannot be compared says nothing.
                (Contains::Unknown { .. }, Some(false)) => {}
                (Contains::Unknown { reason }, _) => {
                    weak.get_or_insert(evidence(
                        "csaf-product",
                        searched_by.clone(),
                        v,
                        range,
                        fixed,
                        Outcome::CouldNotEvaluate { reason },
                        Confidence::Medium,
                        conditions,
                    ));
                }
            }
        }
        if let Some(w) = weak {
            return w;
        }
        if let Some(status) = not_affected {
            return Verdict::NotMatched(NoMatch::NotAffectedStatus {
                status: status.to_owned(),
            });
        }
        if !outside.is_empty() {
            return Verdict::NotMatched(NoMatch::VersionOutside {
                version: c.version.clone().unwrap_or_default(),
                ranges: outside,
            });
        }
        match other_vendor {
            Some(record) => Verdict::NotMatched(NoMatch::OtherVendor {
                component: c.vendors.clone(),
                record,
            }),
            None => Verdict::NotMatched(NoMatch::OtherPackage),
        }
    }
}
