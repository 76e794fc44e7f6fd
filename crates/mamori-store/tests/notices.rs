//! Notices on SQLite and PostgreSQL: who is noticed about an advisory or an end of support, in which language, idempotence, acknowledgement and per-device answers, tenancy, reminders, the outbox's claims, deliveries and retries, the maker's status view, and the audit record.

use crate::common;

use std::path::PathBuf;

use mamori_csaf::provider::Tlp;
use mamori_csaf::vex::{Publisher, PublisherCategory};
use mamori_model::{Email, Lifecycle, OrgKind, ProductName, ReleaseVersion, Role};
use mamori_store::{
    AdvisoryStatus, DeviceResponse, FeedFile, ImpactQuery, Incoming, Letter, NewAdvisory, NewUser,
    NoticeFacts, NoticeState, NoticeText, OUTBOX_MAX_ATTEMPTS, Publication, QueueReport, Store,
    StoreError, Subject, Visibility,
};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../mamori/tests/fixtures/monitor")
}

/// Writes what the tests compare: the language, the subject of the notice and the serials.
struct Plain;

impl NoticeText for Plain {
    fn write(&self, f: &NoticeFacts, lang: &str) -> Letter {
        let serials: Vec<&str> = f.devices.iter().map(|d| d.serial.as_str()).collect();
        let title = if lang == "ja" {
            &f.title_ja
        } else {
            &f.title_en
        };
        Letter {
            subject: format!(
                "{lang}|{}|{}|{}",
                if f.reminder { "reminder" } else { "notice" },
                f.tracking_id.as_deref().unwrap_or("eos"),
                title
            ),
            body: format!(
                "{}|{}{}",
                f.org_name,
                serials.join(","),
                if f.ended { "|ended" } else { "" }
            ),
        }
    }
}

struct World {
    a: i64,
    b: i64,
    c: i64,
    advisory: i64,
    /// Device ids by serial.
    devices: Vec<(String, i64)>,
    r11: i64,
}

impl World {
    fn device(&self, serial: &str) -> i64 {
        self.devices.iter().find(|(s, _)| s == serial).unwrap().1
    }
}

async fn user(s: &Store, email: &str, org: i64, lang: &str, now: OffsetDateTime) -> i64 {
    s.add_user(
        &NewUser {
            email: Email::new(email).unwrap(),
            display_name: email.into(),
            password: "a long enough password".into(),
            org_id: org,
            role: if org == 1 {
                Role::Analyst
            } else {
                Role::Hospital
            },
            lang: lang.into(),
        },
        "setup",
        now,
    )
    .await
    .unwrap()
    .id
}

