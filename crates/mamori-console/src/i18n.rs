//! The console's two languages: choosing one for a request, and looking messages up in the catalog.
//!
//! The catalog is `messages.tsv` (key, English, Japanese; one message a line), embedded at build
//! time so translators can edit a plain table without touching code. A placeholder `{0}` in a
//! message is replaced by [`Lang::t1`]'s argument.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The catalog: `key<TAB>en<TAB>ja` per line; `#` lines and blank lines are skipped.
pub(crate) const CATALOG: &str = include_str!("../messages.tsv");

/// A language the console speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English (the default when nothing says otherwise).
    #[default]
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The BCP 47 tag, for `<html lang>` and the language preference stored for a user.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// Reads a language tag (`ja`, `ja-JP`, `EN-us`, …); `None` for a language the console lacks.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("ja") {
            Some(Lang::Ja)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Chooses the language of a page: the user's stored preference when it names a language the
    /// console has, else the browser's `Accept-Language` (highest q-value wins, earlier wins ties,
    /// `q=0` excludes), else English.
    pub fn negotiate(accept_language: Option<&str>, user_pref: Option<&str>) -> Lang {
        if let Some(lang) = user_pref.and_then(Lang::parse) {
            return lang;
        }
        let Some(header) = accept_language else {
            return Lang::default();
        };
        let mut best: Option<(u16, Lang)> = None;
        for item in header.split(',').take(32) {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let mut q = 1000u16;
            for param in parts {
                if let Some((name, value)) = param.split_once('=')
                    && name.trim().eq_ignore_ascii_case("q")
                {
                    q = parse_qvalue(value.trim()).unwrap_or(0);
                }
            }
            let lang = if tag == "*" {
                Some(Lang::default())
            } else {
                Lang::parse(tag)
            };
            if let Some(lang) = lang
                && q > 0
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map_or_else(Lang::default, |(_, lang)| lang)
    }

    /// The message for `key` in this language; the key itself when the catalog lacks it (a test
    /// checks every key the templates use is there, so this shows up in review, not in production).
    pub fn t(self, key: &str) -> &str {
        match catalog().get(key) {
            Some(&(en, ja)) => match self {
                Lang::En => en,
                Lang::Ja => ja,
            },
            None => key,
        }
    }

    /// The message for `key` with its `{0}` replaced by `arg`.
    pub fn t1(self, key: &str, arg: impl std::fmt::Display) -> String {
        self.t(key).replace("{0}", &arg.to_string())
    }
}

/// A q-value as thousandths (`1` → 1000, `0.5` → 500); `None` when malformed.
fn parse_qvalue(s: &str) -> Option<u16> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u16 = match int {
        "0" => 0,
        "1" => 1,
        _ => return None,
    };
    let mut thousandths = 0u16;
    for (i, b) in frac.bytes().enumerate() {
        thousandths += u16::from(b - b'0') * [100, 10, 1][i];
    }
    let q = whole * 1000 + thousandths;
    (q <= 1000).then_some(q)
}

/// The parsed catalog; entries are borrowed from the embedded text, so they live for `'static`.
pub(crate) fn catalog() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static MAP: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    MAP.get_or_init(|| {
        catalog_entries()
            .map(|(key, en, ja)| (key, (en, ja)))
            .collect()
    })
}

/// The catalog's lines as `(key, en, ja)`; a missing column reads as empty (the tests catch it).
pub(crate) fn catalog_entries() -> impl Iterator<Item = (&'static str, &'static str, &'static str)>
{
    CATALOG
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut cols = l.split('\t');
            let key = cols.next().unwrap_or("");
            let en = cols.next().unwrap_or("");
            let ja = cols.next().unwrap_or("");
            (key, en, ja)
        })
}
