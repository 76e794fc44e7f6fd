//! A CSAF advisory read by `mamori-feeds` turned into the writers' input, to re-issue it under
//! one's own name: a supplier's advisory about an off-the-shelf part passed on to the maker's
//! customers, or an advisory first published elsewhere (CISA's ICSMA) taken into the maker's own
//! provider folder.
//!
//! Every product of the tree keeps its product id, full name, branch names and identification
//! helpers; every vulnerability keeps its ids, title, description, CWE and CVSS 3.x vectors; each
//! product keeps its status (the first/last variants fold into `known_affected` and `fixed`),
//! flag, impact statement and the remediations exactly as written (category, details, URL and
//! date). What the writers have no place for — document notes other than the summary,
//! acknowledgments, relationships' structure, CVSS 2.0 and 4.0 scores, threats other than impact —
//! is listed in [`Reissued::not_carried`].

use std::collections::{HashMap, HashSet};

use mamori_feeds::csaf::{CsafAdvisory, CsafVulnerability};
use mamori_judge::analysis::{Analysis, CsafProductVex, Lang, VexJustification, VexStatus};
use mamori_model::{CvssVersion, ProductStatus};
use time::OffsetDateTime;

use super::{
    CvssEntry, Cwe, Link, Product, Publisher, ReleaseStatus, RemediationCategory,
    StatementRemediation, TreeProduct, VexDocument, VexStatement,
};

/// The writers' input for a re-issued advisory, with what it could not carry.
#[derive(Debug, Clone)]
pub struct Reissued {
    /// The input: write it with [`super::csaf_security_advisory`].
    pub document: VexDocument,
    /// What the source had that the document will not carry, one line each.
    pub not_carried: Vec<String>,
}

/// Turns `adv` into the writers' input for a document published by `publisher` as `tracking_id`
/// at `now`. Vulnerabilities the reader refused are not in `adv` and so not in the result.
pub fn reissue(
    adv: &CsafAdvisory,
    publisher: Publisher,
    tracking_id: &str,
    now: OffsetDateTime,
) -> Reissued {
    let mut not_carried = Vec::new();
    let lang = match adv.lang.as_deref() {
        Some(l) if l.to_ascii_lowercase().starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    };
    let summary = adv
        .notes
        .iter()
        .find(|n| n.category == "summary")
        .map(|n| n.text.clone());
    for n in adv.notes.iter().filter(|n| n.category != "summary") {
        not_carried.push(format!(
            "document note `{}`{}",
            n.category,
            n.title
                .as_ref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default()
        ));
    }
    let mut references: Vec<Link> = adv
        .references
        .iter()
        .filter(|r| !r.tags.iter().any(|t| t == "self"))
        .map(|r| Link {
            url: r.url.clone(),
            summary: format!("{}: {}", adv.tracking_id, r.url),
        })
        .collect();
    references.sort_by(|a, b| a.url.cmp(&b.url));
    references.dedup_by(|a, b| a.url == b.url);

    let mut products = Vec::with_capacity(adv.products.len());
    for p in &adv.products {
        if let Some(r) = &p.relationship {
            not_carried.push(format!(
                "relationship `{}` of `{}`: written as a product of its own",
                r.category, p.product_id
            ));
        }
        if p.purls.len() > 1 {
            not_carried.push(format!("purls of `{}` beyond the first", p.product_id));
        }
        // Only a vendor → product name → product version path can be written as branches.
        let path: Vec<&str> = p.branches.iter().map(|(c, _)| c.as_str()).collect();
        let plain = path == ["vendor", "product_name", "product_version"];
        products.push(TreeProduct {
            id: p.product_id.clone(),
            full_name: p.name.clone(),
            vendor: p.vendor.clone().filter(|_| plain),
            name: p.product.clone().filter(|_| plain),
            version: p.version.clone().filter(|_| plain),
            purl: p.purls.first().cloned(),
            cpe: p.cpe.clone(),
        });
    }

    let mut statements = Vec::new();
    for v in adv.vulnerabilities.iter().filter_map(|r| r.as_ref().ok()) {
        statements.extend(statements_of(v, lang, &mut not_carried));
    }

    let document = VexDocument {
        publisher,
        tracking_id: tracking_id.to_owned(),
        title: adv.title.clone(),
        lang,
        now,
        status: ReleaseStatus::Final,
        history: Vec::new(),
        revision_summary: format!("Re-issued from {} by {}.", adv.tracking_id, adv.publisher),
        summary,
        references,
        // Never written: every statement is about one of `products`.
        product: Product {
            name: adv.title.clone(),
            vendor: adv.publisher.clone(),
            version: adv.revision.clone().unwrap_or_else(|| "1".to_owned()),
            purl: None,
            cpe: None,
        },
        products,
        components: Vec::new(),
        statements,
    };
    Reissued {
        document,
        not_carried,
    }
}

