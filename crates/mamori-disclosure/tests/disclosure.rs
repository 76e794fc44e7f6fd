//! The built-in forms, user-supplied form definitions, validation of answers and the xlsx layout, as data tables.

use std::io::Read;

use mamori_disclosure::{
    Answer, Answers, DisclosureError, Form, Header, ValidationError, builtin, validate, write_xlsx,
};

#[test]
fn builtin_forms_hold_their_sections() {
    // (form, section ids that must be there, items that must be there, item count at least)
    let table: [(&str, &[&str], &[&str], usize); 2] = [
        (
            "mds2",
            &[
                "MPII", "ALOF", "AUDT", "AUTH", "CSUP", "DIDT", "DTBK", "EMRG", "IGAU", "MLDP",
                "NAUT", "CONN", "PAUT", "PLOK", "RDMP", "SBOM", "SAHD", "SGUD", "STCF", "TXCF",
                "TXIG", "RMOT", "OTHR",
            ],
            &[
                "MPII-1",
                "ALOF-2",
                "CSUP-11.2",
                "SBOM-1",
                "RMOT-3",
                "OTHR-1",
            ],
            150,
        ),
        (
            "mds-sds",
            &["6.2", "6.3", "6.4", "6.5", "6.8", "6.10", "7.1", "7.3"],
            &["6.5-1", "6.8-3", "9-1"],
            40,
        ),
    ];
    for (id, sections, items, at_least) in table {
        let f = builtin(id).unwrap();
        assert_eq!(f.id(), id);
        assert!(!f.confirmed(), "{id}: unconfirmed lists must say so");
        let got: Vec<&str> = f.sections().iter().map(|s| s.id()).collect();
        for s in sections {
            assert!(got.contains(s), "{id}: section {s} missing");
        }
        for i in items {
            assert!(f.item(i).is_some(), "{id}: item {i} missing");
        }
        assert!(
            f.items().count() >= at_least,
            "{id}: {} items",
            f.items().count()
        );
        for s in f.sections() {
            assert!(!s.title_ja().is_empty() && !s.title_en().is_empty());
        }
    }
    assert!(builtin("nope").is_none());
    assert_eq!(
        Form::mds_sds().item("6.5-1").unwrap().text_ja(),
        "利用者の識別と認証を行う。"
    );
}

const SMALL: &str = r#"
[form]
id = "tiny"
version = "1"
title_en = "Tiny"
title_ja = "小さな様式"
sheet = "Tiny"
confirmed = true
answers = ["yes", "no"]

[[sections]]
id = "A"
title_en = "Alpha"
title_ja = "アルファ"
items = [
  { id = "A-1", en = "First?", ja = "一つ目？" },
  { id = "A-2", en = "Second?", answers = ["Yes", "N/A", "see note"] },
  { id = "A-3", en = "Optional", required = false },
]
"#;

#[test]
fn user_supplied_forms_are_checked() {
    let f = Form::from_toml(SMALL).unwrap();
    assert_eq!(f.item("A-1").unwrap().text_ja(), "一つ目？");
    // No Japanese text: the English one stands in.
    assert_eq!(f.item("A-2").unwrap().text_ja(), "Second?");
    assert_eq!(
        f.item("A-2").unwrap().answers(),
        &[Answer::Yes, Answer::NotApplicable, Answer::SeeNote]
    );
    // (change to SMALL, what the error must mention)
    let table: [(&str, &str, &str); 8] = [
        ("id = \"tiny\"", "id = \"Tiny Form\"", "form id"),
        ("sheet = \"Tiny\"", "sheet = \"a/b\"", "sheet name"),
        (
            "sheet = \"Tiny\"",
            "sheet = \"0123456789012345678901234567890123\"",
            "sheet name",
        ),
        ("{ id = \"A-3\"", "{ id = \"A-1\"", "A-1 is repeated"),
        ("en = \"First?\"", "en = \"  \"", "item A-1 en is empty"),
        (
            "[\"yes\", \"no\"]",
            "[\"maybe\"]",
            "unknown answer \"maybe\"",
        ),
        ("[\"yes\", \"no\"]", "[]", "at least one answer"),
        (
            "title_en = \"Alpha\"",
            "title_en = \"Alpha\"\ncolour = 1",
            "does not read",
        ),
    ];
    for (from, to, want) in table {
        assert!(SMALL.contains(from), "{from}");
        let text = SMALL.replacen(from, to, 1);
        let err = Form::from_toml(&text).unwrap_err().to_string();
        assert!(err.contains(want), "{to}: {err}");
    }
    for bad in ["", "not toml [", "[form]\nid = 1", "\u{0}"] {
        assert!(matches!(
            Form::from_toml(bad),
            Err(DisclosureError::FormSyntax(_))
        ));
    }
}

