//! The package URL value: parsing, building and the canonical form.
//!
//! Parsing follows the purl specification (ECMA-427) and its "how to parse"
//! steps, leniently where the specification asks parsers to normalize
//! (`pkg://`, upper-case type and qualifier keys, `.`/`..` subpath segments)
//! and strictly where it does not (bad percent escapes, bad keys, duplicate
//! keys, type rules). Every `Purl` is already canonical: accessors return the
//! decoded, normalized parts and `Display` writes the canonical string.

mod encode;
mod types;

use std::fmt;
use std::str::FromStr;

pub(crate) use encode::encode_into;

/// Which part of a package URL an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    /// The `pkg` scheme.
    Scheme,
    /// The package type.
    Type,
    /// The namespace.
    Namespace,
    /// The name.
    Name,
    /// The version.
    Version,
    /// A qualifier key or value.
    Qualifier,
    /// The subpath.
    Subpath,
}

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Component::Scheme => "scheme",
            Component::Type => "type",
            Component::Namespace => "namespace",
            Component::Name => "name",
            Component::Version => "version",
            Component::Qualifier => "qualifier",
            Component::Subpath => "subpath",
        })
    }
}

/// Why a package URL could not be parsed or built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PurlError {
    /// No `pkg:` scheme.
    #[error("missing the 'pkg:' scheme")]
    MissingScheme,
    /// A scheme other than `pkg`.
    #[error("invalid scheme {scheme:?}, expected 'pkg'")]
    InvalidScheme {
        /// The scheme found.
        scheme: String,
    },
    /// No type after the scheme.
    #[error("missing the package type")]
    MissingType,
    /// A type with characters other than letters, digits, `.` and `-`, or
    /// one that does not start with a letter.
    #[error("invalid package type {ty:?}")]
    InvalidType {
        /// The type found.
        ty: String,
    },
    /// No name, or an empty one.
    #[error("missing the package name")]
    MissingName,
    /// A `%` not followed by two hex digits.
    #[error("invalid percent-encoding in {component} {value:?}")]
    InvalidPercentEncoding {
        /// Where it was found.
        component: Component,
        /// The raw text.
        value: String,
    },
    /// Percent-decoding produced bytes that are not UTF-8.
    #[error("{component} {value:?} does not decode to UTF-8")]
    InvalidUtf8 {
        /// Where it was found.
        component: Component,
        /// The raw text.
        value: String,
    },
    /// A namespace or subpath segment that is not allowed (it contains `/`
    /// once decoded, or breaks a type's segment rule).
    #[error("invalid {component} segment {segment:?}")]
    InvalidSegment {
        /// Where it was found.
        component: Component,
        /// The decoded segment.
        segment: String,
    },
    /// A qualifier key with characters other than letters, digits, `.`,
    /// `-` and `_`, or one that does not start with a letter.
    #[error("invalid qualifier key {key:?}")]
    InvalidQualifierKey {
        /// The key found.
        key: String,
    },
    /// The same qualifier key twice.
    #[error("duplicate qualifier key {key:?}")]
    DuplicateQualifier {
        /// The key, lower-cased.
        key: String,
    },
    /// The type needs a namespace and there is none.
    #[error("type {ty:?} requires a namespace")]
    NamespaceRequired {
        /// The package type.
        ty: String,
    },
    /// The type forbids a namespace and there is one.
    #[error("type {ty:?} does not allow a namespace")]
    NamespaceProhibited {
        /// The package type.
        ty: String,
    },
    /// The type needs a qualifier that is missing.
    #[error("type {ty:?} requires the qualifier {key:?}")]
    MissingQualifier {
        /// The package type.
        ty: String,
        /// The missing key.
        key: &'static str,
    },
    /// The name breaks a type-specific rule.
    #[error("invalid {ty} name: {reason}")]
    InvalidName {
        /// The package type.
        ty: String,
        /// The rule broken.
        reason: &'static str,
    },
    /// The version breaks a type-specific rule.
    #[error("invalid {ty} version: {reason}")]
    InvalidVersion {
        /// The package type.
        ty: String,
        /// The rule broken.
        reason: &'static str,
    },
    /// An OSV ecosystem that has no package URL type here.
    #[error("no package URL type for OSV ecosystem {ecosystem:?}")]
    UnknownEcosystem {
        /// The ecosystem string.
        ecosystem: String,
    },
    /// An OSV package name that does not fit its ecosystem's shape.
    #[error("invalid {ecosystem} package name {name:?}: {reason}")]
    InvalidOsvName {
        /// The ecosystem string.
        ecosystem: String,
        /// The package name.
        name: String,
        /// What shape was expected.
        reason: &'static str,
    },
}

