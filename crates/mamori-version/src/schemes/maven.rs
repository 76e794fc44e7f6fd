//! Maven versions, ordered as Maven's `ComparableVersion` orders them.
//!
//! The text is lower-cased and split into items at `.`, at `-`, and where
//! digits meet letters. Numbers are numeric items; everything else is a
//! qualifier. A `-`, or a switch between digits and letters, opens a nested
//! list that holds the rest of the version, so the structure is a chain: each
//! list is some items followed by at most one sub-list. Qualifiers order
//! `alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release
//! < sp`, then any other word alphabetically; `a`, `b` and `m` directly
//! followed by a digit mean alpha, beta and milestone. Lists are normalized
//! by dropping trailing "null" items (`0`, `""`, empty lists), and a nested
//! list left empty gives way to the list it holds, which makes
//! `1 == 1.0 == 1-0 == 1.ga` and `1-ga-1 == 1-1`.
//!
//! Comparing against a missing item (the shorter version's padding): a
//! number is greater unless zero, a qualifier is greater if it sorts after
//! `""` (`sp`, unknown words) and smaller otherwise (`alpha`, `snapshot`), a
//! list compares its items in turn (Maven 3.9's rule, MNG-6964; the older
//! rule looked at the first item only and was not transitive). Between kinds,
//! number > list > qualifier.
//!
//! Maven's order is faithfully reproduced, including where it is not a total
//! order: a qualifier that follows `.` is smaller than any sub-list at the
//! same place, whatever the sub-list holds, so `1.sp < 1-alpha < 1 < 1.sp`.
//! Versions written the usual way (qualifiers after `-` or directly after a
//! number, `1.0-beta-2`, `1.0.0.Final`, `1.0-SNAPSHOT`) are not affected.
//!
//! Because the chain of lists is stored flat (segments in order) and compared
//! by loops, hostile inputs with thousands of `-` neither recurse nor
//! overflow the stack. Equality is equality of the normalized structure,
//! which is exactly "compares equal" under these rules, so `Eq`/`Hash` agree
//! with `Ord`.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use super::num::Num;
use crate::{ParseError, Scheme};

/// Rank of the empty qualifier (`""`, `ga`, `final`, `release`): the release itself.
const RELEASE_RANK: u8 = 5;

/// A qualifier: a known one by rank, else the word itself (sorted after all
/// known ones, alphabetically among themselves).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Qualifier {
    Known(u8),
    Other(Box<str>),
}

impl Qualifier {
    fn new(word: &str, followed_by_digit: bool) -> Qualifier {
        let word = match (word, followed_by_digit) {
            ("a", true) => "alpha",
            ("b", true) => "beta",
            ("m", true) => "milestone",
            _ => word,
        };
        let rank = match word {
            "alpha" => 0,
            "beta" => 1,
            "milestone" => 2,
            "rc" | "cr" => 3,
            "snapshot" => 4,
            "" | "ga" | "final" | "release" => RELEASE_RANK,
            "sp" => 6,
            _ => return Qualifier::Other(word.into()),
        };
        Qualifier::Known(rank)
    }

