//! CPE names: the well-formed name (WFN) with its eleven attributes, bound
//! to and from CPE 2.3 formatted strings and CPE 2.2 URIs (NISTIR 7695),
//! and compared per NISTIR 7696.
//!
//! Attribute values are kept in the WFN's quoted form (`8\.0\.6001`, with
//! bare `*` and `?` as wild cards) and lower-cased when parsed, because
//! matching compares case-insensitively and should not allocate.

mod bind;
mod matching;

use std::fmt;
use std::str::FromStr;

pub use matching::{AttrRelation, CpeRelation, compare, compare_attr};

/// Why a CPE name could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CpeError {
    /// Neither `cpe:2.3:` nor `cpe:/`.
    #[error("not a CPE name: expected 'cpe:2.3:' or 'cpe:/' in {input:?}")]
    InvalidPrefix {
        /// The input, cut to 64 characters.
        input: String,
    },
    /// A formatted string without exactly eleven attributes, or a URI with
    /// more than seven components.
    #[error("expected {expected} components, found {found}")]
    ComponentCount {
        /// How many the binding has.
        expected: usize,
        /// How many were found.
        found: usize,
    },
    /// An empty attribute in a formatted string.
    #[error("empty {attr} attribute")]
    EmptyAttribute {
        /// Which attribute.
        attr: Attribute,
    },
    /// A part other than `a`, `o`, `h` or ANY.
    #[error("invalid part {value:?}, expected 'a', 'o' or 'h'")]
    InvalidPart {
        /// The value found.
        value: String,
    },
    /// A `*` that is not at the start or end of a value.
    #[error("unquoted '*' inside the {attr} value {value:?}")]
    EmbeddedAsterisk {
        /// Which attribute.
        attr: Attribute,
        /// The raw value.
        value: String,
    },
    /// A `?` that is not in a leading or trailing run.
    #[error("unquoted '?' inside the {attr} value {value:?}")]
    EmbeddedQuestionMark {
        /// Which attribute.
        attr: Attribute,
        /// The raw value.
        value: String,
    },
    /// A value ending in a lone backslash.
    #[error("the {attr} value {value:?} ends with a lone backslash")]
    TrailingBackslash {
        /// Which attribute.
        attr: Attribute,
        /// The raw value.
        value: String,
    },
    /// A bad `%` escape in a URI.
    #[error("invalid percent-encoding in the {attr} value {value:?}")]
    InvalidPercentEncoding {
        /// Which attribute.
        attr: Attribute,
        /// The raw value.
        value: String,
    },
    /// A character CPE does not allow (non-ASCII, space or control).
    #[error("invalid character in the {attr} value {value:?}")]
    InvalidCharacter {
        /// Which attribute.
        attr: Attribute,
        /// The raw value.
        value: String,
    },
    /// A URI edition starting with `~` that is not five `~`-separated fields.
    #[error("invalid packed edition {value:?}")]
    InvalidPackedEdition {
        /// The raw edition.
        value: String,
    },
}

/// The eleven WFN attributes, in binding order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attribute {
    /// `a` application, `o` operating system, `h` hardware.
    Part,
    /// The vendor.
    Vendor,
    /// The product.
    Product,
    /// The version.
    Version,
    /// The update (service pack, patch level…).
    Update,
    /// The legacy edition.
    Edition,
    /// The language tag.
    Language,
    /// The software edition.
    SwEdition,
    /// The target software.
    TargetSw,
    /// The target hardware.
    TargetHw,
    /// Anything else.
    Other,
}

impl Attribute {
    /// All attributes in binding order.
    pub const ALL: [Attribute; 11] = [
        Attribute::Part,
        Attribute::Vendor,
        Attribute::Product,
        Attribute::Version,
        Attribute::Update,
        Attribute::Edition,
        Attribute::Language,
        Attribute::SwEdition,
        Attribute::TargetSw,
        Attribute::TargetHw,
        Attribute::Other,
    ];

