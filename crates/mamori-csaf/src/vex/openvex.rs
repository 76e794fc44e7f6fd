//! The OpenVEX 0.2.0 writer and a structural check of OpenVEX documents.
//!
//! No package registry this project uses ships the OpenVEX JSON schema, so [`check_openvex`] checks
//! by hand what the 0.2.0 schema and specification require: the document and statement fields and
//! their types, no undefined properties, the status and justification vocabularies, a justification
//! or an impact statement (not both, as the schema's `oneOf` says) for `not_affected`, an action
//! statement for `affected`, IRIs with a scheme, RFC 3339 timestamps, and unique list items.

use std::collections::HashSet;

use mamori_judge::analysis::VexStatus;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{
    TOOL_NAME, TOOL_VERSION, VexDocument, WriteError, Written, check_input, fallback_action,
    iri_segment, rfc3339,
};

/// The OpenVEX 0.2.0 context IRI.
const CONTEXT: &str = "https://openvex.dev/ns/v0.2.0";

/// Writes the document as OpenVEX 0.2.0: one statement per input statement, the release as the
/// product (its purl as `@id`, else an IRI under the publisher's namespace) and the statement's
/// components as subcomponents.
///
/// Where a not-affected statement has both a justification and detail text, the schema allows only
/// one of `justification` and `impact_statement`: the justification is written and the text goes to
/// `status_notes`.
pub fn openvex(doc: &VexDocument) -> Result<Written, WriteError> {
    let by_ref = check_input(doc)?;
    if !doc.products.is_empty() {
        return Err(WriteError::Unsupported {
            format: "openvex",
            what: "products beside the release",
        });
    }
    if doc.statements.is_empty() {
        return Err(WriteError::Missing {
            profile: "openvex",
            what: "a statement",
        });
    }
    let ns = doc.publisher.namespace.trim_end_matches('/');
    let doc_id = format!("{ns}/vex/{}", iri_segment(&doc.tracking_id));
    let p = &doc.product;
    let product_iri = p.purl.clone().unwrap_or_else(|| {
        format!(
            "{ns}/product/{}@{}",
            iri_segment(&p.name),
            iri_segment(&p.version)
        )
    });
    let product_identifiers = identifiers(p.purl.as_deref(), p.cpe.as_deref());
    let mut losses = Vec::new();
    let mut statements = Vec::with_capacity(doc.statements.len());
    for s in &doc.statements {
        let (st, lost) = s.analysis.to_openvex(doc.lang);
        losses.extend(lost.into_iter().map(|l| (s.vuln_id.clone(), l)));

        let mut vuln = Map::new();
        vuln.insert("name".into(), json!(s.vuln_id));
        if let Some(d) = &s.description {
            vuln.insert("description".into(), json!(d));
        }
        let mut aliases: Vec<&str> = Vec::new();
        for a in &s.aliases {
            if *a != s.vuln_id && !aliases.contains(&a.as_str()) {
                aliases.push(a);
            }
        }
        if !aliases.is_empty() {
            vuln.insert("aliases".into(), json!(aliases));
        }

        let mut product = Map::new();
        product.insert("@id".into(), json!(product_iri));
        if let Some(ids) = &product_identifiers {
            product.insert("identifiers".into(), ids.clone());
        }
        let mut subs: Vec<Value> = Vec::new();
        let mut sub_ids: HashSet<String> = HashSet::new();
        for r in &s.components {
            let Some(c) = by_ref.get(r.as_str()) else {
                continue;
            };
            let id = c
                .purl
                .clone()
                .unwrap_or_else(|| format!("{doc_id}#{}", iri_segment(&c.bom_ref)));
            if !sub_ids.insert(id.clone()) {
                continue;
            }
            let mut sub = Map::new();
            sub.insert("@id".into(), json!(id));
            if let Some(ids) = identifiers(c.purl.as_deref(), c.cpe.as_deref()) {
                sub.insert("identifiers".into(), ids);
            }
            subs.push(Value::Object(sub));
        }
        if !subs.is_empty() {
            product.insert("subcomponents".into(), Value::Array(subs));
        }

        let mut out = Map::new();
        out.insert("vulnerability".into(), Value::Object(vuln));
        if let Some(t) = s.first_issued {
            out.insert("timestamp".into(), json!(rfc3339(t)));
        }
        if let Some(t) = s.last_updated {
            out.insert("last_updated".into(), json!(rfc3339(t)));
        }
        out.insert("products".into(), json!([product]));
        out.insert("status".into(), json!(st.status.openvex()));
        let mut notes = st.status_notes;
        match (st.justification, st.impact_statement) {
            (Some(j), impact) => {
                out.insert("justification".into(), json!(j.as_str()));
                if impact.is_some() {
                    notes = impact;
                }
            }
            (None, Some(i)) => {
                out.insert("impact_statement".into(), json!(i));
            }
            (None, None) => {}
        }
        if st.status == VexStatus::Affected {
            let action = st
                .action_statement
                .unwrap_or_else(|| fallback_action(&s.fixed_versions));
            out.insert("action_statement".into(), json!(action));
        }
        if let Some(n) = notes {
            out.insert("status_notes".into(), json!(n));
        }
        statements.push(Value::Object(out));
    }

    let mut d = Map::new();
    d.insert("@context".into(), json!(CONTEXT));
    d.insert("@id".into(), json!(doc_id));
    d.insert("author".into(), json!(doc.publisher.name));
    d.insert("role".into(), json!(doc.publisher.category.as_str()));
    let initial = doc.history.first().map_or(doc.now, |r| r.date);
    d.insert("timestamp".into(), json!(rfc3339(initial)));
    if !doc.history.is_empty() {
        d.insert("last_updated".into(), json!(rfc3339(doc.now)));
    }
    d.insert("version".into(), json!(doc.history.len() + 1));
    d.insert(
        "tooling".into(),
        json!(format!("{TOOL_NAME} {TOOL_VERSION}")),
    );
    d.insert("statements".into(), Value::Array(statements));
    let document = Value::Object(d);
    let failures = check_openvex(&document);
    if !failures.is_empty() {
        return Err(WriteError::Invalid {
            format: "openvex",
            failures,
        });
    }
    Ok(Written { document, losses })
}

