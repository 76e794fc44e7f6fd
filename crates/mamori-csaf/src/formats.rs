//! String formats and patterns of the CSAF 2.0 schema, hand-written: RFC 3339 date-times, RFC 3986
//! URIs, BCP 47 language tags, CPE 2.2/2.3 names, integer or semantic document versions.

use std::cmp::Ordering;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A parsed RFC 3339 date-time, comparable as an instant.
pub(crate) fn date_time(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// RFC 3986 `URI` (absolute, with a scheme; ASCII only, percent-escapes well formed).
pub(crate) fn is_uri(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let scheme = &s.as_bytes()[..colon];
    let Some((first, rest)) = scheme.split_first() else {
        return false;
    };
    if !first.is_ascii_alphabetic()
        || !rest
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return false;
    }
    let tail = &s.as_bytes()[colon + 1..];
    let mut i = 0;
    while i < tail.len() {
        let b = tail[i];
        if b == b'%' {
            let ok = tail.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && tail.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
            if !ok {
                return false;
            }
            i += 3;
            continue;
        }
        let allowed = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b':'
                    | b'/'
                    | b'?'
                    | b'#'
                    | b'['
                    | b']'
                    | b'@'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
            );
        if !allowed {
            return false;
        }
        i += 1;
    }
    true
}

fn all_alpha(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphabetic())
}
fn all_alnum(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric())
}
fn all_digit(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// The parts of a BCP 47 tag that later tests look at.
#[derive(Debug, Default)]
pub(crate) struct LangTag<'a> {
    /// Primary language subtag (empty for a whole-tag private use or grandfathered tag).
    pub(crate) language: &'a str,
    pub(crate) script: Option<&'a str>,
    pub(crate) region: Option<&'a str>,
    /// The tag is or contains a private use (`x-…`) part.
    pub(crate) private_use: bool,
    /// `i-default` or `i-mingo`.
    pub(crate) grandfathered: bool,
}

/// Parses a language tag with the grammar the schema's `lang_t` allows.
pub(crate) fn lang_tag(s: &str) -> Option<LangTag<'_>> {
    let lower = s.to_ascii_lowercase();
    if lower == "i-default" || lower == "i-mingo" {
        return Some(LangTag {
            grandfathered: true,
            ..LangTag::default()
        });
    }
    let subs: Vec<&str> = s.split('-').collect();
    let sub_ok = |t: &str, min: usize, max: usize| (min..=max).contains(&t.len()) && all_alnum(t);
    if subs[0].eq_ignore_ascii_case("x") {
        return (subs.len() > 1 && subs[1..].iter().all(|t| sub_ok(t, 1, 8))).then(|| LangTag {
            private_use: true,
            ..LangTag::default()
        });
    }
    let mut tag = LangTag::default();
    let mut i = 0;
    let lang = subs[0];
    if !all_alpha(lang) || !(2..=8).contains(&lang.len()) {
        return None;
    }
    tag.language = lang;
    i += 1;
    if lang.len() <= 3 {
        // Up to three extended language subtags.
        let mut n = 0;
        while n < 3 && subs.get(i).is_some_and(|t| t.len() == 3 && all_alpha(t)) {
            i += 1;
            n += 1;
        }
    }
    if let Some(t) = subs.get(i).filter(|t| t.len() == 4 && all_alpha(t)) {
        tag.script = Some(t);
        i += 1;
    }
    if let Some(t) = subs
        .get(i)
        .filter(|t| (t.len() == 2 && all_alpha(t)) || (t.len() == 3 && all_digit(t)))
    {
        tag.region = Some(t);
        i += 1;
    }
    // Variants.
    while let Some(t) = subs.get(i) {
        let variant = ((5..=8).contains(&t.len()) && all_alnum(t))
            || (t.len() == 4 && t.as_bytes()[0].is_ascii_digit() && all_alnum(t));
        if !variant {
            break;
        }
        i += 1;
    }
    // Extensions: a singleton other than x, then one or more 2–8 character subtags.
    while let Some(t) = subs.get(i) {
        if t.len() != 1 || !all_alnum(t) || t.eq_ignore_ascii_case("x") {
            break;
        }
        i += 1;
        let start = i;
        while subs.get(i).is_some_and(|t| sub_ok(t, 2, 8)) {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    if let Some(t) = subs.get(i) {
        if !t.eq_ignore_ascii_case("x") {
            return None;
        }
        i += 1;
        let start = i;
        while subs.get(i).is_some_and(|t| sub_ok(t, 1, 8)) {
            i += 1;
        }
        if i == start {
            return None;
        }
        tag.private_use = true;
    }
    (i == subs.len()).then_some(tag)
}

/// The schema's CPE pattern: a CPE 2.3 formatted string or a CPE 2.2 URI.
pub(crate) fn is_cpe(s: &str) -> bool {
    if s.len() < 5 {
        return false;
    }
    if let Some(rest) = s.strip_prefix("cpe:2.3:") {
        return is_cpe23_tail(rest);
    }
    let b = s.as_bytes();
    if b[0] == b'c'
        && matches!(b[1], b'p' | b'P')
        && matches!(b[2], b'e' | b'E')
        && &b[3..5] == b":/"
    {
        let rest = &s[5..];
        let (part, comps) = match rest.as_bytes().first() {
            Some(c) if b"AHOaho".contains(c) => (1, &rest[1..]),
            _ => (0, rest),
        };
        let _ = part;
        if comps.is_empty() {
            return true;
        }
        let Some(comps) = comps.strip_prefix(':') else {
            return false;
        };
        let parts: Vec<&str> = comps.split(':').collect();
        return parts.len() <= 6
            && parts.iter().all(|p| {
                p.bytes().all(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'~' | b'%')
                })
            });
    }
    false
}

