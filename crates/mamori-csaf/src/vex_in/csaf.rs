//! The CSAF 2.0 reader: every product id in a vulnerability's `product_status` gives one claim, with
//! the VEX flag, `impact` threat and remediations that name the product (directly or through a
//! product group). Product ids resolve through the product tree: branches (the nearest
//! `product_name` and `product_version` branches give name and version), full product names and
//! relationships (a "component as part of product" id is the component, inside the product), with
//! the purl and CPE of each `product_identification_helper`.

use std::collections::HashMap;

use mamori_judge::analysis::{
    Analysis, CsafProductVex, CsafRemediation, RemediationCategory, VexJustification, VexStatus,
};
use serde_json::{Map, Value};

use super::{
    ClaimProduct, MAX_DEPTH, VexClaim, VexDocument, VexFormat, VexReadError, at, at_i, invalid,
    join_texts, lang_of, obj, opt_arr, opt_str, opt_time, opt_version, push_alias, req_str,
};

/// `product_status` buckets and the status each stands for (`recommended` says nothing of impact).
const BUCKETS: [(&str, VexStatus); 7] = [
    ("known_not_affected", VexStatus::NotAffected),
    ("known_affected", VexStatus::Affected),
    ("first_affected", VexStatus::Affected),
    ("last_affected", VexStatus::Affected),
    ("fixed", VexStatus::Fixed),
    ("first_fixed", VexStatus::Fixed),
    ("under_investigation", VexStatus::UnderInvestigation),
];

pub(super) fn read(doc: &Value) -> Result<VexDocument, VexReadError> {
    let root = obj(doc, "")?;
    let d = obj(root.get("document").unwrap_or(&Value::Null), "/document")?;
    let lang = lang_of(opt_str(d, "lang", "/document")?);
    let author = match d.get("publisher") {
        Some(p) => opt_str(
            obj(p, "/document/publisher")?,
            "name",
            "/document/publisher",
        )?
        .map(str::to_owned),
        None => None,
    };
    let (id, version, timestamp) = match d.get("tracking") {
        Some(t) => {
            let tp = "/document/tracking";
            let t = obj(t, tp)?;
            (
                opt_str(t, "id", tp)?.map(str::to_owned),
                opt_version(t, "version", tp)?,
                opt_time(t, "current_release_date", tp)?,
            )
        }
        None => (None, None, None),
    };
    let tree = match root.get("product_tree").filter(|v| !v.is_null()) {
        Some(t) => Tree::read(obj(t, "/product_tree")?)?,
        None => Tree::default(),
    };

    let mut statements = Vec::new();
    for (i, v) in opt_arr(root, "vulnerabilities", "")?.iter().enumerate() {
        let vp = at_i("/vulnerabilities", i);
        vulnerability(obj(v, &vp)?, &vp, &tree, lang, &mut statements)?;
    }
    Ok(VexDocument {
        format: VexFormat::Csaf,
        id,
        version,
        author,
        timestamp,
        statements,
    })
}

#[derive(Default)]
struct Tree {
    products: HashMap<String, ClaimProduct>,
    groups: HashMap<String, Vec<String>>,
}

/// A branch still to visit: (branch, pointer, product name so far, version so far, depth).
type Pending<'a> = (&'a Value, String, Option<String>, Option<String>, usize);