/// A package URL in canonical form.
///
/// ```
/// use mamori_purl::Purl;
/// let p = Purl::parse("pkg:PYPI/Django_Package@1.11?Arch=x86").unwrap();
/// assert_eq!(p.name(), "django-package");
/// assert_eq!(p.qualifier("arch"), Some("x86"));
/// assert_eq!(p.to_string(), "pkg:pypi/django-package@1.11?arch=x86");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Purl {
    ty: String,
    namespace: Option<String>,
    name: String,
    version: Option<String>,
    /// Sorted by key; keys lower-case and unique; values never empty.
    qualifiers: Vec<(String, String)>,
    subpath: Option<String>,
}

fn validate_type(raw: &str) -> Result<String, PurlError> {
    if raw.is_empty() {
        return Err(PurlError::MissingType);
    }
    let b = raw.as_bytes();
    let ok = b[0].is_ascii_alphabetic()
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-');
    if !ok {
        return Err(PurlError::InvalidType { ty: raw.to_owned() });
    }
    let mut ty = raw.to_owned();
    ty.make_ascii_lowercase();
    Ok(ty)
}

fn validate_key(raw: &str) -> Result<String, PurlError> {
    let b = raw.as_bytes();
    let ok = b.first().is_some_and(u8::is_ascii_alphabetic)
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'));
    if !ok {
        return Err(PurlError::InvalidQualifierKey {
            key: raw.to_owned(),
        });
    }
    let mut key = raw.to_owned();
    key.make_ascii_lowercase();
    Ok(key)
}

/// Sorts qualifiers by key and rejects duplicates.
fn finish_qualifiers(q: &mut [(String, String)]) -> Result<(), PurlError> {
    q.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    if let Some(w) = q.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(PurlError::DuplicateQualifier {
            key: w[0].0.clone(),
        });
    }
    Ok(())
}

/// Joins decoded path segments, dropping empty ones (and `.`/`..` when
/// `drop_dots`); a decoded segment may not contain `/`.
fn join_segments<'a, I>(
    segments: I,
    component: Component,
    decode: bool,
    drop_dots: bool,
) -> Result<Option<String>, PurlError>
where
    I: Iterator<Item = &'a str> + Clone,
{
    // Most inputs are already clean (no escapes, no empty or dot segments):
    // then one allocation of the right size does.
    let needs_work = segments.clone().any(|seg| {
        seg.is_empty()
            || (decode && seg.contains('%'))
            || (drop_dots && (seg == "." || seg == ".."))
    });
    if !needs_work {
        let mut out = String::new();
        for seg in segments {
            if !out.is_empty() {
                out.push('/');
            }
            out.push_str(seg);
        }
        return Ok((!out.is_empty()).then_some(out));
    }
    let mut out = String::new();
    for raw in segments {
        if raw.is_empty() {
            continue;
        }
        let seg = if decode {
            encode::decode(raw, component)?
        } else {
            raw.to_owned()
        };
        if drop_dots && (seg == "." || seg == "..") {
            continue;
        }
        if decode && seg.contains('/') {
            return Err(PurlError::InvalidSegment {
                component,
                segment: seg,
            });
        }
        if seg.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&seg);
    }
    Ok((!out.is_empty()).then_some(out))
}