/// Ward Gateway 1.0 and 1.1 ship CVE-2026-10001; 1.1's support ends 2027-01-31.
/// Hospital A (two users, ja and en) runs GW-1 and GW-2 on 1.0; hospital B (one en user,
/// one disabled) runs GW-9 on 1.1; hospital C's only 1.0 device is decommissioned.
async fn world(s: &Store, now: OffsetDateTime) -> World {
    let maker = s
        .add_organization("Maker", OrgKind::Maker, "ja", "setup", now)
        .await
        .unwrap();
    user(s, "analyst@maker.example", maker.id, "ja", now).await;
    let mut orgs = Vec::new();
    for (name, lang) in [
        ("Hospital A", "ja"),
        ("Hospital B", "en"),
        ("Hospital C", "ja"),
    ] {
        orgs.push(
            s.add_organization(name, OrgKind::Hospital, lang, "setup", now)
                .await
                .unwrap()
                .id,
        );
    }
    let (a, b, c) = (orgs[0], orgs[1], orgs[2]);
    user(s, "nurse@a.example", a, "ja", now).await;
    user(s, "tech@a.example", a, "en", now).await;
    user(s, "nurse@b.example", b, "en", now).await;
    let gone = user(s, "gone@b.example", b, "en", now).await;
    s.set_user_disabled(gone, true, "setup", now).await.unwrap();
    user(s, "nurse@c.example", c, "ja", now).await;

    let osv = std::fs::read(fixtures().join("GHSA-mmmm-0001-aaaa.json")).unwrap();
    s.import_feed(
        FeedFile::read("GHSA-mmmm-0001-aaaa.json", &osv, None).unwrap(),
        now,
    )
    .await
    .unwrap();
    let p = s
        .add_product(&ProductName::new("Ward Gateway").unwrap(), None, now)
        .await
        .unwrap();
    let mut releases = Vec::new();
    for (v, eos) in [("1.0", None), ("1.1", Some(date!(2027 - 01 - 31)))] {
        let r = s
            .add_release(
                &p,
                &ReleaseVersion::new(v).unwrap(),
                &Lifecycle::new(None, None, eos, None).unwrap(),
                now,
            )
            .await
            .unwrap();
        let file = format!("fw-{v}.cdx.json");
        let bytes = std::fs::read(fixtures().join(&file)).unwrap();
        let checked = mamori_sbom::read(&bytes).unwrap();
        s.import_sbom(
            &r,
            Incoming {
                bytes: &bytes,
                filename: Some(&file),
                sbom: &checked.sbom,
                supplier: None,
            },
            "setup",
            now,
        )
        .await
        .unwrap();
        releases.push(r);
    }
    let mut devices = Vec::new();
    for (org, r, serial) in [
        (a, &releases[0], "GW-1"),
        (a, &releases[0], "GW-2"),
        (b, &releases[1], "GW-9"),
        (c, &releases[0], "GW-OLD"),
    ] {
        let d = s
            .add_installed_device(org, r.id, serial, Some("Main"), None, "setup", now)
            .await
            .unwrap();
        devices.push((serial.to_owned(), d.id));
    }
    sqlx::query(
        "UPDATE installed_devices SET decommissioned_on = '2026-01-01' WHERE serial = 'GW-OLD'",
    )
    .execute(s.pool())
    .await
    .unwrap();
    let advisory = s
        .create_advisory(
            &NewAdvisory {
                title_en: "Heap overflow in the HL7 parser".into(),
                title_ja: "HL7 パーサのヒープオーバーフロー".into(),
                summary_en: "Update to 1.2.".into(),
                summary_ja: "1.2 に更新してください。".into(),
                lang: "en".into(),
                tlp: Tlp::Clear,
                releases: vec![releases[0].id, releases[1].id],
                vulnerabilities: vec!["CVE-2026-10001".into()],
            },
            "setup",
            now,
        )
        .await
        .unwrap();
    World {
        a,
        b,
        c,
        advisory: advisory.id,
        devices,
        r11: releases[1].id,
    }
}

async fn publish(s: &Store, id: i64, now: OffsetDateTime) {
    s.publish_advisory(
        id,
        &Publication {
            status: AdvisoryStatus::Interim,
            summary: "First.".into(),
            publisher: Publisher {
                name: "Maker".into(),
                namespace: "https://maker.example".into(),
                category: PublisherCategory::Vendor,
            },
            base_url: None,
        },
        "setup",
        now,
    )
    .await
    .unwrap();
}

/// The outbox as (recipient, lang, subject, body, status) rows, in id order.
async fn mails(s: &Store) -> Vec<(String, String, String, String)> {
    let rows = s.outbox(None).await.unwrap();
    let mut out = Vec::new();
    for r in rows {
        let body = sqlx::query_scalar::<_, String>("SELECT body FROM notice_outbox WHERE id = $1")
            .bind(r.id)
            .fetch_one(s.pool())
            .await
            .unwrap();
        out.push((r.recipient, r.subject, body, r.status));
    }
    out
}

fn report(notices: usize, renewed: usize, devices: usize, messages: usize) -> QueueReport {
    QueueReport {
        notices,
        renewed,
        devices,
        messages,
    }
}

fn row(to: &str, subject: &str, body: &str, status: &str) -> (String, String, String, String) {
    (to.into(), subject.into(), body.into(), status.into())
}

