//! SPDX tag-value syntax (SPDX 2.3 clause 5 and the per-section tags): lines
//! of `Tag: value`, `<text>…</text>` values over several lines, sections
//! opened by `PackageName`, `FileName`, `SnippetSPDXID`, `LicenseID`,
//! `Annotator`, `Reviewer` and `Relationship`; and the writer.

use super::{Doc, Elem, Field, Kind, TAGS};
use crate::{Diagnostic, MAX_STRING_BYTES, SbomError};
use std::borrow::Cow;

/// One `Tag: value` with the line it starts on.
struct Line<'a> {
    tag: &'a str,
    value: &'a str,
    line: usize,
}

/// Splits the text into tag-value pairs; a `<text>` never closed is fatal,
/// other malformed lines are reported and skipped.
fn lines<'a>(text: &'a str, errors: &mut Vec<Diagnostic>) -> Result<Vec<Line<'a>>, SbomError> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut line = 1;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let this = line;
        let raw = text[pos..end].trim_end_matches('\r');
        let next = (end + 1).min(text.len());
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            pos = next;
            line += 1;
            continue;
        }
        let Some(colon) = raw.find(':') else {
            errors.push(Diagnostic::new(
                format!("line {this}"),
                format!("expected \"Tag: value\", found {:?}", truncate(trimmed)),
            ));
            pos = next;
            line += 1;
            continue;
        };
        let tag = raw[..colon].trim();
        let after = &raw[colon + 1..];
        let value_start = pos + colon + 1 + (after.len() - after.trim_start().len());
        let value;
        if text[value_start..].starts_with("<text>") {
            let body = value_start + "<text>".len();
            let Some(close) = text[body..].find("</text>") else {
                return Err(SbomError::Syntax {
                    location: format!("line {this}"),
                    message: "<text> is never closed by </text>".into(),
                });
            };
            value = &text[body..body + close];
            let after_close = body + close + "</text>".len();
            let line_end = text[after_close..]
                .find('\n')
                .map_or(text.len(), |i| after_close + i);
            line += text[pos..line_end].matches('\n').count();
            if !text[after_close..line_end].trim().is_empty() {
                errors.push(Diagnostic::new(
                    format!("line {line}"),
                    "text after </text> on the same line",
                ));
            }
            pos = (line_end + 1).min(text.len());
            line += 1;
        } else {
            value = raw[colon + 1..].trim();
            pos = next;
            line += 1;
        }
        if tag.is_empty() || !tag.bytes().all(|b| b.is_ascii_alphanumeric()) {
            errors.push(Diagnostic::new(
                format!("line {this}"),
                format!("expected \"Tag: value\", found {:?}", truncate(trimmed)),
            ));
            continue;
        }
        out.push(Line {
            tag,
            value,
            line: this,
        });
    }
    Ok(out)
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(60) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Parses tag-value into the neutral form.
pub(super) fn parse(text: &str) -> Result<Doc<'_>, SbomError> {
    let mut errors = Vec::new();
    let pairs = lines(text, &mut errors)?;
    let mut header = Elem::new(Kind::Document, "line 1".into());
    let mut elems: Vec<Elem<'_>> = Vec::new();
    // The package, file, snippet or extracted license being read.
    let mut current: Option<usize> = None;
    // The annotation, review or relationship being read.
    let mut side: Option<usize> = None;
    let mut last_package: Option<usize> = None;
    let mut version = None;
    for Line { tag, value, line } in pairs {
        let at = format!("line {line}");
        if value.len() > MAX_STRING_BYTES {
            errors.push(Diagnostic::new(
                at,
                format!(
                    "a value of {} bytes, more than the {MAX_STRING_BYTES} bytes accepted",
                    value.len()
                ),
            ));
            continue;
        }
        if tag == "SPDXVersion" {
            match value {
                "SPDX-2.2" | "SPDX-2.3" if version.is_none() => {
                    version = Some(value[5..].to_owned())
                }
                "SPDX-2.2" | "SPDX-2.3" => {}
                _ => {
                    return Err(SbomError::UnsupportedVersion {
                        format: "spdx",
                        version: value.to_owned(),
                        pointer: at,
                    });
                }
            }
        }
        let opens = match tag {
            "PackageName" => Some(Kind::Package),
            "FileName" => Some(Kind::File),
            "SnippetSPDXID" => Some(Kind::Snippet),
            "LicenseID" => Some(Kind::License),
            "Annotator" => Some(Kind::Annotation),
            "Reviewer" => Some(Kind::Review),
            "Relationship" => Some(Kind::Relationship),
            _ => None,
        };
        if let Some(kind) = opens {
            let mut e = Elem::new(kind, at.clone());
            if kind == Kind::File {
                e.follows_package = last_package;
            }
            elems.push(e);
            let i = elems.len() - 1;
            match kind {
                Kind::Annotation | Kind::Review | Kind::Relationship => side = Some(i),
                _ => {
                    current = Some(i);
                    side = None;
                }
            }
            if kind == Kind::Package {
                last_package = Some(i);
            }
        }
        // Where the tag goes.
        let target_kind = if tag == "SPDXID" {
            match current.and_then(|i| elems.get(i)) {
                Some(e) if matches!(e.kind, Kind::Package | Kind::File) => e.kind,
                Some(_) => {
                    errors.push(Diagnostic::new(at, "SPDXID is not expected here"));
                    continue;
                }
                None => Kind::Document,
            }
        } else {
            let Some((_, kind, ..)) = TAGS.iter().find(|(t, ..)| *t == tag) else {
                errors.push(Diagnostic::new(at, format!("unknown tag {tag:?}")));
                continue;
            };
            *kind
        };
        let elem = match target_kind {
            Kind::Document => Some(&mut header),
            Kind::Annotation | Kind::Review | Kind::Relationship => side
                .and_then(|i| elems.get_mut(i))
                .filter(|e| e.kind == target_kind),
            _ => current
                .and_then(|i| elems.get_mut(i))
                .filter(|e| e.kind == target_kind),
        };
        let Some(elem) = elem else {
            errors.push(Diagnostic::new(
                at,
                format!(
                    "{tag} is not expected here (it belongs in a {} section)",
                    section(target_kind)
                ),
            ));
            continue;
        };
        let Some(&(_, _, key, multi)) = TAGS
            .iter()
            .find(|(t, k, ..)| *t == tag && *k == target_kind)
        else {
            continue;
        };
        if !multi && let Some(first) = elem.get(key) {
            let first = first.line;
            errors.push(Diagnostic::new(
                at,
                format!(
                    "{tag} given twice in one {} (first at line {first})",
                    section(target_kind)
                ),
            ));
            continue;
        }
        if key == "relationship" {
            let parts: Vec<&str> = value.split_whitespace().collect();
            let [from, ty, to] = parts[..] else {
                errors.push(Diagnostic::new(
                    at,
                    format!(
                        "relationship {:?} is not \"SPDXID TYPE SPDXID\"",
                        truncate(value)
                    ),
                ));
                continue;
            };
            for (k, v) in [
                ("spdxElementId", from),
                ("relationshipType", ty),
                ("relatedSpdxElement", to),
            ] {
                elem.fields.push(Field {
                    key: k,
                    value: Cow::Borrowed(v),
                    line,
                    index: None,
                });
            }
            continue;
        }
        elem.fields.push(Field {
            key,
            value: Cow::Borrowed(value),
            line,
            index: None,
        });
    }
    Ok(Doc {
        json: false,
        version: version.unwrap_or_else(|| "2.3".into()),
        header,
        elems,
        errors,
    })
}