impl Tree {
    fn read(t: &Map<String, Value>) -> Result<Self, VexReadError> {
        let mut tree = Tree::default();
        let mut stack: Vec<Pending<'_>> = Vec::new();
        for (i, b) in opt_arr(t, "branches", "/product_tree")?.iter().enumerate() {
            stack.push((b, at_i("/product_tree/branches", i), None, None, 0));
        }
        while let Some((b, p, name, version, depth)) = stack.pop() {
            if depth > MAX_DEPTH {
                return Err(invalid(p, "branches are nested too deeply"));
            }
            let m = obj(b, &p)?;
            let bname = opt_str(m, "name", &p)?.map(str::to_owned);
            let (name, version) = match opt_str(m, "category", &p)? {
                Some("product_name") => (bname.clone(), version),
                Some("product_version") => (name, bname.clone()),
                _ => (name, version),
            };
            if let Some(fp) = m.get("product").filter(|v| !v.is_null()) {
                let pp = at(&p, "product");
                let mut cp = full_product_name(obj(fp, &pp)?, &pp)?;
                cp.name = name.clone().or(cp.name);
                cp.version = version.clone();
                tree.products.entry(cp.reference.clone()).or_insert(cp);
            }
            for (i, sub) in opt_arr(m, "branches", &p)?.iter().enumerate() {
                stack.push((
                    sub,
                    at_i(&at(&p, "branches"), i),
                    name.clone(),
                    version.clone(),
                    depth + 1,
                ));
            }
        }
        for (i, f) in opt_arr(t, "full_product_names", "/product_tree")?
            .iter()
            .enumerate()
        {
            let fp = at_i("/product_tree/full_product_names", i);
            let cp = full_product_name(obj(f, &fp)?, &fp)?;
            tree.products.entry(cp.reference.clone()).or_insert(cp);
        }
        let rels = opt_arr(t, "relationships", "/product_tree")?;
        // A relationship may build on another's id; two passes cover one level of that.
        for _ in 0..2 {
            for (i, r) in rels.iter().enumerate() {
                let rp = at_i("/product_tree/relationships", i);
                let rm = obj(r, &rp)?;
                let fp = at(&rp, "full_product_name");
                let f = obj(rm.get("full_product_name").unwrap_or(&Value::Null), &fp)?;
                let own = full_product_name(f, &fp)?;
                if tree.products.contains_key(&own.reference) {
                    continue;
                }
                let part = req_str(rm, "product_reference", &rp)?;
                let whole = req_str(rm, "relates_to_product_reference", &rp)?;
                let Some(component) = tree.products.get(part) else {
                    continue;
                };
                let within = tree
                    .products
                    .get(whole)
                    .map(label)
                    .unwrap_or_else(|| whole.to_string());
                let mut cp = component.clone();
                cp.reference = own.reference.clone();
                cp.within = Some(within);
                tree.products.insert(own.reference, cp);
            }
        }
        for (i, g) in opt_arr(t, "product_groups", "/product_tree")?
            .iter()
            .enumerate()
        {
            let gp = at_i("/product_tree/product_groups", i);
            let gm = obj(g, &gp)?;
            let ids = strings(gm, "product_ids", &gp)?;
            tree.groups
                .insert(req_str(gm, "group_id", &gp)?.to_string(), ids);
        }
        Ok(tree)
    }

    fn product(&self, id: &str) -> ClaimProduct {
        self.products
            .get(id)
            .cloned()
            .unwrap_or_else(|| ClaimProduct {
                reference: id.to_string(),
                ..ClaimProduct::default()
            })
    }

    /// Whether an entry with `product_ids` / `group_ids` names `id`.
    fn names(&self, m: &Map<String, Value>, id: &str, p: &str) -> Result<bool, VexReadError> {
        if strings(m, "product_ids", p)?.iter().any(|x| x == id) {
            return Ok(true);
        }
        Ok(strings(m, "group_ids", p)?.iter().any(|g| {
            self.groups
                .get(g)
                .is_some_and(|ids| ids.iter().any(|x| x == id))
        }))
    }
}

/// How a product is named to a person: name and version, else the CSAF name, else the id.
fn label(p: &ClaimProduct) -> String {
    match (&p.name, &p.version) {
        (Some(n), Some(v)) => format!("{n} {v}"),
        (Some(n), None) => n.clone(),
        _ => p.reference.clone(),
    }
}

fn full_product_name(m: &Map<String, Value>, p: &str) -> Result<ClaimProduct, VexReadError> {
    let mut cp = ClaimProduct {
        reference: req_str(m, "product_id", p)?.to_string(),
        name: opt_str(m, "name", p)?.map(str::to_owned),
        ..ClaimProduct::default()
    };
    if let Some(h) = m
        .get("product_identification_helper")
        .filter(|v| !v.is_null())
    {
        let hp = at(p, "product_identification_helper");
        let h = obj(h, &hp)?;
        cp.cpe = opt_str(h, "cpe", &hp)?.map(str::to_owned);
        cp.purl = opt_str(h, "purl", &hp)?.map(str::to_owned);
        // CSAF 2.1 lists purls; the first is the product's own.
        if cp.purl.is_none() {
            cp.purl = strings(h, "purls", &hp)?.into_iter().next();
        }
    }
    Ok(cp)
}

