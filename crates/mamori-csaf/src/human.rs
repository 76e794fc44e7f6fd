//! A CSAF 2.0 advisory for people: one self-contained HTML page or a PDF, with labels in Japanese or English.
//!
//! Both outputs come from one [`mamori_pdf::Document`] built from the JSON, so the page and the
//! PDF say the same things in the same order: the document's identity (tracking id, version,
//! dates, TLP, publisher), its notes, the products of the product tree, then per vulnerability
//! its ids, CWE, CVSS scores with vectors and severities, notes, product status, remediations,
//! threats, acknowledgments and references, and last the revision history. What the advisory
//! itself says is printed as written; only the labels come from the table below. When a
//! document carries a note in both languages (two notes of one category, one of them
//! Japanese), the one in the requested language is shown.
//!
//! The input is read leniently: a member that is missing or of the wrong type is left out, so
//! any JSON value renders (validate it with [`crate::validate_value`] to know whether it is CSAF).

use std::collections::HashMap;
use std::fmt::Write as _;

pub use mamori_pdf::PdfError;
use mamori_pdf::{Block, Column, Document, Run};
use serde_json::Value;

pub use crate::vex::Lang;

/// The advisory as a complete HTML5 page: no scripts, no external resources (a content security
/// policy forbids both), inline CSS, every text escaped.
pub fn html(doc: &Value, lang: Lang) -> String {
    page(&document(doc, lang))
}

/// The advisory as PDF, with `font` (TrueType or OpenType bytes; IPAex Gothic covers Japanese
/// and English). The current release date is the PDF's creation date, so equal input gives equal
/// bytes.
pub fn pdf(doc: &Value, lang: Lang, font: &[u8]) -> Result<Vec<u8>, PdfError> {
    mamori_pdf::render(&document(doc, lang), font)
}

#[derive(Clone, Copy)]
enum L {
    TrackingId,
    Version,
    Status,
    Initial,
    Current,
    Publisher,
    Notes,
    Products,
    Product,
    ProductId,
    Vulnerabilities,
    OtherIds,
    Discovered,
    Published,
    Scores,
    CvssVersion,
    BaseScore,
    Severity,
    Vector,
    ProductStatus,
    Remediations,
    Category,
    Details,
    Date,
    Threats,
    Acknowledgments,
    References,
    Revisions,
    Revision,
    Summary,
    NoVulnerabilities,
    Advisory,
}

