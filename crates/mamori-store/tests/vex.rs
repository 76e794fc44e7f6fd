//! Supplier VEX on SQLite and PostgreSQL: claims matched to findings by vulnerability id or alias
//! and product (purl without location qualifiers, name + version), suggestions accepted through the
//! triage path with the document in the audit record, rejected with a reason, superseded by a newer
//! version, and the same bytes imported twice changing nothing.

use crate::common;

use std::path::PathBuf;

use mamori_csaf::vex_in::read_vex;
use mamori_model::{Lifecycle, ProductName, ReleaseVersion};
use mamori_store::{
    FeedFile, Incoming, ReleaseRow, Store, StoreError, Subject, SuggestionFilter, SuggestionStatus,
    VexImport,
};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::macros::datetime;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../mamori/tests/fixtures/monitor")
}

/// Ward Gateway 1.0, 1.1 (hl7lite 2.3.0, GHSA-mmmm-0001-aaaa alias CVE-2026-10001) and 1.2 (fixed).
async fn world(s: &Store, now: OffsetDateTime) -> Vec<ReleaseRow> {
    let p = s
        .add_product(
            &ProductName::new("Ward Gateway").unwrap(),
            Some("Example Medical"),
            now,
        )
        .await
        .unwrap();
    let osv = std::fs::read(fixtures().join("GHSA-mmmm-0001-aaaa.json")).unwrap();
    s.import_feed(
        FeedFile::read("GHSA-mmmm-0001-aaaa.json", &osv, None).unwrap(),
        now,
    )
    .await
    .unwrap();
    let mut releases = Vec::new();
    for v in ["1.0", "1.1", "1.2"] {
        let r = s
            .add_release(
                &p,
                &ReleaseVersion::new(v).unwrap(),
                &Lifecycle::default(),
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
    releases
}

fn openvex(version: u32, statements: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "@context": "https://openvex.dev/ns/v0.2.0",
        "@id": "https://hl7lite.example.org/vex/2026-1",
        "author": "HL7 Lite Project",
        "timestamp": format!("2026-03-0{version}T00:00:00Z"),
        "version": version,
        "statements": statements,
    }))
    .unwrap()
}

async fn import(s: &Store, bytes: &[u8], supplier: &str, now: OffsetDateTime) -> VexImport {
    let doc = read_vex(bytes).unwrap();
    s.import_vex(bytes, &doc, supplier, Some("supplier.json"), "alice", now)
        .await
        .unwrap()
}

async fn pending(s: &Store, release: Option<i64>) -> Vec<(i64, String, String)> {
    s.vex_suggestions(&SuggestionFilter {
        release,
        status: Some(SuggestionStatus::Pending),
        ..Default::default()
    })
    .await
    .unwrap()
    .into_iter()
    .map(|x| (x.finding_id, x.release, x.state))
    .collect()
}