/// A member that is a list of strings (absent is empty).
fn strings(m: &Map<String, Value>, key: &str, p: &str) -> Result<Vec<String>, VexReadError> {
    let kp = at(p, key);
    opt_arr(m, key, p)?
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| invalid(at_i(&kp, i), "expected a string"))
        })
        .collect()
}

fn vulnerability(
    v: &Map<String, Value>,
    vp: &str,
    tree: &Tree,
    lang: mamori_judge::analysis::Lang,
    out: &mut Vec<VexClaim>,
) -> Result<(), VexReadError> {
    let cve = opt_str(v, "cve", vp)?
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let mut other = Vec::new();
    for (i, x) in opt_arr(v, "ids", vp)?.iter().enumerate() {
        let ip = at_i(&at(vp, "ids"), i);
        other.push(req_str(obj(x, &ip)?, "text", &ip)?.to_string());
    }
    let Some(id) = cve.map(str::to_owned).or_else(|| other.first().cloned()) else {
        // Without any id there is nothing a finding could be matched by.
        return Ok(());
    };
    let mut aliases = Vec::new();
    for x in &other {
        push_alias(&id, &mut aliases, x);
    }
    let Some(ps) = v.get("product_status").filter(|x| !x.is_null()) else {
        return Ok(());
    };
    let psp = at(vp, "product_status");
    let ps = obj(ps, &psp)?;
    let flags = opt_arr(v, "flags", vp)?;
    let threats = opt_arr(v, "threats", vp)?;
    let remediations = opt_arr(v, "remediations", vp)?;
    for (bucket, status) in BUCKETS {
        let bp = at(&psp, bucket);
        for (j, pid) in strings(ps, bucket, &psp)?.iter().enumerate() {
            let mut flag = None;
            for (k, f) in flags.iter().enumerate() {
                let fp = at_i(&at(vp, "flags"), k);
                let fm = obj(f, &fp)?;
                if flag.is_none() && tree.names(fm, pid, &fp)? {
                    let l = req_str(fm, "label", &fp)?;
                    flag = Some(VexJustification::parse(l).ok_or_else(|| {
                        invalid(at(&fp, "label"), format!("unknown csaf flag label `{l}`"))
                    })?);
                }
            }
            let mut impact: Vec<&str> = Vec::new();
            for (k, t) in threats.iter().enumerate() {
                let tp = at_i(&at(vp, "threats"), k);
                let tm = obj(t, &tp)?;
                if opt_str(tm, "category", &tp)? == Some("impact") && tree.names(tm, pid, &tp)? {
                    impact.push(req_str(tm, "details", &tp)?);
                }
            }
            let mut rems = Vec::new();
            for (k, r) in remediations.iter().enumerate() {
                let rp = at_i(&at(vp, "remediations"), k);
                let rm = obj(r, &rp)?;
                if !tree.names(rm, pid, &rp)? {
                    continue;
                }
                let c = req_str(rm, "category", &rp)?;
                let Some(category) = RemediationCategory::parse(c) else {
                    return Err(invalid(
                        at(&rp, "category"),
                        format!("unknown csaf remediation category `{c}`"),
                    ));
                };
                rems.push(CsafRemediation {
                    category,
                    details: req_str(rm, "details", &rp)?.to_string(),
                });
            }
            let impact_text = join_texts(impact.iter().copied());
            let detail = join_texts(
                impact
                    .iter()
                    .copied()
                    .chain(rems.iter().map(|r| r.details.as_str())),
            );
            let pv = CsafProductVex {
                status,
                flag,
                impact: impact_text,
                remediations: rems,
            };
            out.push(VexClaim {
                vulnerability: id.clone(),
                aliases: aliases.clone(),
                product: tree.product(pid),
                analysis: Analysis::from_csaf(&pv, lang),
                detail,
                pointer: at_i(&bp, j),
            });
        }
    }
    Ok(())
}
