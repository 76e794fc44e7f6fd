//! Grading an SBOM against the CISA 2024 baseline attributes and the NTIA 2021 minimum elements.
//!
//! CISA's "Framing Software Component Transparency" (third edition, 2024) grades
//! each baseline attribute at one of three maturity levels: minimum expected,
//! recommended practice and aspirational goal. The document describes the levels
//! in prose; the criteria below are our reading of it, written so a person can
//! see why a grade was given (`Grade::reason`). A declared unknown (SPDX
//! `NOASSERTION`, a CycloneDX composition of `unknown`) satisfies the minimum
//! level where CISA says "known unknowns" are acceptable, never more.
//!
//! The FDA's premarket guidance adds, per component, a level of support and an
//! end-of-support date: those are counted separately, as they are not CISA
//! attributes.

use mamori_model::{Aggregate, Attr, Component, HashAlg, RelKind, RelTarget, Sbom};
use serde::Serialize;
use std::collections::HashSet;

/// The CISA maturity levels, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not even the minimum.
    None,
    /// Minimum expected.
    Minimum,
    /// Recommended practice.
    Recommended,
    /// Aspirational goal.
    Aspirational,
}

impl Level {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Minimum => "minimum",
            Level::Recommended => "recommended",
            Level::Aspirational => "aspirational",
        }
    }
}

/// The grade of one attribute and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Grade {
    /// The level reached.
    pub level: Level,
    /// Components that give a value (for component attributes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with_value: Option<usize>,
    /// Components that declare the value unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_unknown: Option<usize>,
    /// Components that say nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absent: Option<usize>,
    /// Why this level and not the next, in English.
    pub reason: String,
}

impl Grade {
    fn doc(level: Level, reason: impl Into<String>) -> Self {
        Self {
            level,
            with_value: None,
            declared_unknown: None,
            absent: None,
            reason: reason.into(),
        }
    }
}

/// The CISA 2024 baseline attributes, in the order the document lists them.
pub const BASELINE_ATTRIBUTES: [&str; 13] = [
    "author",
    "timestamp",
    "type",
    "primary_component",
    "component_name",
    "version",
    "supplier",
    "unique_identifier",
    "hash",
    "relationships",
    "relationship_completeness",
    "license",
    "copyright",
];

/// The NTIA 2021 minimum elements' data fields.
pub const NTIA_ELEMENTS: [&str; 7] = [
    "supplier",
    "component_name",
    "version",
    "unique_identifier",
    "dependency_relationship",
    "author",
    "timestamp",
];

/// Missing FDA premarket support fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FdaGaps {
    /// Components without `cdx:fda:level-of-support`.
    pub missing_level_of_support: usize,
    /// Components without `cdx:fda:end-of-support-date`.
    pub missing_end_of_support: usize,
    /// The bom-refs of components missing either (at most 50, to keep reports short).
    pub examples: Vec<String>,
}

/// The quality report of one SBOM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quality {
    /// CISA 2024 baseline: attribute name → grade.
    pub baseline: Vec<(&'static str, Grade)>,
    /// NTIA 2021 minimum elements: element → met.
    pub ntia: Vec<(&'static str, bool)>,
    /// FDA support-field gaps.
    pub fda: FdaGaps,
    /// The overall level: the lowest of the attributes.
    pub overall: Level,
}

impl Quality {
    /// The grade of one attribute.
    pub fn get(&self, attribute: &str) -> Option<&Grade> {
        self.baseline
            .iter()
            .find(|(a, _)| *a == attribute)
            .map(|(_, g)| g)
    }
    /// Whether all NTIA minimum elements are met.
    pub fn ntia_met(&self) -> bool {
        self.ntia.iter().all(|(_, m)| *m)
    }
}

/// The grade of one component, for the per-component view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ComponentQuality {
    /// The component's ref.
    pub bom_ref: String,
    /// Lowest level among its own attributes.
    pub level: Level,
    /// Attributes missing (absent, not declared unknown).
    pub missing: Vec<&'static str>,
    /// Attributes only declared unknown.
    pub declared_unknown: Vec<&'static str>,
}

/// Counts of value / declared unknown / absent over the parts of an SBOM.
#[derive(Default)]
struct Tally {
    value: usize,
    unknown: usize,
    absent: usize,
}

