//! The CSAF 2.0 writers: `csaf_vex`, `csaf_security_advisory` and `csaf_informational_advisory`
//! from one [`VexDocument`], each checked by this crate's validator before it is returned.
//!
//! Product ids are derived, so the same input always gives the same ids: the release is
//! `PRD:name@version`, a component `CMP:bom-ref`, and "component as part of the release" (the
//! relationship that statements point at) `REL:bom-ref`. Statements on the same vulnerability (same
//! CVE, or same id when there is no CVE) are merged into one vulnerability, since CSAF allows a CVE
//! only once per document.

use std::collections::{HashMap, HashSet};

use mamori_cvss::{Cvss, CvssVersion, Severity};
use mamori_judge::analysis::{Lang, Loss, RemediationCategory, Target, VexStatus};
use serde_json::{Map, Value, json};

use super::{
    StatementRemediation, TOOL_NAME, TOOL_VERSION, VexComponent, VexDocument, VexStatement,
    WriteError, Written, check_input, fallback_action, is_cve, rfc3339,
};

/// Writes the document in the `csaf_vex` profile.
pub fn csaf_vex(doc: &VexDocument) -> Result<Written, WriteError> {
    write(doc, "csaf_vex")
}

/// Writes the document in the `csaf_security_advisory` profile: the same vulnerabilities, product
/// status, flags and remediations as the VEX.
pub fn csaf_security_advisory(doc: &VexDocument) -> Result<Written, WriteError> {
    write(doc, "csaf_security_advisory")
}

/// Writes the document in the `csaf_informational_advisory` profile: the summary, references and
/// product, without vulnerabilities (the statements are not written). Needs a summary and at least
/// one reference.
pub fn csaf_informational_advisory(doc: &VexDocument) -> Result<Written, WriteError> {
    const P: &str = "csaf_informational_advisory";
    if doc.summary.is_none() {
        return Err(WriteError::Missing {
            profile: P,
            what: "a summary",
        });
    }
    if doc.references.is_empty() {
        return Err(WriteError::Missing {
            profile: P,
            what: "an external reference",
        });
    }
    check_input(doc)?;
    let mut out = Map::new();
    out.insert("document".into(), document(doc, P));
    out.insert(
        "product_tree".into(),
        json!({ "branches": [product_branch(doc)] }),
    );
    finish(Value::Object(out), P, Vec::new())
}

