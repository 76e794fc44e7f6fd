//! CSAF 2.0 JSON schema conformance, written by hand from the schema's rules: one function per
//! object definition checks required properties, types, enumerations, patterns, formats, minimum
//! sizes and uniqueness. Properties the schema does not define are allowed by it and reported as
//! optional test 6.2.20 instead. CVSS objects are only type-checked here: their content belongs to
//! test 6.1.8.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::formats::{DocVersion, date_time, is_cpe, is_uri, lang_tag};
use crate::pointer::Ptr;
use crate::{Failure, TestId};

type Obj = Map<String, Value>;

/// Deeper nesting than this is reported rather than walked (serde_json's parser stops at 128).
const MAX_DEPTH: usize = 256;

pub(crate) fn check(doc: &Value, errors: &mut Vec<Failure>, extra: &mut Vec<Failure>) {
    let mut w = Walker { errors, extra };
    let root = Ptr::ROOT;
    let Some(m) = w.obj(doc, &root) else { return };
    w.required(m, &["document"], &root);
    w.known(m, &["document", "product_tree", "vulnerabilities"], &root);
    if let Some(v) = m.get("document") {
        w.document(v, &root.key("document"));
    }
    if let Some(v) = m.get("product_tree") {
        w.product_tree(v, &root.key("product_tree"));
    }
    if let Some(v) = m.get("vulnerabilities") {
        let p = root.key("vulnerabilities");
        if let Some(items) = w.array(v, &p, 1) {
            for (i, item) in items.iter().enumerate() {
                w.vulnerability(item, &p.idx(i));
            }
        }
    }
}

struct Walker<'o> {
    errors: &'o mut Vec<Failure>,
    extra: &'o mut Vec<Failure>,
}