fn is_cpe23_tail(rest: &str) -> bool {
    // Split on unescaped colons.
    let mut comps: Vec<String> = vec![String::new()];
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(n) = chars.next() else { return false };
                let last = comps.last_mut().expect("never empty");
                last.push('\\');
                last.push(n);
            }
            ':' => comps.push(String::new()),
            c => comps.last_mut().expect("never empty").push(c),
        }
    }
    if comps.len() != 11 {
        return false;
    }
    if !matches!(comps[0].as_str(), "a" | "h" | "o" | "*" | "-") {
        return false;
    }
    comps[1..6].iter().all(|c| cpe_avstring(c))
        && cpe_lang(&comps[6])
        && comps[7..].iter().all(|c| cpe_avstring(c))
}

fn cpe_lang(c: &str) -> bool {
    if c == "*" || c == "-" {
        return true;
    }
    let (l, r) = match c.split_once('-') {
        Some((l, r)) => (l, Some(r)),
        None => (c, None),
    };
    (2..=3).contains(&l.len())
        && all_alpha(l)
        && r.is_none_or(|r| (r.len() == 2 && all_alpha(r)) || (r.len() == 3 && all_digit(r)))
}

fn cpe_avstring(c: &str) -> bool {
    if c == "*" || c == "-" {
        return true;
    }
    let b = c.as_bytes();
    // Leading `?`s or a single `*`, then at least one value character, then trailing `?`s or `*`.
    let mut i = 0;
    if b.first() == Some(&b'*') {
        i = 1;
    } else {
        while b.get(i) == Some(&b'?') {
            i += 1;
        }
    }
    let mut end = b.len();
    if end > i && b[end - 1] == b'*' && !(end >= 2 && b[end - 2] == b'\\') {
        end -= 1;
    } else {
        while end > i && b[end - 1] == b'?' && !(end >= 2 && b[end - 2] == b'\\') {
            end -= 1;
        }
    }
    if end <= i {
        return false;
    }
    let mut j = i;
    while j < end {
        match b[j] {
            b'\\' => {
                let Some(n) = b.get(j + 1) else { return false };
                if !b"\\*?!\"#$%&'()+,/:;<=>@[]^`{|}~".contains(n) {
                    return false;
                }
                j += 2;
            }
            c if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_') => j += 1,
            _ => return false,
        }
    }
    j == end
}

/// A document version: integer versioning or semantic versioning 2.0.0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DocVersion<'a> {
    Int(&'a str),
    Sem {
        major: &'a str,
        minor: &'a str,
        patch: &'a str,
        pre: Option<&'a str>,
        build: Option<&'a str>,
    },
}

fn numeric_ident(s: &str) -> bool {
    !s.is_empty() && all_digit(s) && (s == "0" || !s.starts_with('0'))
}

impl<'a> DocVersion<'a> {
    pub(crate) fn parse(s: &'a str) -> Option<Self> {
        if numeric_ident(s) {
            return Some(DocVersion::Int(s));
        }
        let (rest, build) = match s.split_once('+') {
            Some((r, b)) => (r, Some(b)),
            None => (s, None),
        };
        let (core, pre) = match rest.split_once('-') {
            Some((c, p)) => (c, Some(p)),
            None => (rest, None),
        };
        let mut it = core.split('.');
        let (major, minor, patch) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() || ![major, minor, patch].iter().all(|p| numeric_ident(p)) {
            return None;
        }
        if let Some(pre) = pre {
            let ok = pre.split('.').all(|id| {
                !id.is_empty()
                    && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && (!all_digit(id) || numeric_ident(id))
            });
            if !ok {
                return None;
            }
        }
        if let Some(build) = build {
            let ok = build.split('.').all(|id| {
                !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
            if !ok {
                return None;
            }
        }
        Some(DocVersion::Sem {
            major,
            minor,
            patch,
            pre,
            build,
        })
    }

    pub(crate) fn is_int(&self) -> bool {
        matches!(self, DocVersion::Int(_))
    }

    /// The integer version or the semantic major version.
    pub(crate) fn major(&self) -> &'a str {
        match self {
            DocVersion::Int(m) | DocVersion::Sem { major: m, .. } => m,
        }
    }

    pub(crate) fn pre(&self) -> Option<&'a str> {
        match self {
            DocVersion::Int(_) => None,
            DocVersion::Sem { pre, .. } => *pre,
        }
    }

