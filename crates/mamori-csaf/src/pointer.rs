//! RFC 6901 JSON pointers built as a chain on the stack, rendered only when a failure needs one.

use std::fmt::Write as _;

/// One step from a parent value to a child.
#[derive(Clone, Copy)]
pub(crate) enum Seg<'a> {
    Key(&'a str),
    Idx(usize),
}

/// A pointer as a linked list of borrowed parents, so walking a large document allocates nothing
/// until something has to be reported.
#[derive(Clone, Copy)]
pub(crate) struct Ptr<'a> {
    parent: Option<&'a Ptr<'a>>,
    seg: Option<Seg<'a>>,
}

impl<'a> Ptr<'a> {
    /// The document root (the empty pointer).
    pub(crate) const ROOT: Ptr<'static> = Ptr {
        parent: None,
        seg: None,
    };

    pub(crate) fn key(&'a self, key: &'a str) -> Ptr<'a> {
        Ptr {
            parent: Some(self),
            seg: Some(Seg::Key(key)),
        }
    }

    pub(crate) fn idx(&'a self, i: usize) -> Ptr<'a> {
        Ptr {
            parent: Some(self),
            seg: Some(Seg::Idx(i)),
        }
    }

    /// The pointer as text, `""` for the root.
    pub(crate) fn render(&self) -> String {
        let mut segs = Vec::new();
        let mut cur = Some(self);
        while let Some(p) = cur {
            if let Some(s) = p.seg {
                segs.push(s);
            }
            cur = p.parent;
        }
        let mut out = String::new();
        for s in segs.iter().rev() {
            out.push('/');
            match s {
                Seg::Key(k) => push_escaped(&mut out, k),
                Seg::Idx(i) => {
                    let _ = write!(out, "{i}");
                }
            }
        }
        out
    }
}

/// Appends `key` with `~` and `/` escaped as RFC 6901 requires.
pub(crate) fn push_escaped(out: &mut String, key: &str) {
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// Joins a rendered pointer and further plain segments (used where pointers are kept as strings).
pub(crate) fn join(base: &str, segs: &[Seg<'_>]) -> String {
    let mut out = String::from(base);
    for s in segs {
        out.push('/');
        match s {
            Seg::Key(k) => push_escaped(&mut out, k),
            Seg::Idx(i) => {
                let _ = write!(out, "{i}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_escapes() {
        let root = Ptr::ROOT;
        let a = root.key("a/b");
        let b = a.idx(3);
        let c = b.key("m~n");
        assert_eq!(c.render(), "/a~1b/3/m~0n");
        assert_eq!(Ptr::ROOT.render(), "");
        assert_eq!(join("/x", &[Seg::Idx(1), Seg::Key("y")]), "/x/1/y");
    }
}