impl Walker<'_> {
    fn fail(&mut self, p: &Ptr<'_>, message: String) {
        self.errors.push(Failure {
            test: TestId::SCHEMA,
            pointer: p.render(),
            message,
        });
    }

    /// Properties outside `allowed` (test 6.2.20).
    fn known(&mut self, m: &Obj, allowed: &[&str], p: &Ptr<'_>) {
        for k in m.keys() {
            if !allowed.contains(&k.as_str()) {
                self.extra.push(Failure {
                    test: TestId("6.2.20"),
                    pointer: p.key(k).render(),
                    message: format!("property `{k}` is not defined in the csaf json schema"),
                });
            }
        }
    }

    fn required(&mut self, m: &Obj, keys: &[&str], p: &Ptr<'_>) {
        for k in keys {
            if !m.contains_key(*k) {
                self.fail(p, format!("missing required property `{k}`"));
            }
        }
    }

    fn min_props(&mut self, m: &Obj, n: usize, p: &Ptr<'_>) {
        if m.len() < n {
            self.fail(
                p,
                format!(
                    "object needs at least {n} propert{}",
                    if n == 1 { "y" } else { "ies" }
                ),
            );
        }
    }

    fn obj<'v>(&mut self, v: &'v Value, p: &Ptr<'_>) -> Option<&'v Obj> {
        let o = v.as_object();
        if o.is_none() {
            self.fail(p, format!("expected an object, found {}", kind(v)));
        }
        o
    }

    fn array<'v>(&mut self, v: &'v Value, p: &Ptr<'_>, min: usize) -> Option<&'v Vec<Value>> {
        let Some(a) = v.as_array() else {
            self.fail(p, format!("expected an array, found {}", kind(v)));
            return None;
        };
        if a.len() < min {
            self.fail(
                p,
                format!(
                    "array needs at least {min} item{}",
                    if min == 1 { "" } else { "s" }
                ),
            );
        }
        Some(a)
    }

    /// A string of at least `min` characters.
    fn string<'v>(&mut self, v: &'v Value, p: &Ptr<'_>, min: usize) -> Option<&'v str> {
        let Some(s) = v.as_str() else {
            self.fail(p, format!("expected a string, found {}", kind(v)));
            return None;
        };
        if min > 0 && s.chars().take(min).count() < min {
            self.fail(
                p,
                if min == 1 {
                    "string must not be empty".to_string()
                } else {
                    format!("string needs at least {min} characters")
                },
            );
        }
        Some(s)
    }

    fn field_string<'v>(&mut self, m: &'v Obj, key: &str, p: &Ptr<'_>) -> Option<&'v str> {
        let v = m.get(key)?;
        self.string(v, &p.key(key), 1)
    }

    fn strings(&mut self, m: &Obj, keys: &[&str], p: &Ptr<'_>) {
        for k in keys {
            self.field_string(m, k, p);
        }
    }

    fn enumerated(&mut self, m: &Obj, key: &str, allowed: &[&str], p: &Ptr<'_>) {
        let Some(v) = m.get(key) else { return };
        let pk = p.key(key);
        if let Some(s) = self.string(v, &pk, 0)
            && !allowed.contains(&s)
        {
            self.fail(&pk, format!("`{s}` is not one of {}", allowed.join(", ")));
        }
    }

    fn date(&mut self, m: &Obj, key: &str, p: &Ptr<'_>) {
        let Some(v) = m.get(key) else { return };
        let pk = p.key(key);
        if let Some(s) = self.string(v, &pk, 0)
            && date_time(s).is_none()
        {
            self.fail(&pk, format!("`{s}` is not an rfc 3339 date-time"));
        }
    }

    fn uri_value(&mut self, v: &Value, p: &Ptr<'_>) {
        if let Some(s) = self.string(v, p, 0)
            && !is_uri(s)
        {
            self.fail(p, format!("`{s}` is not a uri"));
        }
    }

    fn uri(&mut self, m: &Obj, key: &str, p: &Ptr<'_>) {
        if let Some(v) = m.get(key) {
            self.uri_value(v, &p.key(key));
        }
    }

    fn pattern(&mut self, m: &Obj, key: &str, p: &Ptr<'_>, ok: fn(&str) -> bool, what: &str) {
        let Some(v) = m.get(key) else { return };
        let pk = p.key(key);
        if let Some(s) = self.string(v, &pk, 0)
            && !ok(s)
        {
            self.fail(&pk, format!("`{s}` is not {what}"));
        }
    }

    /// An array of non-empty strings, optionally without duplicates.
    fn string_array(&mut self, m: &Obj, key: &str, p: &Ptr<'_>, min: usize, unique: bool) {
        let Some(v) = m.get(key) else { return };
        let pk = p.key(key);
        let Some(items) = self.array(v, &pk, min) else {
            return;
        };
        let mut seen = HashSet::new();
        for (i, item) in items.iter().enumerate() {
            let pi = pk.idx(i);
            if let Some(s) = self.string(item, &pi, 1)
                && unique
                && !seen.insert(s)
            {
                self.fail(&pi, format!("`{s}` is listed more than once"));
            }
        }
    }

    /// uniqueItems over arbitrary values.
    fn unique_values(&mut self, items: &[Value], p: &Ptr<'_>) {
        let mut seen = HashSet::new();
        for (i, item) in items.iter().enumerate() {
            if !seen.insert(canonical(item)) {
                self.fail(
                    &p.idx(i),
                    "item is a duplicate of an earlier item".to_string(),
                );
            }
        }
    }

    fn document(&mut self, v: &Value, p: &Ptr<'_>) {
        let Some(m) = self.obj(v, p) else { return };
        self.required(
            m,
            &["category", "csaf_version", "publisher", "title", "tracking"],
            p,
        );
        self.known(
            m,
            &[
                "acknowledgments",
                "aggregate_severity",
                "category",
                "csaf_version",
                "distribution",
                "lang",
                "notes",
                "publisher",
                "references",
                "source_lang",
                "title",
                "tracking",
            ],
            p,
        );
        if let Some(v) = m.get("acknowledgments") {
            self.acknowledgments(v, &p.key("acknowledgments"));
        }
        if let Some(v) = m.get("aggregate_severity") {
            let pa = p.key("aggregate_severity");
            if let Some(a) = self.obj(v, &pa) {
                self.required(a, &["text"], &pa);
                self.known(a, &["namespace", "text"], &pa);
                self.uri(a, "namespace", &pa);
                self.strings(a, &["text"], &pa);
            }
        }
        self.pattern(m, "category", p, category_ok, "a valid document category");
        self.enumerated(m, "csaf_version", &["2.0"], p);
        if let Some(v) = m.get("distribution") {
            self.distribution(v, &p.key("distribution"));
        }
        self.pattern(m, "lang", p, |s| lang_tag(s).is_some(), "a language tag");
        self.pattern(
            m,
            "source_lang",
            p,
            |s| lang_tag(s).is_some(),
            "a language tag",
        );
        if let Some(v) = m.get("notes") {
            self.notes(v, &p.key("notes"));
        }
        if let Some(v) = m.get("publisher") {
            let pp = p.key("publisher");
            if let Some(pb) = self.obj(v, &pp) {
                self.required(pb, &["category", "name", "namespace"], &pp);
                self.known(
                    pb,
                    &[
                        "category",
                        "contact_details",
                        "issuing_authority",
                        "name",
                        "namespace",
                    ],
                    &pp,
                );
                self.enumerated(
                    pb,
                    "category",
                    &[
                        "coordinator",
                        "discoverer",
                        "other",
                        "translator",
                        "user",
                        "vendor",
                    ],
                    &pp,
                );
                self.strings(pb, &["contact_details", "issuing_authority", "name"], &pp);
                self.uri(pb, "namespace", &pp);
            }
        }
        if let Some(v) = m.get("references") {
            self.references(v, &p.key("references"));
        }
        self.strings(m, &["title"], p);
        if let Some(v) = m.get("tracking") {
            self.tracking(v, &p.key("tracking"));
        }
    }

    fn distribution(&mut self, v: &Value, p: &Ptr<'_>) {
        let Some(m) = self.obj(v, p) else { return };
        self.min_props(m, 1, p);
        self.known(m, &["text", "tlp"], p);
        self.strings(m, &["text"], p);
        if let Some(v) = m.get("tlp") {
            let pt = p.key("tlp");
            if let Some(t) = self.obj(v, &pt) {
                self.required(t, &["label"], &pt);
                self.known(t, &["label", "url"], &pt);
                self.enumerated(t, "label", &["AMBER", "GREEN", "RED", "WHITE"], &pt);
                self.uri(t, "url", &pt);
            }
        }
    }

    fn tracking(&mut self, v: &Value, p: &Ptr<'_>) {
        let Some(m) = self.obj(v, p) else { return };
        self.required(
            m,
            &[
                "current_release_date",
                "id",
                "initial_release_date",
                "revision_history",
                "status",
                "version",
            ],
            p,
        );
        self.known(
            m,
            &[
                "aliases",
                "current_release_date",
                "generator",
                "id",
                "initial_release_date",
                "revision_history",
                "status",
                "version",
            ],
            p,
        );
        self.string_array(m, "aliases", p, 1, true);
        self.date(m, "current_release_date", p);
        self.date(m, "initial_release_date", p);
        if let Some(v) = m.get("generator") {
            let pg = p.key("generator");
            if let Some(g) = self.obj(v, &pg) {
                self.required(g, &["engine"], &pg);
                self.known(g, &["date", "engine"], &pg);
                self.date(g, "date", &pg);
                if let Some(v) = g.get("engine") {
                    let pe = pg.key("engine");
                    if let Some(e) = self.obj(v, &pe) {
                        self.required(e, &["name"], &pe);
                        self.known(e, &["name", "version"], &pe);
                        self.strings(e, &["name", "version"], &pe);
                    }
                }
            }
        }
        if let Some(v) = m.get("id") {
            let pi = p.key("id");
            if let Some(s) = self.string(v, &pi, 1)
                && !s.is_empty()
                && (s.starts_with(char::is_whitespace)
                    || s.ends_with(char::is_whitespace)
                    || s.contains(['\n', '\r']))
            {
                self.fail(
                    &pi,
                    "tracking id must not start or end with white space".to_string(),
                );
            }
        }
        if let Some(v) = m.get("revision_history") {
            let pr = p.key("revision_history");
            if let Some(items) = self.array(v, &pr, 1) {
                for (i, item) in items.iter().enumerate() {
                    let pi = pr.idx(i);
                    let Some(r) = self.obj(item, &pi) else {
                        continue;
                    };
                    self.required(r, &["date", "number", "summary"], &pi);
                    self.known(r, &["date", "legacy_version", "number", "summary"], &pi);
                    self.date(r, "date", &pi);
                    self.strings(r, &["legacy_version", "summary"], &pi);
                    self.pattern(
                        r,
                        "number",
                        &pi,
                        version_ok,
                        "an integer or semantic version",
                    );
                }
            }
        }
        self.enumerated(m, "status", &["draft", "final", "interim"], p);
        self.pattern(
            m,
            "version",
            p,
            version_ok,
            "an integer or semantic version",
        );
    }

    fn acknowledgments(&mut self, v: &Value, p: &Ptr<'_>) {
        let Some(items) = self.array(v, p, 1) else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let pi = p.idx(i);
            let Some(a) = self.obj(item, &pi) else {
                continue;
            };
            self.min_props(a, 1, &pi);
            self.known(a, &["names", "organization", "summary", "urls"], &pi);
            self.string_array(a, "names", &pi, 1, false);
            self.strings(a, &["organization", "summary"], &pi);
            if let Some(v) = a.get("urls") {
                let pu = pi.key("urls");
                if let Some(urls) = self.array(v, &pu, 1) {
                    for (j, u) in urls.iter().enumerate() {
                        self.uri_value(u, &pu.idx(j));
                    }
                }
            }
        }
    }

    fn notes(&mut self, v: &Value, p: &Ptr<'_>) {
        let Some(items) = self.array(v, p, 1) else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let pi = p.idx(i);
            let Some(n) = self.obj(item, &pi) else {
                continue;
            };
            self.required(n, &["category", "text"], &pi);
            self.known(n, &["audience", "category", "text", "title"], &pi);
            self.strings(n, &["audience", "text", "title"], &pi);
            self.enumerated(
                n,
                "category",
                &[
                    "description",
                    "details",
                    "faq",
                    "general",
                    "legal_disclaimer",
                    "other",
                    "summary",
                ],
                &pi,
            );
        }
    }

    fn references(&mut self, v: &Value, p: &Ptr<'_>) {
        let Some(items) = self.array(v, p, 1) else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let pi = p.idx(i);
            let Some(r) = self.obj(item, &pi) else {
                continue;
            };
            self.required(r, &["summary", "url"], &pi);
            self.known(r, &["category", "summary", "url"], &pi);
            self.enumerated(r, "category", &["external", "self"], &pi);
            self.strings(r, &["summary"], &pi);
            self.uri(r, "url", &pi);
        }
    }

    fn product_tree(&mut self, v: &Value, p: &Ptr<'_>) {
        let Some(m) = self.obj(v, p) else { return };
        self.min_props(m, 1, p);
        self.known(
            m,
            &[
                "branches",
                "full_product_names",
                "product_groups",
                "relationships",
            ],
            p,
        );
        if let Some(v) = m.get("branches") {
            self.branches(v, &p.key("branches"), 0);
        }
        if let Some(v) = m.get("full_product_names") {
            let pf = p.key("full_product_names");
            if let Some(items) = self.array(v, &pf, 1) {
                for (i, item) in items.iter().enumerate() {
                    self.full_product_name(item, &pf.idx(i));
                }
            }
        }
        if let Some(v) = m.get("product_groups") {
            let pg = p.key("product_groups");
            if let Some(items) = self.array(v, &pg, 1) {
                for (i, item) in items.iter().enumerate() {
                    let pi = pg.idx(i);
                    let Some(g) = self.obj(item, &pi) else {
                        continue;
                    };
                    self.required(g, &["group_id", "product_ids"], &pi);
                    self.known(g, &["group_id", "product_ids", "summary"], &pi);
                    self.strings(g, &["group_id", "summary"], &pi);
                    self.string_array(g, "product_ids", &pi, 2, true);
                }
            }
        }
        if let Some(v) = m.get("relationships") {
            let pr = p.key("relationships");
            if let Some(items) = self.array(v, &pr, 1) {
                for (i, item) in items.iter().enumerate() {
                    let pi = pr.idx(i);
                    let Some(r) = self.obj(item, &pi) else {
                        continue;
                    };
                    let keys = [
                        "category",
                        "full_product_name",
                        "product_reference",
                        "relates_to_product_reference",
                    ];
                    self.required(r, &keys, &pi);
                    self.known(r, &keys, &pi);
                    self.enumerated(
                        r,
                        "category",
                        &[
                            "default_component_of",
                            "external_component_of",
                            "installed_on",
                            "installed_with",
                            "optional_component_of",
                        ],
                        &pi,
                    );
                    if let Some(v) = r.get("full_product_name") {
                        self.full_product_name(v, &pi.key("full_product_name"));
                    }
                    self.strings(
                        r,
                        &["product_reference", "relates_to_product_reference"],
                        &pi,
                    );
                }
            }
        }
    }

    fn branches(&mut self, v: &Value, p: &Ptr<'_>, depth: usize) {
        if depth > MAX_DEPTH {
            self.fail(p, "branches are nested too deeply".to_string());
            return;
        }
        let Some(items) = self.array(v, p, 1) else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let pi = p.idx(i);
            let Some(b) = self.obj(item, &pi) else {
                continue;
            };
            self.required(b, &["category", "name"], &pi);
            self.known(b, &["branches", "category", "name", "product"], &pi);
            if b.len() != 3 {
                self.fail(
                    &pi,
                    "a branch has exactly three properties: `category`, `name` and one of `branches` or `product`"
                        .to_string(),
                );
            }
            self.enumerated(
                b,
                "category",
                &[
                    "architecture",
                    "host_name",
                    "language",
                    "legacy",
                    "patch_level",
                    "product_family",
                    "product_name",
                    "product_version",
                    "product_version_range",
                    "service_pack",
                    "specification",
                    "vendor",
                ],
                &pi,
            );
            self.strings(b, &["name"], &pi);
            if let Some(v) = b.get("product") {
                self.full_product_name(v, &pi.key("product"));
            }
            if let Some(v) = b.get("branches") {
                self.branches(v, &pi.key("branches"), depth + 1);
            }
        }
    }

    fn full_product_name(&mut self, v: &Value, p: &Ptr<'_>) {
        let Some(m) = self.obj(v, p) else { return };
        self.required(m, &["name", "product_id"], p);
        self.known(
            m,
            &["name", "product_id", "product_identification_helper"],
            p,
        );
        self.strings(m, &["name", "product_id"], p);
        let Some(v) = m.get("product_identification_helper") else {
            return;
        };
        let p = p.key("product_identification_helper");
        let Some(h) = self.obj(v, &p) else { return };
        self.min_props(h, 1, &p);
        self.known(
            h,
            &[
                "cpe",
                "hashes",
                "model_numbers",
                "purl",
                "sbom_urls",
                "serial_numbers",
                "skus",
                "x_generic_uris",
            ],
            &p,
        );
        self.pattern(
            h,
            "cpe",
            &p,
            is_cpe,
            "a cpe 2.2 uri or cpe 2.3 formatted string",
        );
        if let Some(v) = h.get("hashes") {
            let ph = p.key("hashes");
            if let Some(items) = self.array(v, &ph, 1) {
                for (i, item) in items.iter().enumerate() {
                    let pi = ph.idx(i);
                    let Some(hm) = self.obj(item, &pi) else {
                        continue;
                    };
                    self.required(hm, &["file_hashes", "filename"], &pi);
                    self.known(hm, &["file_hashes", "filename"], &pi);
                    self.strings(hm, &["filename"], &pi);
                    let Some(v) = hm.get("file_hashes") else {
                        continue;
                    };
                    let pf = pi.key("file_hashes");
                    let Some(fhs) = self.array(v, &pf, 1) else {
                        continue;
                    };
                    for (j, fh) in fhs.iter().enumerate() {
                        let pj = pf.idx(j);
                        let Some(f) = self.obj(fh, &pj) else { continue };
                        self.required(f, &["algorithm", "value"], &pj);
                        self.known(f, &["algorithm", "value"], &pj);
                        self.strings(f, &["algorithm"], &pj);
                        self.pattern(
                            f,
                            "value",
                            &pj,
                            hash_ok,
                            "a hex digest of at least 32 digits",
                        );
                    }
                }
            }
        }
        self.string_array(h, "model_numbers", &p, 1, true);
        self.pattern(h, "purl", &p, purl_shape_ok, "a package url");
        if let Some(v) = h.get("sbom_urls") {
            let ps = p.key("sbom_urls");
            if let Some(items) = self.array(v, &ps, 1) {
                for (i, u) in items.iter().enumerate() {
                    self.uri_value(u, &ps.idx(i));
                }
            }
        }
        self.string_array(h, "serial_numbers", &p, 1, true);
        self.string_array(h, "skus", &p, 1, false);
        if let Some(v) = h.get("x_generic_uris") {
            let px = p.key("x_generic_uris");
            if let Some(items) = self.array(v, &px, 1) {
                for (i, item) in items.iter().enumerate() {
                    let pi = px.idx(i);
                    let Some(x) = self.obj(item, &pi) else {
                        continue;
                    };
                    self.required(x, &["namespace", "uri"], &pi);
                    self.known(x, &["namespace", "uri"], &pi);
                    self.uri(x, "namespace", &pi);
                    self.uri(x, "uri", &pi);
                }
            }
        }
    }

    fn vulnerability(&mut self, v: &Value, p: &Ptr<'_>) {
        let Some(m) = self.obj(v, p) else { return };
        self.min_props(m, 1, p);
        self.known(
            m,
            &[
                "acknowledgments",
                "cve",
                "cwe",
                "discovery_date",
                "flags",
                "ids",
                "involvements",
                "notes",
                "product_status",
                "references",
                "release_date",
                "remediations",
                "scores",
                "threats",
                "title",
            ],
            p,
        );
        if let Some(v) = m.get("acknowledgments") {
            self.acknowledgments(v, &p.key("acknowledgments"));
        }
        self.pattern(m, "cve", p, cve_ok, "a cve id");
        if let Some(v) = m.get("cwe") {
            let pc = p.key("cwe");
            if let Some(c) = self.obj(v, &pc) {
                self.required(c, &["id", "name"], &pc);
                self.known(c, &["id", "name"], &pc);
                self.pattern(c, "id", &pc, cwe_ok, "a cwe id");
                self.strings(c, &["name"], &pc);
            }
        }
        self.date(m, "discovery_date", p);
        self.date(m, "release_date", p);
        self.strings(m, &["title"], p);
        if let Some(v) = m.get("flags") {
            let pf = p.key("flags");
            if let Some(items) = self.array(v, &pf, 1) {
                for (i, item) in items.iter().enumerate() {
                    let pi = pf.idx(i);
                    let Some(f) = self.obj(item, &pi) else {
                        continue;
                    };
                    self.required(f, &["label"], &pi);
                    self.known(f, &["date", "group_ids", "label", "product_ids"], &pi);
                    self.date(f, "date", &pi);
                    self.enumerated(
                        f,
                        "label",
                        &[
                            "component_not_present",
                            "inline_mitigations_already_exist",
                            "vulnerable_code_cannot_be_controlled_by_adversary",
                            "vulnerable_code_not_in_execute_path",
                            "vulnerable_code_not_present",
                        ],
                        &pi,
                    );
                    self.string_array(f, "group_ids", &pi, 1, true);
                    self.string_array(f, "product_ids", &pi, 1, true);
                }
                self.unique_values(items, &pf);
            }
        }
        if let Some(v) = m.get("ids") {
            let pid = p.key("ids");
            if let Some(items) = self.array(v, &pid, 1) {
                for (i, item) in items.iter().enumerate() {
                    let pi = pid.idx(i);
                    let Some(x) = self.obj(item, &pi) else {
                        continue;
                    };
                    self.required(x, &["system_name", "text"], &pi);
                    self.known(x, &["system_name", "text"], &pi);
                    self.strings(x, &["system_name", "text"], &pi);
                }
                self.unique_values(items, &pid);
            }
        }
        if let Some(v) = m.get("involvements") {
            let pv = p.key("involvements");
            if let Some(items) = self.array(v, &pv, 1) {
                for (i, item) in items.iter().enumerate() {
                    let pi = pv.idx(i);
                    let Some(x) = self.obj(item, &pi) else {
                        continue;
                    };
                    self.required(x, &["party", "status"], &pi);
                    self.known(x, &["date", "party", "status", "summary"], &pi);
                    self.date(x, "date", &pi);
                    self.enumerated(
                        x,
                        "party",
                        &["coordinator", "discoverer", "other", "user", "vendor"],
                        &pi,
                    );
                    self.enumerated(
                        x,
                        "status",
                        &[
                            "completed",
                            "contact_attempted",
                            "disputed",
                            "in_progress",
                            "not_contacted",
                            "open",
                        ],
                        &pi,
                    );
                    self.strings(x, &["summary"], &pi);
                }
                self.unique_values(items, &pv);
            }
        }
        if let Some(v) = m.get("notes") {
            self.notes(v, &p.key("notes"));
        }
        if let Some(v) = m.get("product_status") {
            let ps = p.key("product_status");
            if let Some(s) = self.obj(v, &ps) {
                self.min_props(s, 1, &ps);
                self.known(s, &crate::ctx::STATUS_KEYS, &ps);
                for k in crate::ctx::STATUS_KEYS {
                    self.string_array(s, k, &ps, 1, true);
                }
            }
        }
        if let Some(v) = m.get("references") {
            self.references(v, &p.key("references"));
        }
        if let Some(v) = m.get("remediations") {
            let pr = p.key("remediations");
            if let Some(items) = self.array(v, &pr, 1) {
                for (i, item) in items.iter().enumerate() {
                    self.remediation(item, &pr.idx(i));
                }
            }
        }
        if let Some(v) = m.get("scores") {
            let ps = p.key("scores");
            if let Some(items) = self.array(v, &ps, 1) {
                for (i, item) in items.iter().enumerate() {
                    let pi = ps.idx(i);
                    let Some(s) = self.obj(item, &pi) else {
                        continue;
                    };
                    self.min_props(s, 2, &pi);
                    self.required(s, &["products"], &pi);
                    self.known(s, &["cvss_v2", "cvss_v3", "products"], &pi);
                    self.string_array(s, "products", &pi, 1, true);
                    for k in ["cvss_v2", "cvss_v3"] {
                        if let Some(c) = s.get(k) {
                            let pc = pi.key(k);
                            if let Some(c) = self.obj(c, &pc) {
                                let props = if k == "cvss_v2" {
                                    crate::cvss::V2_PROPS
                                } else {
                                    crate::cvss::V3_PROPS
                                };
                                let names: Vec<&str> = props.iter().map(|m| m.prop).collect();
                                let mut all = vec![
                                    "version",
                                    "vectorString",
                                    "baseScore",
                                    "temporalScore",
                                    "environmentalScore",
                                ];
                                if k == "cvss_v3" {
                                    all.extend([
                                        "baseSeverity",
                                        "temporalSeverity",
                                        "environmentalSeverity",
                                    ]);
                                }
                                all.extend(names);
                                self.known(c, &all, &pc);
                            }
                        }
                    }
                }
            }
        }
        if let Some(v) = m.get("threats") {
            let pt = p.key("threats");
            if let Some(items) = self.array(v, &pt, 1) {
                for (i, item) in items.iter().enumerate() {
                    let pi = pt.idx(i);
                    let Some(t) = self.obj(item, &pi) else {
                        continue;
                    };
                    self.required(t, &["category", "details"], &pi);
                    self.known(
                        t,
                        &["category", "date", "details", "group_ids", "product_ids"],
                        &pi,
                    );
                    self.enumerated(
                        t,
                        "category",
                        &["exploit_status", "impact", "target_set"],
                        &pi,
                    );
                    self.date(t, "date", &pi);
                    self.strings(t, &["details"], &pi);
                    self.string_array(t, "group_ids", &pi, 1, true);
                    self.string_array(t, "product_ids", &pi, 1, true);
                }
            }
        }
    }

    fn remediation(&mut self, v: &Value, p: &Ptr<'_>) {
        let Some(r) = self.obj(v, p) else { return };
        self.required(r, &["category", "details"], p);
        self.known(
            r,
            &[
                "category",
                "date",
                "details",
                "entitlements",
                "group_ids",
                "product_ids",
                "restart_required",
                "url",
            ],
            p,
        );
        self.enumerated(
            r,
            "category",
            &[
                "mitigation",
                "no_fix_planned",
                "none_available",
                "vendor_fix",
                "workaround",
            ],
            p,
        );
        self.date(r, "date", p);
        self.strings(r, &["details"], p);
        self.string_array(r, "entitlements", p, 1, false);
        self.string_array(r, "group_ids", p, 1, true);
        self.string_array(r, "product_ids", p, 1, true);
        self.uri(r, "url", p);
        if let Some(v) = r.get("restart_required") {
            let pr = p.key("restart_required");
            if let Some(rr) = self.obj(v, &pr) {
                self.required(rr, &["category"], &pr);
                self.known(rr, &["category", "details"], &pr);
                self.strings(rr, &["details"], &pr);
                self.enumerated(
                    rr,
                    "category",
                    &[
                        "connected",
                        "dependencies",
                        "machine",
                        "none",
                        "parent",
                        "service",
                        "system",
                        "vulnerable_component",
                        "zone",
                    ],
                    &pr,
                );
            }
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value rendered with object keys sorted, so equal JSON values compare equal.
fn canonical(v: &Value) -> String {
    fn go(v: &Value, out: &mut String, depth: usize) {
        match v {
            Value::Object(m) if depth < MAX_DEPTH => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                out.push('{');
                for k in keys {
                    out.push_str(&Value::String(k.clone()).to_string());
                    out.push(':');
                    go(&m[k.as_str()], out, depth + 1);
                    out.push(',');
                }
                out.push('}');
            }
            Value::Array(a) if depth < MAX_DEPTH => {
                out.push('[');
                for x in a {
                    go(x, out, depth + 1);
                    out.push(',');
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut s = String::new();
    go(v, &mut s, 0);
    s
}

/// Not empty, and neither starting nor ending with white space, `-`, `_` or `.`.
fn category_ok(s: &str) -> bool {
    let bad = |c: char| c.is_whitespace() || matches!(c, '-' | '_' | '.');
    match (s.chars().next(), s.chars().last()) {
        (Some(f), Some(l)) => !bad(f) && !bad(l) && !s.contains(['\n', '\r']),
        _ => false,
    }
}

fn version_ok(s: &str) -> bool {
    DocVersion::parse(s).is_some()
}

fn hash_ok(s: &str) -> bool {
    s.len() >= 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `^CVE-[0-9]{4}-[0-9]{4,}$`.
pub(crate) fn cve_ok(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("CVE-") else {
        return false;
    };
    let Some((year, num)) = rest.split_once('-') else {
        return false;
    };
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && num.len() >= 4
        && num.bytes().all(|b| b.is_ascii_digit())
}

/// `^CWE-[1-9]\d{0,5}$`.
fn cwe_ok(s: &str) -> bool {
    s.strip_prefix("CWE-").is_some_and(|n| {
        (1..=6).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0')
    })
}

/// The schema's purl pattern and `uri` format: `pkg:` type `/` something, a URI.
fn purl_shape_ok(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("pkg:") else {
        return false;
    };
    let Some((ty, tail)) = rest.split_once('/') else {
        return false;
    };
    let mut tb = ty.bytes();
    s.len() >= 7
        && tb
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'.' | b'-' | b'+'))
        && tb.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+'))
        && !tail.is_empty()
        && is_uri(s)
}
