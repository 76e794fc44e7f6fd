//! The portal over a real server: disclosure documents saved, approved and exported as xlsx (opened with openpyxl), and an inquiry thread with attachments sent as base64 and as multipart.

use crate::common;

use base64::Engine;
use mamori_model::{Email, Lifecycle, OrgKind, ProductName, ReleaseVersion, Role};
use mamori_store::{NewUser, Store};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use time::OffsetDateTime;

const PASSWORD: &str = "correct horse battery staple";
const LIMIT: usize = 64 * 1024;

struct World {
    base: String,
    r1: i64,
}

async fn user(s: &Store, email: &str, org: i64, role: Role, lang: &str) {
    s.add_user(
        &NewUser {
            email: Email::new(email).unwrap(),
            display_name: email.into(),
            password: PASSWORD.into(),
            org_id: org,
            role,
            lang: lang.into(),
        },
        "setup",
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
}

/// Hospital A (Japanese) runs Ward Gateway 1.0; hospital B runs nothing of it.
async fn world(s: &Store, base: String) -> World {
    let now = OffsetDateTime::now_utc();
    let maker = s
        .add_organization("Maker", OrgKind::Maker, "ja", "setup", now)
        .await
        .unwrap();
    let a = s
        .add_organization("Hospital A", OrgKind::Hospital, "ja", "setup", now)
        .await
        .unwrap();
    let b = s
        .add_organization("Hospital B", OrgKind::Hospital, "en", "setup", now)
        .await
        .unwrap();
    let p = s
        .add_product(&ProductName::new("Ward Gateway").unwrap(), None, now)
        .await
        .unwrap();
    let r1 = s
        .add_release(
            &p,
            &ReleaseVersion::new("1.0").unwrap(),
            &Lifecycle::default(),
            now,
        )
        .await
        .unwrap();
    s.add_installed_device(a.id, r1.id, "GW-1", None, None, "setup", now)
        .await
        .unwrap();
    user(s, "engineer@maker.example", maker.id, Role::Engineer, "en").await;
    user(
        s,
        "regulatory@maker.example",
        maker.id,
        Role::Regulatory,
        "en",
    )
    .await;
    user(s, "analyst@maker.example", maker.id, Role::Analyst, "en").await;
    user(s, "nurse@a.example", a.id, Role::Hospital, "ja").await;
    user(s, "nurse@b.example", b.id, Role::Hospital, "en").await;
    World { base, r1: r1.id }
}

async fn sign_in(base: &str, email: &str) -> (Client, String) {
    let c = Client::builder().cookie_store(true).build().unwrap();
    let r = c
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{email} signs in");
    let me: Value = r.json().await.unwrap();
    (c, me["csrf_token"].as_str().unwrap().to_owned())
}

/// Every item of a form answered "n/a", then `answers` on top.
async fn complete(c: &Client, base: &str, form: &str, answers: Value) -> Value {
    let f: Value = c
        .get(format!("{base}/api/v1/disclosure-forms/{form}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut all = serde_json::Map::new();
    for s in f["sections"].as_array().unwrap() {
        for i in s["items"].as_array().unwrap() {
            all.insert(
                i["id"].as_str().unwrap().to_owned(),
                json!({"answer": "n/a"}),
            );
        }
    }
    for (k, v) in answers.as_object().unwrap() {
        all.insert(k.clone(), v.clone());
    }
    Value::Object(all)
}

/// The python of the venv named by `MAMORI_ORACLE_VENV`, or `None` (with a notice) outside CI.
fn python() -> Option<std::path::PathBuf> {
    match std::env::var_os("MAMORI_ORACLE_VENV") {
        Some(v) => Some(std::path::PathBuf::from(v).join("bin/python")),
        None if std::env::var_os("CI").is_some() => {
            panic!("CI must open the xlsx exports with openpyxl: MAMORI_ORACLE_VENV is unset")
        }
        None => {
            eprintln!(
                "notice: MAMORI_ORACLE_VENV is unset (use scripts/test); the xlsx files were not opened with openpyxl"
            );
            None
        }
    }
}

// Prints, as JSON, the sheet names, the header block (A4:B9) and each row's id, answer and note.
const READER: &str = r#"
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[wb.sheetnames[0]]
rows = {}
texts = []
for r in ws.iter_rows(values_only=True):
    texts.extend(str(v) for v in r if v is not None)
    if r[0] is not None and r[3] is not None:
        rows[str(r[0])] = [r[3], r[4]]
print(json.dumps({
    "sheets": wb.sheetnames,
    "header": [[ws.cell(row=n, column=1).value, ws.cell(row=n, column=2).value] for n in range(4, 10)],
    "rows": rows,
    "texts": texts,
}, ensure_ascii=False))
"#;

fn open_xlsx(python: &std::path::Path, bytes: &[u8]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new(python)
        .arg("-c")
        .arg(READER)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openpyxl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn check_xlsx(python: &std::path::Path, bytes: &[u8], want: &Value) {
    let got = open_xlsx(python, bytes);
    assert_eq!(got["sheets"], want["sheets"]);
    assert_eq!(got["header"][0], want["maker"]);
    assert_eq!(
        got["header"][1],
        json!(["製品名 / Product", "Ward Gateway"])
    );
    assert_eq!(got["header"][3], json!(["リリース / Release", "1.0"]));
    let (id, answer) = (
        want["item"].as_str().unwrap(),
        want["answer"].as_array().unwrap(),
    );
    assert_eq!(&got["rows"][id], &json!(answer), "{id}");
    let label = want["label"].as_str().unwrap();
    assert!(
        got["texts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t.as_str().unwrap().contains(label)),
        "{label} missing"
    );
}

#[tokio::test]
async fn disclosure_documents_export_as_xlsx_that_a_real_reader_opens() {
    let python = python();
    for (store, name, _dir) in common::stores("portal").await {
        let (base, stop) = common::start(store.clone(), |_| mamori_server::ServerConfig {
            sign_in_per_minute: 1000,
            maker_name: "Mamori Medical".into(),
            ..Default::default()
        })
        .await;
        let w = world(&store, base).await;
        let (eng, eng_csrf) = sign_in(&w.base, "engineer@maker.example").await;
        let (reg, reg_csrf) = sign_in(&w.base, "regulatory@maker.example").await;
        let (a, _) = sign_in(&w.base, "nurse@a.example").await;
        let (b, _) = sign_in(&w.base, "nurse@b.example").await;

        // (form, answers on top of "n/a", lang of the export, what the workbook must show)
        let table = [
            (
                "mds2",
                json!({"MPII-1": {"answer": "yes", "note": "patient ids on screen"}}),
                "en",
                json!({"sheets": ["MDS2"], "maker": ["製造業者 / Manufacturer", "Mamori Medical"],
                    "item": "MPII-1", "answer": ["Yes", "patient ids on screen"],
                    "label": "個人を特定できる情報の管理"}),
            ),
            (
                "mds-sds",
                json!({"6.5-1": {"answer": "yes", "note": "ID とパスワード"}}),
                "ja",
                json!({"sheets": ["MDS-SDS"], "maker": ["製造業者 / Manufacturer", "Mamori Medical"],
                    "item": "6.5-1", "answer": ["はい", "ID とパスワード"],
                    "label": "技術的安全対策"}),
            ),
        ];
        for (form, answers, lang, want) in table {
            let url = format!("{}/api/v1/releases/{}/disclosures/{form}", w.base, w.r1);
            // A draft missing items is saved; approving it is refused, naming the first missing item.
            let draft = eng
                .put(&url)
                .header("x-csrf-token", &eng_csrf)
                .json(&json!({"answers": answers, "comment": "draft"}))
                .send()
                .await
                .unwrap();
            assert_eq!(draft.status(), StatusCode::OK, "{name} {form}");
            let refused = reg
                .post(format!("{url}/revisions/1/approve"))
                .header("x-csrf-token", &reg_csrf)
                .send()
                .await
                .unwrap();
            assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert!(
                refused
                    .text()
                    .await
                    .unwrap()
                    .contains("required item has no answer")
            );
            // An answer the form does not know is refused with its id.
            let bad = eng
                .put(&url)
                .header("x-csrf-token", &eng_csrf)
                .json(&json!({"answers": {"NOPE-1": {"answer": "yes"}}}))
                .send()
                .await
                .unwrap();
            assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert!(bad.text().await.unwrap().contains("NOPE-1: no such item"));

            let full = complete(&eng, &w.base, form, answers).await;
            let saved: Value = eng
                .put(&url)
                .header("x-csrf-token", &eng_csrf)
                .json(&json!({"answers": full, "comment": "complete"}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert_eq!(saved["number"], 2);
            // Before approval the hospital sees nothing.
            let none = a.get(format!("{url}?format=xlsx")).send().await.unwrap();
            assert_eq!(none.status(), StatusCode::NOT_FOUND, "{name} {form}");
            let ok = reg
                .post(format!("{url}/revisions/2/approve"))
                .header("x-csrf-token", &reg_csrf)
                .send()
                .await
                .unwrap();
            assert_eq!(ok.status(), StatusCode::OK, "{name} {form}");

            let resp = a
                .get(format!("{url}?format=xlsx&lang={lang}"))
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), StatusCode::OK, "{name} {form}");
            assert!(
                resp.headers()["content-disposition"]
                    .to_str()
                    .unwrap()
                    .contains(".xlsx")
            );
            let bytes = resp.bytes().await.unwrap();
            assert_eq!(&bytes[..2], b"PK");
            if let Some(py) = &python {
                check_xlsx(py, &bytes, &want);
            }
            // The same revision as a PDF: every answered item is in it, in the hospital's language.
            let resp = a
                .get(format!("{url}?format=pdf&lang={lang}"))
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), StatusCode::OK, "{name} {form} pdf");
            assert_eq!(resp.headers()["content-type"], "application/pdf");
            let pdf = resp.bytes().await.unwrap();
            if let Some(text) = common::pdf_text(&pdf) {
                for id in full.as_object().unwrap().keys() {
                    assert!(text.contains(id.as_str()), "{name} {form} pdf lacks {id}");
                }
                let title = if lang == "ja" {
                    "開示書"
                } else {
                    "Disclosure"
                };
                assert!(
                    text.contains(title),
                    "{name} {form} pdf in {lang}: {text:.300}"
                );
            }
            // Hospital B runs no Ward Gateway: neither the document nor its export.
            for q in ["", "?format=xlsx", "?format=pdf"] {
                let r = b.get(format!("{url}{q}")).send().await.unwrap();
                assert_eq!(r.status(), StatusCode::NOT_FOUND, "{name} {form}{q}");
            }
        }
        let listed: Value = b
            .get(format!("{}/api/v1/disclosures", w.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(listed["disclosures"], json!([]));
        let listed: Value = a
            .get(format!("{}/api/v1/disclosures", w.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(listed["disclosures"].as_array().unwrap().len(), 2, "{name}");
        let _ = stop.send(());
    }
}

#[tokio::test]
async fn inquiry_thread_with_attachments_as_base64_and_multipart() {
    for (store, name, _dir) in common::stores("portal").await {
        let (base, stop) = common::start(store.clone(), |_| mamori_server::ServerConfig {
            sign_in_per_minute: 1000,
            max_upload_bytes: LIMIT,
            ..Default::default()
        })
        .await;
        let w = world(&store, base).await;
        let (a, a_csrf) = sign_in(&w.base, "nurse@a.example").await;
        let (b, b_csrf) = sign_in(&w.base, "nurse@b.example").await;
        let (psirt, p_csrf) = sign_in(&w.base, "analyst@maker.example").await;
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);

        let created = a
            .post(format!("{}/api/v1/inquiries", w.base))
            .header("x-csrf-token", &a_csrf)
            .json(&json!({"subject": "CVE-2026-1 and GW-1?", "kind": "affects-cve", "release": w.r1,
                "vulnerability": "CVE-2026-1", "body": "Please check.",
                "attachments": [{"name": "scan.txt", "media_type": "text/plain", "content_base64": b64(b"port 443 open")}]}))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), StatusCode::CREATED, "{name}");
        let i: Value = created.json().await.unwrap();
        let id = i["id"].as_i64().unwrap();
        assert_eq!(i["status"], "open");
        assert_eq!(i["overdue"], false);

        // Refusals: a release B does not run; an attachment over the limit; bad base64.
        let refusals: [(Value, u16); 3] = [
            (
                json!({"subject": "s", "kind": "other", "body": "b", "release": w.r1}),
                404,
            ),
            (
                json!({"subject": "s", "kind": "other", "body": "b",
                    "attachments": [{"name": "big.bin", "content_base64": b64(&vec![7u8; LIMIT + 1])}]}),
                413,
            ),
            (
                json!({"subject": "s", "kind": "other", "body": "b",
                    "attachments": [{"name": "x", "content_base64": "***"}]}),
                422,
            ),
        ];
        for (body, want) in refusals {
            let r = b
                .post(format!("{}/api/v1/inquiries", w.base))
                .header("x-csrf-token", &b_csrf)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), want, "{name}: {body}");
        }

        // The PSIRT's queue has it; the reply goes as multipart with a file.
        let queue: Value = psirt
            .get(format!("{}/api/v1/inquiries", w.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(queue["inquiries"][0]["id"], id);
        let form = reqwest::multipart::Form::new()
            .text("body", "Not affected; VEX attached.")
            .part(
                "file",
                reqwest::multipart::Part::bytes(b"{\"vex\":1}".to_vec())
                    .file_name("vex.json")
                    .mime_str("application/json")
                    .unwrap(),
            );
        let r = psirt
            .post(format!("{}/api/v1/inquiries/{id}/messages", w.base))
            .header("x-csrf-token", &p_csrf)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "{name}");

        let thread: Value = a
            .get(format!("{}/api/v1/inquiries/{id}", w.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(thread["status"], "answered");
        assert!(thread["acknowledged_at"].is_string());
        let msgs = thread["messages"].as_array().unwrap();
        assert_eq!(msgs.len(), 2);
        assert_eq!(msgs[1]["from"], "psirt");
        assert_eq!(msgs[1]["author"], "");
        let file = &msgs[1]["attachments"][0];
        let got = a
            .get(format!(
                "{}/api/v1/inquiries/{id}/attachments/{}",
                w.base, file["id"]
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(got.headers()["content-type"], "application/json");
        assert_eq!(got.bytes().await.unwrap().as_ref(), b"{\"vex\":1}");
        // Hospital B sees neither the thread nor the file.
        for path in [
            format!("/api/v1/inquiries/{id}"),
            format!("/api/v1/inquiries/{id}/attachments/{}", file["id"]),
        ] {
            let r = b.get(format!("{}{path}", w.base)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{name} {path}");
        }
        let closed: Value = a
            .post(format!("{}/api/v1/inquiries/{id}/close", w.base))
            .header("x-csrf-token", &a_csrf)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(closed["status"], "closed");
        let _ = stop.send(());
    }
}
