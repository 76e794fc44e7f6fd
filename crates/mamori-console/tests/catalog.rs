//! The message catalog is complete: both languages for every key, every key the templates and
//! pages use is in it, every code a page translates has a label, and no template holds text of
//! its own.

use std::collections::BTreeMap;
use std::path::Path;

fn crate_file(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn catalog() -> BTreeMap<String, (String, String)> {
    let mut map = BTreeMap::new();
    for (n, line) in crate_file("messages.tsv").lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "messages.tsv line {}: {line:?}", n + 1);
        let prev = map.insert(cols[0].to_owned(), (cols[1].to_owned(), cols[2].to_owned()));
        assert!(prev.is_none(), "messages.tsv: duplicate key {}", cols[0]);
    }
    map
}

fn templates() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// The string literals that follow `marker` (`t("` → the key).
fn literals_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
    text.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &text[i + marker.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// Quoted strings in Rust source that look like catalog keys (`word.word…`).
fn key_literals(src: &str) -> Vec<&str> {
    src.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains('.')
                && !s.ends_with(".html")
                && !s.ends_with(".tsv")
                && s.split('.').all(|p| {
                    !p.is_empty()
                        && p.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                })
        })
        .collect()
}

/// Codes the pages translate with `label(prefix, code)`: the store's and judge's words.
const LABELS: &[(&str, &[&str])] = &[
    (
        "severity",
        &["critical", "high", "medium", "low", "none", "unknown"],
    ),
    (
        "state",
        &[
            "in_triage",
            "under_investigation",
            "exploitable",
            "not_affected",
            "false_positive",
            "resolved",
            "resolved_with_pedigree",
        ],
    ),
    (
        "justification",
        &[
            "component_not_present",
            "code_not_present",
            "code_not_reachable",
            "requires_configuration",
            "requires_dependency",
            "requires_environment",
            "protected_by_compiler",
            "protected_at_runtime",
            "protected_at_perimeter",
            "protected_by_mitigating_control",
            "vulnerable_code_cannot_be_controlled_by_adversary",
            "inline_mitigations_already_exist",
        ],
    ),
    (
        "response",
        &[
            "can_not_fix",
            "will_not_fix",
            "update",
            "rollback",
            "workaround_available",
        ],
    ),
    (
        "role",
        &[
            "admin",
            "analyst",
            "engineer",
            "regulatory",
            "auditor",
            "hospital",
        ],
    ),
    ("status", &["open", "resolved"]),
    ("matched_by", &["purl", "cpe", "csaf"]),
    (
        "action",
        &[
            "sbom.import",
            "sbom.approve",
            "product.add",
            "release.add",
            "finding.state",
            "rule.add",
            "case.open",
            "case.decide",
            "advisory.publish",
            "vex.reject",
        ],
    ),
    ("level", &["none", "minimum", "recommended", "aspirational"]),
    (
        "quality",
        &[
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
        ],
    ),
    (
        "change",
        &["added", "removed", "upgraded", "downgraded", "changed"],
    ),
    ("case_status", &["open", "closed"]),
    ("harm", &["none", "non_serious", "serious", "death"]),
    ("safety", &["controlled", "uncontrolled", "not_assessed"]),
    ("jurisdiction", &["jp", "us", "eu"]),
    ("advisory_status", &["draft", "interim", "final"]),
    ("feed", &["nvd", "osv", "kev", "epss", "jvn", "csaf"]),
    ("outcome", &["ok", "problems", "failed"]),
    ("org_kind", &["maker", "hospital", "distributor"]),
    ("scope", &["read", "write"]),
    (
        "job_state",
        &["queued", "running", "done", "failed", "dead"],
    ),
    ("job_kind", &["feed_sync", "rematch"]),
];

#[test]
fn every_key_has_both_languages() {
    for (key, (en, ja)) in catalog() {
        assert!(!en.trim().is_empty(), "{key}: no English");
        assert!(!ja.trim().is_empty(), "{key}: no Japanese");
        assert_eq!(
            en.contains("{0}"),
            ja.contains("{0}"),
            "{key}: placeholders differ"
        );
    }
}

#[test]
fn every_used_key_is_in_the_catalog() {
    let catalog = catalog();
    let mut used: Vec<String> = Vec::new();
    for (name, text) in templates() {
        for marker in [r#"t(""#, r#"t1(""#, r#"chart_title = ""#] {
            used.extend(
                literals_after(&text, marker)
                    .into_iter()
                    .map(|k| format!("{name}: {k}")),
            );
        }
    }
    for file in ["src/pages.rs", "src/ctx.rs"] {
        used.extend(
            key_literals(&crate_file(file))
                .into_iter()
                .map(|k| format!("{file}: {k}")),
        );
    }
    for (prefix, codes) in LABELS {
        used.extend(codes.iter().map(|c| format!("label: {prefix}.{c}")));
    }
    let missing: Vec<_> = used
        .iter()
        .filter(|u| !catalog.contains_key(u.split_once(": ").unwrap().1))
        .collect();
    assert!(
        missing.is_empty(),
        "keys missing from messages.tsv:\n{missing:#?}"
    );
}

/// Text a template may hold without translation: punctuation, digits, symbols.
fn is_neutral(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace() || c.is_ascii_digit() || (c.is_ascii_punctuation()) || "—›·…→".contains(c)
    })
}

/// The template with its askama tags, expressions and comments removed.
fn without_askama(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let next = ["{{", "{%", "{#"]
            .iter()
            .filter_map(|open| rest.find(open).map(|i| (i, *open)))
            .min();
        let Some((i, open)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..i]);
        let close = match open {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        let after = &rest[i + 2..];
        let end = after.find(close).expect("unclosed askama tag");
        rest = &after[end + 2..];
    }
}

#[test]
fn templates_hold_no_literal_text() {
    let mut offences = Vec::new();
    for (name, text) in templates() {
        let plain = without_askama(&text);
        // Attributes people read.
        for attr in [
            "aria-label=\"",
            "placeholder=\"",
            "title=\"",
            "alt=\"",
            "data-confirm=\"",
        ] {
            for value in literals_after(&plain, attr) {
                if !is_neutral(value) {
                    offences.push(format!("{name}: {attr}{value}\""));
                }
            }
        }
        // Text nodes: whatever lies between tags.
        let mut in_tag = false;
        let mut node = String::new();
        for c in plain.chars() {
            match c {
                '<' => {
                    if !is_neutral(&node) {
                        offences.push(format!("{name}: {:?}", node.trim()));
                    }
                    node.clear();
                    in_tag = true;
                }
                '>' => in_tag = false,
                _ if !in_tag => node.push(c),
                _ => {}
            }
        }
        if !is_neutral(&node) {
            offences.push(format!("{name}: {:?}", node.trim()));
        }
    }
    assert!(offences.is_empty(), "untranslated text:\n{offences:#?}");
}

#[test]
fn the_literal_text_check_can_fail() {
    let text = r#"<p>{{ t("a") }} Hello</p><a aria-label="Menu">x</a>"#;
    let plain = without_askama(text);
    assert!(!plain.contains("{{"));
    assert!(!is_neutral(" Hello"));
    assert_eq!(literals_after(&plain, "aria-label=\""), vec!["Menu"]);
    assert!(is_neutral(" — 0 › 12/3 "));
}