#[tokio::test]
async fn advisory_notices_reach_each_hospital_user_in_their_language_once() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        let now = datetime!(2026-11-25 12:00 UTC);
        let w = world(s, now).await;
        let refused = s
            .queue_advisory_notices(w.advisory, false, &Plain, "regulatory@maker", now)
            .await;
        assert!(
            matches!(refused, Err(StoreError::Invalid(ref m)) if m.contains("draft")),
            "{name}: {refused:?}"
        );
        publish(s, w.advisory, now).await;
        let tid = s.advisory(w.advisory).await.unwrap().tracking_id;
        let r = s
            .queue_advisory_notices(w.advisory, false, &Plain, "regulatory@maker", now)
            .await
            .unwrap();
        assert_eq!(r, report(2, 0, 3, 3), "{name}");
        let ja = format!("ja|notice|{tid}|HL7 パーサのヒープオーバーフロー");
        let en = format!("en|notice|{tid}|Heap overflow in the HL7 parser");
        assert_eq!(
            mails(s).await,
            vec![
                row("nurse@a.example", &ja, "Hospital A|GW-1,GW-2", "pending"),
                row("tech@a.example", &en, "Hospital A|GW-1,GW-2", "pending"),
                row("nurse@b.example", &en, "Hospital B|GW-9", "pending"),
            ],
            "{name}: users of A and B, not the disabled one, not C's (decommissioned), not the maker's"
        );

        // Publishing again does not notify twice; a new device joins silently.
        let again = s
            .queue_advisory_notices(w.advisory, false, &Plain, "regulatory@maker", now)
            .await
            .unwrap();
        assert_eq!(again, report(0, 0, 0, 0), "{name}");
        s.add_installed_device(w.a, w.r11, "GW-3", None, None, "setup", now)
            .await
            .unwrap();
        let more = s
            .queue_advisory_notices(w.advisory, false, &Plain, "regulatory@maker", now)
            .await
            .unwrap();
        assert_eq!(more, report(0, 0, 1, 0), "{name}");
        assert_eq!(mails(s).await.len(), 3, "{name}");

        // Asked to, every notice goes out again and waits for a new acknowledgement.
        let notice_a = s
            .notices_for(Visibility::Organization(w.a), None)
            .await
            .unwrap()[0]
            .id;
        s.acknowledge_notice(notice_a, w.a, "nurse@a.example", now)
            .await
            .unwrap();
        let renewed = s
            .queue_advisory_notices(w.advisory, true, &Plain, "regulatory@maker", now)
            .await
            .unwrap();
        assert_eq!(renewed, report(0, 2, 0, 3), "{name}");
        let n = s.notice_for(notice_a, Visibility::All).await.unwrap();
        assert_eq!(
            (n.state, n.round, n.acknowledged_by, n.devices.len()),
            (NoticeState::Queued, 2, None, 3),
            "{name}"
        );
        let last = mails(s).await.pop().unwrap();
        assert_eq!(last.2, "Hospital B|GW-9", "{name}");

        let events = s
            .events_for(
                &Subject::new("notice", &notice_a.to_string()).unwrap(),
                now + Duration::days(1),
            )
            .await
            .unwrap();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            vec![
                "notice.queue",
                "notice.devices",
                "notice.acknowledge",
                "notice.requeue"
            ],
            "{name}"
        );
        assert!(s.verify_audit().await.unwrap().is_intact(), "{name}");
        let _ = w.c;
    }
}