fn write(doc: &VexDocument, profile: &'static str) -> Result<Written, WriteError> {
    let by_ref = check_input(doc)?;
    let mut losses = Vec::new();
    let pid = product_id(doc);

    // Components some statement is about, in first-mention order.
    let mut used: Vec<&VexComponent> = Vec::new();
    let mut used_set: HashSet<&str> = HashSet::new();
    for s in &doc.statements {
        for r in &s.components {
            if used_set.insert(r.as_str())
                && let Some(c) = by_ref.get(r.as_str())
            {
                used.push(c);
            }
        }
    }

    // The release is written when something is about it; a document covering other products
    // only (a vendor's advisory read back) does not invent a product nobody mentioned.
    let release_written = doc.products.is_empty()
        || !used.is_empty()
        || doc.statements.iter().any(|s| s.components.is_empty());
    let mut tree = Map::new();
    let mut branches: Branches = Vec::new();
    if release_written {
        let p = &doc.product;
        place(
            &mut branches,
            &p.vendor,
            &p.name,
            release_version_branch(doc),
        );
    }
    let mut loose: Vec<Value> = Vec::new();
    for p in &doc.products {
        let mut leaf = Map::new();
        leaf.insert("name".into(), json!(p.full_name));
        leaf.insert("product_id".into(), json!(p.id));
        if let Some(h) = helper(p.purl.as_deref(), p.cpe.as_deref()) {
            leaf.insert("product_identification_helper".into(), h);
        }
        match (&p.vendor, &p.name, &p.version) {
            (Some(v), Some(n), Some(ver)) => place(
                &mut branches,
                v,
                n,
                json!({"category": "product_version", "name": ver, "product": leaf}),
            ),
            _ => loose.push(Value::Object(leaf)),
        }
    }
    if !branches.is_empty() {
        tree.insert("branches".into(), Value::Array(branches_json(branches)));
    }
    if !loose.is_empty() {
        tree.insert("full_product_names".into(), Value::Array(loose));
    }
    if !used.is_empty() {
        let product_label = format!("{} {}", doc.product.name, doc.product.version);
        let names: Vec<Value> = used
            .iter()
            .map(|c| {
                let mut p = Map::new();
                p.insert("name".into(), json!(format!("{} {}", c.name, c.version)));
                p.insert("product_id".into(), json!(component_id(&c.bom_ref)));
                if let Some(h) = helper(c.purl.as_deref(), c.cpe.as_deref()) {
                    p.insert("product_identification_helper".into(), h);
                }
                Value::Object(p)
            })
            .collect();
        let rels: Vec<Value> = used
            .iter()
            .map(|c| {
                json!({
                    "category": "default_component_of",
                    "full_product_name": {
                        "name": format!("{} {} as part of {product_label}", c.name, c.version),
                        "product_id": relationship_id(&c.bom_ref),
                    },
                    "product_reference": component_id(&c.bom_ref),
                    "relates_to_product_reference": pid,
                })
            })
            .collect();
        match tree.get_mut("full_product_names") {
            Some(Value::Array(list)) => list.extend(names),
            _ => {
                tree.insert("full_product_names".into(), Value::Array(names));
            }
        }
        tree.insert("relationships".into(), Value::Array(rels));
    }

    let mut vulns = Vec::new();
    for group in group_statements(doc) {
        vulns.push(vulnerability(doc, &pid, &by_ref, &group, &mut losses));
    }

    let mut out = Map::new();
    out.insert("document".into(), document(doc, profile));
    out.insert("product_tree".into(), Value::Object(tree));
    if !vulns.is_empty() {
        out.insert("vulnerabilities".into(), Value::Array(vulns));
    }
    finish(Value::Object(out), profile, losses)
}

/// Sorts keys (optional test 6.2.13 wants them sorted) and runs the validator.
fn finish(
    mut v: Value,
    profile: &'static str,
    losses: Vec<(String, Loss)>,
) -> Result<Written, WriteError> {
    sort_keys(&mut v);
    let report = crate::validate_value(&v);
    if !report.is_valid() {
        return Err(WriteError::Invalid {
            format: profile,
            failures: report.errors.iter().map(ToString::to_string).collect(),
        });
    }
    Ok(Written {
        document: v,
        losses,
    })
}

fn sort_keys(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.sort_keys();
            m.values_mut().for_each(sort_keys);
        }
        Value::Array(a) => a.iter_mut().for_each(sort_keys),
        _ => {}
    }
}

fn product_id(doc: &VexDocument) -> String {
    format!("PRD:{}@{}", doc.product.name, doc.product.version)
}

fn component_id(bom_ref: &str) -> String {
    format!("CMP:{bom_ref}")
}

fn relationship_id(bom_ref: &str) -> String {
    format!("REL:{bom_ref}")
}

fn helper(purl: Option<&str>, cpe: Option<&str>) -> Option<Value> {
    let mut h = Map::new();
    if let Some(c) = cpe {
        h.insert("cpe".into(), json!(c));
    }
    if let Some(p) = purl {
        h.insert("purl".into(), json!(p));
    }
    (!h.is_empty()).then_some(Value::Object(h))
}

/// Branches under construction: vendor → product name → version branches, in first-appearance order.
type Branches = Vec<(String, Vec<(String, Vec<Value>)>)>;

