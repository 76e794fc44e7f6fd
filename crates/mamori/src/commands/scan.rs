//! `mamori scan`: one SBOM against the vulnerability store, not stored; table, JSON or SARIF.

use super::Ctx;
use super::sbom::load;
use crate::Outcome;
use crate::cli::ScanArgs;
use crate::i18n::Lang;
use anyhow::Context;
use mamori_match::{
    ComponentIdentity, CpePrefilter, Environment, Finding, FindingKind, MatchPolicy, Scanner,
    VulnIndex,
};
use mamori_model::Sbom;
use mamori_store::Store;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;

/// Severity order for `--fail-on`.
const SEVERITIES: [&str; 5] = ["none", "low", "medium", "high", "critical"];

pub async fn run(ctx: &Ctx, args: ScanArgs) -> anyhow::Result<Outcome> {
    let format = args.format.as_str();
    let fail_on = match args.fail_on.as_deref() {
        Some(s) => Some(
            SEVERITIES
                .iter()
                .position(|x| *x == s)
                .with_context(|| format!("--fail-on {s:?}: use low, medium, high or critical"))?,
        ),
        None => None,
    };
    let started = std::time::Instant::now();
    let checked = load(&args.sbom)?;
    for e in &checked.errors {
        eprintln!("{}: {e}", args.sbom.display());
    }
    let store = ctx.store().await?;
    let policy = MatchPolicy {
        cpe_for_language_packages: args.cpe_for_language_packages,
        match_first_party: args.match_first_party,
    };
    let identities = mamori_match::identify(&checked.sbom);
    let env = Environment::from_sbom(&checked.sbom);

    let mut extra = Vec::new();
    if let Some(p) = &args.explain {
        extra.push(
            ComponentIdentity::from_purl(p).map_err(|e| anyhow::anyhow!("--explain {p:?}: {e}"))?,
        );
    }
    // `--explain` shows every record filed under the component's keys, with
    // the reason each did not match: it needs the whole candidate set.
    let prefilter = extra
        .is_empty()
        .then(|| CpePrefilter::new(identities.iter()).in_environment(env.clone()));
    let index = load_candidates(
        &store,
        identities.iter().chain(extra.iter()),
        prefilter.as_ref(),
    )
    .await?;
    let scanner = Scanner::new(&index, policy);

    if let Some(c) = extra.first() {
        return explain(ctx.lang, &scanner, c, &env);
    }
    // The command owns the machine: components are matched on every core.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let result = scanner.scan_parallel(&identities, &env, threads);
    let matched_ms = started.elapsed().as_millis() as u64;
    let enriched = store.enrich(&index, &result.findings).await?;
    tracing::debug!(
        components = identities.len(),
        findings = result.findings.len(),
        matched_ms,
        enriched_ms = started.elapsed().as_millis() as u64,
        "scan: matched and enriched"
    );
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("{}: cannot write", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    // bom-refs are unique in a valid SBOM; the first wins otherwise, as before.
    let mut by_ref: HashMap<&str, &mamori_model::Component> = HashMap::new();
    for c in &checked.sbom.components {
        by_ref.entry(c.bom_ref.as_str()).or_insert(c);
    }
    // Findings are written one at a time as they are serialized: holding every
    // finding's JSON object (and a copy inside the document) was most of the
    // peak memory of a large scan (50,000 components: about 1.2 GB of 1.9).
    let rows = Rows {
        by_ref: &by_ref,
        findings: &result.findings,
        enriched: &enriched,
    };
    let summary = summary(&result.findings, &enriched, &result);
    match format {
        "cyclonedx-vex" | "openvex" | "csaf-vex" => {
            let doc = vex_document(&args, &checked.sbom, &index, &result.findings)?;
            let written = match format {
                "openvex" => mamori_csaf::vex::openvex(&doc),
                "csaf-vex" => mamori_csaf::vex::csaf_vex(&doc),
                _ => mamori_csaf::vex::cyclonedx_vex(&doc),
            }
            .with_context(|| format!("writing {format}"))?;
            for (id, loss) in &written.losses {
                eprintln!(
                    "{}: {id}: {loss:?}",
                    ctx.lang
                        .pick("not carried by the format", "形式で表せない情報")
                );
            }
            out.write_all(&written.to_vec())?;
            writeln!(out)?;
        }
        "json" => {
            serde_json::to_writer_pretty(
                &mut out,
                &JsonReport {
                    findings: Typed(&rows),
                    summary: &summary,
                },
            )?;
            writeln!(out)?;
        }
        "sarif" => {
            let file = args.sbom.display().to_string();
            let to_result = |r: Value| sarif_result(&file, &r);
            serde_json::to_writer_pretty(&mut out, &sarif(&rows, &to_result))?;
            writeln!(out)?;
        }
        _ => table(ctx.lang, &mut out, &rows, &summary)?,
    }
    out.flush()?;
    let worst = result
        .findings
        .iter()
        .zip(&enriched)
        .filter(|(f, _)| f.kind == FindingKind::Vulnerability)
        .filter_map(|(_, e)| e.severity["level"].as_str())
        .filter_map(|s| SEVERITIES.iter().position(|x| *x == s))
        .max();
    let outcome = match (fail_on, worst) {
        (Some(limit), Some(w)) if w >= limit => Outcome::Problems,
        _ => Outcome::Ok,
    };
    // The process exits right after the command: freeing the index, the
    // findings and the SBOM piece by piece (millions of small allocations for
    // an NVD-sized candidate set) took a sixth of a large scan's time and
    // returns nothing the exit does not.
    drop(scanner);
    std::mem::forget(index);
    std::mem::forget(result);
    std::mem::forget(enriched);
    std::mem::forget(checked);
    Ok(outcome)
}

/// Fetches from the store only the records the components can be searched by,
/// and indexes them in memory.
async fn load_candidates<'a>(
    store: &Store,
    ids: impl Iterator<Item = &'a ComponentIdentity>,
    prefilter: Option<&CpePrefilter>,
) -> anyhow::Result<VulnIndex> {
    let empty = VulnIndex::new(Vec::new());
    let probe = Scanner::new(
        &empty,
        MatchPolicy {
            cpe_for_language_packages: true,
            match_first_party: true,
        },
    );
    let mut keys: HashSet<String> = HashSet::new();
    for c in ids {
        keys.extend(mamori_store::component_storage_keys(&probe, c));
    }
    Ok(match prefilter {
        Some(p) => store.prefiltered_candidate_index(keys, p).await?,
        None => store.candidate_index(keys).await?,
    })
}

