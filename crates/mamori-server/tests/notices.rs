//! Notices by real e-mail: publishing an advisory through the API queues a notice for the hospital running the release, the job runner's delivery sends one message per hospital user to a real SMTP server (Python's aiosmtpd writing a Maildir), and the delivered messages are read back with Python's e-mail parser: recipient, language, subject and body.
//!
//! Needs the test venv with aiosmtpd (`MAMORI_ORACLE_VENV`, installed by `scripts/test`); when it
//! is unset the test says so and passes, unless `CI` is set, when it fails.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use mamori_model::{Email, OrgKind, Role};
use mamori_server::ServerConfig;
use mamori_server::config::SmtpTls;
use mamori_server::jobs::{RunOutcome, Runner, handlers};
use mamori_store::{NewUser, NoticeState, Store, Visibility};
use serde_json::{Value, json};
use time::OffsetDateTime;

const PASSWORD: &str = "correct horse battery staple";

fn venv() -> Option<PathBuf> {
    match std::env::var_os("MAMORI_ORACLE_VENV") {
        Some(v) => Some(PathBuf::from(v)),
        None if std::env::var_os("CI").is_some() => {
            panic!("CI must run the SMTP test: MAMORI_ORACLE_VENV (with aiosmtpd) is unset")
        }
        None => {
            eprintln!("notice: MAMORI_ORACLE_VENV is unset; the SMTP notice test did not run");
            None
        }
    }
}

/// aiosmtpd on a free port, writing what it receives into a Maildir; stopped on drop.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: tempfile::TempDir,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn smtp_server(venv: &Path) -> SmtpServer {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let maildir = tempfile::tempdir().unwrap();
    let child = Command::new(venv.join("bin/python"))
        .args(["-m", "aiosmtpd", "-n", "-l"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir.path().join("mail"))
        .stdout(Stdio::null())
        .spawn()
        .expect("aiosmtpd starts");
    let server = SmtpServer {
        child,
        port,
        maildir,
    };
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return server;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("aiosmtpd did not listen on port {port}");
}