/// Puts a `product_version` branch under vendor → product name, joining those already there.
fn place(tree: &mut Branches, vendor: &str, name: &str, version_branch: Value) {
    let i = tree
        .iter()
        .position(|(v, _)| v == vendor)
        .unwrap_or_else(|| {
            tree.push((vendor.to_owned(), Vec::new()));
            tree.len() - 1
        });
    let names = &mut tree[i].1;
    let j = names
        .iter()
        .position(|(n, _)| n == name)
        .unwrap_or_else(|| {
            names.push((name.to_owned(), Vec::new()));
            names.len() - 1
        });
    names[j].1.push(version_branch);
}

fn branches_json(tree: Branches) -> Vec<Value> {
    tree.into_iter()
        .map(|(vendor, names)| {
            let names: Vec<Value> = names
                .into_iter()
                .map(|(name, versions)| {
                    json!({"category": "product_name", "name": name, "branches": versions})
                })
                .collect();
            json!({"category": "vendor", "name": vendor, "branches": names})
        })
        .collect()
}

/// vendor → product name → product version, with the release as the leaf product.
fn product_branch(doc: &VexDocument) -> Value {
    let p = &doc.product;
    let mut tree = Vec::new();
    place(&mut tree, &p.vendor, &p.name, release_version_branch(doc));
    branches_json(tree).swap_remove(0)
}

/// The release's `product_version` branch with the release as its leaf product.
fn release_version_branch(doc: &VexDocument) -> Value {
    let p = &doc.product;
    let mut leaf = Map::new();
    leaf.insert(
        "name".into(),
        json!(format!("{} {} {}", p.vendor, p.name, p.version)),
    );
    leaf.insert("product_id".into(), json!(product_id(doc)));
    if let Some(h) = helper(p.purl.as_deref(), p.cpe.as_deref()) {
        leaf.insert("product_identification_helper".into(), h);
    }
    json!({"category": "product_version", "name": p.version, "product": leaf})
}

fn document(doc: &VexDocument, profile: &str) -> Value {
    let now = rfc3339(doc.now);
    let mut history: Vec<Value> = doc
        .history
        .iter()
        .enumerate()
        .map(|(i, r)| {
            json!({"date": rfc3339(r.date), "number": (i + 1).to_string(), "summary": r.summary})
        })
        .collect();
    let version = (doc.history.len() + 1).to_string();
    history.push(json!({"date": now, "number": version, "summary": doc.revision_summary}));
    let initial = doc.history.first().map_or(now.clone(), |r| rfc3339(r.date));
    let mut d = Map::new();
    d.insert("category".into(), json!(profile));
    d.insert("csaf_version".into(), json!("2.0"));
    d.insert(
        "lang".into(),
        json!(match doc.lang {
            Lang::En => "en",
            Lang::Ja => "ja",
        }),
    );
    if let Some(s) = &doc.summary {
        d.insert(
            "notes".into(),
            json!([{"category": "summary", "text": s, "title": "Summary"}]),
        );
    }
    d.insert(
        "publisher".into(),
        json!({
            "category": doc.publisher.category.as_str(),
            "name": doc.publisher.name,
            "namespace": doc.publisher.namespace,
        }),
    );
    if !doc.references.is_empty() {
        let refs: Vec<Value> = doc
            .references
            .iter()
            .map(|l| json!({"category": "external", "summary": l.summary, "url": l.url}))
            .collect();
        d.insert("references".into(), Value::Array(refs));
    }
    d.insert("title".into(), json!(doc.title));
    d.insert(
        "tracking".into(),
        json!({
            "current_release_date": now,
            "generator": {"date": now, "engine": {"name": TOOL_NAME, "version": TOOL_VERSION}},
            "id": doc.tracking_id,
            "initial_release_date": initial,
            "revision_history": history,
            "status": match doc.status {
                super::ReleaseStatus::Interim => "interim",
                super::ReleaseStatus::Final => "final",
            },
            "version": version,
        }),
    );
    Value::Object(d)
}

/// The CVE a statement is filed under: its id if that is a CVE, else its first CVE alias.
fn cve_of(s: &VexStatement) -> Option<&str> {
    if is_cve(&s.vuln_id) {
        return Some(&s.vuln_id);
    }
    s.aliases.iter().map(String::as_str).find(|a| is_cve(a))
}