/// The findings as the JSON objects `--format json` prints, built one at a time.
struct Rows<'a> {
    by_ref: &'a HashMap<&'a str, &'a mamori_model::Component>,
    findings: &'a [Finding],
    enriched: &'a [mamori_store::Enrichment],
}

impl Rows<'_> {
    fn iter(&self) -> impl ExactSizeIterator<Item = Value> + '_ {
        self.findings
            .iter()
            .zip(self.enriched)
            .map(|(f, e)| finding_json(self.by_ref, f, e))
    }
}

/// A JSON array of the rows, each passed through a function, serialized as
/// they are made.
struct Lazy<'a>(&'a Rows<'a>, &'a dyn Fn(Value) -> Value);

impl serde::Serialize for Lazy<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(self.1))
    }
}

/// The findings of `--format json`, written straight from the findings.
struct Typed<'a>(&'a Rows<'a>);

impl serde::Serialize for Typed<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let rows = self.0;
        s.collect_seq(
            rows.findings
                .iter()
                .zip(rows.enriched)
                .map(|(f, e)| row::FindingRow::new(&component_view(rows.by_ref, f), f, e)),
        )
    }
}

/// `--format json`: the same keys, in the same order, as the document was
/// built with before it was streamed.
#[derive(serde::Serialize)]
struct JsonReport<'a> {
    findings: Typed<'a>,
    summary: &'a Value,
}

fn component_view<'a>(
    by_ref: &HashMap<&str, &'a mamori_model::Component>,
    f: &'a Finding,
) -> mamori_store::ComponentView<'a> {
    let c = by_ref.get(f.bom_ref.as_str()).copied();
    mamori_store::ComponentView {
        bom_ref: &f.bom_ref,
        name: c.map_or("", |c| c.name.as_str()),
        version: c.and_then(|c| c.version_str()),
        purl: c.and_then(|c| c.purl.as_deref()),
        cpe: c.and_then(|c| c.cpe.as_deref()),
    }
}

