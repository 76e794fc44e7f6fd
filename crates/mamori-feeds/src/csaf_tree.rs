//! CSAF product tree flattening: every `full_product_name` with the branch path above it.
//!
//! Matching needs, per product id, the vendor / product / version (or version
//! range) the tree spells out in its branches, the CPE and purl helpers, and
//! for relationship products ("X installed on Y") the component they stand
//! for. The tree is walked once; nesting depth is bounded by the JSON parser's
//! recursion limit, so the walk cannot overflow the stack.

use std::collections::HashMap;

use serde::Deserialize;

use crate::Location;

/// One product of a CSAF product tree, flattened.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CsafTreeProduct {
    /// `product_id`.
    pub product_id: String,
    /// The full product name (`name` of its `full_product_name`).
    pub name: String,
    /// Innermost `vendor` branch name above it.
    pub vendor: Option<String>,
    /// Innermost `product_family` branch name above it.
    pub product_family: Option<String>,
    /// Innermost `product_name` branch name above it.
    pub product: Option<String>,
    /// Innermost `product_version` branch name above it.
    pub version: Option<String>,
    /// Innermost `product_version_range` branch name above it (`vers:` or legacy text such as `<=06.08.00.00`).
    pub version_range: Option<String>,
    /// The whole branch path, outermost first: (`category`, `name`).
    pub branches: Vec<(String, String)>,
    /// `product_identification_helper.cpe`.
    pub cpe: Option<String>,
    /// `product_identification_helper.purl` and `purls`.
    pub purls: Vec<String>,
    /// `product_identification_helper.model_numbers`.
    pub model_numbers: Vec<String>,
    /// For a relationship product: how it is made of two others.
    pub relationship: Option<CsafRelationship>,
}

/// A `relationships[]` entry: `product_reference` is `category` `relates_to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsafRelationship {
    /// `category` (`installed_on`, `default_component_of`, `installed_with`, `optional_component_of`, `external_component_of`).
    pub category: String,
    /// `product_reference`: the component.
    pub product_reference: String,
    /// `relates_to_product_reference`: the platform or product it belongs to.
    pub relates_to: String,
}

#[derive(Deserialize, Default)]
pub(crate) struct ProductTreeDto {
    #[serde(default)]
    branches: Vec<BranchDto>,
    #[serde(default)]
    full_product_names: Vec<FullNameDto>,
    #[serde(default)]
    relationships: Vec<RelationshipDto>,
    #[serde(default)]
    product_groups: Vec<GroupDto>,
}

#[derive(Deserialize)]
struct BranchDto {
    category: String,
    name: String,
    #[serde(default)]
    branches: Vec<BranchDto>,
    #[serde(default)]
    product: Option<FullNameDto>,
}

#[derive(Deserialize)]
struct FullNameDto {
    name: String,
    product_id: String,
    #[serde(default)]
    product_identification_helper: Option<HelperDto>,
}

#[derive(Deserialize)]
struct HelperDto {
    #[serde(default)]
    cpe: Option<String>,
    #[serde(default)]
    purl: Option<String>,
    #[serde(default)]
    purls: Vec<String>,
    #[serde(default)]
    model_numbers: Vec<String>,
}

#[derive(Deserialize)]
struct RelationshipDto {
    category: String,
    product_reference: String,
    relates_to_product_reference: String,
    full_product_name: FullNameDto,
}

#[derive(Deserialize)]
struct GroupDto {
    group_id: String,
    product_ids: Vec<String>,
}

/// The flattened tree with lookups by id.
pub(crate) struct Tree {
    pub products: Vec<CsafTreeProduct>,
    pub groups: Vec<(String, Vec<String>)>,
    index: HashMap<String, usize>,
    group_index: HashMap<String, usize>,
}

