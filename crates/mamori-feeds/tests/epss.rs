//! EPSS reader tests: small hand-written files (plain and gzipped in the test), bad rows with their line, a 300,000-row file built here.

use std::io::Write;
use std::path::Path;

use mamori_feeds::epss::{self, EpssFile};
use mamori_feeds::{FeedError, Location};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/epss")
            .join(name),
    )
    .unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Each row as (cve, score, percentile) or the error's `line:column`.
fn outcomes(f: &EpssFile) -> Vec<Result<(String, f64, f64), String>> {
    f.scores
        .iter()
        .map(|r| match r {
            Ok(s) => Ok((s.cve.as_str().to_owned(), s.score, s.percentile)),
            Err(e) => Err(e.location().map(ToString::to_string).unwrap_or_default()),
        })
        .collect()
}

fn check(
    name: &str,
    bytes: &[u8],
    model: Option<&str>,
    date: Option<&str>,
    want: &[Result<(&str, f64, f64), &str>],
) {
    let f = epss::read(name, bytes);
    assert_eq!(f.model_version.as_deref(), model, "{name}");
    assert_eq!(
        f.score_date.map(|d| d.to_string()).as_deref(),
        date,
        "{name}"
    );
    let want: Vec<Result<(String, f64, f64), String>> = want
        .iter()
        .map(|r| {
            r.map(|(c, s, p)| (c.to_owned(), s, p))
                .map_err(str::to_owned)
        })
        .collect();
    assert_eq!(outcomes(&f), want, "{name}");
    for s in f.scores.iter().flatten() {
        assert_eq!(s.model_version.as_deref(), model);
        assert_eq!(s.date, f.score_date);
    }
}

#[test]
fn small_files_plain_and_gzipped() {
    let small = fixture("small.csv");
    let rows: &[Result<(&str, f64, f64), &str>] = &[
        Ok(("CVE-1999-0001", 0.01280, 0.78736)),
        Ok(("CVE-2021-44228", 0.94358, 0.99961)),
        Ok(("CVE-2024-3094", 0.84010, 0.99300)),
        Ok(("CVE-2025-0001", 0.00043, 0.11863)),
    ];
    check(
        "small.csv",
        &small,
        Some("v2025.03.14"),
        Some("2025-08-25"),
        rows,
    );
    check(
        "small.csv.gz",
        &gzip(&small),
        Some("v2025.03.14"),
        Some("2025-08-25"),
        rows,
    );
    // Two gzip members one after the other (what `cat a.gz b.gz` makes) read as one stream.
    let (head, tail) = small.split_at(small.len() / 2);
    let mut two = gzip(head);
    two.extend(gzip(tail));
    check(
        "two-members.csv.gz",
        &two,
        Some("v2025.03.14"),
        Some("2025-08-25"),
        rows,
    );
    check(
        "no-comment-crlf.csv",
        &fixture("no-comment-crlf.csv"),
        None,
        None,
        &[Ok(("CVE-2020-0001", 0.1, 0.2))],
    );
}

#[test]
fn bad_rows_are_skipped_with_line_and_column() {
    check(
        "bad.csv",
        &fixture("bad.csv"),
        Some("v2025.03.14"),
        Some("2025-08-25"),
        &[
            Ok(("CVE-2020-0001", 0.5, 0.5)),
            Err("4:1"),
            Err("5:15"),
            Err("6:1"),
            Err("8:19"),
            Err("9:1"),
            Err("10:15"),
            Ok(("CVE-2020-0009", 0.25, 0.75)),
        ],
    );
    let whole = |bytes: &[u8]| match &epss::read("x", bytes).scores[..] {
        [
            Err(FeedError::Malformed {
                format, location, ..
            }),
        ] => Some((*format, location.clone())),
        _ => None,
    };
    assert_eq!(
        whole(b"#model_version:v1\nid,score\nCVE-1,0.1\n"),
        Some(("CSV", Location::LineColumn { line: 2, column: 1 }))
    );
    assert_eq!(
        whole(b""),
        Some(("CSV", Location::LineColumn { line: 1, column: 1 }))
    );
    assert_eq!(
        whole(&[0x1f, 0x8b, 8, 0, 1, 2, 3]),
        Some(("gzip", Location::LineColumn { line: 1, column: 1 }))
    );
    // A gzip stream cut short is refused as a whole, not half read.
    let gz = gzip(&fixture("small.csv"));
    assert_eq!(whole(&gz[..gz.len() - 9]).map(|w| w.0), Some("gzip"));
}

#[test]
fn three_hundred_thousand_rows_built_here() {
    const N: usize = 300_000;
    const BAD_EVERY: usize = 10_007;
    let mut csv = String::with_capacity(N * 32);
    csv.push_str(
        "#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\ncve,epss,percentile\n",
    );
    let mut bad_lines = Vec::new();
    let mut score_sum = 0u64;
    for i in 0..N {
        let line = i + 3;
        if i % BAD_EVERY == 5 {
            csv.push_str(&format!("CVE-2024-{i:06},oops,0.5\n"));
            bad_lines.push(format!("{line}:17"));
            continue;
        }
        // Scores in millionths so the sum can be compared exactly.
        let score = (i * 7919) % 1_000_001;
        score_sum += score as u64;
        csv.push_str(&format!(
            "CVE-{}-{:06},{}.{:06},{:.5}\n",
            2000 + i % 25,
            i,
            score / 1_000_000,
            score % 1_000_000,
            i as f64 / N as f64
        ));
    }
    let plain = epss::read("big.csv", csv.as_bytes());
    let gz = epss::read("big.csv", &gzip(csv.as_bytes()));
    // Not assert_eq: a failure would print 300,000 rows.
    assert!(plain == gz, "gzip and plain reads differ");
    assert_eq!(plain.scores.len(), N);
    let errors: Vec<String> = plain
        .scores
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| e.location().unwrap().to_string())
        .collect();
    assert_eq!(errors, bad_lines);
    let ok: Vec<_> = plain.scores.iter().flatten().collect();
    assert_eq!(ok.len(), N - bad_lines.len());
    let got_sum: u64 = ok
        .iter()
        .map(|s| (s.score * 1_000_000.0).round() as u64)
        .sum();
    assert_eq!(got_sum, score_sum);
    assert_eq!(ok[0].cve.as_str(), "CVE-2000-000000");
    assert_eq!(
        ok.last().unwrap().cve.as_str(),
        format!("CVE-{}-{:06}", 2000 + (N - 1) % 25, N - 1)
    );
    assert!(ok.windows(2).all(|w| w[0].percentile <= w[1].percentile));
}