fn finding_json(
    by_ref: &HashMap<&str, &mamori_model::Component>,
    f: &Finding,
    e: &mamori_store::Enrichment,
) -> Value {
    mamori_store::finding_object(&component_view(by_ref, f), f, e)
}

/// The severity level a finding's row shows (`severity.level`).
fn level(e: &mamori_store::Enrichment) -> Option<&str> {
    e.severity["level"].as_str()
}

fn summary(
    findings: &[Finding],
    enriched: &[mamori_store::Enrichment],
    result: &mamori_match::ScanResult,
) -> Value {
    let mut by_sev: BTreeMap<String, usize> = BTreeMap::new();
    let (mut vulns, mut info, mut unevaluated) = (0, 0, 0);
    for (f, e) in findings.iter().zip(enriched) {
        if f.kind == FindingKind::Vulnerability {
            if f.outcome == mamori_match::Outcome::Affected {
                vulns += 1;
                *by_sev
                    .entry(level(e).unwrap_or("unknown").to_owned())
                    .or_default() += 1;
            } else {
                unevaluated += 1;
            }
        } else {
            info += 1;
        }
    }
    let first_party = result
        .components
        .iter()
        .filter(|c| c.first_party.is_some())
        .count();
    let not_evaluated = result
        .components
        .iter()
        .filter(|c| {
            matches!(
                c.status,
                mamori_match::ComponentStatus::CouldNotEvaluate { .. }
            )
        })
        .count();
    json!({
        "components": result.components.len(),
        "vulnerabilities": vulns,
        "by_severity": by_sev,
        "informational": info,
        "could_not_evaluate": unevaluated,
        "components_not_evaluable": not_evaluated,
        "first_party_components": first_party,
        "kev": findings.iter().zip(enriched).filter(|(_, e)| e.kev).count(),
    })
}

fn table(lang: Lang, out: &mut dyn Write, rows: &Rows<'_>, summary: &Value) -> anyhow::Result<()> {
    writeln!(
        out,
        "{:<22} {:<9} {:<30} {:<16} {:<5} {}",
        "ID",
        lang.pick("SEVERITY", "深刻度"),
        lang.pick("COMPONENT", "コンポーネント"),
        lang.pick("VERSION", "バージョン"),
        "KEV",
        lang.pick("FIXED IN", "修正版")
    )?;
    for r in rows.iter() {
        let sev = if r["kind"] == "vulnerability" {
            r["severity"]["level"].as_str().unwrap_or("?").to_owned()
        } else {
            r["kind"]
                .as_str()
                .unwrap_or("")
                .trim_start_matches("informational:")
                .to_owned()
        };
        writeln!(
            out,
            "{:<22} {:<9} {:<30} {:<16} {:<5} {}",
            r["vulnerability_id"].as_str().unwrap_or(""),
            sev,
            r["component"]["name"].as_str().unwrap_or(""),
            r["component"]["version"].as_str().unwrap_or("-"),
            if r["kev"] == true { "KEV" } else { "" },
            r["fixed_versions"]
                .as_array()
                .map(|a| a
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", "))
                .unwrap_or_default(),
        )?;
    }
    writeln!(
        out,
        "{}: {} {}, {} {}, {} {}",
        lang.pick("summary", "概要"),
        summary["vulnerabilities"],
        lang.pick("vulnerabilities", "件の脆弱性"),
        summary["informational"],
        lang.pick("informational advisories", "件の情報提供アドバイザリ"),
        summary["could_not_evaluate"],
        lang.pick("could not be evaluated", "件は評価不能"),
    )?;
    Ok(())
}

/// `--format sarif`, its results streamed like [`JsonReport`]'s findings.
#[derive(serde::Serialize)]
struct Sarif<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [SarifRun<'a>; 1],
}

#[derive(serde::Serialize)]
struct SarifRun<'a> {
    tool: Value,
    results: Lazy<'a>,
}

