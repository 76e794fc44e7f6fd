//! The audit record on SQLite and PostgreSQL: appends chain, writers serialize, triggers refuse
//! edits, and every kind of tampering (a changed byte in any field, a deleted row, a swapped
//! pair) is named by `verify_audit` at the first broken link.

use crate::common;

use mamori_model::{Attr, Component, DocumentFormat, Lifecycle, ProductName, ReleaseVersion, Sbom};
use mamori_store::{
    Backend, Event, GENESIS, Incoming, SbomApproval, Store, StoredEvent, Subject, action,
};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::Row;
use time::OffsetDateTime;
use time::macros::datetime;

const T0: OffsetDateTime = datetime!(2026-11-25 09:00 +09:00);

fn at(minutes: i64) -> OffsetDateTime {
    T0 + time::Duration::minutes(minutes)
}

/// Six varied events: subjects, reasons and evidence differ so each field is worth tampering.
fn six_events() -> Vec<Event> {
    (1..=6)
        .map(|i| {
            Event::new(
                at(i),
                &format!("user{i}"),
                if i % 2 == 0 {
                    action::FINDING_STATE
                } else {
                    action::RULE_ADD
                },
                Subject::new("finding", &format!("F-{i}")).unwrap(),
            )
            .unwrap()
            .why(&format!("reason {i}: 患者安全"))
            .evidence(&json!({"set": {"state": format!("s{i}")}, "n": i}))
        })
        .collect()
}

async fn drop_triggers(s: &Store) {
    let sql = match s.backend() {
        Backend::Sqlite => {
            "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;"
        }
        Backend::Postgres => {
            "DROP TRIGGER audit_events_no_update ON audit_events; DROP TRIGGER audit_events_no_truncate ON audit_events;"
        }
    };
    sqlx::raw_sql(sql).execute(s.pool()).await.unwrap();
}

async fn column(s: &Store, seq: i64, col: &str) -> String {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {col} FROM audit_events WHERE seq = $1"
    )))
    .bind(seq)
    .fetch_one(s.pool())
    .await
    .unwrap()
    .try_get(0)
    .unwrap()
}

async fn set_column(s: &Store, seq: i64, col: &str, value: &str) {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE audit_events SET {col} = $1 WHERE seq = $2"
    )))
    .bind(value)
    .bind(seq)
    .execute(s.pool())
    .await
    .unwrap();
}

/// Changes one byte (the first) of a text column of event `seq`.
async fn flip_byte(s: &Store, seq: i64, col: &str) {
    let v = column(s, seq, col).await;
    let mut chars: Vec<char> = v.chars().collect();
    chars[0] = if chars[0] == 'x' { 'y' } else { 'x' };
    set_column(s, seq, col, &chars.into_iter().collect::<String>()).await;
}

const TEXT_COLUMNS: [&str; 9] = [
    "time",
    "actor",
    "action",
    "subject_kind",
    "subject_id",
    "why",
    "evidence",
    "prev_hash",
    "hash",
];

