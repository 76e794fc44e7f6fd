//! `--batch` contracts of `purl`, `version` and `cvss`: each fixture is the arguments,
//! the input lines, the expected output lines and the exit code (`fixtures/batch/NAME.*`).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn check(dir: &Path, name: &str) {
    let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{name}.{ext}"))).unwrap();
    let args: Vec<String> = read("args").split_whitespace().map(str::to_owned).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(["--lang", "en"])
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(read("stdin").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout, read("stdout"), "{name}: stdout");
    assert_eq!(
        out.status.code().unwrap().to_string(),
        read("exit").trim(),
        "{name}: exit code"
    );
    // One output line per input line, in order, bad lines included.
    assert_eq!(
        stdout.lines().count(),
        read("stdin").lines().count(),
        "{name}: line count"
    );
}

#[test]
fn batch_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/batch");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            e.unwrap()
                .file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".args"))
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "cvss",
            "purl-canonical",
            "purl-parse",
            "version-compare",
            "version-satisfies"
        ]
    );
    for n in names {
        check(&dir, &n);
    }
}