/// The Maildir's messages as Python's e-mail parser reads them, sorted by recipient.
fn delivered(venv: &Path, maildir: &Path) -> Vec<Value> {
    let script = r#"
import email, email.policy, json, mailbox, sys
out = []
for m in mailbox.Maildir(sys.argv[1], factory=None, create=False):
    msg = email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
    out.append({"to": str(msg["To"]), "from": str(msg["From"]), "lang": str(msg["Content-Language"]),
                "subject": str(msg["Subject"]), "body": msg.get_content()})
out.sort(key=lambda m: m["to"])
print(json.dumps(out))
"#;
    let o = Command::new(venv.join("bin/python"))
        .args(["-c", script])
        .arg(maildir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

async fn user(s: &Store, email: &str, org: i64, role: Role, lang: &str, now: OffsetDateTime) {
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
        now,
    )
    .await
    .unwrap();
}

/// Hospital A (a Japanese and an English user) runs GW-1 on Ward Gateway 1.0, which ships
/// CVE-2026-10001; hospital B runs nothing the advisory covers. Returns the advisory id.
async fn world(s: &Store, now: OffsetDateTime) -> i64 {
    let maker = s
        .add_organization("Maker", OrgKind::Maker, "ja", "setup", now)
        .await
        .unwrap();
    user(
        s,
        "regulatory@maker.example",
        maker.id,
        Role::Regulatory,
        "en",
        now,
    )
    .await;
    let a = s
        .add_organization("Hospital A", OrgKind::Hospital, "ja", "setup", now)
        .await
        .unwrap();
    let b = s
        .add_organization("Hospital B", OrgKind::Hospital, "en", "setup", now)
        .await
        .unwrap();
    user(s, "nurse@a.example", a.id, Role::Hospital, "ja", now).await;
    user(s, "tech@a.example", a.id, Role::Hospital, "en", now).await;
    user(s, "nurse@b.example", b.id, Role::Hospital, "en", now).await;
    let (_, r) = common::ward_gateway(s, now).await;
    s.add_installed_device(
        a.id,
        r.id,
        "GW-1",
        Some("Main"),
        Some("Ward 3"),
        "setup",
        now,
    )
    .await
    .unwrap();
    s.create_advisory(
        &mamori_store::NewAdvisory {
            title_en: "Heap overflow in the HL7 parser".into(),
            title_ja: "HL7 パーサのヒープオーバーフロー".into(),
            summary_en: "Update Ward Gateway to 1.2.".into(),
            summary_ja: "Ward Gateway を 1.2 に更新してください。".into(),
            lang: "en".into(),
            tlp: mamori_csaf::provider::Tlp::Clear,
            releases: vec![r.id],
            vulnerabilities: vec!["CVE-2026-10001".into()],
        },
        "setup",
        now,
    )
    .await
    .unwrap()
    .id
}

/// What each delivered message must say: recipient, language, subject, phrases of the body.
struct Expected {
    to: &'static str,
    lang: &'static str,
    subject: String,
    phrases: Vec<String>,
}

fn check(got: &[Value], want: &[Expected], name: &str) {
    assert_eq!(got.len(), want.len(), "{name}: {got:#?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g["to"], w.to, "{name}");
        assert_eq!(g["lang"], w.lang, "{name}: {}", w.to);
        assert_eq!(g["from"], "Mamori PSIRT <psirt@maker.example>", "{name}");
        assert_eq!(g["subject"], w.subject.as_str(), "{name}: {}", w.to);
        let body = g["body"].as_str().unwrap();
        for p in &w.phrases {
            assert!(
                body.contains(p.as_str()),
                "{name}: {} lacks {p:?}:\n{body}",
                w.to
            );
        }
    }
}

#[tokio::test]
async fn a_published_advisory_reaches_each_hospital_user_by_real_email() {
    let Some(venv) = venv() else { return };
    for (store, name, _dir) in common::stores("notice e-mail").await {
        let smtp = smtp_server(&venv).await;
        let now = OffsetDateTime::now_utc();
        let advisory = world(&store, now).await;
        let port = smtp.port;
        let mut config = None;
        let (base, stop) = common::start(store.clone(), |base| {
            let mut c = ServerConfig {
                public_url: base.to_owned(),
                maker_name: "Maker".into(),
                ..Default::default()
            };
            c.smtp.host = "127.0.0.1".into();
            c.smtp.port = port;
            c.smtp.tls = SmtpTls::None;
            c.smtp.from = "Mamori PSIRT <psirt@maker.example>".into();
            config = Some(c.clone());
            c
        })
        .await;
        let config = config.unwrap();

        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let me: Value = client
            .post(format!("{base}/api/v1/session"))
            .json(&json!({"email": "regulatory@maker.example", "password": PASSWORD}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let csrf = me["csrf_token"].as_str().unwrap().to_owned();
        let published: Value = client
            .post(format!("{base}/api/v1/advisories/{advisory}/publish"))
            .header("x-csrf-token", &csrf)
            .json(&json!({"status": "interim", "summary": "First publication."}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            published["notices"],
            json!({"queued": 1, "renewed": 0, "devices": 1, "messages": 2}),
            "{name}: {published}"
        );
        let tid = published["tracking_id"].as_str().unwrap().to_owned();

        // The delivery job the publication asked for, run by the job runner.
        let runner = Runner::new(
            store.clone(),
            "test",
            handlers(&config),
            std::time::Duration::from_millis(50),
        );
        let (_, outcome) = runner.run_once().await.unwrap().expect("a delivery job");
        assert_eq!(outcome, RunOutcome::Done, "{name}");

        let notice = store
            .notices_for(Visibility::All, Some(advisory))
            .await
            .unwrap()
            .remove(0);
        assert_eq!(notice.state, NoticeState::Sent, "{name}");
        let link = format!("{base}/notices#notice-{}", notice.id);
        let got = delivered(&venv, &smtp.maildir.path().join("mail"));
        check(
            &got,
            &[
                Expected {
                    to: "nurse@a.example",
                    lang: "ja",
                    subject: format!(
                        "【セキュリティ情報】{tid} HL7 パーサのヒープオーバーフロー（対象機器 1 台）"
                    ),
                    phrases: vec![
                        "Hospital A 御中".into(),
                        "CVE-2026-10001".into(),
                        "Ward Gateway を 1.2 に更新してください。".into(),
                        "Ward Gateway 1.0 シリアル番号 GW-1（Main / Ward 3）".into(),
                        link.clone(),
                        "「確認しました」".into(),
                    ],
                },
                Expected {
                    to: "tech@a.example",
                    lang: "en",
                    subject: format!(
                        "[Security advisory] {tid}: Heap overflow in the HL7 parser (1 device affected)"
                    ),
                    phrases: vec![
                        "Dear Hospital A,".into(),
                        "Update Ward Gateway to 1.2.".into(),
                        "Ward Gateway 1.0, serial GW-1 (Main / Ward 3)".into(),
                        link.clone(),
                        "press \"Acknowledge\"".into(),
                    ],
                },
            ],
            name,
        );
        let statuses: Vec<String> = store
            .outbox(None)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.status)
            .collect();
        assert_eq!(statuses, vec!["sent", "sent"], "{name}");

        // Publishing the same content again notifies nobody twice.
        let again: Value = client
            .post(format!("{base}/api/v1/advisories/{advisory}/publish"))
            .header("x-csrf-token", &csrf)
            .json(&json!({"status": "interim", "summary": "Same."}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(again["notices"]["messages"], 0, "{name}: {again}");
        let _ = stop.send(());
    }
}