fn check(answers: &str, complete: bool, want: &[&str]) {
    let f = Form::from_toml(SMALL).unwrap();
    let a = Answers::from_json(answers).unwrap();
    let got: Vec<String> = validate(&f, &a, complete)
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(got, want, "{answers}");
}

#[test]
fn answers_are_validated_against_their_form() {
    check(
        r#"{"A-1": {"answer": "yes"}, "A-2": {"answer": "n/a"}}"#,
        true,
        &[],
    );
    check(
        r#"{"A-1": {"answer": "No"}}"#,
        true,
        &["A-2: required item has no answer"],
    );
    check(r#"{"A-1": {"answer": "No"}}"#, false, &[]);
    check(
        r#"{"A-1": {"answer": "see_note", "note": "x"}, "A-2": {"answer": "see note", "note": " "}, "Z-9": {"answer": "yes"}}"#,
        false,
        &[
            "A-1: answer see_note is not allowed here",
            "A-2: \"see note\" needs a note",
            "Z-9: no such item in the form",
        ],
    );
    let long = "x".repeat(8001);
    check(
        &format!(r#"{{"A-1": {{"answer": "yes", "note": "{long}"}}}}"#),
        false,
        &["A-1: note is longer than 8000 characters"],
    );
    let e = ValidationError::Missing { id: "A-2".into() };
    assert_eq!(e.item(), "A-2");
    for bad in [
        r#"{"A-1": {"answer": "perhaps"}}"#,
        r#"{"A-1": "yes"}"#,
        "[]",
        r#"{"A-1": {"answer": "yes", "extra": 1}}"#,
    ] {
        assert!(Answers::from_json(bad).is_err(), "{bad}");
    }
    // Words as forms print them.
    for (word, want) in [
        ("Yes", Answer::Yes),
        ("N/A", Answer::NotApplicable),
        ("NA", Answer::NotApplicable),
        ("See Notes", Answer::SeeNote),
        ("see-note", Answer::SeeNote),
        ("no", Answer::No),
    ] {
        let got = Answer::parse(word);
        if word == "See Notes" {
            assert!(got.is_err());
        } else {
            assert_eq!(got.unwrap(), want, "{word}");
        }
    }
    let mut a = Answers::default();
    a.set("A-1", Answer::NotApplicable, "");
    assert_eq!(a.to_json(), r#"{"A-1":{"answer":"n/a","note":""}}"#);
    assert_eq!(Answers::from_json(&a.to_json()).unwrap(), a);
}

fn part(xlsx: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn xlsx_is_laid_out_like_the_form() {
    let header = Header {
        maker: "Mamori Medical".into(),
        product: "Infusion Gateway".into(),
        model: "GW-100".into(),
        release: "2.1.0".into(),
        date: "2026-11-26".into(),
        revision: Some(3),
    };
    // (form, answers, Japanese answers?, strings the workbook must hold, sheet name)
    let table: [(Form, &str, bool, &[&str], &str); 2] = [
        (
            Form::mds2(),
            r#"{"MPII-1": {"answer": "yes", "note": "patient id on screen"}}"#,
            false,
            &[
                "Mamori Medical",
                "GW-100",
                "製造業者 / Manufacturer",
                "MPII  個人を特定できる情報の管理 / Management of personally identifiable information",
                "Yes",
                "patient id on screen",
                "ANSI/NEMA HN 1-2019 — 改訂 / revision 3",
                "公式の様式と照合されていません",
            ],
            "MDS2",
        ),
        (
            Form::mds_sds(),
            r#"{"6.5-1": {"answer": "yes"}, "6.5-3": {"answer": "no"}}"#,
            true,
            &[
                "はい",
                "いいえ",
                "利用者の識別と認証を行う。",
                "備考 / Note",
                "技術的安全対策",
            ],
            "MDS-SDS",
        ),
    ];
    for (form, answers, ja, want, sheet) in table {
        let a = Answers::from_json(answers).unwrap();
        let bytes = write_xlsx(&form, &header, &a, ja).unwrap();
        let strings = part(&bytes, "xl/sharedStrings.xml");
        for w in want {
            assert!(strings.contains(w), "{}: {w} missing", form.id());
        }
        let workbook = part(&bytes, "xl/workbook.xml");
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "{workbook}"
        );
        // The document's date, not the clock, dates the file: the same input gives the same bytes.
        assert_eq!(bytes, write_xlsx(&form, &header, &a, ja).unwrap());
        assert!(part(&bytes, "docProps/core.xml").contains("2026-11-26T00:00:00Z"));
    }
}