    pub(crate) fn build(&self) -> Option<&'a str> {
        match self {
            DocVersion::Int(_) => None,
            DocVersion::Sem { build, .. } => *build,
        }
    }

    /// `0` or `0.y.z`.
    pub(crate) fn is_zero_major(&self) -> bool {
        self.major() == "0"
    }

    /// Precedence: numbers compared numerically, semantic versions by SemVer rules, build ignored.
    /// An integer and a semantic version compare by their major numbers.
    pub(crate) fn cmp_precedence(&self, other: &Self) -> Ordering {
        use DocVersion::*;
        match (self, other) {
            (Int(a), Int(b)) => cmp_num(a, b),
            (
                Sem {
                    major: a1,
                    minor: a2,
                    patch: a3,
                    pre: ap,
                    ..
                },
                Sem {
                    major: b1,
                    minor: b2,
                    patch: b3,
                    pre: bp,
                    ..
                },
            ) => cmp_num(a1, b1)
                .then(cmp_num(a2, b2))
                .then(cmp_num(a3, b3))
                .then_with(|| cmp_pre(*ap, *bp)),
            (a, b) => cmp_num(a.major(), b.major()),
        }
    }

    /// Equal when the same, ignoring build metadata, and the pre-release part when `ignore_pre`.
    pub(crate) fn same(&self, other: &Self, ignore_pre: bool) -> bool {
        use DocVersion::*;
        match (self, other) {
            (Int(a), Int(b)) => a == b,
            (
                Sem {
                    major: a1,
                    minor: a2,
                    patch: a3,
                    pre: ap,
                    ..
                },
                Sem {
                    major: b1,
                    minor: b2,
                    patch: b3,
                    pre: bp,
                    ..
                },
            ) => a1 == b1 && a2 == b2 && a3 == b3 && (ignore_pre || ap == bp),
            _ => false,
        }
    }
}

/// Compares two canonical decimal numbers of any length.
pub(crate) fn cmp_num(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// SemVer pre-release precedence: a version without pre-release ranks higher.
fn cmp_pre(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) => {
            let mut ia = a.split('.');
            let mut ib = b.split('.');
            loop {
                match (ia.next(), ib.next()) {
                    (None, None) => return Ordering::Equal,
                    (None, Some(_)) => return Ordering::Less,
                    (Some(_), None) => return Ordering::Greater,
                    (Some(x), Some(y)) => {
                        let o = match (all_digit(x), all_digit(y)) {
                            (true, true) => cmp_num(x, y),
                            (true, false) => Ordering::Less,
                            (false, true) => Ordering::Greater,
                            (false, false) => x.cmp(y),
                        };
                        if o != Ordering::Equal {
                            return o;
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        for (s, ok) in [
            ("https://example.com/a?b=c#d", true),
            ("mailto:x@example.com", true),
            ("no-scheme", false),
            ("https://exa mple.com", false),
            ("https://example.com/%zz", false),
            ("1http://x", false),
        ] {
            assert_eq!(is_uri(s), ok, "{s}");
        }
        for (s, ok) in [
            ("en", true),
            ("en-US", true),
            ("zh-Hant-TW", true),
            ("de-CH-1996", true),
            ("i-default", true),
            ("x-private", true),
            ("en-Qabc", true),
            ("en-x-abc", true),
            ("e", false),
            ("en-", false),
            ("123", false),
            ("en-US-x", false),
        ] {
            assert_eq!(lang_tag(s).is_some(), ok, "{s}");
        }
        for (s, ok) in [
            ("cpe:2.3:a:vendor:product:1.0:*:*:*:*:*:*:*", true),
            ("cpe:2.3:a:ven\\:dor:product:1.0:*:*:en-us:*:*:*:*", true),
            ("cpe:2.3:a:vendor:product:1.0:*:*:*:*:*:*", false),
            ("cpe:2.3:x:vendor:product:1.0:*:*:*:*:*:*:*", false),
            ("cpe:/a:vendor:product:1.0", true),
            ("cpe:/", true),
            ("cpe:/a:v:p:1:2:3:4:5", false),
            ("cpe", false),
        ] {
            assert_eq!(is_cpe(s), ok, "{s}");
        }
        for (s, ok) in [
            ("1", true),
            ("0", true),
            ("01", false),
            ("1.0.0", true),
            ("1.0.0-rc.1+build.5", true),
            ("1.0", false),
            ("1.0.0-01", false),
            ("1.0.0+", false),
        ] {
            assert_eq!(DocVersion::parse(s).is_some(), ok, "{s}");
        }
        let v = |s| DocVersion::parse(s).unwrap();
        assert_eq!(v("1.10.0").cmp_precedence(&v("1.9.0")), Ordering::Greater);
        assert_eq!(v("1.0.0-rc").cmp_precedence(&v("1.0.0")), Ordering::Less);
        assert_eq!(v("10").cmp_precedence(&v("9")), Ordering::Greater);
        assert!(date_time("2021-07-21T10:00:00.000Z").is_some());
        assert!(date_time("2021-07-21T10:00:00+02:00").is_some());
        assert!(date_time("2021-07-21").is_none());
    }
}
