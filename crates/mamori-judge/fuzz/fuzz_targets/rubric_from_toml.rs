//! Fuzzes `Rubric::from_toml`: any text is refused or gives a table whose complete answers derive a vector.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_judge::rubric::{Rubric, RubricAnswer};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(rubric) = Rubric::from_toml(text) else {
        return;
    };
    // Answer every question with its first answer: validation promises a vector comes out.
    let answers: Vec<RubricAnswer> = rubric
        .questions()
        .iter()
        .map(|q| RubricAnswer {
            question: q.id().to_owned(),
            answer: q.answers()[0].id().to_owned(),
            by: "fuzz".into(),
            at: time::OffsetDateTime::UNIX_EPOCH,
            note: None,
        })
        .collect();
    assert!(rubric.pending(&answers).unwrap().is_empty());
    rubric.derive(&answers).expect("a validated table derives from complete answers");
});