/// Labels: (English, Japanese).
fn label(l: L, lang: Lang) -> &'static str {
    let (en, ja) = match l {
        L::TrackingId => ("Tracking ID", "管理番号"),
        L::Version => ("Version", "版"),
        L::Status => ("Status", "状態"),
        L::Initial => ("Initial release", "初版公開日"),
        L::Current => ("Current release", "最終更新日"),
        L::Publisher => ("Publisher", "発行者"),
        L::Notes => ("Notes", "概要"),
        L::Products => ("Products", "対象製品"),
        L::Product => ("Product", "製品"),
        L::ProductId => ("Product ID", "製品 ID"),
        L::Vulnerabilities => ("Vulnerabilities", "脆弱性"),
        L::OtherIds => ("Other IDs", "その他の ID"),
        L::Discovered => ("Discovered", "発見日"),
        L::Published => ("Published", "公開日"),
        L::Scores => ("CVSS scores", "CVSS 評価"),
        L::CvssVersion => ("CVSS version", "CVSS バージョン"),
        L::BaseScore => ("Base score", "基本値"),
        L::Severity => ("Severity", "深刻度"),
        L::Vector => ("Vector", "ベクトル"),
        L::ProductStatus => ("Product status", "製品の状態"),
        L::Remediations => ("Remediations", "対策"),
        L::Category => ("Category", "種別"),
        L::Details => ("Details", "内容"),
        L::Date => ("Date", "日付"),
        L::Threats => ("Threats and impact", "脅威と影響"),
        L::Acknowledgments => ("Acknowledgments", "謝辞"),
        L::References => ("References", "参考情報"),
        L::Revisions => ("Revision history", "改訂履歴"),
        L::Revision => ("Revision", "改訂"),
        L::Summary => ("Summary", "概要"),
        L::NoVulnerabilities => (
            "This advisory lists no vulnerabilities.",
            "この文書に脆弱性の記載はありません。",
        ),
        L::Advisory => ("Security advisory", "セキュリティアドバイザリ"),
    };
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// A CSAF enumeration value in words; unknown values print as written.
fn word(v: &str, lang: Lang) -> &str {
    let (en, ja) = match v {
        "known_affected" => ("Affected", "影響あり"),
        "first_affected" => ("First affected", "影響を受ける最初の版"),
        "last_affected" => ("Last affected", "影響を受ける最後の版"),
        "known_not_affected" => ("Not affected", "影響なし"),
        "fixed" => ("Fixed", "修正済み"),
        "first_fixed" => ("First fixed", "最初の修正版"),
        "recommended" => ("Recommended", "推奨版"),
        "under_investigation" => ("Under investigation", "調査中"),
        "mitigation" => ("Mitigation", "緩和策"),
        "no_fix_planned" => ("No fix planned", "修正予定なし"),
        "none_available" => ("None available", "対策なし"),
        "vendor_fix" => ("Vendor fix", "修正版の提供"),
        "workaround" => ("Workaround", "回避策"),
        "exploit_status" => ("Exploit status", "悪用の状況"),
        "impact" => ("Impact", "影響"),
        "target_set" => ("Target set", "対象"),
        "final" => ("Final", "確定"),
        "interim" => ("Interim", "暫定"),
        "draft" => ("Draft", "草案"),
        "CRITICAL" => ("Critical", "緊急"),
        "HIGH" => ("High", "重要"),
        "MEDIUM" => ("Medium", "警告"),
        "LOW" => ("Low", "注意"),
        "NONE" => ("None", "なし"),
        _ => return v,
    };
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

const STATUSES: [&str; 8] = [
    "known_affected",
    "first_affected",
    "last_affected",
    "under_investigation",
    "first_fixed",
    "fixed",
    "recommended",
    "known_not_affected",
];

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn strs(v: &Value, key: &str) -> Vec<String> {
    arr(v, key)
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// `YYYY-MM-DD` of a CSAF date-time, or the text as written when it does not start with one.
fn day(t: &str) -> String {
    match t.get(..10) {
        Some(d) if d.as_bytes().iter().filter(|b| **b == b'-').count() == 2 => d.to_owned(),
        _ => t.to_owned(),
    }
}

fn has_japanese(t: &str) -> bool {
    t.chars()
        .any(|c| matches!(c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF))
}

/// Notes to show: where a category has notes in both languages, those in `lang`.
fn pick_notes(notes: &[Value], lang: Lang) -> Vec<&Value> {
    let cat_has = |cat: &str, ja: bool| {
        notes.iter().any(|n| {
            s(n, "category") == cat
                && has_japanese(&format!("{}{}", s(n, "title"), s(n, "text"))) == ja
        })
    };
    notes
        .iter()
        .filter(|n| {
            let cat = s(n, "category");
            if !(cat_has(cat, true) && cat_has(cat, false)) {
                return true;
            }
            let ja = has_japanese(&format!("{}{}", s(n, "title"), s(n, "text")));
            ja == (lang == Lang::Ja)
        })
        .collect()
}

fn note_blocks(notes: &[Value], lang: Lang, out: &mut Vec<Block>) {
    for n in pick_notes(notes, lang) {
        let title = s(n, "title");
        let title = if title.is_empty() {
            word(s(n, "category"), lang)
        } else {
            title
        };
        let mut runs = Vec::new();
        if !title.is_empty() {
            runs.push(Run::bold(format!("{title}\n")));
        }
        runs.push(Run::plain(s(n, "text")));
        out.push(Block::Paragraph(runs));
    }
}

/// Product ids to full product names, from branches (walked with an explicit stack, so any
/// depth is fine), full product names and relationships; and product groups to their ids.
struct Products {
    names: HashMap<String, String>,
    order: Vec<String>,
    groups: HashMap<String, Vec<String>>,
}

impl Products {
    fn new(tree: &Value) -> Products {
        let mut p = Products {
            names: HashMap::new(),
            order: Vec::new(),
            groups: HashMap::new(),
        };
        let mut stack: Vec<&Value> = arr(tree, "branches").iter().rev().collect();
        while let Some(b) = stack.pop() {
            if let Some(fp) = b.get("product") {
                p.add(fp);
            }
            stack.extend(arr(b, "branches").iter().rev());
        }
        for fp in arr(tree, "full_product_names") {
            p.add(fp);
        }
        for r in arr(tree, "relationships") {
            if let Some(fp) = r.get("full_product_name") {
                p.add(fp);
            }
        }
        for g in arr(tree, "product_groups") {
            p.groups
                .insert(s(g, "group_id").to_owned(), strs(g, "product_ids"));
        }
        p
    }

    fn add(&mut self, fp: &Value) {
        let id = s(fp, "product_id");
        if id.is_empty() || self.names.contains_key(id) {
            return;
        }
        self.names.insert(id.to_owned(), s(fp, "name").to_owned());
        self.order.push(id.to_owned());
    }

    fn name<'a>(&'a self, id: &'a str) -> &'a str {
        match self.names.get(id) {
            Some(n) if !n.is_empty() => n,
            _ => id,
        }
    }

    /// The names of products and groups, one per line.
    fn list(&self, ids: &[String], groups: &[String]) -> String {
        let mut out: Vec<&str> = ids.iter().map(|i| self.name(i)).collect();
        for g in groups {
            for i in self.groups.get(g).map(Vec::as_slice).unwrap_or(&[]) {
                out.push(self.name(i));
            }
        }
        out.join("\n")
    }
}

fn score_rows(v: &Value, products: &Products, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for sc in arr(v, "scores") {
        let Some(obj) = sc.as_object() else { continue };
        for (key, c) in obj {
            if !key.starts_with("cvss_v") {
                continue;
            }
            let score = c.get("baseScore").and_then(Value::as_f64);
            let severity = match s(c, "baseSeverity") {
                "" => score.map_or("", |x| v2_severity(x)),
                sev => sev,
            };
            rows.push(vec![
                s(c, "version").to_owned(),
                score.map(|x| format!("{x:.1}")).unwrap_or_default(),
                word(severity, lang).to_owned(),
                s(c, "vectorString").to_owned(),
                products.list(&strs(sc, "products"), &[]),
            ]);
        }
    }
    rows
}

/// CVSS v2 carries no severity; NVD's ranges for it.
fn v2_severity(score: f64) -> &'static str {
    if score >= 7.0 {
        "HIGH"
    } else if score >= 4.0 {
        "MEDIUM"
    } else {
        "LOW"
    }
}

fn acknowledgments(acks: &[Value]) -> Vec<Block> {
    acks.iter()
        .map(|a| {
            let mut who = strs(a, "names").join(", ");
            let org = s(a, "organization");
            if !org.is_empty() {
                who = if who.is_empty() {
                    org.to_owned()
                } else {
                    format!("{who} ({org})")
                };
            }
            let summary = s(a, "summary");
            let mut runs = vec![Run::bold(who)];
            if !summary.is_empty() {
                runs.push(Run::plain(format!(": {summary}")));
            }
            for u in strs(a, "urls") {
                runs.push(Run::plain(format!("\n{u}")));
            }
            Block::Paragraph(runs)
        })
        .collect()
}

fn references(refs: &[Value], lang: Lang) -> Option<Block> {
    if refs.is_empty() {
        return None;
    }
    Some(Block::Table {
        columns: vec![
            Column::new(label(L::Summary, lang), 0.4),
            Column::new("URL", 0.6),
        ],
        rows: refs
            .iter()
            .map(|r| vec![s(r, "summary").to_owned(), s(r, "url").to_owned()])
            .collect(),
    })
}

fn document(doc: &Value, lang: Lang) -> Document {
    let d = doc.get("document").unwrap_or(&Value::Null);
    let tracking = d.get("tracking").unwrap_or(&Value::Null);
    let products = Products::new(doc.get("product_tree").unwrap_or(&Value::Null));
    let title = match s(d, "title") {
        "" => label(L::Advisory, lang),
        t => t,
    };
    let mut b = vec![Block::heading(1, title)];

    let mut kv = vec![
        (label(L::TrackingId, lang), s(tracking, "id").to_owned()),
        (label(L::Version, lang), s(tracking, "version").to_owned()),
        (
            label(L::Status, lang),
            word(s(tracking, "status"), lang).to_owned(),
        ),
        (
            label(L::Initial, lang),
            day(s(tracking, "initial_release_date")),
        ),
        (
            label(L::Current, lang),
            day(s(tracking, "current_release_date")),
        ),
    ];
    let dist = d.get("distribution").unwrap_or(&Value::Null);
    let tlp = s(dist.get("tlp").unwrap_or(&Value::Null), "label");
    if !tlp.is_empty() {
        kv.push(("TLP", format!("TLP:{tlp}")));
    }
    let publisher = d.get("publisher").unwrap_or(&Value::Null);
    kv.push((label(L::Publisher, lang), s(publisher, "name").to_owned()));
    b.push(Block::KeyValue(
        kv.into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    ));
    let dist_text = s(dist, "text");
    if !dist_text.is_empty() {
        b.push(Block::Note(dist_text.to_owned()));
    }

    if !arr(d, "notes").is_empty() {
        b.push(Block::heading(2, label(L::Notes, lang)));
        note_blocks(arr(d, "notes"), lang, &mut b);
    }

    if !products.order.is_empty() {
        b.push(Block::heading(2, label(L::Products, lang)));
        b.push(Block::Table {
            columns: vec![
                Column::new(label(L::Product, lang), 0.75),
                Column::new(label(L::ProductId, lang), 0.25),
            ],
            rows: products
                .order
                .iter()
                .map(|id| vec![products.name(id).to_owned(), id.clone()])
                .collect(),
        });
    }

    let vulns = arr(doc, "vulnerabilities");
    b.push(Block::heading(2, label(L::Vulnerabilities, lang)));
    if vulns.is_empty() {
        b.push(Block::paragraph(label(L::NoVulnerabilities, lang)));
    }
    for v in vulns {
        vulnerability(v, &products, lang, &mut b);
    }

    let acks = arr(d, "acknowledgments");
    if !acks.is_empty() {
        b.push(Block::heading(2, label(L::Acknowledgments, lang)));
        b.extend(acknowledgments(acks));
    }
    if let Some(t) = references(arr(d, "references"), lang) {
        b.push(Block::heading(2, label(L::References, lang)));
        b.push(t);
    }
    let revisions = arr(tracking, "revision_history");
    if !revisions.is_empty() {
        b.push(Block::heading(2, label(L::Revisions, lang)));
        b.push(Block::Table {
            columns: vec![
                Column::new(label(L::Revision, lang), 0.15),
                Column::new(label(L::Date, lang), 0.2),
                Column::new(label(L::Summary, lang), 0.65),
            ],
            rows: revisions
                .iter()
                .map(|r| {
                    vec![
                        s(r, "number").to_owned(),
                        day(s(r, "date")),
                        s(r, "summary").to_owned(),
                    ]
                })
                .collect(),
        });
    }

    let created = time::OffsetDateTime::parse(
        s(tracking, "current_release_date"),
        &time::format_description::well_known::Rfc3339,
    )
    .ok()
    .map(|t| t.date());
    Document {
        title: match s(tracking, "id") {
            "" => title.to_owned(),
            id => format!("{id}: {title}"),
        },
        author: s(publisher, "name").to_owned(),
        subject: label(L::Advisory, lang).to_owned(),
        lang: match lang {
            Lang::Ja => mamori_pdf::Lang::Ja,
            Lang::En => mamori_pdf::Lang::En,
        },
        created,
        blocks: b,
    }
}

fn vulnerability(v: &Value, products: &Products, lang: Lang, b: &mut Vec<Block>) {
    let cve = s(v, "cve");
    let vtitle = s(v, "title");
    let heading = match (cve, vtitle) {
        ("", "") => label(L::Vulnerabilities, lang).to_owned(),
        (c, "") => c.to_owned(),
        ("", t) => t.to_owned(),
        (c, t) if c == t => c.to_owned(),
        (c, t) => format!("{c}: {t}"),
    };
    b.push(Block::heading(3, heading));
    let mut kv: Vec<(String, String)> = Vec::new();
    if !cve.is_empty() {
        kv.push(("CVE".into(), cve.to_owned()));
    }
    if let Some(cwe) = v.get("cwe") {
        let (id, name) = (s(cwe, "id"), s(cwe, "name"));
        kv.push(("CWE".into(), format!("{id} {name}").trim().to_owned()));
    }
    let ids: Vec<String> = arr(v, "ids")
        .iter()
        .map(|i| {
            format!("{} {}", s(i, "system_name"), s(i, "text"))
                .trim()
                .to_owned()
        })
        .collect();
    if !ids.is_empty() {
        kv.push((label(L::OtherIds, lang).into(), ids.join("\n")));
    }
    for (key, l) in [
        ("discovery_date", L::Discovered),
        ("release_date", L::Published),
    ] {
        if !s(v, key).is_empty() {
            kv.push((label(l, lang).into(), day(s(v, key))));
        }
    }
    if !kv.is_empty() {
        b.push(Block::KeyValue(kv));
    }

    let scores = score_rows(v, products, lang);
    if !scores.is_empty() {
        b.push(caption(label(L::Scores, lang)));
        b.push(Block::Table {
            columns: vec![
                // A CVSS 3 vector fits on one line of the vector column.
                Column::new(label(L::CvssVersion, lang), 0.08),
                Column::new(label(L::BaseScore, lang), 0.08),
                Column::new(label(L::Severity, lang), 0.1),
                Column::new(label(L::Vector, lang), 0.5),
                Column::new(label(L::Products, lang), 0.24),
            ],
            rows: scores,
        });
    }
    note_blocks(arr(v, "notes"), lang, b);

    let status = v.get("product_status").unwrap_or(&Value::Null);
    let rows: Vec<Vec<String>> = STATUSES
        .iter()
        .filter_map(|k| {
            let ids = strs(status, k);
            (!ids.is_empty()).then(|| vec![word(k, lang).to_owned(), products.list(&ids, &[])])
        })
        .collect();
    if !rows.is_empty() {
        b.push(caption(label(L::ProductStatus, lang)));
        b.push(Block::Table {
            columns: vec![
                Column::new(label(L::Status, lang), 0.25),
                Column::new(label(L::Products, lang), 0.75),
            ],
            rows,
        });
    }

    let rems = arr(v, "remediations");
    if !rems.is_empty() {
        b.push(caption(label(L::Remediations, lang)));
        b.push(Block::Table {
            columns: vec![
                Column::new(label(L::Category, lang), 0.14),
                Column::new(label(L::Details, lang), 0.46),
                Column::new(label(L::Products, lang), 0.2),
                Column::new(label(L::Date, lang), 0.1),
                Column::new("URL", 0.1),
            ],
            rows: rems
                .iter()
                .map(|r| {
                    vec![
                        word(s(r, "category"), lang).to_owned(),
                        s(r, "details").to_owned(),
                        products.list(&strs(r, "product_ids"), &strs(r, "group_ids")),
                        day(s(r, "date")),
                        s(r, "url").to_owned(),
                    ]
                })
                .collect(),
        });
    }

    let threats = arr(v, "threats");
    if !threats.is_empty() {
        b.push(caption(label(L::Threats, lang)));
        b.push(Block::Table {
            columns: vec![
                Column::new(label(L::Category, lang), 0.2),
                Column::new(label(L::Details, lang), 0.55),
                Column::new(label(L::Products, lang), 0.25),
            ],
            rows: threats
                .iter()
                .map(|t| {
                    vec![
                        word(s(t, "category"), lang).to_owned(),
                        s(t, "details").to_owned(),
                        products.list(&strs(t, "product_ids"), &strs(t, "group_ids")),
                    ]
                })
                .collect(),
        });
    }
    let acks = arr(v, "acknowledgments");
    if !acks.is_empty() {
        b.push(caption(label(L::Acknowledgments, lang)));
        b.extend(acknowledgments(acks));
    }
    if let Some(t) = references(arr(v, "references"), lang) {
        b.push(caption(label(L::References, lang)));
        b.push(t);
    }
}

/// A bold line introducing the table under it.
fn caption(text: &str) -> Block {
    Block::Paragraph(vec![Run::bold(text)])
}

fn esc(t: &str, out: &mut String) {
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
}

/// Escaped text with line breaks kept; a cell that is one web address becomes a link.
fn text(t: &str, out: &mut String) {
    let trimmed = t.trim();
    if (trimmed.starts_with("https://") || trimmed.starts_with("http://"))
        && !trimmed.contains(char::is_whitespace)
    {
        out.push_str("<a href=\"");
        esc(trimmed, out);
        out.push_str("\" rel=\"noreferrer noopener\">");
        esc(trimmed, out);
        out.push_str("</a>");
        return;
    }
    for (i, line) in t.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        esc(line, out);
    }
}