/// Statements grouped by vulnerability (CVE, else id), in first-appearance order.
fn group_statements(doc: &VexDocument) -> Vec<Vec<&VexStatement>> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<Vec<&VexStatement>> = Vec::new();
    for s in &doc.statements {
        let key = cve_of(s).unwrap_or(&s.vuln_id);
        match index.get(key) {
            Some(&i) => groups[i].push(s),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![s]);
            }
        }
    }
    groups
}

/// Name of the id system for a non-CVE id, from its prefix.
fn id_system(id: &str) -> String {
    let prefix = id.split(['-', ':']).next().unwrap_or(id);
    match prefix {
        "GHSA" => "GitHub Security Advisory".to_string(),
        "JVNDB" => "JVN iPedia".to_string(),
        "JVN" => "JVN".to_string(),
        "OSV" | "PYSEC" | "RUSTSEC" | "GO" => format!("{prefix} (OSV)"),
        "" => "other".to_string(),
        p => p.to_string(),
    }
}

/// Items grouped by a key with product ids, keeping first-appearance order.
struct Grouped<K> {
    keys: Vec<K>,
    ids: Vec<Vec<String>>,
}

impl<K: PartialEq> Grouped<K> {
    fn new() -> Self {
        Self {
            keys: Vec::new(),
            ids: Vec::new(),
        }
    }

    fn add(&mut self, key: K, pids: &[String]) {
        match self.keys.iter().position(|k| *k == key) {
            Some(i) => {
                for p in pids {
                    if !self.ids[i].contains(p) {
                        self.ids[i].push(p.clone());
                    }
                }
            }
            None => {
                self.keys.push(key);
                self.ids.push(pids.to_vec());
            }
        }
    }

    fn iter(&self) -> impl Iterator<Item = (&K, &Vec<String>)> {
        self.keys.iter().zip(self.ids.iter())
    }
}