    /// The WFN attribute name (`sw_edition`, `target_hw`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Attribute::Part => "part",
            Attribute::Vendor => "vendor",
            Attribute::Product => "product",
            Attribute::Version => "version",
            Attribute::Update => "update",
            Attribute::Edition => "edition",
            Attribute::Language => "language",
            Attribute::SwEdition => "sw_edition",
            Attribute::TargetSw => "target_sw",
            Attribute::TargetHw => "target_hw",
            Attribute::Other => "other",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Attribute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A WFN string value in quoted form, lower-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CpeValue {
    wfn: Box<str>,
    wild: bool,
}

impl CpeValue {
    /// A value from plain text: every character other than a letter, a digit
    /// or `_` is quoted, so `*` and `?` are literal.
    pub fn literal(text: &str) -> Option<CpeValue> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_graphic()) {
            return None;
        }
        let mut wfn = String::with_capacity(text.len() * 2);
        for c in text.chars() {
            if !(c.is_ascii_alphanumeric() || c == '_') {
                wfn.push('\\');
            }
            wfn.push(c.to_ascii_lowercase());
        }
        Some(CpeValue {
            wfn: wfn.into(),
            wild: false,
        })
    }

    /// A value from its WFN quoted form (`8\.*`, `sp?`), checked like a
    /// formatted-string attribute.
    pub fn from_wfn(wfn: &str) -> Result<AttrValue, CpeError> {
        bind::unbind_wfn(wfn, Attribute::Other)
    }

    pub(crate) fn new_unchecked(wfn: String, wild: bool) -> CpeValue {
        CpeValue {
            wfn: wfn.into(),
            wild,
        }
    }

    /// The quoted WFN form.
    pub fn as_wfn(&self) -> &str {
        &self.wfn
    }

    /// Whether the value has unquoted `*` or `?` wild cards.
    pub fn has_wildcards(&self) -> bool {
        self.wild
    }

    /// The value with quoting removed (wild cards stay as `*` and `?`).
    pub fn unquoted(&self) -> String {
        let mut out = String::with_capacity(self.wfn.len());
        let mut escaped = false;
        for c in self.wfn.chars() {
            if c == '\\' && !escaped {
                escaped = true;
                continue;
            }
            escaped = false;
            out.push(c);
        }
        out
    }
}

/// One attribute's value: ANY (`*`), NA (`-`) or a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum AttrValue {
    /// Any value (the logical value ANY).
    #[default]
    Any,
    /// Not applicable (the logical value NA).
    Na,
    /// A string value, possibly with wild cards.
    Value(CpeValue),
}

impl AttrValue {
    /// The string value, if this is neither ANY nor NA.
    pub fn value(&self) -> Option<&CpeValue> {
        match self {
            AttrValue::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl fmt::Display for AttrValue {
    /// The formatted-string binding of the value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bind::write_fs_value(f, self)
    }
}

/// A CPE well-formed name.
///
/// ```
/// use mamori_purl::cpe::{Cpe, CpeRelation, compare};
/// let rule = Cpe::parse("cpe:2.3:a:openssl:openssl:1.1.*:*:*:*:*:*:*:*").unwrap();
/// let installed = Cpe::parse("cpe:/a:openssl:openssl:1.1.1k").unwrap();
/// assert_eq!(compare(&rule, &installed), CpeRelation::Superset);
/// assert_eq!(installed.to_fs(), "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Cpe {
    attrs: [AttrValue; 11],
}

impl Cpe {
    /// Reads a CPE 2.3 formatted string (`cpe:2.3:…`) or a CPE 2.2 URI
    /// (`cpe:/…`).
    pub fn parse(input: &str) -> Result<Cpe, CpeError> {
        let head = input.as_bytes();
        if head.len() >= 8 && head[..8].eq_ignore_ascii_case(b"cpe:2.3:") {
            bind::unbind_fs(&input[8..]).map(|attrs| Cpe { attrs })
        } else if head.len() >= 5 && head[..5].eq_ignore_ascii_case(b"cpe:/") {
            bind::unbind_uri(&input[5..]).map(|attrs| Cpe { attrs })
        } else {
            Err(CpeError::InvalidPrefix {
                input: input.chars().take(64).collect(),
            })
        }
    }

