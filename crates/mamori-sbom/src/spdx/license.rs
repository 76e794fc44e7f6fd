//! SPDX license expressions (SPDX 2.3 annex D): syntax, and the ids they use.

/// Nesting deeper than this is refused rather than recursed into.
const MAX_DEPTH: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok<'a> {
    Open,
    Close,
    And,
    Or,
    With,
    Id(&'a str),
}

/// The license ids and exception ids an expression names, in order.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Names<'a> {
    pub licenses: Vec<&'a str>,
    pub exceptions: Vec<&'a str>,
}

/// Checks the syntax of a license expression and lists the ids it uses.
pub(super) fn parse(s: &str) -> Result<Names<'_>, String> {
    let toks = tokenize(s)?;
    if toks.is_empty() {
        return Err("empty license expression".into());
    }
    let mut p = Parser {
        toks,
        pos: 0,
        names: Names::default(),
    };
    p.expr(0)?;
    match p.toks.get(p.pos) {
        None => Ok(p.names),
        Some(t) => Err(format!("unexpected {} in license expression", show(*t))),
    }
}

fn show(t: Tok<'_>) -> String {
    match t {
        Tok::Open => "\"(\"".into(),
        Tok::Close => "\")\"".into(),
        Tok::And => "\"AND\"".into(),
        Tok::Or => "\"OR\"".into(),
        Tok::With => "\"WITH\"".into(),
        Tok::Id(s) => format!("{s:?}"),
    }
}

fn tokenize(s: &str) -> Result<Vec<Tok<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        rest = rest.trim_start();
        let Some(c) = rest.chars().next() else {
            return Ok(out);
        };
        match c {
            '(' => {
                out.push(Tok::Open);
                rest = &rest[1..];
            }
            ')' => {
                out.push(Tok::Close);
                rest = &rest[1..];
            }
            _ => {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '(' || c == ')')
                    .unwrap_or(rest.len());
                let word = &rest[..end];
                rest = &rest[end..];
                out.push(match word {
                    "AND" => Tok::And,
                    "OR" => Tok::Or,
                    "WITH" => Tok::With,
                    w if valid_id(w) => Tok::Id(w),
                    w => return Err(format!("{w:?} is not a license id")),
                });
            }
        }
    }
}

/// `idstring` of the spec, with an optional `+`, a `LicenseRef-` or a
/// `DocumentRef-x:LicenseRef-y`.
fn valid_id(w: &str) -> bool {
    let idstring = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    };
    if let Some((doc, lic)) = w.split_once(':') {
        return doc.starts_with("DocumentRef-")
            && idstring(doc)
            && lic.starts_with("LicenseRef-")
            && idstring(lic);
    }
    idstring(w.strip_suffix('+').unwrap_or(w))
}

struct Parser<'a> {
    toks: Vec<Tok<'a>>,
    pos: usize,
    names: Names<'a>,
}

impl<'a> Parser<'a> {
    fn next(&mut self) -> Option<Tok<'a>> {
        let t = self.toks.get(self.pos).copied();
        self.pos += 1;
        t
    }
    fn peek(&self) -> Option<Tok<'a>> {
        self.toks.get(self.pos).copied()
    }

    fn expr(&mut self, depth: usize) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err("license expression nested too deeply".into());
        }
        self.and_expr(depth)?;
        while self.peek() == Some(Tok::Or) {
            self.pos += 1;
            self.and_expr(depth)?;
        }
        Ok(())
    }

    fn and_expr(&mut self, depth: usize) -> Result<(), String> {
        self.with_expr(depth)?;
        while self.peek() == Some(Tok::And) {
            self.pos += 1;
            self.with_expr(depth)?;
        }
        Ok(())
    }

    fn with_expr(&mut self, depth: usize) -> Result<(), String> {
        match self.next() {
            Some(Tok::Open) => {
                self.expr(depth + 1)?;
                match self.next() {
                    Some(Tok::Close) => {}
                    Some(t) => return Err(format!("expected \")\", found {}", show(t))),
                    None => return Err("unbalanced \"(\" in license expression".into()),
                }
            }
            Some(Tok::Id(id)) => self.names.licenses.push(id),
            Some(t) => return Err(format!("expected a license id, found {}", show(t))),
            None => return Err("license expression ends after an operator".into()),
        }
        if self.peek() == Some(Tok::With) {
            self.pos += 1;
            match self.next() {
                Some(Tok::Id(id)) => self.names.exceptions.push(id),
                Some(t) => {
                    return Err(format!(
                        "expected an exception id after WITH, found {}",
                        show(t)
                    ));
                }
                None => return Err("license expression ends after WITH".into()),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(expr: &str, expect: Result<(&[&str], &[&str]), &str>) {
        let got = parse(expr);
        match expect {
            Ok((l, e)) => {
                let n = got.unwrap_or_else(|e| panic!("{expr}: {e}"));
                assert_eq!(
                    (n.licenses.as_slice(), n.exceptions.as_slice()),
                    (l, e),
                    "{expr}"
                );
            }
            Err(m) => assert_eq!(got.unwrap_err(), m, "{expr}"),
        }
    }

    #[test]
    fn expressions() {
        check("MIT", Ok((&["MIT"], &[])));
        check(
            "(LGPL-2.0-only OR LicenseRef-3) AND GPL-2.0+ WITH Classpath-exception-2.0",
            Ok((
                &["LGPL-2.0-only", "LicenseRef-3", "GPL-2.0+"],
                &["Classpath-exception-2.0"],
            )),
        );
        check(
            "DocumentRef-x:LicenseRef-y",
            Ok((&["DocumentRef-x:LicenseRef-y"], &[])),
        );
        check("MIT OR", Err("license expression ends after an operator"));
        check("(MIT", Err("unbalanced \"(\" in license expression"));
        check(
            "MIT Apache-2.0",
            Err("unexpected \"Apache-2.0\" in license expression"),
        );
        check("Apache 2", Err("unexpected \"2\" in license expression"));
        check("GPL/BSD", Err("\"GPL/BSD\" is not a license id"));
        check("", Err("empty license expression"));
        check(
            &"(".repeat(100),
            Err("license expression nested too deeply"),
        );
    }
}