    /// Order against a missing item, i.e. against the empty qualifier.
    fn cmp_missing(&self) -> Ordering {
        match self {
            Qualifier::Known(r) => r.cmp(&RELEASE_RANK),
            Qualifier::Other(_) => Ordering::Greater,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Item {
    Number(Num),
    Qualifier(Qualifier),
}

impl Item {
    fn is_null(&self) -> bool {
        match self {
            Item::Number(n) => n.is_zero(),
            Item::Qualifier(q) => *q == Qualifier::Known(RELEASE_RANK),
        }
    }

    fn cmp_missing(&self) -> Ordering {
        match self {
            Item::Number(n) if n.is_zero() => Ordering::Equal,
            Item::Number(_) => Ordering::Greater,
            Item::Qualifier(q) => q.cmp_missing(),
        }
    }
}

/// One element of a list during comparison.
enum Elem<'a> {
    Item(&'a Item),
    /// The sub-list starting at this segment.
    List(usize),
    Missing,
}

/// A Maven artifact version.
#[derive(Clone, Debug)]
pub struct MavenVersion {
    text: Box<str>,
    /// All items of all segments, in order.
    items: Box<[Item]>,
    /// `starts[k]..starts[k + 1]` are the items of segment `k`; segment
    /// `k + 1` is the sub-list that ends segment `k`.
    starts: Box<[u32]>,
}

impl MavenVersion {
    /// Parses any non-empty text; Maven itself accepts every string.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new(Scheme::Maven, s, reason);
        if s.trim().is_empty() {
            return Err(err("empty version"));
        }
        if s.len() > u32::MAX as usize / 2 {
            return Err(err("too long"));
        }
        let lower = s.to_lowercase();
        let mut segments: Vec<Vec<Item>> = vec![Vec::new()];
        let mut start = 0;
        let mut is_digit = false;
        for (i, c) in lower.char_indices() {
            match c {
                '.' | '-' => {
                    let item = if i == start {
                        Item::Number(Num::Small(0))
                    } else {
                        token(&lower[start..i], is_digit, false)
                    };
                    push(&mut segments, item);
                    start = i + 1;
                    if c == '-' {
                        segments.push(Vec::new());
                    }
                }
                _ if c.is_ascii_digit() => {
                    if !is_digit && i > start {
                        push(&mut segments, token(&lower[start..i], false, true));
                        start = i;
                        segments.push(Vec::new());
                    }
                    is_digit = true;
                }
                _ => {
                    if is_digit && i > start {
                        push(&mut segments, token(&lower[start..i], true, false));
                        start = i;
                        segments.push(Vec::new());
                    }
                    is_digit = false;
                }
            }
        }
        if lower.len() > start {
            push(&mut segments, token(&lower[start..], is_digit, false));
        }

        // Normalize from the innermost list out: trailing nulls go, and an
        // emptied last list goes with them.
        for k in (0..segments.len()).rev() {
            let seg = &mut segments[k];
            while seg.last().is_some_and(Item::is_null) {
                seg.pop();
            }
            // An emptied nested list goes: at the end it is a trailing null,
            // and in the middle (`1-ga-1`) the list it held takes its place,
            // so `1-ga-1 == 1-1` as the order specification's trimming "at
            // each remaining hyphen" requires.
            if seg.is_empty() && k > 0 {
                segments.remove(k);
            }
        }

        let mut items = Vec::with_capacity(segments.iter().map(Vec::len).sum());
        let mut starts = Vec::with_capacity(segments.len() + 1);
        for seg in segments {
            // Bounded by the length check above.
            starts.push(items.len() as u32);
            items.extend(seg);
        }
        starts.push(items.len() as u32);
        Ok(MavenVersion {
            text: s.into(),
            items: items.into_boxed_slice(),
            starts: starts.into_boxed_slice(),
        })
    }

    /// The version as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn segments(&self) -> usize {
        self.starts.len() - 1
    }

    fn segment(&self, k: usize) -> &[Item] {
        let (a, b) = (self.starts[k] as usize, self.starts[k + 1] as usize);
        &self.items[a..b]
    }

    /// Element `j` of the list starting at segment `k`.
    fn elem(&self, k: usize, j: usize) -> Elem<'_> {
        let seg = self.segment(k);
        match seg.get(j) {
            Some(item) => Elem::Item(item),
            None if j == seg.len() && k + 1 < self.segments() => Elem::List(k + 1),
            None => Elem::Missing,
        }
    }

    /// The list starting at segment `k` against a missing item.
    fn list_cmp_missing(&self, mut k: usize) -> Ordering {
        loop {
            for item in self.segment(k) {
                let o = item.cmp_missing();
                if o != Ordering::Equal {
                    return o;
                }
            }
            k += 1;
            if k >= self.segments() {
                return Ordering::Equal;
            }
        }
    }
}

fn push(segments: &mut [Vec<Item>], item: Item) {
    if let Some(last) = segments.last_mut() {
        last.push(item);
    }
}

fn token(text: &str, is_digit: bool, followed_by_digit: bool) -> Item {
    if is_digit && let Some(n) = Num::parse(text) {
        return Item::Number(n);
    }
    Item::Qualifier(Qualifier::new(text, followed_by_digit))
}

fn cmp_items(a: &Item, b: &Item) -> Ordering {
    match (a, b) {
        (Item::Number(x), Item::Number(y)) => x.cmp(y),
        (Item::Number(_), Item::Qualifier(_)) => Ordering::Greater,
        (Item::Qualifier(_), Item::Number(_)) => Ordering::Less,
        (Item::Qualifier(x), Item::Qualifier(y)) => x.cmp(y),
    }
}

impl Ord for MavenVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        // Walk both chains in step; a sub-list is always the last element of
        // its list, so list-vs-list continues the loop one segment deeper.
        let (mut ka, mut kb) = (0, 0);
        let mut j = 0;
        loop {
            let o = match (self.elem(ka, j), other.elem(kb, j)) {
                (Elem::Missing, Elem::Missing) => return Ordering::Equal,
                (Elem::Item(a), Elem::Item(b)) => cmp_items(a, b),
                (Elem::Item(a), Elem::Missing) => a.cmp_missing(),
                (Elem::Missing, Elem::Item(b)) => b.cmp_missing().reverse(),
                (Elem::List(a), Elem::Missing) => return self.list_cmp_missing(a),
                (Elem::Missing, Elem::List(b)) => return other.list_cmp_missing(b).reverse(),
                (Elem::Item(Item::Number(_)), Elem::List(_)) => Ordering::Greater,
                (Elem::Item(Item::Qualifier(_)), Elem::List(_)) => Ordering::Less,
                (Elem::List(_), Elem::Item(Item::Number(_))) => Ordering::Less,
                (Elem::List(_), Elem::Item(Item::Qualifier(_))) => Ordering::Greater,
                (Elem::List(a), Elem::List(b)) => {
                    ka = a;
                    kb = b;
                    j = 0;
                    continue;
                }
            };
            if o != Ordering::Equal {
                return o;
            }
            j += 1;
        }
    }
}

impl PartialOrd for MavenVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for MavenVersion {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items && self.starts == other.starts
    }
}

impl Eq for MavenVersion {}

impl Hash for MavenVersion {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.items.hash(state);
        self.starts.hash(state);
    }
}

impl fmt::Display for MavenVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