#[derive(Debug, Clone, Copy)]
enum Tamper {
    /// A changed byte in a column of an event.
    Byte(i64, &'static str),
    /// The event renumbered.
    Renumber(i64, i64),
    /// The event deleted.
    Delete(i64),
    /// Two events' contents swapped (their seq kept).
    Swap(i64, i64),
    /// An actor changed and the event's hash recomputed by someone who knows the encoding.
    Rehash(i64),
}

async fn tamper(s: &Store, how: Tamper) {
    match how {
        Tamper::Byte(seq, col) => flip_byte(s, seq, col).await,
        Tamper::Renumber(seq, to) => {
            sqlx::query("UPDATE audit_events SET seq = $1 WHERE seq = $2")
                .bind(to)
                .bind(seq)
                .execute(s.pool())
                .await
                .unwrap();
        }
        Tamper::Delete(seq) => {
            sqlx::query("DELETE FROM audit_events WHERE seq = $1")
                .bind(seq)
                .execute(s.pool())
                .await
                .unwrap();
        }
        Tamper::Swap(a, b) => {
            for col in TEXT_COLUMNS {
                let va = column(s, a, col).await;
                let vb = column(s, b, col).await;
                set_column(s, a, col, &vb).await;
                set_column(s, b, col, &va).await;
            }
        }
        Tamper::Rehash(seq) => {
            set_column(s, seq, "actor", "mallory").await;
            let e = &s.audit_page(seq - 1, 1).await.unwrap()[0];
            set_column(s, seq, "hash", &e.computed_hash()).await;
        }
    }
}

/// Appends six events, tampers, and expects verify to name `(kind, seq)` and to have counted
/// the sound events before it.
async fn check(how: Tamper, kind: &str, seq: i64) {
    for t in common::stores().await {
        let s = &t.store;
        let stored = s.append_events(&six_events()).await.unwrap();
        let before = s.verify_audit().await.unwrap();
        assert!(before.is_intact(), "{}: {before:?}", t.name);
        assert_eq!(before.events, 6);
        assert_eq!(before.head, stored[5].hash);
        drop_triggers(s).await;
        tamper(s, how).await;
        let report = s.verify_audit().await.unwrap();
        let broken = report
            .broken
            .as_ref()
            .unwrap_or_else(|| panic!("{}: {how:?} went unnoticed", t.name));
        assert_eq!(
            (broken.kind(), broken.seq()),
            (kind, seq),
            "{}: {how:?}: {broken}",
            t.name
        );
        assert_eq!(report.events, (seq - 1) as u64, "{}: {how:?}", t.name);
        // The head is the last sound event's hash as stored now (a rehashed event is sound).
        let head = if seq == 1 {
            GENESIS.to_owned()
        } else {
            column(s, seq - 1, "hash").await
        };
        assert_eq!(report.head, head, "{}: {how:?}", t.name);
        assert!(
            broken.to_string().contains(&format!("event {seq} ")),
            "{}: {broken}",
            t.name
        );
    }
}

#[tokio::test]
async fn a_changed_byte_in_any_content_field_is_a_hash_mismatch_at_that_event() {
    for col in [
        "time",
        "actor",
        "action",
        "subject_kind",
        "subject_id",
        "why",
        "evidence",
        "hash",
    ] {
        check(Tamper::Byte(3, col), "hash_mismatch", 3).await;
    }
    check(Tamper::Byte(1, "evidence"), "hash_mismatch", 1).await;
    check(Tamper::Byte(6, "time"), "hash_mismatch", 6).await;
}

#[tokio::test]
async fn a_changed_link_is_a_prev_hash_mismatch_at_that_event() {
    check(Tamper::Byte(3, "prev_hash"), "prev_hash_mismatch", 3).await;
    check(Tamper::Byte(1, "prev_hash"), "prev_hash_mismatch", 1).await;
    // Recomputing the altered event's hash moves the break to the next link.
    check(Tamper::Rehash(3), "prev_hash_mismatch", 4).await;
}

#[tokio::test]
async fn a_deleted_or_renumbered_event_is_a_gap() {
    check(Tamper::Delete(3), "missing", 3).await;
    check(Tamper::Delete(1), "missing", 1).await;
    check(Tamper::Renumber(3, 103), "missing", 3).await;
}

#[tokio::test]
async fn a_swapped_pair_breaks_at_the_first_of_them() {
    check(Tamper::Swap(3, 4), "prev_hash_mismatch", 3).await;
    check(Tamper::Swap(1, 2), "prev_hash_mismatch", 1).await;
    check(Tamper::Swap(5, 6), "prev_hash_mismatch", 5).await;
}

#[tokio::test]
async fn triggers_refuse_updates_and_deletes() {
    for t in common::stores().await {
        let s = &t.store;
        s.append_events(&six_events()).await.unwrap();
        for sql in [
            "UPDATE audit_events SET actor = 'mallory' WHERE seq = 2",
            "DELETE FROM audit_events WHERE seq = 6",
            "DELETE FROM audit_events",
        ] {
            let e = sqlx::query(sql).execute(s.pool()).await.unwrap_err();
            assert!(
                e.to_string().contains("append-only"),
                "{}: {sql}: {e}",
                t.name
            );
        }
        if s.backend() == Backend::Postgres {
            let e = sqlx::query("TRUNCATE audit_events")
                .execute(s.pool())
                .await
                .unwrap_err();
            assert!(e.to_string().contains("append-only"), "{e}");
        }
        let report = s.verify_audit().await.unwrap();
        assert!(report.is_intact() && report.events == 6, "{}", t.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_appenders_do_not_fork_the_chain() {
    const WRITERS: i64 = 4;
    const EACH: i64 = 40;
    for t in common::stores().await {
        let mut tasks = Vec::new();
        for w in 0..WRITERS {
            let s = t.store.clone();
            tasks.push(tokio::spawn(async move {
                for i in 0..EACH {
                    let e = Event::new(
                        at(i),
                        &format!("writer{w}"),
                        action::FINDING_STATE,
                        Subject::new("finding", &format!("{w}-{i}")).unwrap(),
                    )
                    .unwrap();
                    // Half the appends share a transaction with another write, as imports do.
                    if i % 2 == 0 {
                        s.append_event(&e).await.unwrap();
                    } else {
                        let mut tx = s.pool().begin().await.unwrap();
                        s.append_event_tx(&mut tx, &e).await.unwrap();
                        tx.commit().await.unwrap();
                    }
                }
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let report = t.store.verify_audit().await.unwrap();
        assert!(report.is_intact(), "{}: {:?}", t.name, report.broken);
        assert_eq!(report.events, (WRITERS * EACH) as u64, "{}", t.name);
    }
}

#[tokio::test]
async fn verify_pages_through_long_chains_and_finds_a_break_past_the_first_page() {
    for t in common::stores().await {
        let s = &t.store;
        let events: Vec<Event> = (0..12_000)
            .map(|i| {
                Event::new(
                    at(i),
                    "loader",
                    action::FINDING_STATE,
                    Subject::new("finding", &i.to_string()).unwrap(),
                )
                .unwrap()
            })
            .collect();
        for chunk in events.chunks(4000) {
            s.append_events(chunk).await.unwrap();
        }
        let report = s.verify_audit().await.unwrap();
        assert!(report.is_intact(), "{}: {:?}", t.name, report.broken);
        assert_eq!(report.events, 12_000);
        drop_triggers(s).await;
        tamper(s, Tamper::Byte(7_001, "actor")).await;
        let report = s.verify_audit().await.unwrap();
        assert_eq!(
            report.broken.map(|b| (b.kind(), b.seq())),
            Some(("hash_mismatch", 7_001)),
            "{}",
            t.name
        );
        assert_eq!(report.events, 7_000);
    }
}

/// The documented encoding, re-implemented from the module documentation alone.
fn auditor_hash(line: &Value) -> String {
    let text = |k: &str| line[k].as_str().unwrap().to_owned();
    let fields = [
        "mamori-audit-v1".to_owned(),
        line["seq"].as_i64().unwrap().to_string(),
        text("time"),
        text("actor"),
        text("action"),
        line["subject"]["kind"].as_str().unwrap().to_owned(),
        line["subject"]["id"].as_str().unwrap().to_owned(),
        text("why"),
        text("evidence"),
        text("prev_hash"),
    ];
    let mut h = Sha256::new();
    for f in fields {
        h.update((f.len() as u64).to_be_bytes());
        h.update(f.as_bytes());
    }
    hex::encode(h.finalize())
}

#[tokio::test]
async fn the_export_lets_an_auditor_recompute_every_hash() {
    for t in common::stores().await {
        let s = &t.store;
        s.append_events(&six_events()).await.unwrap();
        let mut out = Vec::new();
        assert_eq!(s.export_audit(&mut out).await.unwrap(), 6);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 6);
        let mut prev = GENESIS.to_owned();
        for (i, l) in lines.iter().enumerate() {
            assert_eq!(l["seq"], json!(i + 1), "{}", t.name);
            assert_eq!(l["prev_hash"], json!(prev), "{}", t.name);
            assert_eq!(l["hash"], json!(auditor_hash(l)), "{}: line {i}", t.name);
            prev = l["hash"].as_str().unwrap().to_owned();
        }
        assert_eq!(lines[0]["time"], json!("2026-11-25T00:01:00.000000Z"));
        assert_eq!(lines[0]["actor"], json!("user1"));
        assert_eq!(lines[0]["why"], json!("reason 1: 患者安全"));
        assert_eq!(
            lines[0]["evidence"],
            json!(r#"{"n":1,"set":{"state":"s1"}}"#)
        );
    }
}

#[tokio::test]
async fn malformed_events_are_refused() {
    let subject = || Subject::new("sbom", "1").unwrap();
    for (actor, act) in [
        ("", "sbom.import"),
        ("  ", "sbom.import"),
        ("alice", "import"),
        ("alice", "Sbom.Import"),
        ("alice", "sbom..import"),
        ("alice", "sbom.import."),
        ("alice", ".import"),
    ] {
        assert!(
            Event::new(T0, actor, act, subject()).is_err(),
            "{actor:?} {act:?} was accepted"
        );
    }
    for (kind, id) in [("", "1"), ("SBOM", "1"), ("sbom kind", "1"), ("sbom", " ")] {
        assert!(
            Subject::new(kind, id).is_err(),
            "{kind:?} {id:?} was accepted"
        );
    }
    assert!(Event::new(datetime!(0000-06-01 0:00 UTC), "a", "x.y", subject()).is_err());
}

fn sbom(parts: &[&str]) -> Sbom {
    let mut s = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
    s.metadata.primary = Some("fw".into());
    s.components.push(Component {
        bom_ref: "fw".into(),
        name: "pump firmware".into(),
        version: Attr::Value("3.1".into()),
        ..Component::default()
    });
    for name in parts {
        s.components.push(Component {
            bom_ref: format!("pkg:generic/{name}@1"),
            name: (*name).into(),
            version: Attr::Value("1".into()),
            purl: Some(format!("pkg:generic/{name}@1")),
            ..Component::default()
        });
    }
    s
}

fn actions(events: &[StoredEvent]) -> Vec<(&str, &str)> {
    events
        .iter()
        .map(|e| (e.action.as_str(), e.actor.as_str()))
        .collect()
}

#[tokio::test]
async fn portfolio_and_sbom_changes_are_recorded_with_their_state() {
    for t in common::stores().await {
        let s = t.store.with_actor("carol");
        let p = s
            .add_product(&ProductName::new("Pump").unwrap(), None, at(0))
            .await
            .unwrap();
        // A refused change records nothing.
        assert!(
            s.add_product(&ProductName::new("Pump").unwrap(), None, at(0))
                .await
                .is_err()
        );
        let r = s
            .add_release(
                &p,
                &ReleaseVersion::new("3.1").unwrap(),
                &Lifecycle::default(),
                at(1),
            )
            .await
            .unwrap();
        let doc = sbom(&["openssl", "zlib"]);
        let bytes = mamori_sbom::write(&doc, DocumentFormat::CycloneDxJson);
        let imported = s
            .import_sbom(
                &r,
                Incoming {
                    bytes: &bytes,
                    filename: Some("fw.cdx.json"),
                    sbom: &doc,
                    supplier: None,
                },
                "bob",
                at(10),
            )
            .await
            .unwrap();
        let approved = s.approve_sbom(&r, "alice", at(20)).await.unwrap();
        let approved_at = approved.approved_at.unwrap();
        assert!(s.approve_sbom(&r, "alice", at(21)).await.is_err());

        let report = s.verify_audit().await.unwrap();
        assert!(report.is_intact(), "{}", t.name);
        assert_eq!(report.events, 4, "{}", t.name);
        let all = s.audit_page(0, 100).await.unwrap();
        assert_eq!(
            actions(&all),
            [
                ("product.add", "carol"),
                ("release.add", "carol"),
                ("sbom.import", "bob"),
                ("sbom.approve", "alice"),
            ],
            "{}",
            t.name
        );
        let import_evidence = all[2].evidence_json().unwrap();
        assert_eq!(import_evidence["sha256"], json!(imported.sha256));
        assert_eq!(import_evidence["set"]["components"], json!(3));

        // The approval as it stood at each moment, from the record alone.
        let id = imported.sbom.id;
        for (when, expected) in [
            (at(5), SbomApproval::Absent),
            (at(10), SbomApproval::Draft),
            (at(19), SbomApproval::Draft),
            (
                at(20),
                SbomApproval::Approved {
                    by: "alice".into(),
                    at: approved_at.clone(),
                },
            ),
            (
                at(60 * 24 * 365),
                SbomApproval::Approved {
                    by: "alice".into(),
                    at: approved_at.clone(),
                },
            ),
        ] {
            assert_eq!(
                s.sbom_approval_at(id, when).await.unwrap(),
                expected,
                "{}: at {when}",
                t.name
            );
        }
        let release_state = s.state_at(&Subject::release(r.id), at(1)).await.unwrap();
        assert_eq!(release_state.fields["version"], json!("3.1"));
        assert_eq!(release_state.events, 1);
    }
}

#[tokio::test]
async fn past_state_is_the_last_value_each_event_set() {
    for t in common::stores().await {
        let s = &t.store;
        let f = Subject::new("finding", "F-1").unwrap();
        let other = Subject::new("finding", "F-2").unwrap();
        let set = |min: i64, subject: &Subject, fields: Value| {
            Event::new(at(min), "alice", action::FINDING_STATE, subject.clone())
                .unwrap()
                .evidence(&json!({ "set": fields }))
        };
        s.append_events(&[
            set(0, &f, json!({"state": "in_triage"})),
            set(1, &other, json!({"state": "exploitable"})),
            set(
                2,
                &f,
                json!({"state": "not_affected", "justification": "code_not_reachable"}),
            ),
            // Recorded later with an earlier time: the time, not the position, decides.
            set(-10, &f, json!({"assignee": "bob"})),
            set(3, &f, json!({"state": "resolved"})),
        ])
        .await
        .unwrap();
        for (when, expected) in [
            (at(-20), json!({})),
            (at(-10), json!({"assignee": "bob"})),
            (at(0), json!({"state": "in_triage", "assignee": "bob"})),
            (
                at(2),
                json!({"state": "not_affected", "justification": "code_not_reachable", "assignee": "bob"}),
            ),
            (
                at(3),
                json!({"state": "resolved", "justification": "code_not_reachable", "assignee": "bob"}),
            ),
        ] {
            let state = s.state_at(&f, when).await.unwrap();
            let got = Value::Object(state.fields.into_iter().collect());
            assert_eq!(got, expected, "{}: at {when}", t.name);
        }
        let events = s.events_for(&f, at(2)).await.unwrap();
        let seqs: Vec<i64> = events.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, [1, 3, 4], "{}", t.name);
    }
}

#[tokio::test]
async fn awkward_text_verifies_and_a_retyped_value_is_a_mismatch() {
    let awkward = "\"quoted\" \\ back\\slash\n\ttab \u{1} \u{1f} é 患者 😀 </script>";
    for t in common::stores().await {
        let s = &t.store;
        let e = Event::new(
            T0,
            awkward,
            action::CASE_DECIDE,
            Subject::new("case", awkward).unwrap(),
        )
        .unwrap()
        .why(awkward)
        .evidence(&json!({ awkward: [awkward, 1.5, -0, null, true] }));
        s.append_events(&[e.clone(), e.clone(), e]).await.unwrap();
        let report = s.verify_audit().await.unwrap();
        assert!(report.is_intact(), "{}: {:?}", t.name, report.broken);
        assert_eq!(report.events, 3);
        // A value stored as another type (SQLite keeps the integer) is still named.
        drop_triggers(s).await;
        sqlx::query("UPDATE audit_events SET actor = 123 WHERE seq = 2")
            .execute(s.pool())
            .await
            .unwrap();
        let report = s.verify_audit().await.unwrap();
        assert_eq!(
            report.broken.map(|b| (b.kind(), b.seq())),
            Some(("hash_mismatch", 2)),
            "{}",
            t.name
        );
    }
}