#[tokio::test]
async fn hospitals_acknowledge_and_answer_per_device_and_see_only_their_own() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        let now = datetime!(2026-11-25 12:00 UTC);
        let w = world(s, now).await;
        publish(s, w.advisory, now).await;
        s.queue_advisory_notices(w.advisory, false, &Plain, "regulatory@maker", now)
            .await
            .unwrap();
        let mine = s
            .notices_for(Visibility::Organization(w.a), None)
            .await
            .unwrap();
        assert_eq!(mine.len(), 1, "{name}");
        assert_eq!(mine[0].org_name, "Hospital A", "{name}");
        let na = mine[0].id;
        let nb = s
            .notices_for(Visibility::Organization(w.b), None)
            .await
            .unwrap()[0]
            .id;
        assert!(
            s.notices_for(Visibility::Organization(w.c), None)
                .await
                .unwrap()
                .is_empty(),
            "{name}"
        );
        assert_eq!(
            s.notices_for(Visibility::All, Some(w.advisory))
                .await
                .unwrap()
                .len(),
            2,
            "{name}"
        );

        // Hospital B can neither read nor change A's notice.
        let cases: Vec<(&str, Result<NoticeState, StoreError>)> = vec![
            (
                "B reads A's",
                s.notice_for(na, Visibility::Organization(w.b))
                    .await
                    .map(|n| n.state),
            ),
            (
                "B acknowledges A's",
                s.acknowledge_notice(na, w.b, "nurse@b.example", now)
                    .await
                    .map(|n| n.state),
            ),
            (
                "B answers for A's device",
                s.respond_device(
                    na,
                    w.b,
                    w.device("GW-1"),
                    DeviceResponse::PatchApplied,
                    None,
                    "nurse@b.example",
                    now,
                )
                .await
                .map(|n| n.state),
            ),
            (
                "A answers for B's device on its own notice",
                s.respond_device(
                    na,
                    w.a,
                    w.device("GW-9"),
                    DeviceResponse::PatchApplied,
                    None,
                    "nurse@a.example",
                    now,
                )
                .await
                .map(|n| n.state),
            ),
        ];
        for (what, got) in cases {
            assert!(
                matches!(got, Err(StoreError::NotFound { .. })),
                "{name}: {what}: {got:?}"
            );
        }

        let later = now + Duration::hours(2);
        let n = s
            .acknowledge_notice(na, w.a, "nurse@a.example", later)
            .await
            .unwrap();
        assert_eq!(
            (n.state, n.acknowledged_by.as_deref()),
            (NoticeState::Acknowledged, Some("nurse@a.example")),
            "{name}"
        );
        let again = s
            .acknowledge_notice(na, w.a, "tech@a.example", later)
            .await
            .unwrap();
        assert_eq!(
            again.acknowledged_by.as_deref(),
            Some("nurse@a.example"),
            "{name}"
        );
        s.respond_device(
            na,
            w.a,
            w.device("GW-1"),
            DeviceResponse::PatchApplied,
            Some("  updated to 1.2 "),
            "nurse@a.example",
            later,
        )
        .await
        .unwrap();
        let n = s
            .respond_device(
                na,
                w.a,
                w.device("GW-2"),
                DeviceResponse::MitigationInPlace,
                None,
                "tech@a.example",
                later,
            )
            .await
            .unwrap();
        let answers: Vec<(&str, Option<&str>, Option<&str>)> = n
            .devices
            .iter()
            .map(|d| {
                (
                    d.serial.as_str(),
                    d.response.map(DeviceResponse::as_str),
                    d.note.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            answers,
            vec![
                ("GW-1", Some("patch_applied"), Some("updated to 1.2")),
                ("GW-2", Some("mitigation_in_place"), None),
            ],
            "{name}"
        );

        let status: Vec<(String, NoticeState, i64, i64, i64, i64)> = s
            .advisory_notice_status(w.advisory)
            .await
            .unwrap()
            .into_iter()
            .map(|r| {
                (
                    r.org_name,
                    r.state,
                    r.devices,
                    r.patched,
                    r.mitigated,
                    r.unanswered,
                )
            })
            .collect();
        assert_eq!(
            status,
            vec![
                ("Hospital A".into(), NoticeState::Acknowledged, 2, 1, 1, 0),
                ("Hospital B".into(), NoticeState::Queued, 1, 0, 0, 1),
            ],
            "{name}"
        );

        // Impact at a glance carries what each hospital reported per device, for the advisory
        // and for the vulnerability it names; a component query concerns no notice.
        for q in [
            ImpactQuery::Advisory(w.advisory),
            ImpactQuery::Vulnerability("cve-2026-10001".into()),
        ] {
            let impact = s.impact(&q, Visibility::All, later).await.unwrap();
            let reported: Vec<(String, String, Option<&str>)> = impact
                .hospitals
                .iter()
                .flat_map(|h| {
                    h.sites.iter().flat_map(move |st| {
                        st.devices.iter().map(move |d| {
                            (
                                h.name.clone(),
                                d.serial.clone(),
                                d.reported.map(DeviceResponse::as_str),
                            )
                        })
                    })
                })
                .collect();
            assert_eq!(
                reported,
                vec![
                    ("Hospital A".into(), "GW-1".into(), Some("patch_applied")),
                    (
                        "Hospital A".into(),
                        "GW-2".into(),
                        Some("mitigation_in_place")
                    ),
                    ("Hospital B".into(), "GW-9".into(), None),
                ],
                "{name}: {q:?}"
            );
            assert_eq!(
                (
                    impact.affected,
                    impact.reported,
                    impact.hospitals[0].reported
                ),
                (3, 2, 2),
                "{name}: {q:?}"
            );
        }
        let _ = nb;
    }
}

