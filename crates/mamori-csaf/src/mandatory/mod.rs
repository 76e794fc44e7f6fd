//! Mandatory tests (section 6.1): a failure makes the document invalid.

pub(crate) mod identifiers;
pub(crate) mod products;
pub(crate) mod profiles;
pub(crate) mod revision;
pub(crate) mod scores;
pub(crate) mod status;

use crate::ctx::{Ctx, STATUS_KEYS, arr, strs};
use crate::pointer::Ptr;

/// Calls `f` for every reference to a product id outside Full Product Name definitions.
pub(crate) fn product_refs<'a>(ctx: &Ctx<'a>, mut f: impl FnMut(&'a str, &Ptr<'_>)) {
    let root = Ptr::ROOT;
    if let Some(pt) = ctx.product_tree {
        let ppt = root.key("product_tree");
        let pg = ppt.key("product_groups");
        for (i, g) in arr(pt.get("product_groups")).iter().enumerate() {
            let pi = pg.idx(i);
            let pids = pi.key("product_ids");
            for (j, id) in strs(g.get("product_ids")) {
                f(id, &pids.idx(j));
            }
        }
        let pr = ppt.key("relationships");
        for (i, r) in arr(pt.get("relationships")).iter().enumerate() {
            let pi = pr.idx(i);
            for k in ["product_reference", "relates_to_product_reference"] {
                if let Some(id) = r.get(k).and_then(serde_json::Value::as_str) {
                    f(id, &pi.key(k));
                }
            }
        }
    }
    let pv = root.key("vulnerabilities");
    for (i, v) in ctx.vulnerabilities.iter().enumerate() {
        let pi = pv.idx(i);
        if let Some(ps) = v.get("product_status") {
            let pps = pi.key("product_status");
            for k in STATUS_KEYS {
                let pk = pps.key(k);
                for (j, id) in strs(ps.get(k)) {
                    f(id, &pk.idx(j));
                }
            }
        }
        for (list, key) in [
            ("remediations", "product_ids"),
            ("scores", "products"),
            ("threats", "product_ids"),
            ("flags", "product_ids"),
        ] {
            let pl = pi.key(list);
            for (j, item) in arr(v.get(list)).iter().enumerate() {
                let pj = pl.idx(j);
                let pk = pj.key(key);
                for (n, id) in strs(item.get(key)) {
                    f(id, &pk.idx(n));
                }
            }
        }
    }
}