#[tokio::test]
async fn openvex_suggestions_accept_reject_supersede() {
    for t in common::stores().await {
        let s = &t.store;
        let now = datetime!(2026-03-10 09:00 UTC);
        let r = world(s, now).await;
        let v1 = openvex(
            1,
            json!([
                {"vulnerability": {"name": "CVE-2026-10001"},
                 "products": [{"@id": "pkg:pypi/hl7lite@2.3.0?repository_url=https://mirror.example.org/simple"}, {"@id": "pkg:pypi/hl7lite@2.4.0"}],
                 "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path",
                 "impact_statement": "The MLLP listener is never started by the gateway."},
                {"vulnerability": {"name": "CVE-2099-0001"}, "products": [{"@id": "pkg:pypi/hl7lite@2.3.0"}], "status": "fixed"},
                {"vulnerability": {"name": "GHSA-mmmm-0001-aaaa"}, "products": [{"@id": "pkg:pypi/hl7lite@9.9.9"}], "status": "fixed"}
            ]),
        );
        let out = import(s, &v1, "HL7 Lite Project", now).await;
        assert!(!out.duplicate, "{}", t.name);
        assert_eq!(
            (out.matched, out.suggested, out.superseded),
            (2, 2, 0),
            "{}",
            t.name
        );
        let reasons: Vec<(&str, &str)> = out
            .unmatched
            .iter()
            .map(|u| (u.pointer.as_str(), u.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (
                    "/statements/1/products/0",
                    "no open finding has this vulnerability"
                ),
                (
                    "/statements/2/products/0",
                    "no open finding of this vulnerability is on this product"
                ),
            ],
            "{}",
            t.name
        );

        // The same bytes again: nothing changes.
        let again = import(s, &v1, "HL7 Lite Project", now).await;
        assert!(again.duplicate && again.suggested == 0, "{}", t.name);
        assert_eq!(again.document.id, out.document.id, "{}", t.name);
        assert_eq!(pending(s, None).await.len(), 2, "{}", t.name);

        // Filter by release: one each for 1.0 and 1.1, none for the fixed 1.2.
        let p10 = pending(s, Some(r[0].id)).await;
        assert_eq!(p10.len(), 1, "{}", t.name);
        assert_eq!(pending(s, Some(r[2].id)).await, vec![], "{}", t.name);

        // Version 2 says affected: it supersedes both pending not_affected suggestions.
        let v2 = openvex(
            2,
            json!([{"vulnerability": {"name": "CVE-2026-10001"}, "products": [{"@id": "pkg:pypi/hl7lite@2.3.0"}, {"@id": "pkg:pypi/hl7lite@2.4.0"}],
                    "status": "affected", "action_statement": "Update hl7lite to 2.3.1."}]),
        );
        let out2 = import(s, &v2, "HL7 Lite Project", now).await;
        assert_eq!((out2.suggested, out2.superseded), (2, 2), "{}", t.name);
        let old = s
            .vex_suggestions(&SuggestionFilter {
                document: Some(out.document.id),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(
            old.iter().all(|x| x.status == SuggestionStatus::Superseded),
            "{}",
            t.name
        );
        let new = s
            .vex_suggestions(&SuggestionFilter {
                document: Some(out2.document.id),
                release: Some(r[0].id),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(new.len(), 1, "{}", t.name);
        let sug = &new[0];
        assert_eq!(
            (
                sug.state.as_str(),
                sug.detail.as_deref(),
                sug.supplier.as_str()
            ),
            (
                "exploitable",
                Some("Update hl7lite to 2.3.1."),
                "HL7 Lite Project"
            ),
            "{}",
            t.name
        );

        // Accepting applies it through the triage path; the audit record names the source.
        let f = s
            .accept_vex_suggestion(sug.id, None, "bob", now)
            .await
            .unwrap();
        assert_eq!(
            (f.state.as_str(), f.state_by.as_deref()),
            ("exploitable", Some("bob")),
            "{}",
            t.name
        );
        let events = s
            .events_for(&Subject::new("finding", &f.id.to_string()).unwrap(), now)
            .await
            .unwrap();
        let ev = events
            .iter()
            .rev()
            .find(|e| e.action == "finding.state")
            .unwrap();
        let evidence: Value = serde_json::from_str(&ev.evidence).unwrap();
        assert_eq!(ev.actor, "bob", "{}", t.name);
        assert_eq!(
            evidence["source"]["supplier"], "HL7 Lite Project",
            "{}",
            t.name
        );
        assert_eq!(
            evidence["source"]["pointer"], "/statements/0/products/0",
            "{}",
            t.name
        );
        assert_eq!(evidence["source"]["document_version"], "2", "{}", t.name);
        assert_eq!(evidence["set"]["state"], "exploitable", "{}", t.name);

        // Deciding twice is refused; rejecting needs a reason and records it.
        assert!(matches!(
            s.accept_vex_suggestion(sug.id, None, "bob", now).await,
            Err(StoreError::Invalid(_))
        ));
        let other = pending(s, Some(r[1].id)).await[0].0;
        let other_id = s
            .vex_suggestions(&SuggestionFilter {
                finding: Some(other),
                status: Some(SuggestionStatus::Pending),
                ..Default::default()
            })
            .await
            .unwrap()[0]
            .id;
        assert!(matches!(
            s.reject_vex_suggestion(other_id, "  ", "carol", now).await,
            Err(StoreError::Invalid(_))
        ));
        let rej = s
            .reject_vex_suggestion(other_id, "1.1 ships the patched fork", "carol", now)
            .await
            .unwrap();
        assert_eq!(
            (rej.status, rej.decided_by.as_deref(), rej.reason.as_deref()),
            (
                SuggestionStatus::Rejected,
                Some("carol"),
                Some("1.1 ships the patched fork")
            ),
            "{}",
            t.name
        );
        assert_eq!(
            s.finding(other).await.unwrap().state,
            "in_triage",
            "{}",
            t.name
        );
        assert_eq!(pending(s, None).await, vec![], "{}", t.name);
        assert_eq!(s.vex_documents().await.unwrap().len(), 2, "{}", t.name);
    }
}

#[tokio::test]
async fn cyclonedx_and_csaf_match_by_ref_and_name() {
    for t in common::stores().await {
        let s = &t.store;
        let now = datetime!(2026-03-10 09:00 UTC);
        let r = world(s, now).await;
        // CycloneDX: affects[].ref resolves to a component with the purl; the analysis state wins.
        let cdx = serde_json::to_vec(&json!({
            "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
            "serialNumber": "urn:uuid:11111111-2222-3333-4444-555555555555",
            "metadata": {"supplier": {"name": "HL7 Lite Project"}},
            "components": [{"bom-ref": "h", "type": "library", "name": "hl7lite", "version": "2.3.0", "purl": "pkg:pypi/hl7lite@2.3.0"},
                           {"bom-ref": "h2", "type": "library", "name": "hl7lite", "version": "2.4.0", "purl": "pkg:pypi/hl7lite@2.4.0"}],
            "vulnerabilities": [{"id": "GHSA-mmmm-0001-aaaa", "analysis": {"state": "not_affected", "justification": "code_not_present", "detail": "Stripped from the wheel."},
                                 "affects": [{"ref": "h"}, {"ref": "h2"}]}]
        }))
        .unwrap();
        let out = import(s, &cdx, "HL7 Lite Project", now).await;
        assert_eq!((out.matched, out.suggested), (2, 2), "{}", t.name);
        let first = s
            .vex_suggestions(&SuggestionFilter {
                release: Some(r[0].id),
                ..Default::default()
            })
            .await
            .unwrap()
            .remove(0);
        assert_eq!(
            (
                first.state.as_str(),
                first.justification.as_deref(),
                first.pointer.as_str()
            ),
            (
                "not_affected",
                Some("code_not_present"),
                "/vulnerabilities/0/affects/0"
            ),
            "{}",
            t.name
        );
        let f = s
            .accept_vex_suggestion(first.id, None, "bob", now)
            .await
            .unwrap();
        assert_eq!(
            (
                f.state.as_str(),
                f.justification.as_deref(),
                f.analysis.as_deref()
            ),
            (
                "not_affected",
                Some("code_not_present"),
                Some("Stripped from the wheel.")
            ),
            "{}",
            t.name
        );

        // CSAF naming the component only by "name version", not affected without a flag: the
        // finding already decided is skipped, the other needs a justification to be accepted.
        let csaf = serde_json::to_vec(&json!({
            "document": {"category": "csaf_vex", "csaf_version": "2.0", "lang": "en",
                "publisher": {"category": "vendor", "name": "HL7 Lite Project", "namespace": "https://hl7lite.example.org"},
                "title": "t", "tracking": {"id": "HL7L-2026-1", "version": "1", "status": "final",
                    "current_release_date": "2026-03-01T00:00:00Z", "initial_release_date": "2026-03-01T00:00:00Z",
                    "revision_history": [], "generator": {"engine": {"name": "x"}}}},
            "product_tree": {"full_product_names": [{"name": "hl7lite 2.3.0", "product_id": "H"}, {"name": "hl7lite 2.4.0", "product_id": "H2"}]},
            "vulnerabilities": [{"cve": "CVE-2026-10001",
                "product_status": {"known_not_affected": ["H", "H2"]},
                "flags": [{"label": "vulnerable_code_not_present", "product_ids": ["H", "H2"]}]}]
        }))
        .unwrap();
        let out = import(s, &csaf, "HL7 Lite Project", now).await;
        assert_eq!(
            (out.matched, out.suggested, out.already),
            (2, 1, 1),
            "{}",
            t.name
        );
        let p = pending(s, None).await;
        assert_eq!(
            p.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(),
            ["1.1", "1.1"],
            "{}",
            t.name
        );

        // A supplier name is required.
        let doc = read_vex(&csaf).unwrap();
        assert!(matches!(
            s.import_vex(b"other bytes", &doc, " ", None, "alice", now)
                .await,
            Err(StoreError::Invalid(_))
        ));
    }
}

#[tokio::test]
async fn not_affected_without_justification_needs_one_to_accept() {
    for t in common::stores().await {
        let s = &t.store;
        let now = datetime!(2026-03-10 09:00 UTC);
        let r = world(s, now).await;
        let v = openvex(
            1,
            json!([{"vulnerability": {"name": "CVE-2026-10001"}, "products": [{"@id": "pkg:pypi/hl7lite"}],
                    "status": "not_affected", "impact_statement": "Only the client half is used."}]),
        );
        let out = import(s, &v, "HL7 Lite Project", now).await;
        // A purl without version covers every version: both releases match.
        assert_eq!(out.suggested, 2, "{}", t.name);
        let sug = s
            .vex_suggestions(&SuggestionFilter {
                release: Some(r[1].id),
                ..Default::default()
            })
            .await
            .unwrap()
            .remove(0);
        assert_eq!(sug.justification, None, "{}", t.name);
        assert!(matches!(
            s.accept_vex_suggestion(sug.id, None, "bob", now).await,
            Err(StoreError::Invalid(m)) if m.contains("justification")
        ));
        let f = s
            .accept_vex_suggestion(
                sug.id,
                Some("vulnerable_code_not_in_execute_path"),
                "bob",
                now,
            )
            .await
            .unwrap();
        assert_eq!(
            (
                f.state.as_str(),
                f.justification.as_deref(),
                f.analysis.as_deref()
            ),
            (
                "not_affected",
                Some("code_not_reachable"),
                Some("Only the client half is used.")
            ),
            "{}",
            t.name
        );
    }
}
