//! A finding's stored object, kept as the JSON text it is stored as and parsed only when read.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

/// The finding object as `mamori scan` prints it. A page of findings sent by the API copies
/// its text into the answer and never builds the tree: parsing every row into a
/// [`Value`] and writing it out again was most of a findings page's CPU (issue 8). Read
/// through `Deref`, it is parsed once, on first use.
#[derive(Clone)]
pub struct Detail {
    text: Box<str>,
    value: OnceLock<Value>,
}

impl Detail {
    /// Stored text, checked to be JSON now so that a damaged row is an error where it is
    /// read, not a silent null later. The check builds nothing.
    pub(crate) fn from_stored(text: String) -> Result<Detail, serde_json::Error> {
        serde_json::from_str::<IgnoredAny>(&text)?;
        Ok(Detail {
            text: text.into_boxed_str(),
            value: OnceLock::new(),
        })
    }

    /// The parsed object, without a copy when it was parsed already.
    pub fn into_value(self) -> Value {
        match self.value.into_inner() {
            Some(v) => v,
            None => parse(&self.text),
        }
    }

    /// The object's members in their stored order, each value as its text; `None` when the
    /// detail is not an object.
    pub(crate) fn members(&self) -> Option<Vec<(Cow<'_, str>, &RawValue)>> {
        serde_json::from_str::<Members<'_>>(&self.text)
            .ok()
            .map(|m| m.0)
    }
}

/// Checked by [`Detail::from_stored`] or written by `serde_json`, so it parses.
fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

impl From<Value> for Detail {
    fn from(v: Value) -> Detail {
        Detail {
            text: v.to_string().into_boxed_str(),
            value: OnceLock::from(v),
        }
    }
}

impl Deref for Detail {
    type Target = Value;

    fn deref(&self) -> &Value {
        self.value.get_or_init(|| parse(&self.text))
    }
}

impl PartialEq for Detail {
    fn eq(&self, other: &Detail) -> bool {
        self.text == other.text || **self == **other
    }
}

impl fmt::Debug for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// An object's members, borrowed from its text where no escape forces a copy of a name.
struct Members<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

struct Name<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Name<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Members<'de>, A::Error> {
                let mut out = Vec::with_capacity(m.size_hint().unwrap_or(16));
                while let Some((k, v)) = m.next_entry::<Name<'de>, &'de RawValue>()? {
                    out.push((k.0, v));
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(V)
    }
}