#[tokio::test]
async fn the_outbox_claims_delivers_and_retries_with_backoff() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        let now = datetime!(2026-11-25 12:00 UTC);
        let w = world(s, now).await;
        publish(s, w.advisory, now).await;
        s.queue_advisory_notices(w.advisory, false, &Plain, "regulatory@maker", now)
            .await
            .unwrap();
        let lease = Duration::minutes(5);
        let first = s.claim_outbox(2, lease, now).await.unwrap();
        assert_eq!(first.len(), 2, "{name}");
        let rest = s.claim_outbox(10, lease, now).await.unwrap();
        assert_eq!(
            rest.len(),
            1,
            "{name}: claimed messages are not handed out twice"
        );
        assert!(
            s.claim_outbox(10, lease, now).await.unwrap().is_empty(),
            "{name}"
        );
        s.outbox_sent(&[first[0].id, first[1].id], now)
            .await
            .unwrap();
        // The sender of `rest` died: after its lease the message is claimable again.
        let taken_over = s
            .claim_outbox(10, lease, now + Duration::minutes(6))
            .await
            .unwrap();
        assert_eq!(taken_over, rest, "{name}");
        let na = s
            .notices_for(Visibility::Organization(w.a), None)
            .await
            .unwrap()[0]
            .clone();
        assert_eq!(na.state, NoticeState::Sent, "{name}");
        let nb = s
            .notices_for(Visibility::Organization(w.b), None)
            .await
            .unwrap()[0]
            .clone();
        assert_eq!(nb.state, NoticeState::Queued, "{name}");

        // B's message fails until it is given up; each retry waits longer.
        let id = rest[0].id;
        let mut at = now + Duration::minutes(6);
        let mut waits = Vec::new();
        for attempt in 1..=OUTBOX_MAX_ATTEMPTS {
            if attempt > 1 {
                let claimed = s.claim_outbox(10, lease, at).await.unwrap();
                assert_eq!(claimed.len(), 1, "{name}: attempt {attempt}");
            }
            let retry = s.outbox_failed(id, "451 try later", at).await.unwrap();
            assert_eq!(
                retry,
                attempt < OUTBOX_MAX_ATTEMPTS,
                "{name}: attempt {attempt}"
            );
            let row = s.outbox(Some(nb.id)).await.unwrap().pop().unwrap();
            let next = OffsetDateTime::parse(
                &row.next_attempt_at,
                &time::format_description::well_known::Rfc3339,
            )
            .unwrap();
            waits.push((next - at).whole_minutes());
            assert!(
                s.claim_outbox(10, lease, at + Duration::seconds(30))
                    .await
                    .unwrap()
                    .is_empty(),
                "{name}: not before its backoff"
            );
            at = next;
        }
        assert_eq!(waits, vec![1, 2, 4, 8, 16, 32, 64, 128], "{name}");
        let row = s.outbox(Some(nb.id)).await.unwrap().pop().unwrap();
        assert_eq!(
            (row.status.as_str(), row.attempts, row.last_error.as_deref()),
            ("failed", OUTBOX_MAX_ATTEMPTS, Some("451 try later")),
            "{name}"
        );
        let sent = s
            .events_for(
                &Subject::new("notice", &na.id.to_string()).unwrap(),
                now + Duration::days(1),
            )
            .await
            .unwrap();
        assert_eq!(
            sent.iter().filter(|e| e.action == "notice.sent").count(),
            1,
            "{name}"
        );
    }
}

#[tokio::test]
async fn reminders_go_to_those_who_have_not_acknowledged() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        let now = datetime!(2026-11-25 12:00 UTC);
        let w = world(s, now).await;
        publish(s, w.advisory, now).await;
        s.queue_advisory_notices(w.advisory, false, &Plain, "regulatory@maker", now)
            .await
            .unwrap();
        let na = s
            .notices_for(Visibility::Organization(w.a), None)
            .await
            .unwrap()[0]
            .id;
        let nb = s
            .notices_for(Visibility::Organization(w.b), None)
            .await
            .unwrap()[0]
            .id;
        s.acknowledge_notice(na, w.a, "nurse@a.example", now)
            .await
            .unwrap();
        let every = Duration::days(3);
        // (days after queueing, notices due)
        let table: [(i64, Vec<i64>); 2] = [(1, vec![]), (4, vec![nb])];
        for (days, want) in table {
            let due = s
                .due_reminders(every, None, now + Duration::days(days))
                .await
                .unwrap();
            assert_eq!(due, want, "{name}: day {days}");
        }
        let at = now + Duration::days(4);
        let r = s
            .send_reminders(every, None, &Plain, "mamori", at)
            .await
            .unwrap();
        assert_eq!(r, report(0, 1, 0, 1), "{name}");
        let last = mails(s).await.pop().unwrap();
        assert!(
            last.0 == "nurse@b.example" && last.1.starts_with("en|reminder|"),
            "{name}: {last:?}"
        );
        let n = s.notice_for(nb, Visibility::All).await.unwrap();
        assert_eq!(n.reminders, 1, "{name}");
        assert!(
            s.due_reminders(every, None, at + Duration::days(1))
                .await
                .unwrap()
                .is_empty(),
            "{name}: the next reminder waits a whole interval"
        );
        // "Remind now" for one advisory: no interval.
        let now_r = s
            .send_reminders(
                Duration::ZERO,
                Some(w.advisory),
                &Plain,
                "regulatory@maker",
                at,
            )
            .await
            .unwrap();
        assert_eq!(now_r.renewed, 1, "{name}");
    }
}

