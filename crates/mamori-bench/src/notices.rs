//! The notices benchmark: an advisory on a release that thousands of hospitals run, timed from queueing its notices to their delivery to a local SMTP server.
//!
//! `mamori-bench notices [--hospitals 5000] [--users 1] [--db URL] [--connections 8]
//! [--python PATH]` builds a fresh store (SQLite in a temporary folder unless `--db` names
//! an empty PostgreSQL database) with one release carrying the fixture SBOM, N hospitals each
//! running one device of it with `--users` hospital users (inserted in SQL: hashing thousands of
//! passwords would time Argon2, not notices), publishes an advisory on the release, then times
//! `Store::queue_advisory_notices` (target ≤ 5 s for 5,000 hospitals) and the server's outbox
//! delivery (`mamori_server::notify::deliver`) to aiosmtpd writing a Maildir (target ≥ 100
//! messages per second). `--python` is aiosmtpd's interpreter, default
//! `$MAMORI_ORACLE_VENV/bin/python`.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};
use mamori_model::{Lifecycle, OrgKind, ProductName, ReleaseVersion};
use mamori_server::config::{SmtpConfig, SmtpTls};
use mamori_server::notify::{Mailer, Texts, deliver};
use mamori_store::{FeedFile, Incoming, Store};
use time::OffsetDateTime;

struct Args {
    hospitals: usize,
    users: usize,
    db: Option<String>,
    connections: u32,
    python: PathBuf,
}

fn args(raw: &[String]) -> anyhow::Result<Args> {
    let mut a = Args {
        hospitals: 5000,
        users: 1,
        db: None,
        connections: 8,
        python: std::env::var_os("MAMORI_ORACLE_VENV")
            .map(|v| PathBuf::from(v).join("bin/python"))
            .unwrap_or_else(|| PathBuf::from("python3")),
    };
    let mut it = raw.iter();
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--hospitals" => a.hospitals = value.parse()?,
            "--users" => a.users = value.parse()?,
            "--db" => a.db = Some(value.clone()),
            "--connections" => a.connections = value.parse()?,
            "--python" => a.python = PathBuf::from(value),
            other => bail!("unknown option {other}"),
        }
    }
    Ok(a)
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../mamori/tests/fixtures/monitor")
}

/// Runs the benchmark and prints its figures.
pub fn run(raw: &[String]) -> anyhow::Result<()> {
    let a = args(raw)?;
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(bench(a))
}