fn vulnerability(
    doc: &VexDocument,
    pid: &str,
    by_ref: &HashMap<&str, &VexComponent>,
    group: &[&VexStatement],
    losses: &mut Vec<(String, Loss)>,
) -> Value {
    let first = group[0];
    let cve = group.iter().find_map(|s| cve_of(s));
    let mut ids: Vec<&str> = Vec::new();
    for s in group {
        for id in std::iter::once(&s.vuln_id).chain(&s.aliases) {
            if Some(id.as_str()) != cve && !ids.contains(&id.as_str()) {
                ids.push(id);
            }
        }
    }

    let mut status: [Vec<String>; 4] = Default::default();
    let mut flags: Grouped<&'static str> = Grouped::new();
    let mut threats: Grouped<String> = Grouped::new();
    let mut remediations: Grouped<StatementRemediation> = Grouped::new();
    let mut scores: Grouped<String> = Grouped::new();
    for s in group {
        let subject = |r: &String| {
            if by_ref.contains_key(r.as_str()) {
                relationship_id(r)
            } else {
                // Checked on input: not a component, so one of the document's products.
                r.clone()
            }
        };
        let pids: Vec<String> = if s.components.is_empty() {
            vec![pid.to_string()]
        } else {
            s.components.iter().map(subject).collect()
        };
        let (vex, lost) = s.analysis.to_csaf(doc.lang);
        losses.extend(lost.into_iter().map(|l| (s.vuln_id.clone(), l)));
        let bucket = match vex.status {
            VexStatus::Fixed => 0,
            VexStatus::Affected => 1,
            VexStatus::NotAffected => 2,
            VexStatus::UnderInvestigation => 3,
        };
        status[bucket].extend_from_slice(&pids);
        if let Some(f) = vex.flag {
            flags.add(f.as_str(), &pids);
        }
        if let Some(t) = vex.impact {
            threats.add(t, &pids);
        }
        if !s.remediations.is_empty() {
            for r in &s.remediations {
                let mut on = pids.clone();
                on.extend(r.also_for.iter().map(subject));
                let key = StatementRemediation {
                    also_for: Vec::new(),
                    ..r.clone()
                };
                remediations.add(key, &on);
            }
        } else if vex.status == VexStatus::Affected {
            let mut rs: Vec<(RemediationCategory, String)> = vex
                .remediations
                .into_iter()
                .map(|r| {
                    let details = if r.category == RemediationCategory::VendorFix
                        && !s.fixed_versions.is_empty()
                    {
                        fallback_action(&s.fixed_versions)
                    } else {
                        r.details
                    };
                    (r.category, details)
                })
                .collect();
            if !s.fixed_versions.is_empty()
                && !rs.iter().any(|r| r.0 == RemediationCategory::VendorFix)
            {
                rs.push((
                    RemediationCategory::VendorFix,
                    fallback_action(&s.fixed_versions),
                ));
            }
            if rs.is_empty() {
                rs.push((RemediationCategory::NoneAvailable, fallback_action(&[])));
            }
            for (category, details) in rs {
                remediations.add(
                    StatementRemediation {
                        category,
                        details,
                        url: None,
                        date: None,
                        also_for: Vec::new(),
                    },
                    &pids,
                );
            }
        }
        // Scores describe products that are or may be affected; a fixed product's would be noise.
        if vex.status != VexStatus::Fixed {
            // CSAF allows one score per CVSS version per product (6.1.7): the first vector of a
            // version wins, so callers list the preferred source first.
            let mut versions: Vec<CvssVersion> = Vec::new();
            for c in &s.cvss {
                let dropped = match Cvss::parse(&c.vector) {
                    Err(e) => Some(format!(
                        "`{}` is not a valid cvss vector ({e}); dropped",
                        c.vector
                    )),
                    Ok(v) if v.version() == CvssVersion::V4_0 => Some(format!(
                        "csaf 2.0 has no cvss 4.0 score; `{}` dropped",
                        c.vector
                    )),
                    Ok(v) if versions.contains(&v.version()) => Some(format!(
                        "csaf allows one cvss {} score per product; `{}`{} dropped",
                        v.version(),
                        c.vector,
                        c.source
                            .as_ref()
                            .map(|s| format!(" from {s}"))
                            .unwrap_or_default()
                    )),
                    Ok(v) => {
                        versions.push(v.version());
                        None
                    }
                };
                match dropped {
                    Some(reason) => losses.push((
                        s.vuln_id.clone(),
                        Loss {
                            target: Target::Csaf,
                            field: "cvss",
                            reason,
                        },
                    )),
                    None => scores.add(c.vector.clone(), &pids),
                }
            }
        }
    }

    let mut v = Map::new();
    if let Some(c) = cve {
        v.insert("cve".into(), json!(c));
    }
    if let Some(cwe) = group.iter().find_map(|s| s.cwe.as_ref()) {
        v.insert(
            "cwe".into(),
            json!({"id": format!("CWE-{}", cwe.id), "name": cwe.name}),
        );
    }
    if !ids.is_empty() {
        let ids: Vec<Value> = ids
            .iter()
            .map(|id| json!({"system_name": id_system(id), "text": id}))
            .collect();
        v.insert("ids".into(), Value::Array(ids));
    }
    let description = group.iter().find_map(|s| s.description.as_deref());
    let title = group.iter().find_map(|s| s.title.as_deref());
    let note_text = description.or(title).map_or_else(
        || format!("Vulnerability {}.", first.vuln_id),
        str::to_owned,
    );
    v.insert(
        "notes".into(),
        json!([{"category": "description", "text": note_text, "title": "Description"}]),
    );
    let mut ps = Map::new();
    for (name, list) in [
        "fixed",
        "known_affected",
        "known_not_affected",
        "under_investigation",
    ]
    .into_iter()
    .zip(status)
    {
        if !list.is_empty() {
            ps.insert(name.into(), json!(list));
        }
    }
    v.insert("product_status".into(), Value::Object(ps));
    if !flags.keys.is_empty() {
        let list: Vec<Value> = flags
            .iter()
            .map(|(l, ids)| json!({"label": l, "product_ids": ids}))
            .collect();
        v.insert("flags".into(), Value::Array(list));
    }
    if !threats.keys.is_empty() {
        let list: Vec<Value> = threats
            .iter()
            .map(|(t, ids)| json!({"category": "impact", "details": t, "product_ids": ids}))
            .collect();
        v.insert("threats".into(), Value::Array(list));
    }
    if !remediations.keys.is_empty() {
        let list: Vec<Value> = remediations
            .iter()
            .map(|(r, ids)| {
                let mut m = Map::new();
                m.insert("category".into(), json!(r.category.as_str()));
                m.insert("details".into(), json!(r.details));
                m.insert("product_ids".into(), json!(ids));
                if let Some(u) = &r.url {
                    m.insert("url".into(), json!(u));
                }
                if let Some(d) = r.date {
                    m.insert("date".into(), json!(rfc3339(d)));
                }
                Value::Object(m)
            })
            .collect();
        v.insert("remediations".into(), Value::Array(list));
    }
    let mut score_list = Vec::new();
    for (vector, ids) in scores.iter() {
        match score(vector) {
            Ok((key, obj)) => {
                let mut m = Map::new();
                m.insert(key.into(), obj);
                m.insert("products".into(), json!(ids));
                score_list.push(Value::Object(m));
            }
            Err(reason) => losses.push((
                first.vuln_id.clone(),
                Loss {
                    target: Target::Csaf,
                    field: "cvss",
                    reason,
                },
            )),
        }
    }
    if !score_list.is_empty() {
        v.insert("scores".into(), Value::Array(score_list));
    }
    if let Some(t) = title {
        v.insert("title".into(), json!(t));
    }
    Value::Object(v)
}