/// One statement per product the vulnerability gives a status for.
fn statements_of(
    v: &CsafVulnerability,
    lang: Lang,
    not_carried: &mut Vec<String>,
) -> Vec<VexStatement> {
    let vuln = &v.vulnerability;
    let id = vuln.id.to_string();
    let text = |list: &[mamori_model::LocalizedText]| {
        list.iter()
            .find(|t| {
                t.lang
                    .starts_with(if lang == Lang::Ja { "ja" } else { "en" })
            })
            .or(list.first())
            .map(|t| t.text.clone())
    };
    let cwe = vuln.cwes.first().and_then(|w| {
        let n = w.cwe.number();
        match crate::cwe::name(n) {
            Some(name) => Some(Cwe {
                id: n,
                name: name.to_owned(),
            }),
            None => {
                not_carried.push(format!("{id}: CWE-{n} (not in the catalogue list)"));
                None
            }
        }
    });
    // Which products each vector is for.
    let mut vectors: HashMap<&str, Vec<&str>> = HashMap::new();
    for s in &v.scores {
        for c in &s.cvss {
            if matches!(c.version, CvssVersion::V3_0 | CvssVersion::V3_1) {
                for p in &s.products {
                    vectors
                        .entry(p.as_str())
                        .or_default()
                        .push(c.vector.as_str());
                }
            } else {
                not_carried.push(format!("{id}: cvss {:?} `{}`", c.version, c.vector));
            }
        }
    }
    for t in v.threats.iter().filter(|t| t.category != "impact") {
        not_carried.push(format!("{id}: threat `{}`", t.category));
    }
    let mut remediated: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    for p in &vuln.csaf_products {
        let pid = p.product_id.as_str();
        let status = match p.status {
            ProductStatus::KnownAffected
            | ProductStatus::FirstAffected
            | ProductStatus::LastAffected => VexStatus::Affected,
            ProductStatus::Fixed | ProductStatus::FirstFixed | ProductStatus::Recommended => {
                VexStatus::Fixed
            }
            ProductStatus::KnownNotAffected => VexStatus::NotAffected,
            ProductStatus::UnderInvestigation => VexStatus::UnderInvestigation,
        };
        if matches!(
            p.status,
            ProductStatus::FirstAffected
                | ProductStatus::LastAffected
                | ProductStatus::FirstFixed
                | ProductStatus::Recommended
        ) {
            not_carried.push(format!(
                "{id}: `{pid}` status {:?} (written as {})",
                p.status,
                if status == VexStatus::Fixed {
                    "fixed"
                } else {
                    "known_affected"
                }
            ));
        }
        let flag = v
            .flags
            .iter()
            .find(|f| f.product_ids.iter().any(|x| x == pid))
            .and_then(|f| VexJustification::parse(&f.category));
        let impact = v
            .threats
            .iter()
            .find(|t| t.category == "impact" && t.product_ids.iter().any(|x| x == pid))
            .map(|t| t.details.clone());
        let mut remediations = Vec::new();
        for r in v
            .remediations
            .iter()
            .filter(|r| r.product_ids.iter().any(|x| x == pid))
        {
            let Some(category) = RemediationCategory::parse(&r.remediation.category) else {
                not_carried.push(format!(
                    "{id}: remediation category `{}`",
                    r.remediation.category
                ));
                continue;
            };
            remediated.insert(pid);
            remediations.push(StatementRemediation {
                category,
                details: r.remediation.details.clone(),
                url: r.remediation.url.clone(),
                date: r.remediation.date,
                also_for: Vec::new(),
            });
        }
        let analysis = Analysis::from_csaf(
            &CsafProductVex {
                status,
                flag,
                impact,
                remediations: Vec::new(),
            },
            lang,
        );
        out.push(VexStatement {
            vuln_id: id.clone(),
            aliases: vuln.aliases.iter().map(ToString::to_string).collect(),
            title: text(&vuln.titles),
            description: text(&vuln.descriptions),
            cwe: cwe.clone(),
            cvss: vectors
                .get(pid)
                .into_iter()
                .flatten()
                .map(|v| CvssEntry {
                    vector: (*v).to_owned(),
                    source: None,
                })
                .collect(),
            components: vec![pid.to_owned()],
            remediations,
            analysis,
            fixed_versions: Vec::new(),
            first_issued: vuln.published,
            last_updated: vuln.modified,
        });
    }
    // A remediation may also name products with no status for this vulnerability: they ride on
    // the first statement carrying the same remediation.
    for r in &v.remediations {
        let orphans: Vec<String> = r
            .product_ids
            .iter()
            .filter(|p| !remediated.contains(p.as_str()))
            .filter(|p| !vuln.csaf_products.iter().any(|x| &x.product_id == *p))
            .cloned()
            .collect();
        if orphans.is_empty() {
            continue;
        }
        let carrier = out.iter_mut().find_map(|s| {
            s.remediations.iter_mut().find(|x| {
                RemediationCategory::parse(&r.remediation.category) == Some(x.category)
                    && x.details == r.remediation.details
                    && x.url == r.remediation.url
                    && x.date == r.remediation.date
            })
        });
        match carrier {
            Some(x) => x.also_for.extend(orphans),
            None => not_carried.push(format!(
                "{id}: remediation `{}` only for products without a status in it",
                r.remediation.category
            )),
        }
    }
    out
}