    /// A name with every attribute ANY; set attributes with [`Cpe::with`].
    pub fn any() -> Cpe {
        Cpe::default()
    }

    /// The same name with one attribute replaced.
    #[must_use]
    pub fn with(mut self, attr: Attribute, value: AttrValue) -> Cpe {
        self.attrs[attr.index()] = value;
        self
    }

    /// The CPE 2.3 formatted string.
    pub fn to_fs(&self) -> String {
        self.to_string()
    }

    /// The CPE 2.2 URI (extended attributes packed into the edition).
    pub fn to_uri(&self) -> String {
        bind::bind_uri(&self.attrs)
    }

    /// One attribute's value.
    pub fn get(&self, attr: Attribute) -> &AttrValue {
        &self.attrs[attr.index()]
    }

    /// All eleven values in binding order.
    pub fn attrs(&self) -> &[AttrValue; 11] {
        &self.attrs
    }

    /// The part (`a`, `o`, `h`).
    pub fn part(&self) -> &AttrValue {
        self.get(Attribute::Part)
    }
    /// The vendor.
    pub fn vendor(&self) -> &AttrValue {
        self.get(Attribute::Vendor)
    }
    /// The product.
    pub fn product(&self) -> &AttrValue {
        self.get(Attribute::Product)
    }
    /// The version.
    pub fn version(&self) -> &AttrValue {
        self.get(Attribute::Version)
    }
    /// The update.
    pub fn update(&self) -> &AttrValue {
        self.get(Attribute::Update)
    }
    /// The edition.
    pub fn edition(&self) -> &AttrValue {
        self.get(Attribute::Edition)
    }
    /// The language.
    pub fn language(&self) -> &AttrValue {
        self.get(Attribute::Language)
    }
    /// The software edition.
    pub fn sw_edition(&self) -> &AttrValue {
        self.get(Attribute::SwEdition)
    }
    /// The target software.
    pub fn target_sw(&self) -> &AttrValue {
        self.get(Attribute::TargetSw)
    }
    /// The target hardware.
    pub fn target_hw(&self) -> &AttrValue {
        self.get(Attribute::TargetHw)
    }
    /// The other attribute.
    pub fn other(&self) -> &AttrValue {
        self.get(Attribute::Other)
    }
}

impl fmt::Display for Cpe {
    /// The CPE 2.3 formatted string.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cpe:2.3")?;
        for a in &self.attrs {
            f.write_str(":")?;
            bind::write_fs_value(f, a)?;
        }
        Ok(())
    }
}

impl FromStr for Cpe {
    type Err = CpeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Cpe::parse(s)
    }
}

/// `source` is a superset of or equal to `target` (NISTIR 7696 CPE_SUPERSET):
/// the usual "does this rule match this product" test.
pub fn is_superset(source: &Cpe, target: &Cpe) -> bool {
    matches!(
        compare(source, target),
        CpeRelation::Superset | CpeRelation::Equal
    )
}

/// `source` is a subset of or equal to `target` (CPE_SUBSET).
pub fn is_subset(source: &Cpe, target: &Cpe) -> bool {
    matches!(
        compare(source, target),
        CpeRelation::Subset | CpeRelation::Equal
    )
}

/// Every attribute is equal (CPE_EQUAL).
pub fn is_equal(source: &Cpe, target: &Cpe) -> bool {
    compare(source, target) == CpeRelation::Equal
}

/// Some attribute is disjoint (CPE_DISJOINT).
pub fn is_disjoint(source: &Cpe, target: &Cpe) -> bool {
    compare(source, target) == CpeRelation::Disjoint
}