impl Tree {
    /// Flattens the tree; a relationship or group naming an undefined product is an error at its pointer.
    pub fn build(dto: ProductTreeDto) -> Result<Tree, (Location, String)> {
        let mut tree = Tree {
            products: Vec::new(),
            groups: Vec::new(),
            index: HashMap::new(),
            group_index: HashMap::new(),
        };
        let mut path = Vec::new();
        for b in dto.branches {
            tree.walk(b, &mut path);
        }
        for f in dto.full_product_names {
            tree.add(leaf(f, &[]));
        }
        for (i, r) in dto.relationships.into_iter().enumerate() {
            let at =
                |field: &str| Location::Pointer(format!("/product_tree/relationships/{i}/{field}"));
            let component = tree
                .product(&r.product_reference)
                .ok_or_else(|| {
                    (
                        at("product_reference"),
                        format!("unknown product id {:?}", r.product_reference),
                    )
                })?
                .clone();
            if tree.product(&r.relates_to_product_reference).is_none() {
                return Err((
                    at("relates_to_product_reference"),
                    format!("unknown product id {:?}", r.relates_to_product_reference),
                ));
            }
            let own = leaf(r.full_product_name, &[]);
            // The relationship product stands for its component on that platform: match on the component's identity.
            let mut p = CsafTreeProduct {
                product_id: own.product_id,
                name: own.name,
                relationship: Some(CsafRelationship {
                    category: r.category,
                    product_reference: r.product_reference,
                    relates_to: r.relates_to_product_reference,
                }),
                ..component
            };
            if own.cpe.is_some() {
                p.cpe = own.cpe;
            }
            if !own.purls.is_empty() {
                p.purls = own.purls;
            }
            if !own.model_numbers.is_empty() {
                p.model_numbers = own.model_numbers;
            }
            tree.add(p);
        }
        for (i, g) in dto.product_groups.into_iter().enumerate() {
            for (j, pid) in g.product_ids.iter().enumerate() {
                if tree.product(pid).is_none() {
                    return Err((
                        Location::Pointer(format!(
                            "/product_tree/product_groups/{i}/product_ids/{j}"
                        )),
                        format!("unknown product id {pid:?}"),
                    ));
                }
            }
            tree.group_index
                .entry(g.group_id.clone())
                .or_insert(tree.groups.len());
            tree.groups.push((g.group_id, g.product_ids));
        }
        Ok(tree)
    }

    fn walk(&mut self, b: BranchDto, path: &mut Vec<(String, String)>) {
        path.push((b.category, b.name));
        if let Some(p) = b.product {
            self.add(leaf(p, path));
        }
        for child in b.branches {
            self.walk(child, path);
        }
        path.pop();
    }

    /// Adds a product; a repeated id keeps its first definition (the spec forbids repeats).
    fn add(&mut self, p: CsafTreeProduct) {
        if !self.index.contains_key(&p.product_id) {
            self.index.insert(p.product_id.clone(), self.products.len());
        }
        self.products.push(p);
    }

    /// The product with this id.
    pub fn product(&self, id: &str) -> Option<&CsafTreeProduct> {
        self.index.get(id).and_then(|&i| self.products.get(i))
    }

    /// The members of this group.
    pub fn group(&self, id: &str) -> Option<&[String]> {
        self.group_index
            .get(id)
            .and_then(|&i| self.groups.get(i))
            .map(|(_, m)| m.as_slice())
    }
}

fn leaf(f: FullNameDto, path: &[(String, String)]) -> CsafTreeProduct {
    let innermost = |cat: &str| {
        path.iter()
            .rev()
            .find(|(c, _)| c == cat)
            .map(|(_, n)| n.clone())
    };
    let helper = f.product_identification_helper;
    let (cpe, purls, model_numbers) = match helper {
        Some(h) => {
            let mut purls = Vec::with_capacity(h.purls.len() + 1);
            purls.extend(h.purl);
            for p in h.purls {
                if !purls.contains(&p) {
                    purls.push(p);
                }
            }
            (h.cpe, purls, h.model_numbers)
        }
        None => (None, Vec::new(), Vec::new()),
    };
    CsafTreeProduct {
        product_id: f.product_id,
        name: f.name,
        vendor: innermost("vendor"),
        product_family: innermost("product_family"),
        product: innermost("product_name"),
        version: innermost("product_version"),
        version_range: innermost("product_version_range"),
        branches: path.to_vec(),
        cpe,
        purls,
        model_numbers,
        relationship: None,
    }
}