impl Tally {
    fn add<T>(&mut self, a: &Attr<T>) {
        match a {
            Attr::Value(_) => self.value += 1,
            Attr::DeclaredUnknown => self.unknown += 1,
            Attr::Absent => self.absent += 1,
        }
    }
    fn add_bool(&mut self, has: bool) {
        if has {
            self.value += 1
        } else {
            self.absent += 1
        }
    }
    fn total(&self) -> usize {
        self.value + self.unknown + self.absent
    }
    /// Minimum when every part says something; recommended when every part gives a value.
    fn grade(&self, what: &str, aspirational: Option<(bool, &str)>) -> Grade {
        let (level, reason) = if self.total() == 0 {
            (Level::None, format!("no components to grade for {what}"))
        } else if self.absent > 0 {
            (
                Level::None,
                format!(
                    "{} of {} components have no {what}",
                    self.absent,
                    self.total()
                ),
            )
        } else if self.unknown > 0 {
            (
                Level::Minimum,
                format!(
                    "{} of {} components declare the {what} unknown",
                    self.unknown,
                    self.total()
                ),
            )
        } else {
            match aspirational {
                Some((true, why)) => (Level::Aspirational, why.to_owned()),
                Some((false, why)) => (Level::Recommended, why.to_owned()),
                None => (
                    Level::Recommended,
                    format!("every component gives a {what}"),
                ),
            }
        };
        Grade {
            level,
            with_value: Some(self.value),
            declared_unknown: Some(self.unknown),
            absent: Some(self.absent),
            reason,
        }
    }
}

fn unit<T>(a: &Attr<T>) -> Attr<()> {
    match a {
        Attr::Absent => Attr::Absent,
        Attr::DeclaredUnknown => Attr::DeclaredUnknown,
        Attr::Value(_) => Attr::Value(()),
    }
}

fn has_identifier(c: &Component) -> bool {
    c.purl.is_some()
        || c.cpe.is_some()
        || c.swid.is_some()
        || !c.omnibor_ids.is_empty()
        || !c.swhids.is_empty()
}

fn identifier_count(c: &Component) -> usize {
    usize::from(c.purl.is_some())
        + usize::from(c.cpe.is_some())
        + usize::from(c.swid.is_some())
        + usize::from(!c.omnibor_ids.is_empty())
        + usize::from(!c.swhids.is_empty())
}

fn strong_hash(c: &Component) -> bool {
    c.hashes
        .iter()
        .any(|h| !matches!(h.alg, HashAlg::Md5 | HashAlg::Sha1 | HashAlg::Other(_)))
}

fn supplier_attr(c: &Component) -> Attr<()> {
    match (&c.supplier, &c.manufacturer) {
        (Attr::Value(p), _) if !p.is_empty() => Attr::Value(()),
        (_, Some(p)) if !p.is_empty() => Attr::Value(()),
        (Attr::DeclaredUnknown, _) => Attr::DeclaredUnknown,
        _ => Attr::Absent,
    }
}

