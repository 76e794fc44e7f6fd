//! The one error type of this crate: why a vector string was rejected.

use crate::CvssVersion;

/// Longest piece of input quoted back in an error, so a huge bogus string does not make a huge message.
const QUOTE_LIMIT: usize = 40;

/// A vector string that is not a valid CVSS vector, or a metric that does not belong to a vector.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CvssError {
    /// The input was empty.
    #[error("empty cvss vector")]
    Empty,
    /// The input starts or ends with whitespace; callers trim before parsing if they want that.
    #[error("cvss vector has leading or trailing whitespace")]
    Whitespace,
    /// A `CVSS:x.y/` prefix names a version this crate does not know (or 2.0, which has no prefix).
    #[error(
        "unsupported cvss version `{version}` (expected `CVSS:3.0/`, `CVSS:3.1/`, `CVSS:4.0/` or a bare cvss 2.0 vector)"
    )]
    UnsupportedVersion {
        /// What stood between `CVSS:` and the first `/`.
        version: String,
    },
    /// The vector looks like 3.x or 4.0 but lacks the mandatory `CVSS:3.x/` or `CVSS:4.0/` prefix.
    #[error(
        "cvss vector lacks the `CVSS:3.1/` (or `CVSS:3.0/`, `CVSS:4.0/`) prefix: metric `{metric}` is not a cvss 2.0 metric"
    )]
    MissingPrefix {
        /// The first metric that is not a 2.0 metric.
        metric: String,
    },
    /// A 2.0 vector opened a parenthesis without closing it (or the reverse).
    #[error("unbalanced parentheses around cvss 2.0 vector")]
    UnbalancedParentheses,
    /// A `/`-separated part is not `NAME:VALUE`.
    #[error("malformed metric `{component}` in cvss {version} vector (expected NAME:VALUE)")]
    Malformed {
        /// The vector's version.
        version: CvssVersion,
        /// The offending part (shortened).
        component: String,
    },
    /// A metric name that the version does not define.
    #[error("unknown metric `{metric}` in cvss {version} vector")]
    UnknownMetric {
        /// The vector's version.
        version: CvssVersion,
        /// The unknown name (shortened).
        metric: String,
    },
    /// A value that the metric does not allow.
    #[error("invalid value `{value}` for metric `{metric}` in cvss {version} vector (expected one of {})", .allowed.join(", "))]
    InvalidValue {
        /// The vector's version.
        version: CvssVersion,
        /// The metric.
        metric: &'static str,
        /// The rejected value (shortened).
        value: String,
        /// The values the metric allows.
        allowed: &'static [&'static str],
    },
    /// The same metric appears twice.
    #[error("duplicate metric `{metric}` in cvss {version} vector")]
    Duplicate {
        /// The vector's version.
        version: CvssVersion,
        /// The repeated metric.
        metric: &'static str,
    },
    /// Metrics out of the order the specification prescribes (2.0 and 4.0; 3.x allows any order).
    #[error("metric `{metric}` must come before `{after}` in cvss {version} vector")]
    OutOfOrder {
        /// The vector's version.
        version: CvssVersion,
        /// The metric that came too late.
        metric: &'static str,
        /// The metric it came after.
        after: &'static str,
    },
    /// A mandatory base metric is absent.
    #[error("missing base metric `{metric}` in cvss {version} vector")]
    Missing {
        /// The vector's version.
        version: CvssVersion,
        /// The absent metric.
        metric: &'static str,
    },
}

/// Shortens input quoted in an error at a char boundary.
pub(crate) fn quote(s: &str) -> String {
    match s.char_indices().nth(QUOTE_LIMIT) {
        Some((end, _)) => format!("{}…", &s[..end]),
        None => s.to_owned(),
    }
}
