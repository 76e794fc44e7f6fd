//! The VEX readers: fixture documents against their expected claims (`tests/fixtures/vex_in/NAME.json`
//! and `NAME.expected`; `MAMORI_BLESS=1` rewrites the expected files), our own writers' output read
//! back to the same analyses, bad input rejected with the pointer to the fault, and suppliers' real
//! documents from the shared data read without error.

use crate::common;

use std::path::{Path, PathBuf};

use mamori_csaf::vex::{self, VexDocument as WriterInput, Written};
use mamori_csaf::vex_in::{VexClaim, VexDocument, VexFormat, VexReadError, read_vex};
use mamori_judge::analysis::{Analysis, Lang};
use time::format_description::well_known::Rfc3339;

fn render(d: &VexDocument) -> String {
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".to_string());
    let ts = d
        .timestamp
        .map(|t| t.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap())
        .unwrap_or_else(|| "-".to_string());
    let mut out = format!(
        "format {} id {} version {} author {} timestamp {ts}\n",
        d.format.as_str(),
        opt(&d.id),
        opt(&d.version),
        opt(&d.author)
    );
    for c in &d.statements {
        let a = &c.analysis;
        let p = &c.product;
        let responses: Vec<&str> = a.responses.iter().map(|r| r.as_str()).collect();
        out.push_str(&format!(
            "{} {} [{}] ref={} purl={} cpe={} name={} version={} within={} | {} {} [{}] | {}\n",
            c.pointer,
            c.vulnerability,
            c.aliases.join(" "),
            p.reference,
            opt(&p.purl),
            opt(&p.cpe),
            opt(&p.name),
            opt(&p.version),
            opt(&p.within),
            a.state.as_str(),
            a.justification.map_or("-", |j| j.as_str()),
            responses.join(" "),
            c.detail
                .as_ref()
                .map_or_else(|| "-".to_string(), |d| format!("{d:?}")),
        ));
    }
    out
}

