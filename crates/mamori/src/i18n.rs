//! Japanese and English for messages meant for people; JSON output is never translated.

/// The language of messages for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// `--lang`, else `MAMORI_LANG`, else `LANG` / `LC_ALL` / `LC_MESSAGES` starting with `ja`, else English.
    pub fn detect(flag: Option<&str>) -> Lang {
        let from = |s: &str| {
            if s.to_ascii_lowercase().starts_with("ja") {
                Some(Lang::Ja)
            } else if s.is_empty() {
                None
            } else {
                Some(Lang::En)
            }
        };
        if let Some(l) = flag.and_then(from) {
            return l;
        }
        for var in ["MAMORI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(l) = std::env::var(var).ok().as_deref().and_then(from) {
                return l;
            }
        }
        Lang::En
    }

    /// Picks the English or Japanese text.
    pub fn pick<'a>(self, en: &'a str, ja: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Ja => ja,
        }
    }
}
