//! Form definitions: sections of questions with ids, bilingual texts and the answers each allows, read from TOML.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::{Answer, DisclosureError};

const MDS2: &str = include_str!("../forms/mds2.toml");
const MDS_SDS: &str = include_str!("../forms/mds-sds.toml");

// Limits that keep a user-supplied form from becoming a very large workbook by accident.
const MAX_ITEMS: usize = 5_000;
const MAX_TEXT_CHARS: usize = 4_000;

/// One question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    id: String,
    text_en: String,
    text_ja: String,
    required: bool,
    answers: Vec<Answer>,
}

impl Item {
    /// The question id (`MPII-1`, `6.5-3`), unique in its form.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The English text.
    pub fn text_en(&self) -> &str {
        &self.text_en
    }

    /// The Japanese text (the English one when the form gives none).
    pub fn text_ja(&self) -> &str {
        if self.text_ja.is_empty() {
            &self.text_en
        } else {
            &self.text_ja
        }
    }

    /// Whether a complete document must answer it.
    pub fn required(&self) -> bool {
        self.required
    }

    /// The answers it allows.
    pub fn answers(&self) -> &[Answer] {
        &self.answers
    }
}

/// A titled group of questions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    id: String,
    title_en: String,
    title_ja: String,
    items: Vec<Item>,
}

impl Section {
    /// The section's id (`MPII`, `6.5`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// English title.
    pub fn title_en(&self) -> &str {
        &self.title_en
    }

    /// Japanese title.
    pub fn title_ja(&self) -> &str {
        &self.title_ja
    }

    /// Its questions in form order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }
}

/// A questionnaire: identity, version, and sections of items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    id: String,
    version: String,
    title_en: String,
    title_ja: String,
    sheet: String,
    confirmed: bool,
    source_note: String,
    sections: Vec<Section>,
}

impl Form {
    /// Reads and checks a form definition (the layout of the files under `forms/`).
    pub fn from_toml(text: &str) -> Result<Form, DisclosureError> {
        let raw: RawForm =
            toml::from_str(text).map_err(|e| DisclosureError::FormSyntax(e.to_string()))?;
        raw.check()
    }

    /// The built-in MDS2 (ANSI/NEMA HN 1-2019) definition.
    pub fn mds2() -> Form {
        // The embedded file is checked by this crate's tests; a broken edit fails them.
        Form::from_toml(MDS2).unwrap_or_else(|e| panic!("built-in mds2.toml: {e}"))
    }

    /// The built-in JAHIS/JIRA MDS/SDS definition.
    pub fn mds_sds() -> Form {
        Form::from_toml(MDS_SDS).unwrap_or_else(|e| panic!("built-in mds-sds.toml: {e}"))
    }

    /// The form's id (`mds2`, `mds-sds`): what documents are stored under.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The form's version (`HN 1-2019`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// English title.
    pub fn title_en(&self) -> &str {
        &self.title_en
    }

    /// Japanese title.
    pub fn title_ja(&self) -> &str {
        &self.title_ja
    }

    /// The workbook's sheet name (at most 31 characters).
    pub fn sheet(&self) -> &str {
        &self.sheet
    }

    /// Whether the item list was checked against the official publication.
    pub fn confirmed(&self) -> bool {
        self.confirmed
    }

    /// Where the item list comes from and how far it can be trusted.
    pub fn source_note(&self) -> &str {
        &self.source_note
    }

    /// Sections in form order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Every item in form order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }
}

/// The built-in forms.
pub fn builtin_forms() -> Vec<Form> {
    vec![Form::mds2(), Form::mds_sds()]
}

