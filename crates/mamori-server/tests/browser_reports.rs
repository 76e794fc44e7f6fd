//! A vulnerability report in a real browser: an outside reporter files it and follows its status page while the PSIRT answers and opens a case (runs `tests/browser/reports.spec.mjs`).

use crate::tools;
use crate::world;

use mamori_model::Role;
use mamori_store::ReportStatus;
use world::{PASSWORD, World};

const ANALYST: &str = "analyst@maker.example";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reporter_files_and_follows_a_report() {
    let Some(tools) = tools::tools("reporter_files_and_follows_a_report") else {
        return;
    };
    let w = World::start().await;
    w.user(ANALYST, Role::Analyst, w.maker, "en").await;
    let out = tools::run_spec(
        &tools,
        "reports.spec.mjs",
        &[
            ("MAMORI_URL", w.base.clone()),
            ("MAMORI_PASSWORD", PASSWORD.to_owned()),
            ("ANALYST_EMAIL", ANALYST.to_owned()),
        ],
    )
    .await;
    let case: i64 = out
        .lines()
        .find_map(|l| l.strip_prefix("case "))
        .and_then(|s| s.trim().parse().ok())
        .expect("the spec names the case it opened");

    // What the browsers did is in the store.
    let reports = w.store.reports(None).await.unwrap();
    assert_eq!(reports.len(), 1);
    let r = w.store.report(reports[0].id).await.unwrap();
    assert_eq!(r.lang, "ja", "the reporter's browser language");
    assert_eq!(r.reporter_email, "hanako@lab.example");
    assert_eq!(r.case_id, Some(case));
    assert_eq!(r.status, ReportStatus::Triaging);
    let (_, bytes) = w
        .store
        .report_attachment(r.id, r.attachments[0].id)
        .await
        .unwrap();
    assert_eq!(bytes, b"print('poc')\n");
    let thread: Vec<(bool, bool)> = r
        .messages
        .iter()
        .map(|m| (m.from_psirt, m.visible))
        .collect();
    assert_eq!(thread, [(true, true), (true, false), (false, true)]);
    let c = w.store.case(case).await.unwrap();
    assert_eq!(
        c.coordination.source,
        Some(mamori_store::ReportSource::Researcher)
    );
    // The reporter's reply after the case was opened is in its contact history.
    assert_eq!(c.contacts.len(), 1);
    assert_eq!(c.contacts[0].direction, "in");
    w.stop().await;
}