fn sarif_result(file: &str, r: &Value) -> Value {
    let level = |s: &str| match s {
        "critical" | "high" => "error",
        "medium" => "warning",
        _ => "note",
    };
    let id = r["vulnerability_id"].as_str().unwrap_or("");
    json!({
        "ruleId": id,
        "level": level(r["severity"]["level"].as_str().unwrap_or("")),
        "message": {"text": format!("{} {} is affected by {} ({})", r["component"]["name"].as_str().unwrap_or(""), r["component"]["version"].as_str().unwrap_or("-"), id, r["matched_range"].as_str().unwrap_or(""))},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": file}}, "logicalLocations": [{"name": r["component"]["bom_ref"], "kind": "package"}]}],
        "properties": {"kev": r["kev"], "epss": r["epss"], "fixed_versions": r["fixed_versions"], "purl": r["component"]["purl"]},
    })
}

fn sarif<'a>(rows: &'a Rows<'a>, to_result: &'a dyn Fn(Value) -> Value) -> Sarif<'a> {
    // A row's vulnerability_id is its finding's group id.
    let mut rules: BTreeMap<String, Value> = BTreeMap::new();
    for f in rows.findings {
        let id = f.group.to_string();
        rules
            .entry(id.clone())
            .or_insert_with(|| json!({"id": id, "shortDescription": {"text": id}}));
    }
    Sarif {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [SarifRun {
            tool: json!({"driver": {"name": "mamori", "version": env!("CARGO_PKG_VERSION"), "rules": rules.into_values().collect::<Vec<_>>()}}),
            results: Lazy(rows, to_result),
        }],
    }
}

fn explain(
    lang: Lang,
    scanner: &Scanner<'_>,
    c: &ComponentIdentity,
    env: &Environment,
) -> anyhow::Result<Outcome> {
    let candidates = scanner.explain_candidates(c);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if candidates.is_empty() {
        writeln!(
            out,
            "{}",
            lang.pick(
                "no record in the database names this package",
                "このパッケージに該当するレコードはデータベースにありません"
            )
        )?;
    }
    for e in scanner.explain(c, env, &candidates) {
        match &e.verdict {
            mamori_match::Verdict::Matched(ev) => writeln!(
                out,
                "{} [{}] {}: {} {} ({})",
                e.record_id,
                e.matcher,
                lang.pick("MATCHES", "該当"),
                ev.searched_by,
                ev.matched_range,
                match &ev.outcome {
                    mamori_match::Outcome::Affected => lang.pick("affected", "影響あり").to_owned(),
                    mamori_match::Outcome::CouldNotEvaluate { reason } => reason.clone(),
                }
            )?,
            mamori_match::Verdict::NotMatched(why) => writeln!(
                out,
                "{} [{}] {}: {why}",
                e.record_id,
                e.matcher,
                lang.pick("no match", "非該当")
            )?,
        }
    }
    out.flush()?;
    Ok(Outcome::Ok)
}