const CSS: &str = "body{font-family:'IPAexGothic','Noto Sans CJK JP','Hiragino Sans',sans-serif;\
max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#111}\
h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid #999;margin-top:2rem}h3{font-size:1.05rem;margin-top:1.5rem}\
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #777;padding:.2rem .4rem;\
vertical-align:top;text-align:left;overflow-wrap:anywhere}th{background:#ddd}table.kv th{width:30%;background:#eee}\
.note{border:1px solid #777;background:#f3f3f3;padding:.4rem .6rem}footer{margin-top:2rem;font-size:.85rem;color:#555}";

fn page(d: &Document) -> String {
    let mut o = String::with_capacity(16 * 1024);
    o.push_str("<!DOCTYPE html>\n<html lang=\"");
    o.push_str(d.lang.tag());
    o.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(&d.title, &mut o);
    o.push_str("</title>\n<style>");
    o.push_str(CSS);
    o.push_str("</style>\n</head>\n<body>\n<main>\n");
    for b in &d.blocks {
        match b {
            Block::Heading { level, text: t } => {
                let n = (*level).clamp(1, 3);
                let _ = write!(o, "<h{n}>");
                esc(t, &mut o);
                let _ = writeln!(o, "</h{n}>");
            }
            Block::Paragraph(runs) => {
                o.push_str("<p>");
                for r in runs {
                    if r.bold {
                        o.push_str("<strong>");
                    }
                    text(&r.text, &mut o);
                    if r.bold {
                        o.push_str("</strong>");
                    }
                }
                o.push_str("</p>\n");
            }
            Block::KeyValue(pairs) => {
                o.push_str("<table class=\"kv\">\n");
                for (k, v) in pairs {
                    o.push_str("<tr><th scope=\"row\">");
                    esc(k, &mut o);
                    o.push_str("</th><td>");
                    text(v, &mut o);
                    o.push_str("</td></tr>\n");
                }
                o.push_str("</table>\n");
            }
            Block::Note(t) => {
                o.push_str("<div class=\"note\">");
                text(t, &mut o);
                o.push_str("</div>\n");
            }
            Block::Table { columns, rows } => {
                o.push_str("<table>\n<thead><tr>");
                for c in columns {
                    o.push_str("<th scope=\"col\">");
                    esc(&c.header, &mut o);
                    o.push_str("</th>");
                }
                o.push_str("</tr></thead>\n<tbody>\n");
                for r in rows {
                    o.push_str("<tr>");
                    for i in 0..columns.len() {
                        o.push_str("<td>");
                        text(r.get(i).map(String::as_str).unwrap_or(""), &mut o);
                        o.push_str("</td>");
                    }
                    o.push_str("</tr>\n");
                }
                o.push_str("</tbody>\n</table>\n");
            }
            Block::Spacer | Block::PageBreak => {}
        }
    }
    o.push_str("</main>\n<footer>");
    esc(&d.title, &mut o);
    o.push_str("</footer>\n</body>\n</html>\n");
    o
}