fn upper(s: Severity) -> &'static str {
    match s {
        Severity::None => "NONE",
        Severity::Low => "LOW",
        Severity::Medium => "MEDIUM",
        Severity::High => "HIGH",
        Severity::Critical => "CRITICAL",
    }
}

/// A CSAF score object (`cvss_v3` or `cvss_v2`) computed from a vector, or why it cannot be one.
fn score(vector: &str) -> Result<(&'static str, Value), String> {
    let cvss = Cvss::parse(vector)
        .map_err(|e| format!("`{vector}` is not a valid cvss vector ({e}); dropped"))?;
    match cvss {
        Cvss::V3(v) => {
            let mut m = Map::new();
            m.insert("version".into(), json!(cvss.version().as_str()));
            m.insert("vectorString".into(), json!(cvss.to_string()));
            let base = v.base_score();
            m.insert("baseScore".into(), json!(base));
            m.insert(
                "baseSeverity".into(),
                json!(upper(Severity::from_score(base))),
            );
            if v.has_temporal() {
                let t = v.temporal_score();
                m.insert("temporalScore".into(), json!(t));
                m.insert(
                    "temporalSeverity".into(),
                    json!(upper(Severity::from_score(t))),
                );
            }
            if v.has_environmental() {
                let e = v.environmental_score();
                m.insert("environmentalScore".into(), json!(e));
                m.insert(
                    "environmentalSeverity".into(),
                    json!(upper(Severity::from_score(e))),
                );
            }
            Ok(("cvss_v3", Value::Object(m)))
        }
        Cvss::V2(v) => {
            let mut m = Map::new();
            m.insert("version".into(), json!("2.0"));
            m.insert("vectorString".into(), json!(cvss.to_string()));
            m.insert("baseScore".into(), json!(v.base_score()));
            if let Some(t) = cvss.temporal_score() {
                m.insert("temporalScore".into(), json!(t));
            }
            if let Some(e) = cvss.environmental_score() {
                m.insert("environmentalScore".into(), json!(e));
            }
            Ok(("cvss_v2", Value::Object(m)))
        }
        Cvss::V4(_) => Err(format!(
            "csaf 2.0 has no cvss 4.0 score; `{vector}` dropped"
        )),
    }
}