/// A VEX document for one scanned SBOM: one statement per vulnerability
/// group (informational advisories and unevaluated matches left out), every
/// statement still in triage, as nothing about this SBOM has been decided.
fn vex_document(
    args: &ScanArgs,
    sbom: &Sbom,
    index: &VulnIndex,
    findings: &[Finding],
) -> anyhow::Result<mamori_csaf::vex::VexDocument> {
    use mamori_csaf::vex::{
        Analysis, CvssEntry, Lang as VexLang, Product, Publisher, PublisherCategory, ReleaseStatus,
        VexComponent, VexDocument, VexStatement,
    };
    let primary = sbom.primary_component();
    let vendor = args
        .publisher
        .clone()
        .or_else(|| {
            primary.and_then(|c| {
                c.supplier
                    .value()
                    .and_then(|p| p.name.clone())
                    .or_else(|| c.manufacturer.as_ref().and_then(|m| m.name.clone()))
            })
        })
        .or_else(|| sbom.metadata.supplier.as_ref().and_then(|p| p.name.clone()))
        .unwrap_or_else(|| "unknown vendor".to_owned());
    let file = args
        .sbom
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("sbom")
        .to_owned();
    let product = Product {
        name: primary.map_or_else(|| file.clone(), |c| c.name.clone()),
        vendor: vendor.clone(),
        version: primary
            .and_then(|c| c.version_str())
            .unwrap_or("unknown")
            .to_owned(),
        purl: primary.and_then(|c| c.purl.clone()),
        cpe: primary.and_then(|c| c.cpe.clone()),
    };
    let components: Vec<VexComponent> = sbom
        .components
        .iter()
        .filter(|c| Some(c.bom_ref.as_str()) != sbom.metadata.primary.as_deref())
        .map(|c| VexComponent {
            bom_ref: c.bom_ref.clone(),
            name: c.name.clone(),
            version: c.version_str().unwrap_or("unknown").to_owned(),
            purl: c.purl.clone(),
            cpe: c.cpe.clone(),
        })
        .collect();
    let known: HashSet<&str> = components.iter().map(|c| c.bom_ref.as_str()).collect();
    let mut by_group: BTreeMap<String, VexStatement> = BTreeMap::new();
    for f in findings {
        if !matches!(f.kind, mamori_match::FindingKind::Vulnerability)
            || !matches!(f.outcome, mamori_match::Outcome::Affected)
            || !known.contains(f.bom_ref.as_str())
        {
            continue;
        }
        let st = by_group
            .entry(f.group.to_string())
            .or_insert_with(|| VexStatement {
                remediations: Vec::new(),
                vuln_id: f.group.to_string(),
                aliases: f.ids.iter().skip(1).map(ToString::to_string).collect(),
                title: None,
                description: None,
                cwe: None,
                cvss: Vec::new(),
                components: Vec::new(),
                analysis: Analysis::default(),
                fixed_versions: Vec::new(),
                first_issued: None,
                last_updated: None,
            });
        if !st.components.contains(&f.bom_ref) {
            st.components.push(f.bom_ref.clone());
        }
        for e in &f.evidence {
            for v in &e.fixed_versions {
                if !st.fixed_versions.contains(v) {
                    st.fixed_versions.push(v.clone());
                }
            }
            for rec in index.by_id(&e.record_id.to_string()) {
                let v = rec.vulnerability();
                if st.title.is_none() {
                    st.title = v
                        .titles
                        .iter()
                        .find(|t| t.lang.starts_with("en"))
                        .or(v.titles.first())
                        .map(|t| t.text.clone());
                }
                if st.description.is_none() {
                    st.description = v
                        .descriptions
                        .iter()
                        .find(|t| t.lang.starts_with("en"))
                        .or(v.descriptions.first())
                        .map(|t| t.text.clone());
                }
                for c in &v.cvss {
                    if !st.cvss.iter().any(|x| x.vector == c.vector) {
                        st.cvss.push(CvssEntry {
                            vector: c.vector.clone(),
                            source: Some(c.source.clone()).filter(|s| !s.is_empty()),
                        });
                    }
                }
            }
        }
    }
    let now = time::OffsetDateTime::now_utc();
    let tracking_id = format!(
        "mamori-scan-{}-{}",
        file.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>(),
        now.unix_timestamp()
    );
    Ok(VexDocument {
        products: Vec::new(),
        publisher: Publisher {
            name: vendor,
            namespace: args.namespace.clone(),
            category: PublisherCategory::Vendor,
        },
        tracking_id,
        title: format!("VEX for {} {}", product.name, product.version),
        lang: VexLang::En,
        now,
        status: ReleaseStatus::Interim,
        history: Vec::new(),
        revision_summary: "scan by mamori; every statement is still in triage".to_owned(),
        summary: Some(format!(
            "Vulnerabilities matched against the components of {} {}; none has been analysed yet.",
            product.name, product.version
        )),
        references: Vec::new(),
        product,
        components,
        statements: by_group.into_values().collect(),
    })
}

/// The finding object of [`mamori_store::finding_object`] as a typed view that
/// borrows from the finding, for `--format json`: building a
/// `serde_json::Value` per finding (every key and string allocated, then
/// serialized and freed) was half the time of a large scan. The unit tests
/// hold it equal to `finding_object`, which stays the definition.
mod row {
    use mamori_match::{Evidence, Finding, FindingKind, Outcome};
    use serde::Serialize;
    use serde::ser::{SerializeMap, Serializer};
    use serde_json::Value;
    use std::fmt::Display;

