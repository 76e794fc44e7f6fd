//! `mamori serve` refuses to start on a broken disclosure form definition, naming the file.

use std::process::Command;

#[test]
fn a_broken_forms_dir_stops_the_start_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let forms = dir.path().join("forms");
    std::fs::create_dir(&forms).unwrap();
    std::fs::write(forms.join("mds2.toml"), "[form]\nid = \"mds2\"\n[[sections").unwrap();
    let db = format!("sqlite://{}", dir.path().join("m.db").display());
    let out = Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args([
            "--db",
            &db,
            "--lang",
            "en",
            "serve",
            "--listen",
            "127.0.0.1:0",
        ])
        .env("MAMORI_DISCLOSURE_FORMS_DIR", &forms)
        .env_remove("MAMORI_CONFIG")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("cannot load the disclosure forms") && err.contains("mds2.toml"),
        "{err}"
    );
    assert!(!err.contains("Mamori is running"), "{err}");
}