async fn bench(a: Args) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("mamori-bench-notices-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = bench_in(&a, &dir).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn bench_in(a: &Args, dir: &std::path::Path) -> anyhow::Result<()> {
    let url =
        a.db.clone()
            .unwrap_or_else(|| format!("sqlite://{}", dir.join("notices.db").display()));
    let store = Store::open(&url).await?;
    let now = OffsetDateTime::now_utc();
    let advisory = portfolio(&store, a, now).await?;

    let texts = Texts {
        maker: "Example Medical".into(),
        public_url: "https://psirt.example.jp".into(),
    };
    let t = Instant::now();
    let report = store
        .queue_advisory_notices(advisory, false, &texts, "bench", now)
        .await?;
    let queued = t.elapsed().as_secs_f64();
    println!(
        "queue: {} notices, {} devices, {} messages for {} hospitals in {queued:.3} s (target ≤ 5 s)",
        report.notices, report.devices, report.messages, a.hospitals
    );

    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let maildir = dir.join("mail");
    let mut smtp = Command::new(&a.python)
        .args(["-m", "aiosmtpd", "-n", "-l"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(&maildir)
        .stdout(Stdio::null())
        .spawn()
        .with_context(|| format!("starting aiosmtpd with {}", a.python.display()))?;
    let mut up = false;
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    if !up {
        let _ = smtp.kill();
        bail!("aiosmtpd did not listen on port {port}");
    }
    let mailer = Mailer::new(&SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        from: "Mamori PSIRT <psirt@example.jp>".into(),
        tls: SmtpTls::None,
        user: None,
        password: None,
        connections: a.connections,
    })?
    .context("a mailer")?;
    let t = Instant::now();
    let d = deliver(&store, &mailer, &OffsetDateTime::now_utc).await;
    let took = t.elapsed().as_secs_f64();
    let _ = smtp.kill();
    let _ = smtp.wait();
    let d = d?;
    let files = std::fs::read_dir(maildir.join("new")).map_or(0, |r| r.count());
    println!(
        "delivery: {} sent, {} failed, {files} in the Maildir, in {took:.3} s = {:.0} messages/s over {} connections (target ≥ 100/s)",
        d.sent,
        d.failed,
        d.sent as f64 / took.max(1e-9),
        a.connections
    );
    store.close().await;
    Ok(())
}

/// One release with the fixture SBOM and its finding, the hospitals, their users and devices,
/// and a published advisory on the release. Returns the advisory id.
async fn portfolio(store: &Store, a: &Args, now: OffsetDateTime) -> anyhow::Result<i64> {
    let osv = std::fs::read(fixtures().join("GHSA-mmmm-0001-aaaa.json"))?;
    store
        .import_feed(FeedFile::read("GHSA-mmmm-0001-aaaa.json", &osv, None)?, now)
        .await?;
    let p = store
        .add_product(&ProductName::new("Ward Gateway")?, None, now)
        .await?;
    let r = store
        .add_release(&p, &ReleaseVersion::new("1.0")?, &Lifecycle::default(), now)
        .await?;
    let bytes = std::fs::read(fixtures().join("fw-1.0.cdx.json"))?;
    let checked = mamori_sbom::read(&bytes)?;
    store
        .import_sbom(
            &r,
            Incoming {
                bytes: &bytes,
                filename: Some("fw-1.0.cdx.json"),
                sbom: &checked.sbom,
                supplier: None,
            },
            "bench",
            now,
        )
        .await?;
    // A real account, so that hashed passwords have the stored form; its hash is reused below.
    let first = store
        .add_organization("Hospital 00000", OrgKind::Hospital, "ja", "bench", now)
        .await?;
    let template = store
        .add_user(
            &mamori_store::NewUser {
                email: mamori_model::Email::new("user0@h00000.example")?,
                display_name: "user0".into(),
                password: "a long enough password".into(),
                org_id: first.id,
                role: mamori_model::Role::Hospital,
                lang: "ja".into(),
            },
            "bench",
            now,
        )
        .await?;
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(template.id)
        .fetch_one(store.pool())
        .await?;
    let stamp = now.format(&time::format_description::well_known::Rfc3339)?;
    let pool = store.pool();
    let mut tx = pool.begin().await?;
    for chunk in (1..a.hospitals).collect::<Vec<_>>().chunks(200) {
        let mut sql =
            String::from("INSERT INTO organizations (name, kind, lang, created_at) VALUES ");
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            let b = i * 3;
            sql.push_str(&format!("(${}, 'hospital', ${}, ${})", b + 1, b + 2, b + 3));
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for n in chunk {
            q = q
                .bind(format!("Hospital {n:05}"))
                .bind(if n % 3 == 0 { "en" } else { "ja" })
                .bind(stamp.clone());
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    let orgs: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM organizations WHERE kind = 'hospital' ORDER BY id")
            .fetch_all(pool)
            .await?;
    let mut tx = pool.begin().await?;
    for chunk in orgs.chunks(100) {
        let mut users = String::from(
            "INSERT INTO users (email, display_name, password_hash, org_id, role, lang, disabled, failed_logins, created_at) VALUES ",
        );
        let mut devices = String::from(
            "INSERT INTO installed_devices (org_id, release_id, serial, site, location, created_at) VALUES ",
        );
        let mut nu = 0;
        for (nd, (id, _)) in chunk.iter().enumerate() {
            let skip = usize::from(*id == first.id);
            for _ in skip..a.users {
                if nu > 0 {
                    users.push(',');
                }
                let b = nu * 5;
                users.push_str(&format!(
                    "(${}, ${}, ${}, ${}, 'hospital', ${}, 0, 0, '{stamp}')",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5
                ));
                nu += 1;
            }
            if nd > 0 {
                devices.push(',');
            }
            let b = nd * 3;
            devices.push_str(&format!(
                "(${}, ${}, ${}, 'Main', 'ICU', '{stamp}')",
                b + 1,
                b + 2,
                b + 3
            ));
        }
        if nu > 0 {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(users));
            for (id, _) in chunk {
                let skip = usize::from(*id == first.id);
                for u in skip..a.users {
                    let email = format!("user{u}@h{id}.example");
                    q = q
                        .bind(email.clone())
                        .bind(email)
                        .bind(hash.clone())
                        .bind(*id)
                        .bind(if (id + u as i64) % 3 == 0 { "en" } else { "ja" });
                }
            }
            q.execute(&mut *tx).await?;
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(devices));
        for (id, _) in chunk {
            q = q.bind(*id).bind(r.id).bind(format!("GW-{id:06}"));
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;

    let advisory = store
        .create_advisory(
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
            "bench",
            now,
        )
        .await?
        .id;
    store
        .publish_advisory(
            advisory,
            &mamori_store::Publication {
                status: mamori_store::AdvisoryStatus::Final,
                summary: "Initial publication.".into(),
                publisher: mamori_csaf::vex::Publisher {
                    name: "Example Medical".into(),
                    namespace: "https://psirt.example.jp".into(),
                    category: mamori_csaf::vex::PublisherCategory::Vendor,
                },
                base_url: None,
            },
            "bench",
            now,
        )
        .await?;
    Ok(advisory)
}