/// Grades an SBOM.
pub fn grade(sbom: &Sbom) -> Quality {
    let parts: Vec<&Component> = sbom.parts().collect();
    let primary = sbom.primary_component();
    let meta = &sbom.metadata;

    let author = {
        let named: Vec<_> = meta.authors.iter().filter(|a| !a.is_empty()).collect();
        if named.is_empty() {
            if meta.tools.is_empty() {
                Grade::doc(Level::None, "the SBOM names no author")
            } else {
                Grade::doc(
                    Level::Minimum,
                    "only tools are named as authors; no person or organisation",
                )
            }
        } else if named
            .iter()
            .any(|a| !a.emails.is_empty() || !a.urls.is_empty())
        {
            if meta.tools.is_empty() {
                Grade::doc(
                    Level::Recommended,
                    "an author with contact details, but the tools that made the SBOM are not named",
                )
            } else {
                Grade::doc(
                    Level::Aspirational,
                    "authors with contact details and the tools that made the SBOM",
                )
            }
        } else {
            Grade::doc(Level::Minimum, "authors are named without contact details")
        }
    };
    let timestamp = match meta.timestamp {
        Some(_) => Grade::doc(
            Level::Recommended,
            "an RFC 3339 timestamp with its time zone",
        ),
        None => Grade::doc(Level::None, "no timestamp"),
    };
    let kind = if meta.lifecycles.is_empty() {
        Grade::doc(
            Level::None,
            "the SBOM does not say its type (design, source, build, analyzed, deployed, runtime)",
        )
    } else {
        Grade::doc(
            Level::Recommended,
            format!("SBOM type: {}", meta.lifecycles.join(", ")),
        )
    };
    let primary_grade = match primary {
        None => Grade::doc(
            Level::None,
            "no primary component (CycloneDX metadata.component, SPDX documentDescribes)",
        ),
        Some(p) => {
            let identified = p.version.is_value() && has_identifier(p);
            let complete = identified && supplier_attr(p).is_value() && !p.hashes.is_empty();
            if complete {
                Grade::doc(
                    Level::Aspirational,
                    "the primary component has a version, an identifier, a supplier and a hash",
                )
            } else if identified {
                Grade::doc(
                    Level::Recommended,
                    "the primary component has a version and an identifier, but lacks a supplier or a hash",
                )
            } else {
                Grade::doc(
                    Level::Minimum,
                    "the primary component is named but lacks a version or an identifier",
                )
            }
        }
    };

    let mut name = Tally::default();
    let mut version = Tally::default();
    let mut supplier = Tally::default();
    let mut ident = Tally::default();
    let mut hash = Tally::default();
    let mut license = Tally::default();
    let mut copyright = Tally::default();
    let (mut two_ids, mut strong, mut supplier_contact) = (0, 0, 0);
    for c in &parts {
        name.add_bool(!c.name.trim().is_empty());
        version.add(&c.version);
        supplier.add(&supplier_attr(c));
        if let Attr::Value(p) = &c.supplier
            && (!p.emails.is_empty() || !p.urls.is_empty())
        {
            supplier_contact += 1;
        }
        ident.add_bool(has_identifier(c));
        if identifier_count(c) >= 2 {
            two_ids += 1;
        }
        hash.add_bool(!c.hashes.is_empty());
        if strong_hash(c) {
            strong += 1;
        }
        license.add(&c.licenses);
        copyright.add(&c.copyright);
    }
    let n = parts.len();
    let hash_grade = {
        let mut g = hash.grade(
            "hash",
            Some((
                strong == n,
                "every component has a SHA-256 or stronger hash",
            )),
        );
        if g.level == Level::Recommended {
            g.reason = format!(
                "every component has a hash, but {} use only MD5 or SHA-1",
                n - strong
            );
        }
        // CISA's minimum is a hash of the primary component alone.
        if g.level == Level::None && primary.is_some_and(|p| !p.hashes.is_empty()) {
            g.level = Level::Minimum;
            g.reason = format!(
                "the primary component has a hash; {} of {n} components do not",
                hash.absent
            );
        }
        g
    };

    let (relationships, completeness) = grade_graph(sbom, &parts);
    let baseline = vec![
        ("author", author),
        ("timestamp", timestamp),
        ("type", kind),
        ("primary_component", primary_grade),
        ("component_name", name.grade("name", None)),
        ("version", version.grade("version", None)),
        (
            "supplier",
            supplier.grade(
                "supplier",
                Some((supplier_contact == n, "every supplier has contact details")),
            ),
        ),
        (
            "unique_identifier",
            ident.grade(
                "unique identifier",
                Some((
                    two_ids == n,
                    "every component has two or more kinds of identifier",
                )),
            ),
        ),
        ("hash", hash_grade),
        ("relationships", relationships),
        ("relationship_completeness", completeness),
        ("license", license.grade("license", None)),
        ("copyright", copyright.grade("copyright notice", None)),
    ];
    let get = |a: &str| {
        baseline
            .iter()
            .find(|(k, _)| *k == a)
            .map_or(Level::None, |(_, g)| g.level)
    };
    let ntia = vec![
        ("supplier", supplier.absent == 0 && supplier.unknown == 0),
        ("component_name", name.absent == 0),
        ("version", version.absent == 0),
        ("unique_identifier", ident.absent == 0),
        (
            "dependency_relationship",
            get("relationships") >= Level::Minimum,
        ),
        ("author", get("author") >= Level::Minimum),
        ("timestamp", meta.timestamp.is_some()),
    ];
    let mut fda = FdaGaps::default();
    for c in &parts {
        let no_level = c.fda.level_of_support.is_none();
        let no_eos = c.fda.end_of_support.is_none();
        fda.missing_level_of_support += usize::from(no_level);
        fda.missing_end_of_support += usize::from(no_eos);
        if (no_level || no_eos) && fda.examples.len() < 50 {
            fda.examples.push(c.bom_ref.clone());
        }
    }
    let overall = baseline
        .iter()
        .map(|(_, g)| g.level)
        .min()
        .unwrap_or(Level::None);
    Quality {
        baseline,
        ntia,
        fda,
        overall,
    }
}