fn identifiers(purl: Option<&str>, cpe: Option<&str>) -> Option<Value> {
    let mut m = Map::new();
    if let Some(p) = purl {
        m.insert("purl".into(), json!(p));
    }
    if let Some(c) = cpe {
        let key = if c.starts_with("cpe:2.3:") {
            "cpe23"
        } else {
            "cpe22"
        };
        m.insert(key.into(), json!(c));
    }
    (!m.is_empty()).then_some(Value::Object(m))
}

const STATUSES: [&str; 4] = ["not_affected", "affected", "fixed", "under_investigation"];
const JUSTIFICATIONS: [&str; 5] = [
    "component_not_present",
    "vulnerable_code_not_present",
    "vulnerable_code_not_in_execute_path",
    "vulnerable_code_cannot_be_controlled_by_adversary",
    "inline_mitigations_already_exist",
];
const HASHES: [&str; 12] = [
    "md5",
    "sha1",
    "sha-256",
    "sha-384",
    "sha-512",
    "sha3-224",
    "sha3-256",
    "sha3-384",
    "sha3-512",
    "blake2s-256",
    "blake2b-256",
    "blake2b-512",
];

/// What a JSON object may hold: (name, kind) with kind one of `s` string, `i` IRI, `t` timestamp,
/// `n` integer ≥ 1, `o` object, `a` array.
type Fields = &'static [(&'static str, char)];

const DOC_FIELDS: Fields = &[
    ("@context", 'i'),
    ("@id", 'i'),
    ("author", 's'),
    ("role", 's'),
    ("timestamp", 't'),
    ("last_updated", 't'),
    ("version", 'n'),
    ("tooling", 's'),
    ("statements", 'a'),
];
const DOC_REQUIRED: &[&str] = &[
    "@context",
    "@id",
    "author",
    "timestamp",
    "version",
    "statements",
];
const STATEMENT_FIELDS: Fields = &[
    ("@id", 'i'),
    ("version", 'n'),
    ("vulnerability", 'o'),
    ("timestamp", 't'),
    ("last_updated", 't'),
    ("products", 'a'),
    ("status", 's'),
    ("supplier", 's'),
    ("status_notes", 's'),
    ("justification", 's'),
    ("impact_statement", 's'),
    ("action_statement", 's'),
    ("action_statement_timestamp", 't'),
];
const VULN_FIELDS: Fields = &[
    ("@id", 'i'),
    ("name", 's'),
    ("description", 's'),
    ("aliases", 'a'),
];
const COMPONENT_FIELDS: Fields = &[
    ("@id", 'i'),
    ("identifiers", 'o'),
    ("hashes", 'o'),
    ("subcomponents", 'a'),
];
const SUBCOMPONENT_FIELDS: Fields = &[("@id", 'i'), ("identifiers", 'o'), ("hashes", 'o')];
const IDENTIFIER_FIELDS: Fields = &[("purl", 's'), ("cpe22", 's'), ("cpe23", 's')];

/// Checks an OpenVEX 0.2.0 document; returns "pointer: problem" for each failure, empty if valid.
pub fn check_openvex(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(d) = doc.as_object() else {
        out.push(": not an object".to_string());
        return out;
    };
    fields(d, "", DOC_FIELDS, DOC_REQUIRED, &mut out);
    if let Some(Value::Array(list)) = d.get("statements") {
        if list.is_empty() {
            out.push("/statements: no statement".to_string());
        }
        unique(list, "/statements", &mut out);
        for (i, s) in list.iter().enumerate() {
            statement(s, &format!("/statements/{i}"), &mut out);
        }
    }
    out
}