#[tokio::test]
async fn end_of_support_notices_go_out_once_within_the_lead_time() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        let now = datetime!(2026-11-25 12:00 UTC);
        let w = world(s, now).await;
        // 1.1 ends 2027-01-31, 67 days after `now`.
        let table = [
            (Duration::days(30), report(0, 0, 0, 0)),
            (Duration::days(90), report(1, 0, 1, 1)),
            (Duration::days(90), report(0, 0, 0, 0)),
        ];
        for (lead, want) in table {
            let got = s
                .queue_eos_notices(lead, &Plain, "mamori", now)
                .await
                .unwrap();
            assert_eq!(got, want, "{name}: lead {lead}");
        }
        let last = mails(s).await.pop().unwrap();
        assert_eq!(
            (last.0.as_str(), last.1.as_str(), last.2.as_str()),
            (
                "nurse@b.example",
                "en|notice|eos|Ward Gateway 1.1",
                "Hospital B|GW-9"
            ),
            "{name}"
        );
        // After the date the device stays listed.
        let n = &s
            .notices_for(Visibility::Organization(w.b), None)
            .await
            .unwrap()[0];
        assert_eq!(n.end_of_support, Some(date!(2027 - 01 - 31)), "{name}");
        let later = datetime!(2027-03-01 00:00 UTC);
        assert!(
            s.queue_eos_notices(Duration::days(90), &Plain, "mamori", later)
                .await
                .unwrap()
                .notices
                == 0,
            "{name}"
        );
        let n = s
            .notice_for(n.id, Visibility::Organization(w.b))
            .await
            .unwrap();
        assert_eq!(n.devices.len(), 1, "{name}");
    }
}

/// A release already past its end of support when the hospital's devices on it are first seen
/// (here: added after the date) gets one notice saying support has ended, not silence.
#[tokio::test]
async fn issue_9_a_release_already_past_end_of_support_gets_one_notice() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        let now = datetime!(2026-11-25 12:00 UTC);
        let w = world(s, now).await;
        let p = s
            .add_product(&ProductName::new("Bedside Monitor").unwrap(), None, now)
            .await
            .unwrap();
        let old = s
            .add_release(
                &p,
                &ReleaseVersion::new("0.9").unwrap(),
                &Lifecycle::new(None, None, Some(date!(2025 - 12 - 31)), None).unwrap(),
                now,
            )
            .await
            .unwrap();
        s.add_device(
            w.c,
            old.id,
            "BM-0009",
            &Default::default(),
            Visibility::All,
            "setup",
            now,
        )
        .await
        .unwrap();
        // A short lead time still finds it: the date is behind us.
        let got = s
            .queue_eos_notices(Duration::days(30), &Plain, "mamori", now)
            .await
            .unwrap();
        assert_eq!(got, report(1, 0, 1, 1), "{name}");
        let last = mails(s).await.pop().unwrap();
        assert_eq!(
            (last.1.as_str(), last.2.as_str()),
            (
                "ja|notice|eos|Bedside Monitor 0.9",
                "Hospital C|BM-0009|ended"
            ),
            "{name}"
        );
        let again = s
            .queue_eos_notices(Duration::days(30), &Plain, "mamori", now)
            .await
            .unwrap();
        assert_eq!(again, report(0, 0, 0, 0), "{name}: once");
    }
}
