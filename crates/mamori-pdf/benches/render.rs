//! Benchmark: rendering a table document of about 30 pages with Japanese and English cells (target: well under 100 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use mamori_pdf::{Block, Column, Document, Lang, render};

const FONT: &str = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf";

fn table_document(rows: usize) -> Document {
    let columns = vec![
        Column::new("ID", 0.12),
        Column::new("コンポーネント / Component", 0.28),
        Column::new("脆弱性 / Vulnerability", 0.2),
        Column::new("説明 / Description", 0.4),
    ];
    let rows = (0..rows)
        .map(|i| {
            vec![
                format!("F-{i:05}"),
                format!("pkg:npm/library-{}@{}.{}.{}", i % 97, i % 7, i % 13, i % 5),
                format!("CVE-2024-{:05}", 10_000 + i),
                format!(
                    "細工されたリクエストにより遠隔から任意のコードが実行される可能性があります。 A crafted request may allow remote code execution (case {i})."
                ),
            ]
        })
        .collect();
    Document {
        title: "所見一覧 / Findings".into(),
        author: "Mamori".into(),
        subject: "bench".into(),
        lang: Lang::Ja,
        created: None,
        blocks: vec![
            Block::heading(1, "所見一覧 / Findings"),
            Block::Table { columns, rows },
        ],
    }
}

fn bench(c: &mut Criterion) {
    let Ok(font) = std::fs::read(FONT) else {
        eprintln!("notice: {FONT} is absent (install fonts-ipaexfont); benchmark skipped");
        return;
    };
    let doc = table_document(355);
    let pdf = render(&doc, &font).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    eprintln!("table document: {pages} pages, {} bytes", pdf.len());
    c.bench_function("render_table_30_pages", |b| {
        b.iter(|| render(std::hint::black_box(&doc), &font).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