fn statement(s: &Value, at: &str, out: &mut Vec<String>) {
    let Some(m) = s.as_object() else {
        out.push(format!("{at}: not an object"));
        return;
    };
    fields(m, at, STATEMENT_FIELDS, &["vulnerability", "status"], out);
    if let Some(v) = m.get("vulnerability").and_then(Value::as_object) {
        let vat = format!("{at}/vulnerability");
        fields(v, &vat, VULN_FIELDS, &["name"], out);
        if let Some(Value::Array(a)) = v.get("aliases") {
            unique(a, &format!("{vat}/aliases"), out);
            strings(a, &format!("{vat}/aliases"), out);
        }
    }
    if let Some(Value::Array(products)) = m.get("products") {
        unique(products, &format!("{at}/products"), out);
        for (i, p) in products.iter().enumerate() {
            component(p, &format!("{at}/products/{i}"), COMPONENT_FIELDS, out);
        }
    }
    let status = m.get("status").and_then(Value::as_str);
    if let Some(st) = status
        && !STATUSES.contains(&st)
    {
        out.push(format!("{at}/status: unknown status `{st}`"));
    }
    if let Some(j) = m.get("justification").and_then(Value::as_str)
        && !JUSTIFICATIONS.contains(&j)
    {
        out.push(format!("{at}/justification: unknown justification `{j}`"));
    }
    match status {
        Some("not_affected") => {
            let j = m.contains_key("justification");
            let i = m.contains_key("impact_statement");
            if j == i {
                out.push(format!(
                    "{at}: not_affected needs exactly one of justification and impact_statement"
                ));
            }
        }
        Some("affected") if !m.contains_key("action_statement") => {
            out.push(format!("{at}: affected needs an action_statement"));
        }
        _ => {}
    }
}

fn component(c: &Value, at: &str, allowed: Fields, out: &mut Vec<String>) {
    let Some(m) = c.as_object() else {
        out.push(format!("{at}: not an object"));
        return;
    };
    fields(m, at, allowed, &[], out);
    if let Some(ids) = m.get("identifiers").and_then(Value::as_object) {
        fields(
            ids,
            &format!("{at}/identifiers"),
            IDENTIFIER_FIELDS,
            &[],
            out,
        );
    }
    if let Some(h) = m.get("hashes").and_then(Value::as_object) {
        for (k, v) in h {
            if !HASHES.contains(&k.as_str()) {
                out.push(format!("{at}/hashes/{k}: unknown hash algorithm"));
            } else if !v.is_string() {
                out.push(format!("{at}/hashes/{k}: not a string"));
            }
        }
    }
    if let Some(Value::Array(subs)) = m.get("subcomponents") {
        unique(subs, &format!("{at}/subcomponents"), out);
        for (i, s) in subs.iter().enumerate() {
            component(
                s,
                &format!("{at}/subcomponents/{i}"),
                SUBCOMPONENT_FIELDS,
                out,
            );
        }
    }
}

fn fields(
    m: &Map<String, Value>,
    at: &str,
    allowed: Fields,
    required: &[&str],
    out: &mut Vec<String>,
) {
    for r in required {
        if !m.contains_key(*r) {
            out.push(format!("{at}: `{r}` is missing"));
        }
    }
    for (k, v) in m {
        let Some((_, kind)) = allowed.iter().find(|(name, _)| name == k) else {
            out.push(format!("{at}/{k}: not an openvex property"));
            continue;
        };
        let ok = match kind {
            's' => v.is_string(),
            'i' => v.as_str().is_some_and(is_iri),
            't' => v
                .as_str()
                .is_some_and(|s| OffsetDateTime::parse(s, &Rfc3339).is_ok()),
            'n' => v.as_u64().is_some_and(|n| n >= 1),
            'o' => v.is_object(),
            _ => v.is_array(),
        };
        if !ok {
            let what = match kind {
                's' => "a string",
                'i' => "an iri",
                't' => "an rfc 3339 timestamp",
                'n' => "an integer of at least 1",
                'o' => "an object",
                _ => "an array",
            };
            out.push(format!("{at}/{k}: not {what}"));
        }
    }
}

fn strings(list: &[Value], at: &str, out: &mut Vec<String>) {
    for (i, v) in list.iter().enumerate() {
        if !v.is_string() {
            out.push(format!("{at}/{i}: not a string"));
        }
    }
}

fn unique(list: &[Value], at: &str, out: &mut Vec<String>) {
    let mut seen: HashSet<String> = HashSet::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        if !seen.insert(v.to_string()) {
            out.push(format!("{at}/{i}: repeats an earlier item"));
        }
    }
}

/// An absolute IRI: a scheme (letter, then letters, digits, `+`, `-`, `.`), a colon, and no white space.
fn is_iri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut cs = scheme.chars();
    cs.next().is_some_and(|c| c.is_ascii_alphabetic())
        && cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !s.chars().any(char::is_whitespace)
}
