//! A JSON tree that borrows from the input: what the JSON readers validate and lift the
//! model from.
//!
//! `serde_json::Value` allocates every key and string and gives every object a hash
//! index; for a 50,000-component SBOM that is millions of small allocations made and
//! freed again, most of the reading time. Here strings without escapes point into the
//! input and an object is a vector of pairs (objects in SBOMs have a handful of keys, so
//! a scan beats hashing). Syntax errors, their positions and the nesting limit stay
//! serde_json's.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

/// A JSON value; strings borrow from the input where they can.
#[derive(Clone, Debug)]
pub(crate) enum Value<'a> {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(Cow<'a, str>),
    // Boxed slices rather than vectors: a container never grows once read, and without
    // a capacity field a value is 24 bytes instead of 32.
    Array(Box<[Value<'a>]>),
    Object(Map<'a>),
}

/// A JSON object: its members in document order. A repeated key keeps the first
/// position and the last value, as `serde_json::Map` with `preserve_order` does.
#[derive(Clone, Debug, Default)]
pub(crate) struct Map<'a> {
    entries: Box<[(Cow<'a, str>, Value<'a>)]>,
}

/// Parses `bytes` as one JSON document.
pub(crate) fn from_slice(bytes: &[u8]) -> Result<Value<'_>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut scratch = Scratch::default();
    let value = ValueSeed {
        scratch: &mut scratch,
    }
    .deserialize(&mut de)?;
    // As `serde_json::from_slice` does: only white space may follow the value.
    de.end()?;
    Ok(value)
}

impl<'a> Value<'a> {
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub(crate) fn as_array(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    pub(crate) fn as_object(&self) -> Option<&Map<'a>> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    pub(crate) fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }
    pub(crate) fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }
    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }
    /// The member `key` of an object.
    pub(crate) fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.as_object()?.get(key)
    }
}

impl PartialEq for Value<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => a == b,
            _ => false,
        }
    }
}

impl<'a> Map<'a> {
    pub(crate) fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.entries.iter().map(|(k, v)| (k.as_ref(), v))
    }
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
    /// An object of one member.
    pub(crate) fn one(key: Cow<'a, str>, value: Value<'a>) -> Self {
        Map {
            entries: Box::new([(key, value)]),
        }
    }
    /// The members in key order, for comparing large objects without a quadratic scan.
    fn sorted(&self) -> Vec<&(Cow<'a, str>, Value<'a>)> {
        let mut v: Vec<_> = self.entries.iter().collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }
}

impl<'a> IntoIterator for Map<'a> {
    type Item = (Cow<'a, str>, Value<'a>);
    type IntoIter = std::vec::IntoIter<(Cow<'a, str>, Value<'a>)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_vec().into_iter()
    }
}

/// Member order does not make two objects different.
impl PartialEq for Map<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.len() != other.len() {
            return false;
        }
        if self.len() <= SMALL {
            return self.iter().all(|(k, v)| other.get(k) == Some(v));
        }
        self.sorted() == other.sorted()
    }
}

/// Objects up to this many members are searched by scanning.
const SMALL: usize = 16;

/// Where the members of the arrays and objects being read wait until their container
/// is complete. JSON gives no lengths up front, so a vector per container would grow by
/// doubling and keep up to half its room empty (a 50,000-component SBOM has half a
/// million small containers); here one stack per thread grows instead, and each
/// container is moved off it into a vector of exactly its size. Nested containers are
/// finished before their parent, so a parent's members stay contiguous on the stack.
#[derive(Default)]
struct Scratch<'de> {
    values: Vec<Value<'de>>,
    entries: Vec<(Cow<'de, str>, Value<'de>)>,
}

struct ValueSeed<'s, 'de> {
    scratch: &'s mut Scratch<'de>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, 'de> {
    type Value = Value<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, 'de> {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Value::String(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Value::String(Cow::Owned(s.to_owned())))
    }
    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Value::String(Cow::Owned(s)))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let start = self.scratch.values.len();
        while let Some(v) = seq.next_element_seed(ValueSeed {
            scratch: &mut *self.scratch,
        })? {
            self.scratch.values.push(v);
        }
        Ok(Value::Array(self.scratch.values.drain(start..).collect()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let start = self.scratch.entries.len();
        // Only a large object gets an index, so a hostile object with a million keys
        // is not checked for repeats by scanning.
        let mut index: Option<HashMap<String, usize>> = None;
        while let Some(Key(k)) = map.next_key_seed(KeySeed)? {
            let v = map.next_value_seed(ValueSeed {
                scratch: &mut *self.scratch,
            })?;
            let entries = &mut self.scratch.entries;
            let found = match &mut index {
                Some(ix) => ix.get(k.as_ref()).copied(),
                None => entries[start..].iter().position(|(e, _)| *e == k),
            };
            match found {
                Some(i) => entries[start + i].1 = v,
                None => {
                    let members = entries.len() - start;
                    if let Some(ix) = &mut index {
                        ix.insert(k.to_string(), members);
                    }
                    entries.push((k, v));
                    if index.is_none() && members + 1 > SMALL {
                        index = Some(
                            entries[start..]
                                .iter()
                                .enumerate()
                                .map(|(i, (k, _))| (k.to_string(), i))
                                .collect(),
                        );
                    }
                }
            }
        }
        Ok(Value::Object(Map {
            entries: self.scratch.entries.drain(start..).collect(),
        }))
    }
}

/// An object key, borrowed when it has no escapes (serde's own `Cow` always copies).
struct Key<'a>(Cow<'a, str>);
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'de>, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(s)))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s.to_owned())))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_serde_json() {
        let text = r#"{"a":1,"b":[true,null,"x\ny",-2,1.5],"a":{"z":"q","y":2},"c":"plain"}"#;
        let v = from_slice(text.as_bytes()).unwrap();
        let m = v.as_object().unwrap();
        // A repeated key keeps its first place and its last value.
        assert_eq!(
            m.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert_eq!(
            v.get("a").and_then(|a| a.get("y")).and_then(Value::as_u64),
            Some(2)
        );
        assert!(matches!(
            v.get("c"),
            Some(Value::String(Cow::Borrowed("plain")))
        ));
        let b = v.get("b").and_then(Value::as_array).unwrap();
        assert_eq!(b[2].as_str(), Some("x\ny"));
        assert_eq!(b[4].as_f64(), Some(1.5));
        let other =
            from_slice(br#"{"c":"plain","a":{"y":2,"z":"q"},"b":[true,null,"x\ny",-2,1.5]}"#)
                .unwrap();
        assert_eq!(v, other);
        assert!(from_slice(b"{\"a\":").unwrap_err().is_eof());
    }

    #[test]
    fn large_objects_compare_and_dedupe() {
        let keys: Vec<String> = (0..100).map(|i| format!("\"k{i}\":{i}")).collect();
        let forward = format!("{{{},\"k3\":-1}}", keys.join(","));
        let backward: Vec<String> = keys.iter().rev().cloned().collect();
        let backward = format!("{{\"k3\":-1,{}}}", backward.join(","));
        let a = from_slice(forward.as_bytes()).unwrap();
        let b = from_slice(backward.as_bytes()).unwrap();
        assert_eq!(a.as_object().unwrap().len(), 100);
        assert_eq!(a.get("k3").and_then(|v| v.as_f64()), Some(-1.0));
        // `backward` sets k3 to -1 first and to 3 after.
        assert_ne!(a, b);
        assert_eq!(b.get("k3").and_then(Value::as_u64), Some(3));
    }
}