impl Purl {
    /// Parses a package URL and brings it to canonical form.
    pub fn parse(input: &str) -> Result<Purl, PurlError> {
        let (rest, subpath_raw) = match input.rfind('#') {
            Some(i) => (&input[..i], Some(&input[i + 1..])),
            None => (input, None),
        };
        let (rest, qualifiers_raw) = match rest.rfind('?') {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        let (scheme, rest) = rest.split_once(':').ok_or(PurlError::MissingScheme)?;
        if !scheme.eq_ignore_ascii_case("pkg") {
            return Err(PurlError::InvalidScheme {
                scheme: scheme.to_owned(),
            });
        }
        let rest = rest.trim_start_matches('/');
        let (ty_raw, rest) = match rest.split_once('/') {
            Some(split) => split,
            None => {
                validate_type(rest)?;
                return Err(PurlError::MissingName);
            }
        };
        let ty = validate_type(ty_raw)?;
        let rest = rest.trim_end_matches('/');
        let (ns_raw, last) = match rest.rfind('/') {
            Some(i) => (Some(&rest[..i]), &rest[i + 1..]),
            None => (None, rest),
        };
        let (name_raw, version_raw) = match last.rfind('@') {
            Some(i) => (&last[..i], Some(&last[i + 1..])),
            None => (last, None),
        };
        let (namespace, name) = match (ty.as_str(), ns_raw) {
            // A git name is the repository path after the host.
            ("git", Some(ns_raw)) => {
                let (host, path) = ns_raw.split_once('/').unwrap_or((ns_raw, ""));
                let namespace =
                    join_segments(std::iter::once(host), Component::Namespace, true, false)?;
                let name = join_segments(
                    path.split('/').chain(std::iter::once(name_raw)),
                    Component::Name,
                    true,
                    false,
                )?;
                (namespace, name.unwrap_or_default())
            }
            _ => {
                let namespace = match ns_raw {
                    Some(ns) => join_segments(ns.split('/'), Component::Namespace, true, false)?,
                    None => None,
                };
                (namespace, encode::decode(name_raw, Component::Name)?)
            }
        };
        if name.is_empty() {
            return Err(PurlError::MissingName);
        }
        let version = match version_raw {
            Some(v) if !v.is_empty() => Some(encode::decode(v, Component::Version)?),
            _ => None,
        };
        let mut qualifiers = Vec::new();
        if let Some(q) = qualifiers_raw {
            for pair in q.split('&') {
                if pair.is_empty() {
                    continue;
                }
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                let key = validate_key(k)?;
                if v.is_empty() {
                    continue;
                }
                let value = encode::decode(v, Component::Qualifier)?;
                if !value.is_empty() {
                    qualifiers.push((key, value));
                }
            }
            finish_qualifiers(&mut qualifiers)?;
        }
        let subpath = match subpath_raw {
            Some(s) => join_segments(s.split('/'), Component::Subpath, true, true)?,
            None => None,
        };
        Purl::finish(ty, namespace, name, version, qualifiers, subpath)
    }

    /// Starts building a package URL from decoded parts; see [`PurlBuilder`].
    // The builder is the point: a type that requires a namespace cannot be
    // valid before `with_namespace`, so checking waits for `build`.
    #[allow(clippy::new_ret_no_self)]
    pub fn new(ty: impl Into<String>, name: impl Into<String>) -> PurlBuilder {
        PurlBuilder {
            ty: ty.into(),
            namespace: None,
            name: name.into(),
            version: None,
            qualifiers: Vec::new(),
            subpath: None,
        }
    }

    fn finish(
        ty: String,
        mut namespace: Option<String>,
        mut name: String,
        mut version: Option<String>,
        qualifiers: Vec<(String, String)>,
        mut subpath: Option<String>,
    ) -> Result<Purl, PurlError> {
        types::apply(types::Parts {
            ty: &ty,
            namespace: &mut namespace,
            name: &mut name,
            version: &mut version,
            qualifiers: &qualifiers,
            subpath: &mut subpath,
        })?;
        Ok(Purl {
            ty,
            namespace,
            name,
            version,
            qualifiers,
            subpath,
        })
    }

    /// The package type, lower-case (`npm`, `maven`, `deb`…).
    pub fn ty(&self) -> &str {
        &self.ty
    }

    /// The decoded namespace; segments are joined with `/`.
    pub fn namespace(&self) -> Option<&str> {
        self.namespace.as_deref()
    }

    /// The decoded name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The decoded version.
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// The qualifiers, decoded, keys lower-case and sorted.
    pub fn qualifiers(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.qualifiers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// One qualifier's decoded value; the key is matched case-insensitively.
    pub fn qualifier(&self, key: &str) -> Option<&str> {
        self.qualifiers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// The decoded subpath, segments joined with `/`.
    pub fn subpath(&self) -> Option<&str> {
        self.subpath.as_deref()
    }

    /// The same package URL without its version.
    pub fn without_version(&self) -> Purl {
        Purl {
            version: None,
            ..self.clone()
        }
    }

    /// The same package URL with another version (or none).
    pub fn with_version(&self, version: Option<&str>) -> Result<Purl, PurlError> {
        let mut b = self.to_builder();
        b.version = version.map(str::to_owned);
        b.build()
    }

    /// A builder holding this package URL's parts, to change some of them.
    pub fn to_builder(&self) -> PurlBuilder {
        PurlBuilder {
            ty: self.ty.clone(),
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            version: self.version.clone(),
            qualifiers: self.qualifiers.clone(),
            subpath: self.subpath.clone(),
        }
    }
}

impl fmt::Display for Purl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("pkg:")?;
        f.write_str(&self.ty)?;
        f.write_str("/")?;
        if let Some(ns) = &self.namespace {
            for seg in ns.split('/') {
                encode_into(f, seg)?;
                f.write_str("/")?;
            }
        }
        if self.ty == "git" {
            for (i, seg) in self.name.split('/').enumerate() {
                if i > 0 {
                    f.write_str("/")?;
                }
                encode_into(f, seg)?;
            }
        } else {
            encode_into(f, &self.name)?;
        }
        if let Some(v) = &self.version {
            f.write_str("@")?;
            encode_into(f, v)?;
        }
        for (i, (k, v)) in self.qualifiers.iter().enumerate() {
            f.write_str(if i == 0 { "?" } else { "&" })?;
            f.write_str(k)?;
            f.write_str("=")?;
            encode_into(f, v)?;
        }
        if let Some(s) = &self.subpath {
            f.write_str("#")?;
            for (i, seg) in s.split('/').enumerate() {
                if i > 0 {
                    f.write_str("/")?;
                }
                encode_into(f, seg)?;
            }
        }
        Ok(())
    }
}

impl FromStr for Purl {
    type Err = PurlError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Purl::parse(s)
    }
}

