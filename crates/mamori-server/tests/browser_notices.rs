//! Hospitals in a real browser: one acknowledges a notice and marks its device patched and the maker sees it; another hospital reaches none of the first one's notices, devices, SBOMs or inquiries (runs `tests/browser/notices.spec.mjs`).

use crate::common;
use crate::tools;
use crate::world;

use mamori_model::{OrgKind, Role};
use mamori_server::notify::Texts;
use mamori_store::{DeviceResponse, Visibility};
use world::{PASSWORD, World, now};

const ANALYST: &str = "analyst@maker.example";
const NURSE_A: &str = "nurse@a.example";
const NURSE_B: &str = "nurse@b.example";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hospital_acknowledges_and_patches_maker_sees_it() {
    let Some(tools) = tools::tools("hospital_acknowledges_and_patches_maker_sees_it") else {
        return;
    };
    let w = World::start().await;
    let s = &w.store;
    let t = now();
    w.user(ANALYST, Role::Analyst, w.maker, "en").await;
    let a = w.org("Hospital A", OrgKind::Hospital).await;
    let b = w.org("Hospital B", OrgKind::Hospital).await;
    w.user(NURSE_A, Role::Hospital, a, "en").await;
    w.user(NURSE_B, Role::Hospital, b, "en").await;

    // Ward Gateway 1.0 ships the vulnerable hl7lite; hospital A runs it as GW-1.
    let (_, r) = common::ward_gateway(s, t).await;
    s.add_installed_device(a, r.id, "GW-1", None, None, "setup", t)
        .await
        .unwrap();
    let advisory =
        common::published_advisory(s, r.id, mamori_store::AdvisoryStatus::Final, t).await;
    let texts = Texts {
        maker: "Maker".into(),
        public_url: w.base.clone(),
    };
    s.queue_advisory_notices(advisory.id, false, &texts, "setup", t)
        .await
        .unwrap();

    // Hospital A also asked a question about its release: another thing B must never reach.
    let inquiry = s
        .create_inquiry(
            &mamori_store::NewInquiry {
                org_id: a,
                subject: "Does CVE-2026-10001 affect GW-1?".into(),
                kind: mamori_store::InquiryKind::AffectsCve,
                release_id: Some(r.id),
                vuln_id: Some("CVE-2026-10001".into()),
                body: "Please confirm for our ward gateway.".into(),
                attachments: Vec::new(),
            },
            &mamori_store::AckPolicy::default(),
            NURSE_A,
            t,
        )
        .await
        .unwrap();

    let out = tools::run_spec(
        &tools,
        "notices.spec.mjs",
        &[
            ("MAMORI_URL", w.base.clone()),
            ("MAMORI_PASSWORD", PASSWORD.to_owned()),
            ("HOSPITAL_EMAIL", NURSE_A.to_owned()),
            ("OTHER_HOSPITAL_EMAIL", NURSE_B.to_owned()),
            ("ANALYST_EMAIL", ANALYST.to_owned()),
            ("ADVISORY_ID", advisory.id.to_string()),
            ("RELEASE_ID", r.id.to_string()),
            ("INQUIRY_ID", inquiry.id.to_string()),
        ],
    )
    .await;

    // What the browser did is in the store, with who did it.
    let n = &s
        .notices_for(Visibility::Organization(a), Some(advisory.id))
        .await
        .unwrap()[0];
    let n = s
        .notice_for(n.id, Visibility::Organization(a))
        .await
        .unwrap();
    assert_eq!(n.acknowledged_by.as_deref(), Some(NURSE_A));
    assert_eq!(n.devices[0].response, Some(DeviceResponse::PatchApplied));
    assert_eq!(
        n.devices[0].note.as_deref(),
        Some("Updated to 1.1 on ward 3")
    );
    // The inquiry hospital A asked in its portal: acknowledged and answered by the analyst.
    let asked: i64 = out
        .lines()
        .find_map(|l| l.strip_prefix("inquiry "))
        .and_then(|s| s.trim().parse().ok())
        .expect("the spec names the inquiry");
    let i = s.inquiry(asked, Visibility::Organization(a)).await.unwrap();
    assert_eq!(i.asked_by, NURSE_A);
    assert!(i.acknowledged_at.is_some());
    // The maker's view names the analyst; the hospital's shows the PSIRT, not a person.
    let thread = s.inquiry_messages(asked, Visibility::All).await.unwrap();
    let who: Vec<(bool, &str)> = thread
        .iter()
        .map(|m| (m.from_psirt, m.author.as_str()))
        .collect();
    assert_eq!(who, [(false, NURSE_A), (true, ANALYST)]);
    assert!(
        s.inquiries(Visibility::Organization(b))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        s.notices_for(Visibility::Organization(b), None)
            .await
            .unwrap()
            .is_empty()
    );
    w.stop().await;
}
