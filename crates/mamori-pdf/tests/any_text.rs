//! Property: any text in any block renders without panicking and gives a PDF (emoji, control characters, RTL, long words).

use mamori_pdf::{Block, Column, Document, Lang, Run, render};
use proptest::prelude::*;

const FONT: &str = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf";

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z]{200,600}",
        "[\\u{3040}-\\u{30ff}\\u{4e00}-\\u{4fff}、。「」）（ ]{0,300}",
        "[\\u{0}-\\u{1f}\\u{202a}-\\u{202e}\\u{0590}-\\u{06ff}\\u{1f300}-\\u{1f6ff} a]{0,80}",
    ]
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        (any::<u8>(), text()).prop_map(|(level, text)| Block::Heading { level, text }),
        prop::collection::vec((text(), any::<bool>()), 0..4).prop_map(|runs| Block::Paragraph(
            runs.into_iter()
                .map(|(text, bold)| Run { text, bold })
                .collect()
        )),
        prop::collection::vec((text(), text()), 0..3).prop_map(Block::KeyValue),
        text().prop_map(Block::Note),
        (
            prop::collection::vec((text(), any::<f32>()), 0..5),
            prop::collection::vec(prop::collection::vec(text(), 0..6), 0..4)
        )
            .prop_map(|(cols, rows)| Block::Table {
                columns: cols.into_iter().map(|(h, w)| Column::new(h, w)).collect(),
                rows,
            }),
        Just(Block::Spacer),
        Just(Block::PageBreak),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn any_document_renders(title in text(), blocks in prop::collection::vec(block(), 0..6)) {
        let Ok(font) = std::fs::read(FONT) else {
            eprintln!("notice: {FONT} is absent (apt install fonts-ipaexfont); test skipped");
            return Ok(());
        };
        let doc = Document { title, lang: Lang::Ja, blocks, ..Document::default() };
        let pdf = render(&doc, &font).unwrap();
        prop_assert!(pdf.starts_with(b"%PDF-") && pdf.ends_with(b"%%EOF"));
    }
}