/// Collects decoded parts of a package URL; [`PurlBuilder::build`] checks
/// them and brings them to canonical form.
///
/// ```
/// use mamori_purl::Purl;
/// let p = Purl::new("npm", "animation")
///     .with_namespace("@angular")
///     .with_version("12.3.1")
///     .build()
///     .unwrap();
/// assert_eq!(p.to_string(), "pkg:npm/%40angular/animation@12.3.1");
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct PurlBuilder {
    ty: String,
    namespace: Option<String>,
    name: String,
    version: Option<String>,
    qualifiers: Vec<(String, String)>,
    subpath: Option<String>,
}

impl PurlBuilder {
    /// Sets the decoded namespace (segments separated by `/`).
    pub fn with_namespace(mut self, namespace: impl Into<String>) -> Self {
        self.namespace = Some(namespace.into());
        self
    }

    /// Sets the decoded version.
    pub fn with_version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Adds a qualifier; an empty value is dropped, as the specification says.
    pub fn with_qualifier(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.qualifiers.push((key.into(), value.into()));
        self
    }

    /// Sets the decoded subpath (segments separated by `/`).
    pub fn with_subpath(mut self, subpath: impl Into<String>) -> Self {
        self.subpath = Some(subpath.into());
        self
    }

    /// Checks the parts and returns the canonical package URL.
    pub fn build(self) -> Result<Purl, PurlError> {
        let ty = validate_type(&self.ty)?;
        let namespace = match &self.namespace {
            Some(ns) => join_segments(ns.split('/'), Component::Namespace, false, false)?,
            None => None,
        };
        if self.name.is_empty() {
            return Err(PurlError::MissingName);
        }
        // A git name is a path; other names are one opaque string.
        let name = if ty == "git" {
            join_segments(self.name.split('/'), Component::Name, false, false)?
                .ok_or(PurlError::MissingName)?
        } else {
            self.name
        };
        let version = self.version.filter(|v| !v.is_empty());
        let mut qualifiers = Vec::with_capacity(self.qualifiers.len());
        for (k, v) in self.qualifiers {
            let key = validate_key(&k)?;
            if !v.is_empty() {
                qualifiers.push((key, v));
            }
        }
        finish_qualifiers(&mut qualifiers)?;
        let subpath = match &self.subpath {
            Some(s) => join_segments(s.split('/'), Component::Subpath, false, true)?,
            None => None,
        };
        Purl::finish(ty, namespace, name, version, qualifiers, subpath)
    }
}