/// The built-in form with this id.
pub fn builtin(id: &str) -> Option<Form> {
    match id {
        "mds2" => Some(Form::mds2()),
        "mds-sds" => Some(Form::mds_sds()),
        _ => None,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForm {
    form: RawHead,
    #[serde(default)]
    sections: Vec<RawSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHead {
    id: String,
    version: String,
    title_en: String,
    title_ja: String,
    sheet: String,
    confirmed: bool,
    #[serde(default)]
    source_note: String,
    answers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: String,
    title_en: String,
    title_ja: String,
    #[serde(default)]
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    en: String,
    #[serde(default)]
    ja: String,
    #[serde(default = "yes")]
    required: bool,
    answers: Option<Vec<String>>,
}

fn yes() -> bool {
    true
}

impl RawForm {
    fn check(self) -> Result<Form, DisclosureError> {
        let h = self.form;
        let form_id = h.id.trim().to_owned();
        let bad = |reason: String| DisclosureError::FormInvalid {
            form: if form_id.is_empty() {
                "?".into()
            } else {
                form_id.clone()
            },
            reason,
        };
        if form_id.is_empty()
            || !form_id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(bad(format!(
                "form id {:?} must be lower-case letters, digits and '-'",
                h.id
            )));
        }
        let sheet = h.sheet.trim().to_owned();
        // Excel's own limits on a sheet name.
        if sheet.is_empty()
            || sheet.chars().count() > 31
            || sheet.contains(['[', ']', ':', '*', '?', '/', '\\'])
        {
            return Err(bad(format!(
                "sheet name {:?} must be 1 to 31 characters without []:*?/\\",
                h.sheet
            )));
        }
        let default_answers = parse_answers(&h.answers).map_err(&bad)?;
        let mut seen_sections = BTreeSet::new();
        let mut seen_items = BTreeSet::new();
        let mut sections = Vec::with_capacity(self.sections.len());
        for s in self.sections {
            let sid = s.id.trim().to_owned();
            if sid.is_empty() || !seen_sections.insert(sid.clone()) {
                return Err(bad(format!("section id {:?} is empty or repeated", s.id)));
            }
            text(&s.title_en, &format!("section {sid} title_en")).map_err(&bad)?;
            text(&s.title_ja, &format!("section {sid} title_ja")).map_err(&bad)?;
            let mut items = Vec::with_capacity(s.items.len());
            for i in s.items {
                let iid = i.id.trim().to_owned();
                if iid.is_empty() || iid.chars().any(char::is_whitespace) {
                    return Err(bad(format!(
                        "item id {:?} in section {sid} is empty or has spaces",
                        i.id
                    )));
                }
                if !seen_items.insert(iid.clone()) {
                    return Err(bad(format!("item id {iid} is repeated")));
                }
                if seen_items.len() > MAX_ITEMS {
                    return Err(bad(format!("more than {MAX_ITEMS} items")));
                }
                text(&i.en, &format!("item {iid} en")).map_err(&bad)?;
                if i.ja.chars().count() > MAX_TEXT_CHARS {
                    return Err(bad(format!("item {iid} ja is too long")));
                }
                let answers = match &i.answers {
                    Some(a) => parse_answers(a).map_err(|r| bad(format!("item {iid}: {r}")))?,
                    None => default_answers.clone(),
                };
                items.push(Item {
                    id: iid,
                    text_en: i.en.trim().to_owned(),
                    text_ja: i.ja.trim().to_owned(),
                    required: i.required,
                    answers,
                });
            }
            sections.push(Section {
                id: sid,
                title_en: s.title_en.trim().to_owned(),
                title_ja: s.title_ja.trim().to_owned(),
                items,
            });
        }
        if seen_items.is_empty() {
            return Err(bad("the form has no items".into()));
        }
        text(&h.title_en, "title_en").map_err(&bad)?;
        text(&h.title_ja, "title_ja").map_err(&bad)?;
        Ok(Form {
            id: form_id.clone(),
            version: h.version.trim().to_owned(),
            title_en: h.title_en.trim().to_owned(),
            title_ja: h.title_ja.trim().to_owned(),
            sheet,
            confirmed: h.confirmed,
            source_note: h.source_note.trim().to_owned(),
            sections,
        })
    }
}

fn text(s: &str, what: &str) -> Result<(), String> {
    if s.trim().is_empty() {
        return Err(format!("{what} is empty"));
    }
    if s.chars().count() > MAX_TEXT_CHARS {
        return Err(format!("{what} is longer than {MAX_TEXT_CHARS} characters"));
    }
    Ok(())
}

fn parse_answers(words: &[String]) -> Result<Vec<Answer>, String> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        let a = Answer::parse(w).map_err(|e| e.to_string())?;
        if !out.contains(&a) {
            out.push(a);
        }
    }
    if out.is_empty() {
        return Err("an item must allow at least one answer".into());
    }
    Ok(out)
}
