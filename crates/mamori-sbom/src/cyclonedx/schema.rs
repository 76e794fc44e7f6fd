//! A small, table-driven validator for the CycloneDX JSON schemas: the rule types and the
//! walk that checks a parsed document against them, collecting every violation with its
//! JSON pointer.
//!
//! The rules themselves are data in `schema_table.rs` (one table for 1.2–1.7, each
//! property tagged with the versions that allow it) and, for JSF signatures, below. Only
//! what the schemas say is checked here; digest lengths per algorithm and other rules
//! that need more than one value are checked by the reader.

use super::schema_table::ROOTS;
use super::vocab::{SpecVersion, Vocab};
use crate::jsontree::Value;
use crate::{Diagnostic, MAX_STRING_BYTES};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};

/// A set of spec versions, one bit per version from 1.2 (bit 0) to 1.7 (bit 5).
pub(super) type Mask = u8;
pub(super) const V1_2: Mask = 1;
pub(super) const V1_3: Mask = 2;
pub(super) const V1_4: Mask = 4;
pub(super) const V1_5: Mask = 8;
pub(super) const V1_6: Mask = 16;
pub(super) const V1_7: Mask = 32;
pub(super) const ALL: Mask = 63;

/// What a JSON value must be.
pub(super) enum Ty {
    /// Anything.
    Any,
    /// `true` or `false`.
    Bool,
    /// A string with constraints.
    Str(&'static Str),
    /// A number with constraints.
    Num(&'static Num),
    /// One of these strings, whatever the version.
    Lit(&'static [&'static str]),
    /// One of the strings a vocabulary allows in the document's version.
    Vocab(&'static Vocab),
    /// An SPDX license or exception id.
    LicenseId,
    /// A JSF 0.82 signature.
    Signature,
    /// An array.
    Arr(&'static Arr),
    /// An object.
    Obj(&'static Obj),
    /// Every one of these.
    AllOf(&'static [Ty]),
    /// Exactly one of these.
    OneOf(&'static [Ty]),
    /// A rule the schema states with `not` or `if`/`then` over several properties.
    Rule(Rule),
    /// At least one of these.
    AnyOf(&'static [Ty]),
}

/// Rules that tie properties of one object together.
#[derive(Clone, Copy)]
pub(super) enum Rule {
    /// 1.7 component: `version` and `versionRange` exclude each other, and only an
    /// external component (`isExternal: true`) may have a `versionRange`.
    ExternalVersionRange,
}

/// String rules.
pub(super) struct Str {
    pub fmt: Fmt,
    pub pat: Pat,
    /// Fewest characters.
    pub min: usize,
    /// Most characters.
    pub max: usize,
}

/// The schema `format`s CycloneDX uses.
#[derive(Clone, Copy)]
pub(super) enum Fmt {
    Any,
    DateTime,
    /// RFC 3339 `full-date`.
    Date,
    IriRef,
    Email,
    Uri,
}

/// The schema `pattern`s CycloneDX uses, each checked by hand.
#[derive(Clone, Copy)]
pub(super) enum Pat {
    None,
    /// `^(.*)$`: no line break (a single trailing one is tolerated, as the regex does).
    OneLine,
    /// `urn:uuid:` and a lower-case UUID.
    UrnUuid,
    /// `type/subtype` of lower-case letters, digits, `-+.`.
    MimeType,
    /// 32, 40, 64, 96 or 128 hex digits.
    HashContent,
    /// `en` or `en-US`.
    Locale,
    /// `urn:cdx:UUID/VERSION`.
    BomLinkDocument,
    /// `urn:cdx:UUID/VERSION#REF`.
    BomLinkElement,
    /// `CRE:123-456`.
    Cre,
    /// A patent or publication number: 2 to 30 characters, letters and digits at both
    /// ends, letters, digits, `-/.()` and white space between.
    PatentNumber,
    /// Two upper-case letters (a jurisdiction code).
    Jurisdiction,
}

/// Number rules.
pub(super) struct Num {
    pub integer: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub exclusive_min: Option<f64>,
}

/// Array rules.
pub(super) struct Arr {
    pub items: Ty,
    pub unique: bool,
    pub min: usize,
    pub max: usize,
}

/// A property of an object and the versions that have it.
pub(super) struct P {
    pub name: &'static str,
    pub ty: Ty,
    pub vers: Mask,
}

/// Object rules.
pub(super) struct Obj {
    /// What the object is, for messages.
    pub name: &'static str,
    pub props: &'static [P],
    /// Required properties and the versions that require them.
    pub required: &'static [(&'static str, Mask)],
    /// Versions in which unknown properties are allowed.
    pub open: Mask,
    /// Versions in which unknown properties are allowed if they are of this type.
    pub additional: &'static [(Ty, Mask)],
}

const JSF_ALGORITHMS: &[&str] = &[
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "Ed25519",
    "Ed448", "HS256", "HS384", "HS512",
];
const ANY_STR: Str = Str {
    fmt: Fmt::Any,
    pat: Pat::None,
    min: 0,
    max: usize::MAX,
};
const STRINGS: Arr = Arr {
    items: Ty::Str(&ANY_STR),
    unique: false,
    min: 0,
    max: usize::MAX,
};
static JSF_SIGNERS: Obj = Obj {
    name: "signature",
    props: &[P {
        name: "signers",
        ty: Ty::Arr(&Arr {
            items: Ty::Obj(&JSF_SIGNER),
            unique: false,
            min: 0,
            max: usize::MAX,
        }),
        vers: ALL,
    }],
    required: &[],
    open: 0,
    additional: &[],
};
static JSF_CHAIN: Obj = Obj {
    name: "signature",
    props: &[P {
        name: "chain",
        ty: Ty::Arr(&Arr {
            items: Ty::Obj(&JSF_SIGNER),
            unique: false,
            min: 0,
            max: usize::MAX,
        }),
        vers: ALL,
    }],
    required: &[],
    open: 0,
    additional: &[],
};
static JSF_SIGNER: Obj = Obj {
    name: "signer",
    props: &[
        P {
            name: "algorithm",
            ty: Ty::OneOf(&[
                Ty::Lit(JSF_ALGORITHMS),
                Ty::Str(&Str {
                    fmt: Fmt::Uri,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
            ]),
            vers: ALL,
        },
        P {
            name: "keyId",
            ty: Ty::Str(&ANY_STR),
            vers: ALL,
        },
        P {
            name: "publicKey",
            ty: Ty::OneOf(&[
                Ty::Obj(&JSF_KEY_EC),
                Ty::Obj(&JSF_KEY_OKP),
                Ty::Obj(&JSF_KEY_RSA),
            ]),
            vers: ALL,
        },
        P {
            name: "certificatePath",
            ty: Ty::Arr(&STRINGS),
            vers: ALL,
        },
        P {
            name: "excludes",
            ty: Ty::Arr(&STRINGS),
            vers: ALL,
        },
        P {
            name: "value",
            ty: Ty::Str(&ANY_STR),
            vers: ALL,
        },
    ],
    required: &[("algorithm", ALL), ("value", ALL)],
    open: 0,
    additional: &[],
};
// JSF says "if kty is X then these fields, closed"; with kty limited to three values that
// is the same as exactly one of three closed key shapes.
static JSF_KEY_EC: Obj = Obj {
    name: "EC public key",
    props: &[
        P {
            name: "kty",
            ty: Ty::Lit(&["EC"]),
            vers: ALL,
        },
        P {
            name: "crv",
            ty: Ty::Lit(&["P-256", "P-384", "P-521"]),
            vers: ALL,
        },
        P {
            name: "x",
            ty: Ty::Str(&ANY_STR),
            vers: ALL,
        },
        P {
            name: "y",
            ty: Ty::Str(&ANY_STR),
            vers: ALL,
        },
    ],
    required: &[("kty", ALL), ("crv", ALL), ("x", ALL), ("y", ALL)],
    open: 0,
    additional: &[],
};
static JSF_KEY_OKP: Obj = Obj {
    name: "OKP public key",
    props: &[
        P {
            name: "kty",
            ty: Ty::Lit(&["OKP"]),
            vers: ALL,
        },
        P {
            name: "crv",
            ty: Ty::Lit(&["Ed25519", "Ed448"]),
            vers: ALL,
        },
        P {
            name: "x",
            ty: Ty::Str(&ANY_STR),
            vers: ALL,
        },
    ],
    required: &[("kty", ALL), ("crv", ALL), ("x", ALL)],
    open: 0,
    additional: &[],
};
static JSF_KEY_RSA: Obj = Obj {
    name: "RSA public key",
    props: &[
        P {
            name: "kty",
            ty: Ty::Lit(&["RSA"]),
            vers: ALL,
        },
        P {
            name: "n",
            ty: Ty::Str(&ANY_STR),
            vers: ALL,
        },
        P {
            name: "e",
            ty: Ty::Str(&ANY_STR),
            vers: ALL,
        },
    ],
    required: &[("kty", ALL), ("n", ALL), ("e", ALL)],
    open: 0,
    additional: &[],
};
static JSF_SIGNATURE: [Ty; 3] = [
    Ty::Obj(&JSF_SIGNERS),
    Ty::Obj(&JSF_CHAIN),
    Ty::Obj(&JSF_SIGNER),
];

/// Checks `doc` against the schema of `version` (1.2–1.7), returning every violation.
pub(super) fn validate(doc: &Value, version: SpecVersion) -> Vec<Diagnostic> {
    let idx = match version {
        SpecVersion::V1_0 | SpecVersion::V1_1 | SpecVersion::V1_2 => 0,
        SpecVersion::V1_3 => 1,
        SpecVersion::V1_4 => 2,
        SpecVersion::V1_5 => 3,
        SpecVersion::V1_6 => 4,
        SpecVersion::V1_7 => 5,
    };
    let mut w = Walker {
        version,
        bit: 1 << idx,
        errors: Vec::new(),
    };
    let mut ptr = String::new();
    w.check(doc, &ROOTS[idx], &mut ptr);
    w.errors
}

struct Walker {
    version: SpecVersion,
    bit: Mask,
    errors: Vec<Diagnostic>,
}

/// Appends one JSON pointer segment, escaped as RFC 6901 says.
pub(super) fn push_segment(ptr: &mut String, seg: &str) {
    ptr.push('/');
    for c in seg.chars() {
        match c {
            '~' => ptr.push_str("~0"),
            '/' => ptr.push_str("~1"),
            c => ptr.push(c),
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

fn version_of_mask(m: Mask) -> &'static str {
    match m.trailing_zeros() {
        0 => "1.2",
        1 => "1.3",
        2 => "1.4",
        3 => "1.5",
        4 => "1.6",
        _ => "1.7",
    }
}

impl Walker {
    fn err(&mut self, ptr: &str, msg: String) {
        self.errors.push(Diagnostic::new(ptr, msg));
    }

    fn check(&mut self, v: &Value, ty: &Ty, ptr: &mut String) {
        match ty {
            Ty::Any => {}
            Ty::Bool => {
                if !v.is_boolean() {
                    self.err(ptr, format!("expected a boolean, found {}", kind(v)));
                }
            }
            Ty::Str(s) => match v {
                Value::String(x) => self.check_str(x, s, ptr),
                _ => self.err(ptr, format!("expected a string, found {}", kind(v))),
            },
            Ty::Num(n) => self.check_num(v, n, ptr),
            Ty::Lit(values) => match v {
                Value::String(x) if values.contains(&x.as_ref()) => {}
                _ => self.err(
                    ptr,
                    format!(
                        "{} is not one of {}",
                        short(v),
                        values
                            .iter()
                            .map(|s| format!("{s:?}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            },
            Ty::Vocab(vocab) => match v {
                Value::String(x) => {
                    if !vocab.allows(x, self.version) {
                        self.err(ptr, vocab.refusal(x, self.version));
                    }
                }
                _ => self.err(
                    ptr,
                    format!("expected a {} (a string), found {}", vocab.name, kind(v)),
                ),
            },
            Ty::LicenseId => match v {
                Value::String(x) => {
                    if !crate::license_ids::is_license_id(x)
                        && !crate::license_ids::is_exception_id(x)
                    {
                        let hint = crate::license_ids::canonical_license_id(x)
                            .map(|c| format!(" (did you mean {c:?}?)"))
                            .unwrap_or_default();
                        self.err(ptr, format!("{} is not an SPDX license id{hint}", short(v)));
                    }
                }
                _ => self.err(ptr, format!("expected a string, found {}", kind(v))),
            },
            Ty::Signature => self.check_alternatives(v, &JSF_SIGNATURE, true, ptr),
            Ty::Arr(a) => self.check_arr(v, a, ptr),
            Ty::Obj(o) => self.check_obj(v, o, ptr),
            Ty::AllOf(tys) => {
                for t in tys.iter() {
                    self.check(v, t, ptr);
                }
            }
            Ty::OneOf(tys) => self.check_alternatives(v, tys, true, ptr),
            Ty::AnyOf(tys) => self.check_alternatives(v, tys, false, ptr),
            Ty::Rule(r) => self.check_rule(v, *r, ptr),
        }
    }

    fn check_rule(&mut self, v: &Value, r: Rule, ptr: &str) {
        let Value::Object(map) = v else { return };
        match r {
            Rule::ExternalVersionRange => {
                if !map.contains_key("versionRange") {
                    return;
                }
                if map.contains_key("version") {
                    self.err(
                        ptr,
                        "must not have both \"version\" and \"versionRange\"".into(),
                    );
                }
                if map.get("isExternal") != Some(&Value::Bool(true)) {
                    self.err(
                        &format!("{ptr}/versionRange"),
                        "only an external component (\"isExternal\": true) may have a \"versionRange\"".into(),
                    );
                }
            }
        }
    }

    fn check_str(&mut self, x: &str, s: &Str, ptr: &str) {
        if x.len() > MAX_STRING_BYTES {
            self.err(
                ptr,
                format!(
                    "string of {} bytes is longer than the {MAX_STRING_BYTES} bytes accepted",
                    x.len()
                ),
            );
            return;
        }
        if s.min > 0 || s.max < usize::MAX {
            let n = x.chars().count();
            if n < s.min {
                if s.min == 1 {
                    self.err(ptr, "must not be empty".into());
                } else {
                    self.err(ptr, format!("{x:?} is shorter than {} characters", s.min));
                }
            }
            if n > s.max {
                self.err(ptr, format!("{x:?} is longer than {} characters", s.max));
            }
        }
        if !pattern_ok(s.pat, x) {
            self.err(ptr, format!("{:?} is not {}", cut(x), pattern_name(s.pat)));
        }
        let fmt_ok = match s.fmt {
            Fmt::Any => true,
            Fmt::DateTime => is_date_time(x),
            Fmt::Date => is_date(x),
            Fmt::IriRef => is_iri_reference(x),
            Fmt::Email => is_email(x),
            Fmt::Uri => is_uri(x),
        };
        if !fmt_ok {
            let what = match s.fmt {
                Fmt::DateTime => "an RFC 3339 date-time",
                Fmt::Date => "an RFC 3339 full-date (YYYY-MM-DD)",
                Fmt::IriRef => "an IRI reference",
                Fmt::Email => "an e-mail address",
                _ => "a URI",
            };
            self.err(ptr, format!("{:?} is not {what}", cut(x)));
        }
    }

    fn check_num(&mut self, v: &Value, n: &Num, ptr: &str) {
        let Some(f) = v.as_f64() else {
            let want = if n.integer { "an integer" } else { "a number" };
            self.err(ptr, format!("expected {want}, found {}", kind(v)));
            return;
        };
        if n.integer && f.fract() != 0.0 {
            self.err(ptr, format!("expected an integer, found {f}"));
        }
        if let Some(min) = n.min
            && f < min
        {
            self.err(ptr, format!("{f} is less than the minimum {min}"));
        }
        if let Some(max) = n.max
            && f > max
        {
            self.err(ptr, format!("{f} is more than the maximum {max}"));
        }
        if let Some(min) = n.exclusive_min
            && f <= min
        {
            self.err(ptr, format!("{f} must be more than {min}"));
        }
    }

    fn check_arr(&mut self, v: &Value, a: &Arr, ptr: &mut String) {
        let Value::Array(items) = v else {
            self.err(ptr, format!("expected an array, found {}", kind(v)));
            return;
        };
        if items.len() < a.min {
            self.err(
                ptr,
                format!(
                    "has {} items, fewer than the {} required",
                    items.len(),
                    a.min
                ),
            );
        }
        if items.len() > a.max {
            self.err(
                ptr,
                format!("has {} items, more than the {} allowed", items.len(), a.max),
            );
        }
        let len = ptr.len();
        for (i, item) in items.iter().enumerate() {
            ptr.push('/');
            ptr.push_str(itoa(i).as_str());
            self.check(item, &a.items, ptr);
            ptr.truncate(len);
        }
        if a.unique && items.len() > 1 && !distinct_by_ref(items) {
            // Keyed at random, so a document cannot be built to make every item collide.
            let keys = std::hash::RandomState::new();
            let hashes: Vec<u64> = items.iter().map(|x| hash_one(&keys, x)).collect();
            let mut first: HashMap<u64, usize> = HashMap::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let h = hashes[i];
                let dup = match first.get(&h) {
                    None => {
                        first.insert(h, i);
                        None
                    }
                    Some(&j) if items[j] == *item => Some(j),
                    // A true collision: compare with every earlier item of this hash.
                    Some(_) => (0..i).find(|&j| hashes[j] == h && items[j] == *item),
                };
                if let Some(j) = dup {
                    self.err(
                        &format!("{ptr}/{i}"),
                        format!("duplicate of item {j}; items must be unique"),
                    );
                }
            }
        }
    }

    fn check_obj(&mut self, v: &Value, o: &Obj, ptr: &mut String) {
        let Value::Object(map) = v else {
            self.err(ptr, format!("expected an object, found {}", kind(v)));
            return;
        };
        let len = ptr.len();
        for (key, value) in map.iter() {
            push_segment(ptr, key);
            if let Some(p) = o.props.iter().find(|p| {
                // Lengths and first bytes rule out nearly every candidate without a
                // string comparison; this scan runs for every member of every object.
                p.name.len() == key.len()
                    && p.name.as_bytes().first() == key.as_bytes().first()
                    && p.vers & self.bit != 0
                    && p.name == key
            }) {
                self.check(value, &p.ty, ptr);
            } else if let Some((t, _)) = o.additional.iter().find(|(_, m)| m & self.bit != 0) {
                self.check(value, t, ptr);
            } else if o.open & self.bit == 0 {
                let later = o
                    .props
                    .iter()
                    .filter(|p| p.name == key)
                    .map(|p| p.vers)
                    .fold(0, |a, b| a | b);
                let msg = if later != 0 {
                    format!(
                        "property {key:?} is not allowed in CycloneDX {} (only from {})",
                        self.version,
                        version_of_mask(later)
                    )
                } else {
                    format!("unknown property {key:?} in {}", o.name)
                };
                let here = ptr.clone();
                self.err(&here, msg);
            }
            ptr.truncate(len);
        }
        for (name, m) in o.required {
            if m & self.bit != 0 && !map.contains_key(name) {
                self.err(
                    ptr,
                    format!("missing required property {name:?} in {}", o.name),
                );
            }
        }
    }

    fn check_alternatives(&mut self, v: &Value, tys: &[Ty], exactly_one: bool, ptr: &mut String) {
        let saved = std::mem::take(&mut self.errors);
        let mut results: Vec<Vec<Diagnostic>> = Vec::with_capacity(tys.len());
        for t in tys {
            self.check(v, t, ptr);
            results.push(std::mem::take(&mut self.errors));
        }
        self.errors = saved;
        let matched = results.iter().filter(|e| e.is_empty()).count();
        if matched == 1 || (!exactly_one && matched > 1) {
            return;
        }
        if matched > 1 {
            let msg = match required_only_names(tys) {
                Some(names) => format!("must have exactly one of {names}"),
                None => format!(
                    "matches {matched} of the {} allowed forms, exactly one is required",
                    tys.len()
                ),
            };
            self.err(ptr, msg);
            return;
        }
        if let Some(names) = required_only_names(tys) {
            self.err(ptr, format!("must have one of {names}"));
            return;
        }
        // Report the alternative that came closest: the one whose errors are fewest and
        // deepest, since a shape mismatch at this very place says least.
        let here = ptr.as_str();
        let best = results
            .into_iter()
            .min_by_key(|errs| {
                let shallow = errs
                    .iter()
                    .filter(|d| d.pointer == here && d.message.starts_with("expected "))
                    .count();
                (shallow, errs.len())
            })
            .unwrap_or_default();
        self.errors.extend(best);
    }
}

/// For `oneOf: [{required:[a]}, {required:[b]}]`, the names `"a"`, `"b"`.
fn required_only_names(tys: &[Ty]) -> Option<String> {
    let mut names = Vec::new();
    for t in tys {
        match t {
            Ty::Obj(o) if o.props.is_empty() && o.required.len() == 1 => {
                names.push(format!("{:?}", o.required[0].0));
            }
            _ => return None,
        }
    }
    Some(names.join(", "))
}

fn itoa(i: usize) -> String {
    i.to_string()
}

/// A value as a short quoted snippet for a message.
fn short(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{:?}", cut(s)),
        other => kind(other).to_owned(),
    }
}

/// At most 80 characters of `s`, so a huge value does not flood a message.
pub(super) fn cut(s: &str) -> &str {
    match s.char_indices().nth(80) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Whether every item is an object with a `bom-ref` (or, for dependencies, a `ref`) and
/// no two share it: then no two items can be equal, and the deep comparison of every
/// item (a second walk over most of the document) is not needed.
fn distinct_by_ref(items: &[Value]) -> bool {
    ["bom-ref", "ref"].iter().any(|key| {
        let mut seen = std::collections::HashSet::with_capacity(items.len());
        items.iter().all(|x| {
            x.get(key)
                .and_then(Value::as_str)
                .is_some_and(|r| seen.insert(r))
        })
    })
}

fn hash_one(keys: &std::hash::RandomState, v: &Value) -> u64 {
    let mut h = keys.build_hasher();
    hash_value(keys, v, &mut h);
    h.finish()
}

fn hash_value<H: Hasher>(keys: &std::hash::RandomState, v: &Value, h: &mut H) {
    match v {
        Value::Null => 0u8.hash(h),
        Value::Bool(b) => b.hash(h),
        Value::Number(n) => n.hash(h),
        Value::String(s) => s.hash(h),
        Value::Array(a) => {
            a.len().hash(h);
            for x in a {
                hash_value(keys, x, h);
            }
        }
        Value::Object(m) => {
            // Key order does not make two objects different.
            let mut acc = 0u64;
            for (k, x) in m.iter() {
                let mut sub = keys.build_hasher();
                k.hash(&mut sub);
                hash_value(keys, x, &mut sub);
                acc = acc.wrapping_add(sub.finish());
            }
            acc.hash(h);
        }
    }
}

fn pattern_name(p: Pat) -> &'static str {
    match p {
        Pat::None => "allowed",
        Pat::OneLine => "a single line",
        Pat::UrnUuid => "a urn:uuid: serial number (urn:uuid: and a lower-case RFC 4122 UUID)",
        Pat::MimeType => "a MIME type",
        Pat::HashContent => "a hex digest of 32, 40, 64, 96 or 128 digits",
        Pat::Locale => "a locale such as \"en\" or \"en-US\"",
        Pat::BomLinkDocument => "a BOM-Link to a document (urn:cdx:UUID/VERSION)",
        Pat::BomLinkElement => "a BOM-Link to an element (urn:cdx:UUID/VERSION#REF)",
        Pat::Cre => "a CRE id (CRE:123-456)",
        Pat::PatentNumber => {
            "a patent number (2 to 30 letters, digits, -/.() or spaces, a letter or digit at each end)"
        }
        Pat::Jurisdiction => "a jurisdiction code (two upper-case letters)",
    }
}

fn is_lower_hex(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// `8-4-4-4-12` lower-case hex digits.
pub(super) fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && is_lower_hex(p))
}

/// `UUID/VERSION` of a BOM-Link; VERSION has no leading zero.
fn is_bom_link_document(rest: &str) -> bool {
    let Some((uuid, ver)) = rest.split_once('/') else {
        return false;
    };
    is_uuid(uuid)
        && !ver.is_empty()
        && !ver.starts_with('0')
        && ver.bytes().all(|b| b.is_ascii_digit())
}

fn pattern_ok(p: Pat, s: &str) -> bool {
    match p {
        Pat::None => true,
        Pat::OneLine => match s.find('\n') {
            None => true,
            Some(i) => i + 1 == s.len(),
        },
        Pat::UrnUuid => s.strip_prefix("urn:uuid:").is_some_and(is_uuid),
        Pat::MimeType => {
            let ok = |p: &str| {
                !p.is_empty()
                    && p.bytes()
                        .all(|b| matches!(b, b'-' | b'+' | b'a'..=b'z' | b'0'..=b'9' | b'.'))
            };
            s.split_once('/').is_some_and(|(a, b)| ok(a) && ok(b))
        }
        Pat::HashContent => {
            [32, 40, 64, 96, 128].contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
        }
        Pat::Locale => {
            let b = s.as_bytes();
            let lang = |x: &[u8]| x.iter().all(u8::is_ascii_lowercase);
            match b.len() {
                2 => lang(b),
                5 => lang(&b[..2]) && b[2] == b'-' && b[3..].iter().all(u8::is_ascii_uppercase),
                _ => false,
            }
        }
        Pat::BomLinkDocument => s.strip_prefix("urn:cdx:").is_some_and(is_bom_link_document),
        Pat::BomLinkElement => s
            .strip_prefix("urn:cdx:")
            .and_then(|r| r.split_once('#'))
            .is_some_and(|(doc, frag)| {
                is_bom_link_document(doc) && !frag.is_empty() && !frag.contains('\n')
            }),
        Pat::Cre => s
            .strip_prefix("CRE:")
            .and_then(|r| r.split_once('-'))
            .is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && a.bytes().all(|c| c.is_ascii_digit())
                    && b.bytes().all(|c| c.is_ascii_digit())
            }),
        Pat::PatentNumber => {
            let n = s.chars().count();
            let inner =
                |c: char| c.is_ascii_alphanumeric() || "-/.()".contains(c) || c.is_whitespace();
            (2..=30).contains(&n)
                && s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
                && s.chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                && s.chars().all(inner)
        }
        Pat::Jurisdiction => s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()),
    }
}

/// RFC 3339 `full-date`, the JSON schema format `date`.
fn is_date(s: &str) -> bool {
    s.len() == 10
        && time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).is_ok()
}

/// RFC 3339 `date-time`, the JSON schema format.
pub(super) fn is_date_time(s: &str) -> bool {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
}

/// Loose RFC 3987 IRI-reference: no white space or control characters. Stricter checks
/// (braces, `|`) would refuse URL templates that real BOMs carry and validators accept.
fn is_iri_reference(s: &str) -> bool {
    !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// An absolute URI: a scheme, a colon, and no spaces.
fn is_uri(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let mut b = scheme.bytes();
    b.next().is_some_and(|c| c.is_ascii_alphabetic())
        && b.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        && is_iri_reference(s)
}

/// `local@domain`, each part non-empty, no spaces.
fn is_email(s: &str) -> bool {
    s.rsplit_once('@')
        .is_some_and(|(l, d)| !l.is_empty() && !d.is_empty() && !s.chars().any(char::is_whitespace))
}