    /// A value written through its `Display` (ids, conditions), so no string is allocated.
    struct Shown<T>(T);

    impl<T: Display> Serialize for Shown<T> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(&self.0)
        }
    }

    /// Items written as a JSON array, each through `Display`.
    struct ShownAll<I>(I);

    impl<I: Iterator<Item = T> + Clone, T: Display> Serialize for ShownAll<I> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.clone().map(Shown))
        }
    }

    #[derive(Serialize)]
    struct Component<'a> {
        bom_ref: &'a str,
        name: &'a str,
        version: Option<&'a str>,
        purl: Option<&'a str>,
        cpe: Option<&'a str>,
    }

    struct OutcomeJson<'a>(&'a Outcome);

    impl Serialize for OutcomeJson<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self.0 {
                Outcome::Affected => s.serialize_str("affected"),
                Outcome::CouldNotEvaluate { reason } => {
                    let mut m = s.serialize_map(Some(1))?;
                    m.serialize_entry("could_not_evaluate", reason)?;
                    m.end()
                }
            }
        }
    }

    #[derive(Serialize)]
    struct EvidenceJson<'a> {
        matcher: &'a str,
        searched_by: &'a str,
        record: Shown<&'a mamori_model::VulnId>,
        source: String,
        source_file: &'a str,
        modified: Option<String>,
        matched_range: &'a str,
        fixed_versions: &'a [String],
        conditions: ShownAll<std::slice::Iter<'a, mamori_match::Condition>>,
    }

    impl<'a> EvidenceJson<'a> {
        fn new(e: &'a Evidence) -> Self {
            EvidenceJson {
                matcher: e.matcher,
                searched_by: &e.searched_by,
                record: Shown(&e.record_id),
                source: format!("{:?}", e.source).to_lowercase(),
                source_file: &e.source_file,
                modified: e.modified.and_then(|m| {
                    m.format(&time::format_description::well_known::Rfc3339)
                        .ok()
                }),
                matched_range: &e.matched_range,
                fixed_versions: &e.fixed_versions,
                conditions: ShownAll(e.conditions.iter()),
            }
        }
    }

    struct EvidenceList<'a>(&'a [Evidence]);

    impl Serialize for EvidenceList<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.iter().map(EvidenceJson::new))
        }
    }

    /// One finding as `--format json` writes it.
    #[derive(Serialize)]
    pub(super) struct FindingRow<'a> {
        vulnerability_id: Shown<&'a mamori_model::VulnId>,
        aliases: ShownAll<std::iter::Skip<std::slice::Iter<'a, mamori_model::VulnId>>>,
        component: Component<'a>,
        kind: String,
        outcome: OutcomeJson<'a>,
        matched_by: Option<&'a str>,
        matched_range: Option<&'a str>,
        fixed_versions: Vec<&'a str>,
        severity: &'a Value,
        kev: bool,
        epss: Option<f64>,
        state: &'static str,
        confidence: &'static str,
        evidence: EvidenceList<'a>,
    }

    impl<'a> FindingRow<'a> {
        pub(super) fn new(
            c: &mamori_store::ComponentView<'a>,
            f: &'a Finding,
            e: &'a mamori_store::Enrichment,
        ) -> Self {
            let first = f.evidence.first();
            let mut fixed: Vec<&str> = f
                .evidence
                .iter()
                .flat_map(|e| e.fixed_versions.iter().map(String::as_str))
                .collect();
            fixed.sort_unstable();
            fixed.dedup();
            FindingRow {
                vulnerability_id: Shown(&f.group),
                aliases: ShownAll(f.ids.iter().skip(1)),
                component: Component {
                    bom_ref: c.bom_ref,
                    name: c.name,
                    version: c.version,
                    purl: c.purl,
                    cpe: c.cpe,
                },
                kind: match &f.kind {
                    FindingKind::Vulnerability => "vulnerability".to_owned(),
                    FindingKind::Informational(k) => {
                        format!("informational:{}", format!("{k:?}").to_lowercase())
                    }
                },
                outcome: OutcomeJson(&f.outcome),
                matched_by: first.map(|e| match e.matcher {
                    "csaf-product" => "csaf",
                    m => m,
                }),
                matched_range: first.map(|e| e.matched_range.as_str()),
                fixed_versions: fixed,
                severity: &e.severity,
                kev: e.kev,
                epss: e.epss,
                state: "in_triage",
                confidence: f.confidence.as_str(),
                evidence: EvidenceList(&f.evidence),
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use mamori_match::{Condition, Confidence};
        use mamori_model::{InformationalKind, SourceKind, VulnId};
        use serde_json::json;

        fn evidence(matcher: &'static str, id: &str, outcome: Outcome) -> Evidence {
            Evidence {
                matcher,
                searched_by: "pkg:pypi/hl7lite".to_owned(),
                record_id: VulnId::new(id).unwrap(),
                source: SourceKind::Osv,
                source_file: "advisories/\"quoted\"\n.json".to_owned(),
                modified: Some(time::macros::datetime!(2026-10-01 12:30:05.5 UTC)),
                matched_range: "PyPI hl7lite: vers:pypi/<2.4.1".to_owned(),
                fixed_versions: vec!["2.4.1".to_owned(), "2.3.9".to_owned()],
                outcome,
                confidence: Confidence::Medium,
                conditions: vec![
                    Condition::PlatformUnknown {
                        required: vec!["cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*".to_owned()],
                    },
                    Condition::NoVersionInformation,
                ],
            }
        }

        /// Each row is compared, as a JSON value, with the store's
        /// `finding_object`: every field, kind, outcome and optional value.
        #[test]
        fn rows_equal_the_stores_finding_object() {
            let not = Outcome::CouldNotEvaluate {
                reason: "the component has no version".to_owned(),
            };
            let mut f = Finding {
                component: 0,
                bom_ref: "hl7lite".to_owned(),
                group: VulnId::new("CVE-2026-20001").unwrap(),
                ids: vec![
                    VulnId::new("CVE-2026-20001").unwrap(),
                    VulnId::new("GHSA-sss1-0001-aaaa").unwrap(),
                ],
                kind: FindingKind::Vulnerability,
                outcome: Outcome::Affected,
                confidence: Confidence::High,
                evidence: vec![
                    evidence("purl", "GHSA-sss1-0001-aaaa", Outcome::Affected),
                    evidence("csaf-product", "PYSEC-2026-901", not.clone()),
                ],
            };
            let mut cases = vec![f.clone()];
            f.kind = FindingKind::Informational(InformationalKind::Unmaintained);
            f.outcome = not.clone();
            f.evidence.reverse();
            cases.push(f.clone());
            f.evidence.clear();
            f.ids.truncate(1);
            cases.push(f);
            let enrichments = [
                mamori_store::Enrichment {
                    kev: true,
                    epss: Some(0.123_456_789),
                    epss_percentile: Some(0.9),
                    kev_ransomware: false,
                    severity: json!({"level": "critical", "score": 9.8, "vector": "CVSS:3.1/AV:N", "source": "GHSA"}),
                },
                mamori_store::Enrichment {
                    kev: false,
                    epss: None,
                    epss_percentile: None,
                    kev_ransomware: false,
                    severity: json!({"level": "unknown", "score": null, "label": null}),
                },
            ];
            let views = [
                mamori_store::ComponentView {
                    bom_ref: "hl7lite",
                    name: "hl7lite",
                    version: Some("2.3.0"),
                    purl: Some("pkg:pypi/hl7lite@2.3.0"),
                    cpe: Some("cpe:2.3:a:x:hl7lite:2.3.0:*:*:*:*:*:*:*"),
                },
                mamori_store::ComponentView {
                    bom_ref: "b",
                    name: "",
                    version: None,
                    purl: None,
                    cpe: None,
                },
            ];
            for f in &cases {
                for e in &enrichments {
                    for v in &views {
                        let want = mamori_store::finding_object(v, f, e);
                        let got = serde_json::to_value(FindingRow::new(v, f, e)).unwrap();
                        assert_eq!(got, want);
                        // Key order too: the document is compared byte for byte.
                        assert_eq!(
                            serde_json::to_string_pretty(&got).unwrap(),
                            serde_json::to_string_pretty(&want).unwrap()
                        );
                    }
                }
            }
        }
    }
}