/// Reads one fixture and compares the rendered claims with its `.expected` file.
fn check(json: &Path) -> Option<String> {
    let expected = json.with_extension("expected");
    let bytes = std::fs::read(json).unwrap();
    let got = match read_vex(&bytes) {
        Ok(d) => render(&d),
        Err(e) => format!("error {e}\n"),
    };
    if std::env::var_os("MAMORI_BLESS").is_some() {
        std::fs::write(&expected, &got).unwrap();
        return None;
    }
    let want = std::fs::read_to_string(&expected).unwrap_or_default();
    (want != got).then(|| format!("{} differs:\n{got}", json.display()))
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vex_in");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 3, "fixture documents missing");
    let problems: Vec<String> = cases.iter().filter_map(|c| check(c)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What the reader must give back for a statement written by `writer`: the analysis after the
/// format's own conversion there and back (so only what the format can carry is compared).
fn through(format: VexFormat, a: &Analysis, lang: Lang) -> Analysis {
    match format {
        VexFormat::CycloneDx => Analysis::from_cyclonedx(&a.to_cyclonedx(lang).0, lang),
        VexFormat::OpenVex => Analysis::from_openvex(&a.to_openvex(lang).0, lang),
        VexFormat::Csaf => Analysis::from_csaf(&a.to_csaf(lang).0, lang),
    }
}

/// Every statement × component of `doc` written by `writer` and read back: one claim each, on the
/// component's purl, with the same vulnerability, aliases, state and justification (and, for
/// CycloneDX, which carries them exactly, the same responses and detail).
fn round_trip(doc: &WriterInput, format: VexFormat, w: Written) -> Vec<String> {
    let mut problems = Vec::new();
    let read = match read_vex(&w.to_vec()) {
        Ok(r) => r,
        Err(e) => return vec![format!("{}: {e}", format.as_str())],
    };
    if read.format != format {
        problems.push(format!("{}: read as {:?}", format.as_str(), read.format));
    }
    let mut expected = 0;
    for s in &doc.statements {
        let want = through(format, &s.analysis, doc.lang);
        for r in &s.components {
            expected += 1;
            let c = doc.components.iter().find(|c| &c.bom_ref == r).unwrap();
            // Two components may share a purl (a library linked twice): the name tells them apart
            // where the format carries it, else any claim on the purl with the analysis will do.
            let found: Vec<&VexClaim> = read
                .statements
                .iter()
                .filter(|x| {
                    x.ids().any(|i| i == s.vuln_id)
                        && x.product.purl == c.purl
                        && (c.purl.is_some() || x.product.cpe == c.cpe)
                        // CSAF full product names carry the version too ("libexpat 2.5.0").
                        && x.product.name.as_ref().is_none_or(|n| {
                            *n == c.name || n.starts_with(&format!("{} ", c.name))
                        })
                })
                .collect();
            if found.is_empty() {
                problems.push(format!(
                    "{}: {} on {r}: no claim",
                    format.as_str(),
                    s.vuln_id
                ));
                continue;
            }
            let same = |got: &Analysis| {
                let base = got.state == want.state && got.justification == want.justification;
                if format == VexFormat::CycloneDx {
                    // CycloneDX has no language: its text comes back under English.
                    base && got.responses == want.responses
                        && got.detail.get(Lang::En) == want.detail.get(Lang::En)
                } else {
                    base
                }
            };
            if !found.iter().any(|c| same(&c.analysis)) {
                problems.push(format!(
                    "{}: {} on {r}: read {:?}, want {want:?}",
                    format.as_str(),
                    s.vuln_id,
                    found.iter().map(|c| &c.analysis).collect::<Vec<_>>()
                ));
                continue;
            }
            for a in &s.aliases {
                if !found[0].ids().any(|i| i == a) {
                    problems.push(format!("{}: {} lost alias {a}", format.as_str(), s.vuln_id));
                }
            }
        }
    }
    let product_claims = doc
        .statements
        .iter()
        .filter(|s| s.components.is_empty())
        .count();
    if read.statements.len() != expected + product_claims {
        problems.push(format!(
            "{}: {} claims, want {}",
            format.as_str(),
            read.statements.len(),
            expected + product_claims
        ));
    }
    problems
}

#[test]
fn our_writers_read_back() {
    let mut docs: Vec<WriterInput> = common::cases()
        .iter()
        .map(|c| common::load(&c.join("input.json")))
        .collect();
    docs.push(common::generated());
    let mut problems = Vec::new();
    let mut n = 0;
    for doc in &docs {
        for (format, written) in [
            (VexFormat::CycloneDx, vex::cyclonedx_vex(doc)),
            (VexFormat::OpenVex, vex::openvex(doc)),
            (VexFormat::Csaf, vex::csaf_vex(doc)),
        ] {
            // A writer that refuses an input has its own tests; there is nothing to read back.
            let Ok(w) = written else { continue };
            n += 1;
            problems.extend(round_trip(doc, format, w));
        }
    }
    assert!(n >= 9, "only {n} documents written");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn bad_input_names_the_pointer() {
    // (document, the error's pointer, or the error text when it has none)
    let table: &[(&str, &str)] = &[
        ("not json", "not json at line 1 column 2: expected ident"),
        (
            "[1, 2]",
            "not a cyclonedx, openvex or csaf document: the document is not a json object",
        ),
        (
            r#"{"a": 1}"#,
            "not a cyclonedx, openvex or csaf document: no bomFormat, openvex @context or document.csaf_version",
        ),
        (
            r#"{"bomFormat": "CycloneDX", "vulnerabilities": {}}"#,
            "/vulnerabilities",
        ),
        (
            r#"{"bomFormat": "CycloneDX", "vulnerabilities": [{"id": "X", "analysis": {"state": "maybe"}}]}"#,
            "/vulnerabilities/0/analysis/state",
        ),
        (
            r#"{"bomFormat": "CycloneDX", "vulnerabilities": [{"analysis": {"state": "resolved"}, "affects": []}]}"#,
            "/vulnerabilities/0/id",
        ),
        (
            r#"{"bomFormat": "CycloneDX", "vulnerabilities": [{"id": "X", "analysis": {"state": "resolved", "response": ["update", 3]}}]}"#,
            "/vulnerabilities/0/analysis/response/1",
        ),
        (
            r#"{"bomFormat": "CycloneDX", "vulnerabilities": [{"id": "X", "analysis": {"state": "resolved"}, "affects": [{"ref": 1}]}]}"#,
            "/vulnerabilities/0/affects/0/ref",
        ),
        (
            r#"{"bomFormat": "CycloneDX", "components": [{"bom-ref": "a", "components": [7]}]}"#,
            "/components/0/components/0",
        ),
        (
            r#"{"bomFormat": "CycloneDX", "metadata": {"timestamp": "yesterday"}}"#,
            "/metadata/timestamp",
        ),
        (
            r#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "X"}, "products": [], "status": "broken"}]}"#,
            "/statements/0/status",
        ),
        (
            r#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {}, "status": "fixed"}]}"#,
            "/statements/0/vulnerability/name",
        ),
        (
            r#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "X"}, "status": "not_affected", "justification": "trust_me"}]}"#,
            "/statements/0/justification",
        ),
        (
            r#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "X"}, "status": "fixed", "products": [{"subcomponents": [{}]}]}]}"#,
            "/statements/0/products/0",
        ),
        (
            r#"{"document": {"csaf_version": "2.0"}, "product_tree": {"branches": [{"product": {"name": "x"}}]}}"#,
            "/product_tree/branches/0/product/product_id",
        ),
        (
            r#"{"document": {"csaf_version": "2.0"}, "vulnerabilities": [{"cve": "CVE-1", "product_status": {"fixed": [1]}}]}"#,
            "/vulnerabilities/0/product_status/fixed/0",
        ),
        (
            r#"{"document": {"csaf_version": "2.0"}, "vulnerabilities": [{"cve": "CVE-1", "product_status": {"fixed": ["A"]}, "flags": [{"label": "nope", "product_ids": ["A"]}]}]}"#,
            "/vulnerabilities/0/flags/0/label",
        ),
        (
            r#"{"document": {"csaf_version": "2.0"}, "vulnerabilities": [{"cve": "CVE-1", "product_status": {"fixed": ["A"]}, "remediations": [{"category": "pray", "details": "x", "product_ids": ["A"]}]}]}"#,
            "/vulnerabilities/0/remediations/0/category",
        ),
        (
            r#"{"document": {"csaf_version": "2.0", "tracking": []}}"#,
            "/document/tracking",
        ),
    ];
    let mut problems = Vec::new();
    for (doc, want) in table {
        match read_vex(doc.as_bytes()) {
            Ok(d) => problems.push(format!("{doc}: read {} claims", d.statements.len())),
            Err(e) => {
                let got = match &e {
                    VexReadError::Invalid { pointer, .. } => pointer.clone(),
                    other => other.to_string(),
                };
                if got != *want {
                    problems.push(format!("{doc}: got `{got}` ({e}), want `{want}`"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let mut comp = String::from(r#"{"bom-ref": "leaf"}"#);
    for i in 0..50 {
        comp = format!(r#"{{"bom-ref": "c{i}", "components": [{comp}]}}"#);
    }
    let doc = format!(r#"{{"bomFormat": "CycloneDX", "components": [{comp}]}}"#);
    let e = read_vex(doc.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("nested too deeply"), "{e}");
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("notice: {} absent; shared-data test skipped", p.display());
        None
    }
}

/// Suppliers' documents in the shared data: (path, format, claims at least). Every one reads.
#[test]
fn real_documents_read() {
    let Some(data) = shared() else { return };
    let mut files: Vec<(PathBuf, VexFormat)> = Vec::new();
    let mut add = |dir: &str, format: VexFormat, filter: &dyn Fn(&Path) -> bool| {
        let dir = data.join(dir);
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in rd {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "json") && filter(&p) {
                    files.push((p, format));
                }
            }
        }
    };
    add("cyclonedx/bom-examples/VEX", VexFormat::CycloneDx, &|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("vex"))
    });
    add(
        "openvex/go-vex/pkg/vex/testdata",
        VexFormat::OpenVex,
        &|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('v'))
        },
    );
    add(
        "openvex/spec/extracted-examples",
        VexFormat::OpenVex,
        &|p| p.to_string_lossy().ends_with("-valid.json"),
    );
    add(
        "csaf/oasis-csaf/csaf_2.0/examples/csaf",
        VexFormat::Csaf,
        &|_| true,
    );
    add("csaf/cisagov-icsma", VexFormat::Csaf, &|_| true);
    assert!(files.len() > 60, "only {} documents found", files.len());
    let mut problems = Vec::new();
    let mut claims = 0;
    let mut icsma_claims = 0;
    for (p, format) in &files {
        let bytes = std::fs::read(p).unwrap();
        match read_vex(&bytes) {
            Ok(d) => {
                if d.format != *format {
                    problems.push(format!("{}: read as {:?}", p.display(), d.format));
                }
                claims += d.statements.len();
                if p.to_string_lossy().contains("cisagov-icsma") {
                    if d.statements.is_empty() {
                        problems.push(format!("{}: no claims", p.display()));
                    }
                    icsma_claims += d.statements.len();
                    // Every CISA claim resolves its product through the tree.
                    for c in &d.statements {
                        if c.product.name.is_none() {
                            problems.push(format!(
                                "{} {}: product {} unresolved",
                                p.display(),
                                c.pointer,
                                c.product.reference
                            ));
                        }
                    }
                }
            }
            Err(e) => problems.push(format!("{}: {e}", p.display())),
        }
    }
    eprintln!(
        "{} documents, {claims} claims ({icsma_claims} from CISA ICSMA)",
        files.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(icsma_claims > 100, "{icsma_claims}");
}