fn section(kind: Kind) -> &'static str {
    match kind {
        Kind::Document => "document creation",
        Kind::Package => "package",
        Kind::File => "file",
        Kind::Snippet => "snippet",
        Kind::License => "extracted license",
        Kind::Relationship => "relationship",
        Kind::Annotation => "annotation",
        Kind::Review => "review",
    }
}

fn put(out: &mut String, tag: &str, value: &str) {
    out.push_str(tag);
    out.push_str(": ");
    if value.contains(['\n', '\r']) || value.starts_with("<text>") || value != value.trim() {
        out.push_str("<text>");
        out.push_str(value);
        out.push_str("</text>");
    } else {
        out.push_str(value);
    }
    out.push('\n');
}

fn put_elem(out: &mut String, e: &Elem<'_>) {
    if e.kind == Kind::Relationship {
        if let (Some(a), Some(t), Some(b)) = (
            e.text("spdxElementId"),
            e.text("relationshipType"),
            e.text("relatedSpdxElement"),
        ) {
            out.push_str(&format!("Relationship: {a} {t} {b}\n"));
        }
        return;
    }
    // Fields in the order of the spec's tag list, whatever order they came in.
    for (tag, kind, key, _) in TAGS {
        if *kind != e.kind || key.contains('/') && !key.starts_with("ranges/") {
            continue;
        }
        for f in e.all(key) {
            put(out, tag, &f.value);
        }
    }
}

/// Writes the neutral form as tag-value: document, files (before any package,
/// so that no file is taken to be contained by a package it follows),
/// packages, snippets, extracted licenses, relationships, annotations.
pub(super) fn write(doc: &Doc<'_>) -> Vec<u8> {
    let mut out = String::new();
    out.push_str("## Document Information\n");
    for (tag, kind, key, _) in TAGS {
        if *kind != Kind::Document {
            continue;
        }
        for f in doc.header.all(key) {
            put(&mut out, tag, &f.value);
        }
    }
    for (kind, title) in [
        (Kind::File, "File"),
        (Kind::Package, "Package"),
        (Kind::Snippet, "Snippet"),
        (Kind::License, "License"),
        (Kind::Relationship, "Relationships"),
        (Kind::Annotation, "Annotation"),
    ] {
        for (i, e) in doc.elems.iter().filter(|e| e.kind == kind).enumerate() {
            if kind != Kind::Relationship {
                out.push_str(&format!("\n## {title} Information\n"));
            } else if i == 0 {
                out.push_str(&format!("\n## {title}\n"));
            }
            put_elem(&mut out, e);
        }
    }
    out.into_bytes()
}
