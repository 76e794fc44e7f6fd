//! The PDF export read back with poppler's pdftotext: every item id with its answer and note, the language, the unconfirmed-form warning.

use std::process::Command;

use mamori_disclosure::pdf::{Lang, render};
use mamori_disclosure::{Answer, Answers, DisclosureError, Form, Header, ItemAnswer, builtin};

const FONT: &str = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf";

fn font() -> Option<Vec<u8>> {
    let Ok(font) = std::fs::read(FONT) else {
        eprintln!("notice: {FONT} is absent (apt install fonts-ipaexfont); test skipped");
        return None;
    };
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("notice: pdftotext is absent (apt install poppler-utils); test skipped");
        return None;
    }
    Some(font)
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// pdftotext drops narrow spaces and joins wrapped lines: compare without whitespace.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn header() -> Header {
    Header {
        maker: "Example Medical".into(),
        product: "Ward Gateway".into(),
        model: "WG-100".into(),
        release: "4.2.1".into(),
        date: "2025-03-04".into(),
        revision: Some(2),
    }
}

/// Every item answered, the answers cycling; each note names its item in brackets so the test
/// can find the answer printed right before it.
fn answers(form: &Form) -> Answers {
    let mut a = Answers::default();
    for (i, item) in form.items().enumerate() {
        let answer = Answer::ALL[i % Answer::ALL.len()];
        a.items.insert(
            item.id().to_owned(),
            ItemAnswer {
                answer,
                note: format!("[{}]", item.id()),
            },
        );
    }
    a
}

/// Renders `form` in `lang` and checks that each item's row starts with a line holding its id,
/// its answer and its note (pdftotext's layout mode keeps a row's first line on one line), that
/// `present` texts are there and `absent` ones are not.
fn check(font: &[u8], form: &Form, lang: Lang, present: &[&str], absent: &[&str]) {
    let answers = answers(form);
    let pdf = render(form, &answers, &header(), lang, font).unwrap();
    let layout = pdftotext(&pdf);
    let lines: Vec<String> = layout.lines().map(squash).collect();
    let text = squash(&layout);
    for item in form.items() {
        let a = &answers.items[item.id()];
        let label = match lang {
            Lang::Ja => a.answer.label_ja(),
            Lang::En => a.answer.label_en(),
        };
        let cells = squash(&format!("{label}{}", a.note));
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(item.id()) && l.ends_with(&cells)),
            "{} {lang:?}: no line with {} … {cells}",
            form.id(),
            item.id()
        );
    }
    for p in present {
        assert!(
            text.contains(&squash(p)),
            "{} {lang:?}: {p:?} missing",
            form.id()
        );
    }
    for p in absent {
        assert!(
            !text.contains(&squash(p)),
            "{} {lang:?}: {p:?} present",
            form.id()
        );
    }
}

#[test]
fn forms_print_every_item_with_its_answer() {
    let Some(font) = font() else { return };
    let tiny = Form::from_toml(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/confirmed-form.toml"
        ))
        .unwrap(),
    )
    .unwrap();
    let mds2 = builtin("mds2").unwrap();
    let mds_sds = builtin("mds-sds").unwrap();
    let warn_ja = "公式の様式と照合されていません";
    let warn_en = "has not been checked against the official publication";
    let table: [(&Form, Lang, &[&str], &[&str]); 6] = [
        (
            &mds2,
            Lang::Ja,
            &[
                warn_ja,
                "製造業者",
                "Example Medical",
                "改訂 2",
                mds2.title_ja(),
            ],
            &[warn_en],
        ),
        (
            &mds2,
            Lang::En,
            &[
                warn_en,
                "Manufacturer",
                "WG-100",
                "revision 2",
                mds2.title_en(),
            ],
            &[warn_ja, "製造業者"],
        ),
        (
            &mds_sds,
            Lang::Ja,
            &[warn_ja, mds_sds.title_ja(), "2025-03-04"],
            &[],
        ),
        (&mds_sds, Lang::En, &[warn_en, mds_sds.title_en()], &[]),
        (
            &tiny,
            Lang::Ja,
            &["機器はパスワードを要求しますか。", "アクセス"],
            &[warn_ja],
        ),
        (
            &tiny,
            Lang::En,
            &["Does the device require a password?", "Access"],
            &[warn_en, "機器"],
        ),
    ];
    for (form, lang, present, absent) in table {
        check(&font, form, lang, present, absent);
    }
}

#[test]
fn a_bad_font_is_an_error() {
    let form = builtin("mds2").unwrap();
    let e = render(&form, &Answers::default(), &header(), Lang::En, b"nope").unwrap_err();
    assert!(matches!(e, DisclosureError::Pdf(_)));
    assert_eq!(
        e.to_string(),
        "cannot write the pdf: font does not read: unknown magic"
    );
}
