//! Renders fixture documents and reads them back with poppler (`pdftotext`, `pdfinfo`): text, page counts, metadata.

use std::path::Path;
use std::process::Command;

use expect_test::{ExpectFile, expect_file};
use mamori_pdf::{Block, Column, Date, Document, Lang, PdfError, Run, render};

const FONT: &str = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf";

/// The font and poppler, or a notice and `None` when either is missing (CI installs both).
fn tools() -> Option<Vec<u8>> {
    let Ok(font) = std::fs::read(FONT) else {
        eprintln!("notice: {FONT} is absent (apt install fonts-ipaexfont); test skipped");
        return None;
    };
    for tool in ["pdftotext", "pdfinfo"] {
        if Command::new(tool).arg("-v").output().is_err() {
            eprintln!("notice: {tool} is absent (apt install poppler-utils); test skipped");
            return None;
        }
    }
    Some(font)
}

fn run(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(&path);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn info_field(info: &str, key: &str) -> String {
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

struct Case {
    name: &'static str,
    doc: Document,
    pages: usize,
    /// Texts that must each appear in `pdftotext` output this many times (whitespace aside).
    counts: Vec<(&'static str, usize)>,
    /// The whole `pdftotext` output, when it is worth reviewing as a snapshot.
    snapshot: Option<ExpectFile>,
}

fn check(font: &[u8], case: Case) {
    let pdf = render(&case.doc, font).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    assert!(pdf.starts_with(b"%PDF-"), "{}", case.name);
    // To look at the output: MAMORI_PDF_DUMP=/some/dir cargo test -p mamori-pdf
    if let Some(dir) = std::env::var_os("MAMORI_PDF_DUMP") {
        let file: String = case.name.split(' ').take(2).collect::<Vec<_>>().join("-");
        std::fs::write(Path::new(&dir).join(format!("{file}.pdf")), &pdf).unwrap();
    }
    assert_eq!(
        render(&case.doc, font).unwrap(),
        pdf,
        "{}: equal input gives equal bytes",
        case.name
    );
    let info = run("pdfinfo", &[], &pdf);
    assert_eq!(
        info_field(&info, "Pages"),
        case.pages.to_string(),
        "{}: {info}",
        case.name
    );
    assert_eq!(info_field(&info, "Title"), case.doc.title, "{}", case.name);
    let text = run("pdftotext", &["-enc", "UTF-8"], &pdf);
    // pdftotext drops spaces narrower than its threshold ("1 / 1" reads "1/1"): compare without them.
    let squashed = squash(&text);
    for (needle, n) in &case.counts {
        assert_eq!(
            squashed.matches(&squash(needle)).count(),
            *n,
            "{}: {needle:?} in\n{text}",
            case.name
        );
    }
    if let Some(snap) = case.snapshot {
        snap.assert_eq(&text);
    }
}

fn english() -> Document {
    Document {
        title: "Security advisory MAM-2025-001".into(),
        author: "Example Medical".into(),
        subject: "Ward Gateway".into(),
        lang: Lang::En,
        created: Some(Date::from_calendar_date(2025, time::Month::March, 4).unwrap()),
        blocks: vec![
            Block::heading(1, "Ward Gateway: remote code execution in the web interface"),
            Block::KeyValue(vec![
                ("Tracking id".into(), "MAM-2025-001".into()),
                ("Version".into(), "2".into()),
                ("Released".into(), "2025-03-04".into()),
            ]),
            Block::heading(2, "Summary"),
            Block::Paragraph(vec![
                Run::plain("A crafted request to the web interface of the Ward Gateway may let an attacker on the hospital network run code. "),
                Run::bold("Apply firmware 4.2.1."),
                Run::plain(" Until then, restrict access to the management port to the biomedical engineering network segment."),
            ]),
            Block::Note("The item list of this document has not been checked against the official publication.".into()),
            Block::Table {
                columns: vec![
                    Column::new("CVE", 0.2),
                    Column::new("Score", 0.15),
                    Column::new("Description", 0.65),
                ],
                rows: vec![
                    vec![
                        "CVE-2024-12345".into(),
                        "9.8".into(),
                        "Out-of-bounds write in the HTTP parser of the embedded web server, reachable without authentication.".into(),
                    ],
                    vec!["CVE-2023-0001".into(), "5.3".into()],
                ],
            },
            Block::Spacer,
            Block::paragraph("See https://example.invalid/advisories/MAM-2025-001/a-very-long-path-segment-that-does-not-fit-on-one-line-of-the-page-at-all for updates."),
        ],
    }
}

fn japanese() -> Document {
    Document {
        title: "セキュリティアドバイザリ MAM-2025-001".into(),
        author: "例示医療機器株式会社".into(),
        subject: "病棟ゲートウェイ".into(),
        lang: Lang::Ja,
        created: None,
        blocks: vec![
            Block::heading(1, "病棟ゲートウェイにおけるリモートコード実行の脆弱性"),
            Block::KeyValue(vec![
                ("管理番号".into(), "MAM-2025-001".into()),
                ("公開日".into(), "2025年3月4日".into()),
            ]),
            Block::heading(2, "概要"),
            Block::paragraph(
                "病棟ゲートウェイのウェブ管理画面に、細工されたリクエストを処理する際の境界外書き込みの脆弱性が存在します。院内ネットワーク上の攻撃者により、任意のコードが実行される可能性があります。ファームウェア4.2.1を適用してください。",
            ),
            Block::Table {
                columns: vec![
                    Column::new("製品", 0.3),
                    Column::new("影響を受けるバージョン", 0.3),
                    Column::new("対策", 0.4),
                ],
                rows: vec![vec![
                    "病棟ゲートウェイ".into(),
                    "4.0.0 〜 4.2.0".into(),
                    "4.2.1 へ更新する（2025年3月公開）。".into(),
                ]],
            },
        ],
    }
}

fn long_table(rows: usize) -> Document {
    Document {
        title: "Findings".into(),
        lang: Lang::En,
        blocks: vec![Block::Table {
            columns: vec![Column::new("Row", 1.0), Column::new("Text", 3.0)],
            rows: (0..rows)
                .map(|i| vec![format!("row-{i:03}"), format!("text of row {i}")])
                .collect(),
        }],
        ..Document::default()
    }
}

fn tall_row() -> Document {
    let cell: Vec<String> = (0..150).map(|i| format!("line{i:03}")).collect();
    Document {
        title: "Tall".into(),
        lang: Lang::En,
        blocks: vec![Block::Table {
            columns: vec![Column::new("Head", 1.0), Column::new("Body", 1.0)],
            rows: vec![
                vec!["first".into(), cell.join("\n")],
                vec!["after".into(), "end".into()],
            ],
        }],
        ..Document::default()
    }
}

fn hostile() -> Document {
    let hostile = "ctl\u{0}\u{7}\u{1b}[0m emoji 🦀👩‍⚕️ rtl שלום مرحبا \u{202e}reversed\u{202c} combining e\u{301} nbsp\u{a0}x";
    Document {
        title: hostile.into(),
        lang: Lang::En,
        blocks: vec![
            Block::heading(0, hostile),
            Block::heading(200, "x".repeat(3000)),
            Block::paragraph(hostile),
            Block::KeyValue(vec![(hostile.into(), String::new())]),
            Block::Table {
                columns: vec![
                    Column::new("a", f32::NAN),
                    Column::new("b", -1.0),
                    Column::new("c", f32::INFINITY),
                ],
                rows: vec![
                    vec![],
                    vec!["1".into(), "2".into(), "3".into(), "extra".into()],
                ],
            },
            Block::Table {
                columns: vec![],
                rows: vec![vec!["nothing".into()]],
            },
        ],
        ..Document::default()
    }
}

#[test]
fn fixtures() {
    let Some(font) = tools() else { return };
    let cases = vec![
        Case {
            name: "english",
            doc: english(),
            pages: 1,
            counts: vec![
                ("CVE-2024-12345", 1),
                ("Apply firmware 4.2.1.", 1),
                ("1 / 1", 1),
            ],
            snapshot: Some(expect_file!["fixtures/english.txt"]),
        },
        Case {
            name: "japanese",
            doc: japanese(),
            pages: 1,
            counts: vec![("任意のコードが実行される", 1), ("病棟ゲートウェイ", 3)],
            snapshot: Some(expect_file!["fixtures/japanese.txt"]),
        },
        Case {
            name: "long table repeats its header on every page",
            // 37 rows of one line fit under the header on a page.
            doc: long_table(150),
            pages: 5,
            counts: vec![("Text", 5), ("row-000", 1), ("row-149", 1), ("5 / 5", 1)],
            snapshot: None,
        },
        Case {
            name: "a row taller than a page continues on the next",
            doc: tall_row(),
            pages: 3,
            counts: vec![("line000", 1), ("line149", 1), ("Head", 3), ("end", 1)],
            snapshot: None,
        },
        Case {
            name: "control characters, emoji, rtl, bad widths",
            doc: hostile(),
            pages: 1,
            counts: vec![("emoji", 4), ("reversed", 4), ("extra", 0)],
            snapshot: None,
        },
    ];
    for c in cases {
        check(&font, c);
    }
}

#[test]
fn metadata() {
    let Some(font) = tools() else { return };
    let pdf = render(&japanese(), &font).unwrap();
    let info = run("pdfinfo", &[], &pdf);
    assert_eq!(info_field(&info, "Author"), "例示医療機器株式会社");
    assert_eq!(info_field(&info, "Subject"), "病棟ゲートウェイ");
    assert_eq!(info_field(&info, "Page size"), "595.276 x 841.89 pts (A4)");
    let pdf = render(&english(), &font).unwrap();
    let info = run("pdfinfo", &["-isodates"], &pdf);
    assert!(
        info_field(&info, "CreationDate").starts_with("2025-03-04"),
        "{info}"
    );
    let fonts = run("pdffonts", &[], &pdf);
    assert!(
        fonts.contains("CID TrueType") && fonts.contains("Identity-H"),
        "{fonts}"
    );
    assert!(
        fonts
            .lines()
            .any(|l| l.contains("IPAexGothic") && l.contains(" yes yes yes ")),
        "{fonts}"
    );
}

#[test]
fn bad_fonts_are_errors() {
    for (bytes, expect) in [
        (&b""[..], "font does not read: unknown magic"),
        (
            &b"not a font at all"[..],
            "font does not read: unknown magic",
        ),
    ] {
        match render(&english(), bytes) {
            Err(e @ PdfError::Font(_)) => assert_eq!(e.to_string(), expect),
            other => panic!("{other:?}"),
        }
    }
}
