//! Human-readable advisories: a fixture and every CISA ICS medical advisory rendered to HTML and PDF in both languages, read back with pdftotext.

use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::expect_file;
use mamori_csaf::human::{self, Lang};
use serde_json::Value;

const FONT: &str = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/human/mam-2025-001.json")
}

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The font, or a notice and `None` when it or pdftotext is missing (CI installs both).
fn font() -> Option<Vec<u8>> {
    let Ok(font) = std::fs::read(FONT) else {
        eprintln!("notice: {FONT} is absent (apt install fonts-ipaexfont); pdf checks skipped");
        return None;
    };
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("notice: pdftotext is absent (apt install poppler-utils); pdf checks skipped");
        return None;
    }
    Some(font)
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn cves(doc: &Value) -> Vec<String> {
    doc["vulnerabilities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["cve"].as_str().map(str::to_owned))
        .collect()
}

fn product_names(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = vec![&doc["product_tree"]];
    while let Some(b) = stack.pop() {
        if let Some(n) = b["product"]["name"].as_str() {
            out.push(n.to_owned());
        }
        stack.extend(b["branches"].as_array().into_iter().flatten());
    }
    out
}

/// Both languages: the page is complete HTML without scripts and names every CVE and product;
/// the PDF's text names every CVE.
fn check(name: &str, doc: &Value, font: Option<&[u8]>) {
    let cves = cves(doc);
    let products = product_names(doc);
    for lang in [Lang::En, Lang::Ja] {
        let html = human::html(doc, lang);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\""), "{name}");
        assert!(html.ends_with("</html>\n"), "{name}");
        assert!(!html.to_lowercase().contains("<script"), "{name}: a script");
        for c in &cves {
            assert!(
                html.contains(c.as_str()),
                "{name} {lang:?}: {c} missing from html"
            );
        }
        for p in &products {
            assert!(
                html.contains(&escape(p)),
                "{name} {lang:?}: product {p:?} missing from html"
            );
        }
        if let Some(font) = font {
            let pdf = human::pdf(doc, lang, font).unwrap();
            let text = squash(&pdftotext(&pdf));
            for c in &cves {
                assert!(
                    text.contains(c.as_str()),
                    "{name} {lang:?}: {c} missing from pdf"
                );
            }
        }
    }
}

#[test]
fn fixture_advisory() {
    let doc = read(&fixture());
    let report = mamori_csaf::validate_value(&doc);
    assert!(
        report.is_valid(),
        "the fixture is valid csaf: {:?}",
        report.errors
    );
    let font = font();
    check("fixture", &doc, font.as_deref());
    expect_file!["fixtures/human/mam-2025-001.en.html"].assert_eq(&human::html(&doc, Lang::En));
    expect_file!["fixtures/human/mam-2025-001.ja.html"].assert_eq(&human::html(&doc, Lang::Ja));
    if let Some(font) = font {
        let ja = pdftotext(&human::pdf(&doc, Lang::Ja, &font).unwrap());
        let en = pdftotext(&human::pdf(&doc, Lang::En, &font).unwrap());
        // (text, in Japanese output, in English output): labels and the note chosen by language.
        let table = [
            ("院内ネットワーク上の攻撃者", true, false),
            ("A crafted request to the Ward Gateway", false, true),
            ("脆弱性", true, false),
            ("Vulnerabilities", false, true),
            ("修正版の提供", true, false),
            ("Vendor fix", false, true),
            ("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", true, true),
            ("CWE-787", true, true),
            ("Update to firmware 4.2.1.", true, true),
            ("Example University", true, true),
            ("2025-03-18", true, true),
            ("TLP:WHITE", true, true),
        ];
        for (t, in_ja, in_en) in table {
            assert_eq!(squash(&ja).contains(&squash(t)), in_ja, "ja: {t}");
            assert_eq!(squash(&en).contains(&squash(t)), in_en, "en: {t}");
        }
    }
}

#[test]
fn cisa_icsma_advisories() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/csaf/cisagov-icsma");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("notice: {} is absent; test skipped", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 40, "{} files", files.len());
    let font = font();
    for f in &files {
        check(&f.display().to_string(), &read(f), font.as_deref());
    }
}

#[test]
fn any_json_renders() {
    let font = font();
    for doc in [
        Value::Null,
        serde_json::json!([1, 2]),
        serde_json::json!({"document": 3, "vulnerabilities": [null, {"cve": 5, "scores": [{"cvss_v3": "x"}]}]}),
    ] {
        let html = human::html(&doc, Lang::Ja);
        assert!(
            html.contains("この文書に脆弱性の記載はありません") || html.contains("<h3>"),
            "{html}"
        );
        if let Some(font) = &font {
            human::pdf(&doc, Lang::En, font).unwrap();
        }
    }
}
