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

use smallvec::SmallVec;

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
    /// `word` is lower-case except for ASCII letters, which are matched
    /// ignoring case (the caller avoids a lower-cased copy of ASCII text).
    fn new(word: &str, followed_by_digit: bool) -> Qualifier {
        const KNOWN: [(&str, u8); 11] = [
            ("alpha", 0),
            ("beta", 1),
            ("milestone", 2),
            ("rc", 3),
            ("cr", 3),
            ("snapshot", 4),
            ("ga", RELEASE_RANK),
            ("final", RELEASE_RANK),
            ("release", RELEASE_RANK),
            ("sp", 6),
            ("", RELEASE_RANK),
        ];
        if followed_by_digit && word.len() == 1 {
            match word.as_bytes()[0].to_ascii_lowercase() {
                b'a' => return Qualifier::Known(0),
                b'b' => return Qualifier::Known(1),
                b'm' => return Qualifier::Known(2),
                _ => {}
            }
        }
        for (known, rank) in KNOWN {
            if word.eq_ignore_ascii_case(known) {
                return Qualifier::Known(rank);
            }
        }
        Qualifier::Other(word.to_ascii_lowercase().into())
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
    /// `k + 1` is the sub-list that ends segment `k`. Inline because most
    /// versions have at most three segments.
    starts: SmallVec<[u32; 4]>,
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
        // Splitting only looks at ASCII digits, `.` and `-`, so ASCII text is
        // scanned as is and qualifiers are matched ignoring ASCII case: no
        // lower-cased copy. Other text is lower-cased first because Unicode
        // lower-casing can change lengths and even yield ASCII (`K` → `k`).
        let lowered;
        let text = if s.is_ascii() {
            s
        } else {
            lowered = s.to_lowercase();
            lowered.as_str()
        };
        let b = text.as_bytes();

        // Items and segment starts are built flat in stack buffers (one heap
        // allocation at the end instead of one per segment); each segment is
        // normalized as soon as it closes, since trimming a segment depends
        // on nothing after it.
        let mut items: SmallVec<[Item; 8]> = SmallVec::new();
        let mut starts: SmallVec<[u32; 4]> = SmallVec::new();
        starts.push(0);
        let mut start = 0;
        let mut is_digit = false;
        for (i, &c) in b.iter().enumerate() {
            // Bytes of a multi-byte character are never digits or
            // separators, so they fall in a word like the character would.
            match c {
                b'.' | b'-' => {
                    items.push(if i == start {
                        Item::Number(Num::Small(0))
                    } else {
                        token(&text[start..i], is_digit, false)
                    });
                    start = i + 1;
                    if c == b'-' {
                        close_segment(&mut items, &mut starts);
                    }
                }
                _ if c.is_ascii_digit() => {
                    if !is_digit && i > start {
                        items.push(token(&text[start..i], false, true));
                        start = i;
                        close_segment(&mut items, &mut starts);
                    }
                    is_digit = true;
                }
                _ => {
                    if is_digit && i > start {
                        items.push(token(&text[start..i], true, false));
                        start = i;
                        close_segment(&mut items, &mut starts);
                    }
                    is_digit = false;
                }
            }
        }
        if b.len() > start {
            items.push(token(&text[start..], is_digit, false));
        }
        // Closing the last segment leaves its end as the final entry.
        close_segment(&mut items, &mut starts);
        Ok(MavenVersion {
            text: s.into(),
            items: items.into_vec().into_boxed_slice(),
            starts,
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

/// Ends the segment that began at the last entry of `starts` and opens the
/// next one: trailing nulls go, and an emptied nested segment goes too — at
/// the end it is a trailing null, and in the middle (`1-ga-1`) the list it
/// held takes its place, so `1-ga-1 == 1-1` as the order specification's
/// trimming "at each remaining hyphen" requires.
fn close_segment(items: &mut SmallVec<[Item; 8]>, starts: &mut SmallVec<[u32; 4]>) {
    let seg_start = starts.last().map_or(0, |&k| k as usize);
    while items.len() > seg_start && items.last().is_some_and(Item::is_null) {
        items.pop();
    }
    if items.len() == seg_start && starts.len() > 1 {
        // The emptied segment's start is reused by the next one.
        return;
    }
    // Bounded by the length check in `parse`.
    starts.push(items.len() as u32);
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
