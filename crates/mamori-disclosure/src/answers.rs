//! Answers to a form (per item: yes / no / N/A / see note, and a note) and their validation against it.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{DisclosureError, Form};

// A note longer than this is a document pasted into a cell, not a note.
const MAX_NOTE_CHARS: usize = 8_000;

/// One answer word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Answer {
    /// Yes.
    Yes,
    /// No.
    No,
    /// Not applicable.
    NotApplicable,
    /// The note answers.
    SeeNote,
}

impl Answer {
    /// Every answer, in the order the forms list them.
    pub const ALL: [Answer; 4] = [
        Answer::Yes,
        Answer::No,
        Answer::NotApplicable,
        Answer::SeeNote,
    ];

    /// The stored word: `yes`, `no`, `n/a`, `see_note`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::NotApplicable => "n/a",
            Answer::SeeNote => "see_note",
        }
    }

    /// Reads a word, forgiving case, spaces and the ways forms write them (`Yes`, `N/A`, `NA`,
    /// `See Note`, `see-note`).
    pub fn parse(s: &str) -> Result<Answer, DisclosureError> {
        let k: String = s
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-' | '/'))
            .flat_map(char::to_lowercase)
            .collect();
        match k.as_str() {
            "yes" | "y" => Ok(Answer::Yes),
            "no" | "n" => Ok(Answer::No),
            "na" | "notapplicable" => Ok(Answer::NotApplicable),
            "seenote" | "note" => Ok(Answer::SeeNote),
            _ => Err(DisclosureError::UnknownAnswer(s.to_owned())),
        }
    }

    /// How the English form prints it.
    pub const fn label_en(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::No => "No",
            Answer::NotApplicable => "N/A",
            Answer::SeeNote => "See Note",
        }
    }

    /// How the Japanese form prints it.
    pub const fn label_ja(self) -> &'static str {
        match self {
            Answer::Yes => "はい",
            Answer::No => "いいえ",
            Answer::NotApplicable => "該当なし",
            Answer::SeeNote => "備考参照",
        }
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Answer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Answer, D::Error> {
        let s = String::deserialize(d)?;
        Answer::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// One item's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemAnswer {
    /// The answer.
    pub answer: Answer,
    /// A note (may be empty; needed for "see note").
    #[serde(default)]
    pub note: String,
}

/// A document's answers by item id. As JSON: `{"MPII-1": {"answer": "yes", "note": "…"}, …}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers {
    /// Answers by item id.
    pub items: BTreeMap<String, ItemAnswer>,
}

impl Answers {
    /// Reads answers from JSON text.
    pub fn from_json(text: &str) -> Result<Answers, DisclosureError> {
        serde_json::from_str(text).map_err(|e| DisclosureError::AnswersSyntax(e.to_string()))
    }

    /// Reads answers from a JSON value.
    pub fn from_value(v: serde_json::Value) -> Result<Answers, DisclosureError> {
        serde_json::from_value(v).map_err(|e| DisclosureError::AnswersSyntax(e.to_string()))
    }

    /// The JSON text (keys in id order, so equal answers give equal text).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// The answer to an item.
    pub fn get(&self, id: &str) -> Option<&ItemAnswer> {
        self.items.get(id)
    }

    /// Sets an item's answer.
    pub fn set(&mut self, id: &str, answer: Answer, note: &str) {
        self.items.insert(
            id.to_owned(),
            ItemAnswer {
                answer,
                note: note.to_owned(),
            },
        );
    }
}

/// Why answers do not fit their form; each names the item.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    /// The form has no such item.
    #[error("{id}: no such item in the form")]
    UnknownItem {
        /// Item id.
        id: String,
    },
    /// The item does not allow this answer.
    #[error("{id}: answer {answer} is not allowed here")]
    NotAllowed {
        /// Item id.
        id: String,
        /// The answer given.
        answer: Answer,
    },
    /// A required item has no answer.
    #[error("{id}: required item has no answer")]
    Missing {
        /// Item id.
        id: String,
    },
    /// "See note" with an empty note.
    #[error("{id}: \"see note\" needs a note")]
    NoteMissing {
        /// Item id.
        id: String,
    },
    /// The note is too long.
    #[error("{id}: note is longer than {MAX_NOTE_CHARS} characters")]
    NoteTooLong {
        /// Item id.
        id: String,
    },
}

impl ValidationError {
    /// The item the error is about.
    pub fn item(&self) -> &str {
        match self {
            ValidationError::UnknownItem { id }
            | ValidationError::NotAllowed { id, .. }
            | ValidationError::Missing { id }
            | ValidationError::NoteMissing { id }
            | ValidationError::NoteTooLong { id } => id,
        }
    }
}

/// Checks answers against their form: every error, in form order (unknown items last, by id).
/// With `complete` false a draft may leave required items unanswered.
pub fn validate(form: &Form, answers: &Answers, complete: bool) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    for item in form.items() {
        match answers.get(item.id()) {
            None if complete && item.required() => errors.push(ValidationError::Missing {
                id: item.id().to_owned(),
            }),
            None => {}
            Some(a) => {
                if !item.answers().contains(&a.answer) {
                    errors.push(ValidationError::NotAllowed {
                        id: item.id().to_owned(),
                        answer: a.answer,
                    });
                }
                if a.answer == Answer::SeeNote && a.note.trim().is_empty() {
                    errors.push(ValidationError::NoteMissing {
                        id: item.id().to_owned(),
                    });
                }
                if a.note.chars().count() > MAX_NOTE_CHARS {
                    errors.push(ValidationError::NoteTooLong {
                        id: item.id().to_owned(),
                    });
                }
            }
        }
    }
    for id in answers.items.keys() {
        if form.item(id).is_none() {
            errors.push(ValidationError::UnknownItem { id: id.clone() });
        }
    }
    errors
}
