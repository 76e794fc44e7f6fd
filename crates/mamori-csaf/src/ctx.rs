//! The document indexed once: product definitions, groups, full product names, branches and
//! vulnerabilities with their pointers, so that every test looks things up instead of re-walking.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::pointer::{Seg, join};

/// Where a Full Product Name object sits.
pub(crate) struct FullProduct<'a> {
    pub(crate) obj: &'a Map<String, Value>,
    /// Pointer of the `full_product_name_t` object itself.
    pub(crate) ptr: String,
}

/// One branch node with the categories of its ancestors (root first, itself last).
pub(crate) struct Branch<'a> {
    pub(crate) obj: &'a Map<String, Value>,
    pub(crate) ptr: String,
    pub(crate) path: Vec<&'a str>,
}

pub(crate) struct Ctx<'a> {
    pub(crate) doc: &'a Value,
    pub(crate) document: Option<&'a Map<String, Value>>,
    pub(crate) category: &'a str,
    pub(crate) product_tree: Option<&'a Map<String, Value>>,
    pub(crate) full_products: Vec<FullProduct<'a>>,
    /// Product id -> index of its first definition in `full_products`.
    pub(crate) product_ids: HashMap<&'a str, usize>,
    /// Group id -> its member product ids (first definition wins).
    pub(crate) groups: HashMap<&'a str, Vec<&'a str>>,
    pub(crate) branches: Vec<Branch<'a>>,
    pub(crate) vulnerabilities: Vec<&'a Map<String, Value>>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(doc: &'a Value) -> Self {
        let document = doc.get("document").and_then(Value::as_object);
        let category = document
            .and_then(|d| d.get("category"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let product_tree = doc.get("product_tree").and_then(Value::as_object);
        let mut ctx = Ctx {
            doc,
            document,
            category,
            product_tree,
            full_products: Vec::new(),
            product_ids: HashMap::new(),
            groups: HashMap::new(),
            branches: Vec::new(),
            vulnerabilities: arr(doc.get("vulnerabilities"))
                .iter()
                .filter_map(Value::as_object)
                .collect(),
        };
        if let Some(pt) = product_tree {
            ctx.index_tree(pt);
        }
        ctx
    }

    fn index_tree(&mut self, pt: &'a Map<String, Value>) {
        // Branches: explicit stack, children pushed in reverse so the visit order is document order.
        let mut stack: Vec<(&'a Value, String, Vec<&'a str>)> = Vec::new();
        for (i, b) in arr(pt.get("branches")).iter().enumerate().rev() {
            stack.push((b, format!("/product_tree/branches/{i}"), Vec::new()));
        }
        while let Some((b, ptr, mut path)) = stack.pop() {
            let Some(obj) = b.as_object() else { continue };
            path.push(str_of(obj.get("category")));
            if let Some(p) = obj.get("product").and_then(Value::as_object) {
                self.add_product(p, join(&ptr, &[Seg::Key("product")]));
            }
            for (i, c) in arr(obj.get("branches")).iter().enumerate().rev() {
                stack.push((
                    c,
                    join(&ptr, &[Seg::Key("branches"), Seg::Idx(i)]),
                    path.clone(),
                ));
            }
            self.branches.push(Branch { obj, ptr, path });
        }
        for (i, p) in arr(pt.get("full_product_names")).iter().enumerate() {
            if let Some(p) = p.as_object() {
                self.add_product(p, format!("/product_tree/full_product_names/{i}"));
            }
        }
        for (i, r) in arr(pt.get("relationships")).iter().enumerate() {
            if let Some(p) = r.get("full_product_name").and_then(Value::as_object) {
                self.add_product(
                    p,
                    format!("/product_tree/relationships/{i}/full_product_name"),
                );
            }
        }
        for g in arr(pt.get("product_groups")) {
            if let Some(id) = g.get("group_id").and_then(Value::as_str) {
                let members = strs(g.get("product_ids")).map(|(_, s)| s).collect();
                self.groups.entry(id).or_insert(members);
            }
        }
    }

    fn add_product(&mut self, obj: &'a Map<String, Value>, ptr: String) {
        let idx = self.full_products.len();
        if let Some(id) = obj.get("product_id").and_then(Value::as_str) {
            self.product_ids.entry(id).or_insert(idx);
        }
        self.full_products.push(FullProduct { obj, ptr });
    }

    /// A field of `/document`.
    pub(crate) fn doc_field(&self, key: &str) -> Option<&'a Value> {
        self.document.and_then(|d| d.get(key))
    }

    /// A field of `/document/tracking`.
    pub(crate) fn tracking(&self, key: &str) -> Option<&'a Value> {
        self.doc_field("tracking").and_then(|t| t.get(key))
    }

    /// Product ids covered by an item carrying `product_ids` and/or `group_ids` (groups expanded).
    pub(crate) fn covered(&self, item: &'a Value, products_key: &str) -> Vec<&'a str> {
        let mut out: Vec<&'a str> = strs(item.get(products_key)).map(|(_, s)| s).collect();
        for (_, g) in strs(item.get("group_ids")) {
            if let Some(members) = self.groups.get(g) {
                out.extend(members.iter().copied());
            }
        }
        out
    }
}

/// The array at `v`, or an empty slice when it is absent or not an array.
pub(crate) fn arr(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// The string items of the array at `v`, with their indexes.
pub(crate) fn strs(v: Option<&Value>) -> impl Iterator<Item = (usize, &str)> {
    arr(v)
        .iter()
        .enumerate()
        .filter_map(|(i, x)| x.as_str().map(|s| (i, s)))
}

/// The string at `v`, or `""`.
pub(crate) fn str_of(v: Option<&Value>) -> &str {
    v.and_then(Value::as_str).unwrap_or("")
}

/// The product status keys, in schema order.
pub(crate) const STATUS_KEYS: [&str; 8] = [
    "first_affected",
    "first_fixed",
    "fixed",
    "known_affected",
    "known_not_affected",
    "last_affected",
    "recommended",
    "under_investigation",
];