fn grade_graph(sbom: &Sbom, parts: &[&Component]) -> (Grade, Grade) {
    let mut sources: HashSet<&str> = HashSet::new();
    let mut declared_leaf: HashSet<&str> = HashSet::new();
    for r in &sbom.relationships {
        match (&r.kind, &r.to) {
            (RelKind::Describes, _) => {}
            (_, RelTarget::Ref(_)) => {
                sources.insert(&r.from);
            }
            (_, RelTarget::None | RelTarget::NoAssertion) => {
                declared_leaf.insert(&r.from);
            }
        }
    }
    let primary = sbom.metadata.primary.as_deref();
    let relationships = if sources.is_empty() {
        Grade::doc(Level::None, "no dependency relationships")
    } else if primary.is_some_and(|p| !sources.contains(p)) {
        Grade::doc(
            Level::Minimum,
            "relationships are given, but not from the primary component",
        )
    } else {
        let described = parts
            .iter()
            .filter(|c| {
                sources.contains(c.bom_ref.as_str()) || declared_leaf.contains(c.bom_ref.as_str())
            })
            .count();
        if described == parts.len() {
            Grade::doc(
                Level::Aspirational,
                "every component's dependencies are listed or declared empty/unknown",
            )
        } else {
            Grade::doc(
                Level::Recommended,
                format!(
                    "the primary component's dependencies are listed; {} of {} components have no dependency entry",
                    parts.len() - described,
                    parts.len()
                ),
            )
        }
    };
    // Completeness: CycloneDX compositions, or SPDX relationships to NONE / NOASSERTION.
    let mut covered: HashSet<&str> = declared_leaf.clone();
    let mut known_complete = false;
    for comp in &sbom.compositions {
        if comp.aggregate != Aggregate::NotSpecified {
            known_complete = true;
            covered.extend(comp.assemblies.iter().map(String::as_str));
            covered.extend(comp.dependencies.iter().map(String::as_str));
        }
    }
    let completeness = if !known_complete && covered.is_empty() {
        Grade::doc(
            Level::None,
            "no statement of relationship completeness (CycloneDX compositions, SPDX NONE/NOASSERTION)",
        )
    } else if primary.is_some_and(|p| covered.contains(p))
        || sbom.compositions.iter().any(|c| {
            c.aggregate != Aggregate::NotSpecified
                && c.assemblies.is_empty()
                && c.dependencies.is_empty()
        })
    {
        let all = parts.iter().all(|c| covered.contains(c.bom_ref.as_str()));
        if all {
            Grade::doc(
                Level::Aspirational,
                "completeness is stated for every component",
            )
        } else {
            Grade::doc(
                Level::Recommended,
                "completeness is stated for the primary component or the whole document",
            )
        }
    } else {
        Grade::doc(
            Level::Minimum,
            "completeness is stated for some components only",
        )
    };
    (relationships, completeness)
}

/// Grades each component on its own attributes.
pub fn grade_components(sbom: &Sbom) -> Vec<ComponentQuality> {
    sbom.parts()
        .map(|c| {
            let mut missing = Vec::new();
            let mut unknown = Vec::new();
            let mut note = |name: &'static str, a: Attr<()>| match a {
                Attr::Absent => missing.push(name),
                Attr::DeclaredUnknown => unknown.push(name),
                Attr::Value(()) => {}
            };
            let flag = |b: bool| if b { Attr::Value(()) } else { Attr::Absent };
            note("version", unit(&c.version));
            note("supplier", supplier_attr(c));
            note("unique_identifier", flag(has_identifier(c)));
            note("hash", flag(!c.hashes.is_empty()));
            note("license", unit(&c.licenses));
            note("copyright", unit(&c.copyright));
            const MINIMUM: [&str; 3] = ["version", "supplier", "unique_identifier"];
            let level = if missing.iter().any(|m| MINIMUM.contains(m)) {
                Level::None
            } else if !unknown.is_empty() || !missing.is_empty() {
                Level::Minimum
            } else if strong_hash(c) && identifier_count(c) >= 2 {
                Level::Aspirational
            } else {
                Level::Recommended
            };
            ComponentQuality {
                bom_ref: c.bom_ref.clone(),
                level,
                missing,
                declared_unknown: unknown,
            }
        })
        .collect()
}
