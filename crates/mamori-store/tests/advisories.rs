//! Advisories on SQLite and PostgreSQL: tracking ids, drafts, publication as validated CSAF with hashes, revisions, who sees what, the provider folder.

use crate::common;

use std::path::PathBuf;

use mamori_csaf::provider::{self, Entry, ProviderRole, Site, Tlp};
use mamori_csaf::vex::{Publisher, PublisherCategory};
use mamori_model::{Lifecycle, OrgKind, ProductName, ReleaseVersion};
use mamori_store::{
    AdvisoryEdit, AdvisoryStatus, FeedFile, Incoming, NewAdvisory, Publication, ReleaseRow, Store,
    StoreError, Subject, Triage, VexFormat, Visibility,
};
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::datetime;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../mamori/tests/fixtures/monitor")
}

struct World {
    r10: ReleaseRow,
    r11: ReleaseRow,
    r12: ReleaseRow,
    hospital_a: i64,
    hospital_b: i64,
}

/// Ward Gateway 1.0 and 1.1 ship a vulnerable hl7lite (CVE-2026-10001), 1.2 the fixed one.
/// Hospital A runs 1.0, hospital B runs 1.2.
async fn world(s: &Store, now: OffsetDateTime) -> World {
    let a = s
        .add_organization("Hospital A", OrgKind::Hospital, "ja", "setup", now)
        .await
        .unwrap();
    let b = s
        .add_organization("Hospital B", OrgKind::Hospital, "en", "setup", now)
        .await
        .unwrap();
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
    let r12 = releases.pop().unwrap();
    let r11 = releases.pop().unwrap();
    let r10 = releases.pop().unwrap();
    s.add_installed_device(a.id, r10.id, "GW-1", None, None, "setup", now)
        .await
        .unwrap();
    s.add_installed_device(b.id, r12.id, "GW-9", None, None, "setup", now)
        .await
        .unwrap();
    World {
        r10,
        r11,
        r12,
        hospital_a: a.id,
        hospital_b: b.id,
    }
}

fn new_advisory(releases: Vec<i64>, vulns: &[&str], tlp: Tlp) -> NewAdvisory {
    NewAdvisory {
        title_en: "Heap overflow in the HL7 parser of Ward Gateway".into(),
        title_ja: "Ward Gateway の HL7 パーサのヒープオーバーフロー".into(),
        summary_en: "Ward Gateway 1.0 and 1.1 contain hl7lite with CVE-2026-10001.".into(),
        summary_ja: "Ward Gateway 1.0 と 1.1 の hl7lite に CVE-2026-10001 があります。".into(),
        lang: "en".into(),
        tlp,
        releases,
        vulnerabilities: vulns.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn publication(status: AdvisoryStatus, summary: &str) -> Publication {
    Publication {
        status,
        summary: summary.into(),
        publisher: Publisher {
            name: "Example Medical".into(),
            namespace: "https://psirt.example.com".into(),
            category: PublisherCategory::Vendor,
        },
        base_url: Some("https://psirt.example.com/.well-known/csaf".into()),
    }
}

async fn finding_of(s: &Store, release: &ReleaseRow) -> i64 {
    s.findings(&Default::default())
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.release == release.version)
        .unwrap()
        .id
}

async fn csaf_of(s: &Store, id: i64) -> Value {
    let d = s.advisory_document(id, Visibility::All).await.unwrap();
    serde_json::from_slice(&d.csaf).unwrap()
}

/// The product status lists of the document's only vulnerability, as (status, product id) pairs.
fn statuses(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, ids) in doc["vulnerabilities"][0]["product_status"]
        .as_object()
        .unwrap()
    {
        for id in ids.as_array().unwrap() {
            out.push((k.clone(), id.as_str().unwrap().to_owned()));
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn tracking_ids_are_sequential_per_year_and_drafts_edit() {
    for t in common::stores().await {
        let s = &t.store;
        let now = datetime!(2026-11-25 12:00 UTC);
        let w = world(s, now).await;
        let cases = [
            (now, "MAMORI-2026-0001"),
            (now, "MAMORI-2026-0002"),
            (datetime!(2027-01-02 09:00 UTC), "MAMORI-2027-0001"),
            (datetime!(2026-12-31 23:00 UTC), "MAMORI-2026-0003"),
        ];
        for (when, want) in cases {
            let a = s
                .create_advisory(
                    &new_advisory(vec![w.r10.id], &["CVE-2026-10001"], Tlp::Clear),
                    "analyst",
                    when,
                )
                .await
                .unwrap();
            assert_eq!(a.tracking_id, want, "{}", t.name);
            assert_eq!(a.status, AdvisoryStatus::Draft);
        }

        // Bad input is refused with what is wrong.
        for (input, want) in [
            (
                new_advisory(vec![], &["CVE-2026-10001"], Tlp::Clear),
                "at least one release",
            ),
            (
                new_advisory(vec![w.r10.id], &[], Tlp::Clear),
                "at least one vulnerability",
            ),
            (
                new_advisory(vec![w.r10.id], &["CVE 1"], Tlp::Clear),
                "not a vulnerability id",
            ),
            (
                NewAdvisory {
                    title_ja: " ".into(),
                    ..new_advisory(vec![w.r10.id], &["CVE-2026-10001"], Tlp::Clear)
                },
                "title in english and in japanese",
            ),
        ] {
            let e = s.create_advisory(&input, "analyst", now).await.unwrap_err();
            assert!(e.to_string().contains(want), "{}: {e}", t.name);
        }
        let missing = s
            .create_advisory(
                &new_advisory(vec![9999], &["CVE-2026-10001"], Tlp::Clear),
                "analyst",
                now,
            )
            .await
            .unwrap_err();
        assert!(matches!(missing, StoreError::NotFound { .. }), "{}", t.name);

        // A draft edits; the lists are replaced; the audit record has both steps.
        let edited = s
            .update_advisory(
                1,
                &AdvisoryEdit {
                    tlp: Some(Tlp::Green),
                    releases: Some(vec![w.r11.id, w.r10.id, w.r10.id]),
                    vulnerabilities: Some(vec!["GHSA-mmmm-0001-aaaa".into()]),
                    ..Default::default()
                },
                "analyst",
                now,
            )
            .await
            .unwrap();
        assert_eq!(edited.tlp, Tlp::Green);
        assert_eq!(edited.releases, vec![w.r10.id, w.r11.id]);
        assert_eq!(edited.vulnerabilities, vec!["GHSA-mmmm-0001-aaaa"]);
        let events = s
            .events_for(&Subject::new("advisory", "1").unwrap(), now)
            .await
            .unwrap();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["advisory.create", "advisory.update"],
            "{}",
            t.name
        );
    }
}

#[tokio::test]
async fn publishing_writes_validated_csaf_with_hashes_and_revisions() {
    for t in common::stores().await {
        let s = &t.store;
        let day = |d: u8| datetime!(2026-11-01 09:00 UTC).replace_day(d).unwrap();
        let w = world(s, day(1)).await;
        let f10 = finding_of(s, &w.r10).await;
        s.set_finding_state(
            f10,
            &Triage {
                state: "exploitable".into(),
                justification: None,
                response: Some("update".into()),
                detail: Some("Update to 1.2.".into()),
                detail_ja: None,
            },
            "analyst",
            day(2),
        )
        .await
        .unwrap();
        let a = s
            .create_advisory(
                &new_advisory(vec![w.r10.id, w.r11.id], &["CVE-2026-10001"], Tlp::Clear),
                "analyst",
                day(2),
            )
            .await
            .unwrap();

        // Draft: nothing to download.
        assert!(matches!(
            s.advisory_document(a.id, Visibility::All).await,
            Err(StoreError::NotFound { .. })
        ));

        let (a, added) = s
            .publish_advisory(
                a.id,
                &publication(AdvisoryStatus::Interim, "Initial publication."),
                "regulatory",
                day(3),
            )
            .await
            .unwrap();
        assert!(added, "{}", t.name);
        assert_eq!(a.status, AdvisoryStatus::Interim);
        assert_eq!(a.revisions.len(), 1);
        let d = s.advisory_document(a.id, Visibility::All).await.unwrap();
        assert_eq!(d.file_name, "mamori-2026-0001.json");
        assert_eq!(d.sha256, provider::sha256_hex(&d.csaf), "{}", t.name);
        assert_eq!(d.sha512, provider::sha512_hex(&d.csaf), "{}", t.name);
        let report = mamori_csaf::validate(&d.csaf).unwrap();
        assert!(report.is_valid(), "{}: {:?}", t.name, report.errors);
        let doc: Value = serde_json::from_slice(&d.csaf).unwrap();
        assert_eq!(doc["document"]["category"], "csaf_security_advisory");
        assert_eq!(doc["document"]["tracking"]["id"], "MAMORI-2026-0001");
        assert_eq!(doc["document"]["tracking"]["status"], "interim");
        assert_eq!(doc["document"]["tracking"]["version"], "1");
        assert_eq!(doc["document"]["distribution"]["tlp"]["label"], "WHITE");
        assert_eq!(
            doc["document"]["references"][0]["url"],
            "https://psirt.example.com/.well-known/csaf/white/2026/mamori-2026-0001.json"
        );
        // Both releases in one tree, the shared bom-ref kept apart per release.
        assert_eq!(doc["vulnerabilities"].as_array().unwrap().len(), 1);
        assert_eq!(doc["vulnerabilities"][0]["cve"], "CVE-2026-10001");
        let (r10, r11) = (w.r10.id, w.r11.id);
        assert_eq!(
            statuses(&doc),
            vec![
                ("known_affected".into(), format!("REL:{r10}/hl7lite")),
                ("under_investigation".into(), format!("REL:{r11}/hl7lite")),
            ],
            "{}",
            t.name
        );
        let versions: Vec<&str> = doc["product_tree"]["branches"][0]["branches"][0]["branches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["name"].as_str().unwrap())
            .collect();
        assert_eq!(versions, ["1.0", "1.1"], "{}", t.name);

        // Nothing changed: no revision.
        let (same, added) = s
            .publish_advisory(
                a.id,
                &publication(AdvisoryStatus::Interim, "Again."),
                "regulatory",
                day(4),
            )
            .await
            .unwrap();
        assert!(!added, "{}", t.name);
        assert_eq!(same.revisions.len(), 1);

        // The 1.1 analysis changes: a final revision 2, history kept.
        let f11 = finding_of(s, &w.r11).await;
        s.set_finding_state(
            f11,
            &Triage {
                state: "not_affected".into(),
                justification: Some("code_not_reachable".into()),
                response: None,
                detail: Some("1.1 never parses HL7 from the network.".into()),
                detail_ja: None,
            },
            "analyst",
            day(5),
        )
        .await
        .unwrap();
        let (a, added) = s
            .publish_advisory(
                a.id,
                &publication(AdvisoryStatus::Final, "1.1 is not affected."),
                "regulatory",
                day(6),
            )
            .await
            .unwrap();
        assert!(added);
        assert_eq!(a.status, AdvisoryStatus::Final);
        let numbers: Vec<i64> = a.revisions.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2]);
        let doc = csaf_of(s, a.id).await;
        assert_eq!(doc["document"]["tracking"]["version"], "2");
        assert_eq!(doc["document"]["tracking"]["status"], "final");
        assert_eq!(
            doc["document"]["tracking"]["initial_release_date"],
            "2026-11-03T09:00:00Z"
        );
        assert_eq!(
            doc["document"]["tracking"]["revision_history"][0]["summary"],
            "Initial publication."
        );
        assert_eq!(
            statuses(&doc),
            vec![
                ("known_affected".into(), format!("REL:{r10}/hl7lite")),
                ("known_not_affected".into(), format!("REL:{r11}/hl7lite")),
            ],
            "{}",
            t.name
        );

        // Final stays final; published advisories are not edited.
        for e in [
            s.publish_advisory(
                a.id,
                &publication(AdvisoryStatus::Interim, "x"),
                "regulatory",
                day(7),
            )
            .await
            .unwrap_err(),
            s.update_advisory(a.id, &AdvisoryEdit::default(), "analyst", day(7))
                .await
                .unwrap_err(),
            s.publish_advisory(
                a.id,
                &publication(AdvisoryStatus::Draft, "x"),
                "regulatory",
                day(7),
            )
            .await
            .unwrap_err(),
        ] {
            assert!(matches!(e, StoreError::Invalid(_)), "{}: {e}", t.name);
        }

        // OpenVEX and CycloneDX of the same revision, per release.
        let (rid, openvex) = s
            .advisory_vex(a.id, Visibility::All, Some(w.r11.id), VexFormat::OpenVex)
            .await
            .unwrap();
        assert_eq!(rid, w.r11.id);
        let openvex: Value = serde_json::from_slice(&openvex).unwrap();
        assert_eq!(openvex["statements"][0]["status"], "not_affected");
        let (_, cdx) = s
            .advisory_vex(a.id, Visibility::All, Some(w.r10.id), VexFormat::CycloneDx)
            .await
            .unwrap();
        let cdx: Value = serde_json::from_slice(&cdx).unwrap();
        assert_eq!(
            cdx["vulnerabilities"][0]["analysis"]["state"],
            "exploitable"
        );
        let several = s
            .advisory_vex(a.id, Visibility::All, None, VexFormat::OpenVex)
            .await
            .unwrap_err();
        assert!(several.to_string().contains("?release="), "{several}");

        // Every step is in the audit record.
        let events = s
            .events_for(
                &Subject::new("advisory", &a.id.to_string()).unwrap(),
                day(9),
            )
            .await
            .unwrap();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["advisory.create", "advisory.publish", "advisory.publish"]
        );
        let _ = w.r12;
    }
}

#[tokio::test]
async fn a_document_failing_validation_is_not_published() {
    for t in common::stores().await {
        let s = &t.store;
        let now = datetime!(2026-11-25 12:00 UTC);
        let w = world(s, now).await;
        // No finding has this vulnerability: a security advisory without vulnerabilities.
        let a = s
            .create_advisory(
                &new_advisory(vec![w.r12.id], &["CVE-2099-0001"], Tlp::Clear),
                "analyst",
                now,
            )
            .await
            .unwrap();
        let e = s
            .publish_advisory(
                a.id,
                &publication(AdvisoryStatus::Final, "First."),
                "regulatory",
                now,
            )
            .await
            .unwrap_err();
        let StoreError::Invalid(message) = e else {
            panic!("{}: {e}", t.name)
        };
        assert!(
            message.contains("fails validation") && message.contains("6.1.27"),
            "{}: {message}",
            t.name
        );
        let preview = s
            .preview_advisory(a.id, &publication(AdvisoryStatus::Final, "First."), now)
            .await
            .unwrap_err();
        assert_eq!(preview.to_string(), message);
        let a = s.advisory(a.id).await.unwrap();
        assert_eq!(a.status, AdvisoryStatus::Draft, "{}", t.name);
        assert!(a.revisions.is_empty());
        assert!(s.published_advisories(&Tlp::ALL).await.unwrap().is_empty());
    }
}

/// Who sees which advisory: (reader, tracking ids seen).
fn check_visibility(name: &str, reader: &str, seen: Vec<String>, want: &[&str]) {
    assert_eq!(seen, want, "{name}: {reader}");
}

#[tokio::test]
async fn hospitals_see_published_clear_and_green_advisories_of_their_devices() {
    for t in common::stores().await {
        let s = &t.store;
        let now = datetime!(2026-11-25 12:00 UTC);
        let w = world(s, now).await;
        // 0001 CLEAR draft on 1.0; 0002 CLEAR published on 1.0 and 1.1; 0003 GREEN published on
        // 1.0; 0004 AMBER published on 1.0; 0005 CLEAR published on 1.1 only.
        let specs = [
            (Tlp::Clear, vec![w.r10.id], false),
            (Tlp::Clear, vec![w.r10.id, w.r11.id], true),
            (Tlp::Green, vec![w.r10.id], true),
            (Tlp::Amber, vec![w.r10.id], true),
            (Tlp::Clear, vec![w.r11.id], true),
        ];
        for (tlp, releases, publish) in specs {
            let a = s
                .create_advisory(
                    &new_advisory(releases, &["CVE-2026-10001"], tlp),
                    "analyst",
                    now,
                )
                .await
                .unwrap();
            if publish {
                s.publish_advisory(
                    a.id,
                    &publication(AdvisoryStatus::Interim, "First."),
                    "regulatory",
                    now,
                )
                .await
                .unwrap();
            }
        }
        let ids = |v: Vec<mamori_store::AdvisoryRow>| -> Vec<String> {
            v.into_iter().map(|a| a.tracking_id).collect()
        };
        let table: [(&str, Visibility, &[&str]); 3] = [
            (
                "maker",
                Visibility::All,
                &[
                    "MAMORI-2026-0005",
                    "MAMORI-2026-0004",
                    "MAMORI-2026-0003",
                    "MAMORI-2026-0002",
                    "MAMORI-2026-0001",
                ],
            ),
            (
                "hospital A (1.0)",
                Visibility::Organization(w.hospital_a),
                &["MAMORI-2026-0003", "MAMORI-2026-0002"],
            ),
            (
                "hospital B (1.2)",
                Visibility::Organization(w.hospital_b),
                &[],
            ),
        ];
        for (reader, vis, want) in table {
            check_visibility(
                t.name,
                reader,
                ids(s.advisories_for(vis).await.unwrap()),
                want,
            );
        }
        // One by one the same, and a hospital sees only its own release and no staff names.
        let a = Visibility::Organization(w.hospital_a);
        let two = s.advisory_for(2, a).await.unwrap();
        assert_eq!(two.releases, vec![w.r10.id], "{}", t.name);
        assert!(two.created_by.is_empty() && two.revisions[0].published_by.is_empty());
        for hidden in [1, 4, 5] {
            assert!(
                matches!(
                    s.advisory_for(hidden, a).await,
                    Err(StoreError::NotFound { .. })
                ),
                "{}: {hidden}",
                t.name
            );
            assert!(s.advisory_document(hidden, a).await.is_err());
        }
        assert!(s.advisory_document(2, a).await.is_ok());

        // The provider folder of the CLEAR and GREEN documents passes the 7.1 checks.
        let docs = s
            .published_advisories(&[Tlp::Clear, Tlp::Green])
            .await
            .unwrap();
        assert_eq!(docs.len(), 3, "{}", t.name);
        let entries: Vec<Entry> = docs
            .iter()
            .map(|d| Entry {
                tracking_id: d.tracking_id.clone(),
                title: d.title.clone(),
                tlp: d.tlp,
                initial_release: d.initial_release,
                current_release: d.current_release,
                bytes: d.csaf.clone(),
            })
            .collect();
        let layout = provider::build(
            &Site {
                base_url: "https://psirt.example.com/.well-known/csaf".into(),
                publisher: publication(AdvisoryStatus::Final, "").publisher,
                role: ProviderRole::Provider,
                openpgp_keys: Vec::new(),
                last_updated: now,
            },
            &entries,
        )
        .unwrap();
        assert_eq!(provider::check(&layout), Vec::new(), "{}", t.name);
        assert!(layout.get("green/2026/mamori-2026-0003.json").is_some());
    }
}

#[tokio::test]
async fn issue_7_amber_advisories_reach_only_the_organizations_they_are_shared_with() {
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        let now = datetime!(2026-11-26 09:00 UTC);
        let w = world(s, now).await;
        let distributor = s
            .add_organization(
                "Kansai Medical Supply",
                OrgKind::Distributor,
                "ja",
                "setup",
                now,
            )
            .await
            .unwrap();
        // 0001: AMBER on 1.0 (hospital A runs it); 0002: RED on 1.0; 0003: GREEN on 1.1 (nobody runs it).
        let mut ids = Vec::new();
        for (tlp, release) in [
            (Tlp::Amber, w.r10.id),
            (Tlp::Red, w.r10.id),
            (Tlp::Green, w.r11.id),
        ] {
            let a = s
                .create_advisory(
                    &new_advisory(vec![release], &["CVE-2026-10001"], tlp),
                    "analyst",
                    now,
                )
                .await
                .unwrap();
            s.publish_advisory(
                a.id,
                &publication(AdvisoryStatus::Final, "First."),
                "regulatory",
                now,
            )
            .await
            .unwrap();
            ids.push(a.id);
        }
        let (amber, red, green) = (ids[0], ids[1], ids[2]);
        let sees = |org: i64| async move {
            let v = Visibility::Organization(org);
            s.advisories_for(v)
                .await
                .unwrap()
                .into_iter()
                .map(|a| a.id)
                .collect::<Vec<_>>()
        };
        // Running a covered release is not enough for AMBER.
        assert_eq!(sees(w.hospital_a).await, Vec::<i64>::new(), "{name}");

        // Shared with hospital B (which does not run 1.0) and the distributor: they read it, A does not.
        s.share_advisory(amber, "Hospital B", "regulatory", now)
            .await
            .unwrap();
        let shares = s
            .share_advisory(amber, &distributor.id.to_string(), "regulatory", now)
            .await
            .unwrap();
        let names: Vec<&str> = shares.iter().map(|x| x.organization.as_str()).collect();
        assert_eq!(names, ["Hospital B", "Kansai Medical Supply"], "{name}");
        assert_eq!(shares[0].shared_by, "regulatory");
        // Sharing again changes nothing and records nothing.
        assert_eq!(
            s.share_advisory(amber, "Hospital B", "regulatory", now)
                .await
                .unwrap(),
            shares,
            "{name}"
        );
        assert_eq!(sees(w.hospital_b).await, vec![amber], "{name}");
        assert_eq!(sees(distributor.id).await, vec![amber], "{name}");
        assert_eq!(sees(w.hospital_a).await, Vec::<i64>::new(), "{name}");
        let b = Visibility::Organization(w.hospital_b);
        let doc: Value =
            serde_json::from_slice(&s.advisory_document(amber, b).await.unwrap().csaf).unwrap();
        assert_eq!(
            doc["document"]["distribution"]["tlp"]["label"], "AMBER",
            "{name}"
        );
        assert!(
            s.advisory_for(amber, b).await.unwrap().releases.is_empty(),
            "{name}: B runs no covered release, so none is listed to it"
        );
        assert!(matches!(
            s.advisory_document(amber, Visibility::Organization(w.hospital_a))
                .await,
            Err(StoreError::NotFound { .. })
        ));

        // A GREEN advisory can be shared by name with an organization that runs none of its releases.
        s.share_advisory(green, "Kansai Medical Supply", "regulatory", now)
            .await
            .unwrap();
        assert_eq!(sees(distributor.id).await, vec![green, amber], "{name}");

        // RED and the maker itself are refused; unknown organizations are not found.
        assert!(matches!(
            s.share_advisory(red, "Hospital A", "regulatory", now).await,
            Err(StoreError::Invalid(_))
        ));
        let maker = s
            .add_organization("Example Medical", OrgKind::Maker, "ja", "setup", now)
            .await
            .unwrap();
        assert!(matches!(
            s.share_advisory(amber, &maker.name, "regulatory", now)
                .await,
            Err(StoreError::Invalid(_))
        ));
        assert!(matches!(
            s.share_advisory(amber, "No Such Hospital", "regulatory", now)
                .await,
            Err(StoreError::NotFound { .. })
        ));

        // Unsharing takes it away again; a second unshare is not found.
        let left = s
            .unshare_advisory(amber, "Hospital B", "regulatory", now)
            .await
            .unwrap();
        assert_eq!(left.len(), 1, "{name}");
        assert_eq!(sees(w.hospital_b).await, Vec::<i64>::new(), "{name}");
        assert!(matches!(
            s.unshare_advisory(amber, "Hospital B", "regulatory", now)
                .await,
            Err(StoreError::NotFound { .. })
        ));

        // AMBER never reaches the public provider folder, shared or not.
        let public = s
            .published_advisories(&[Tlp::Clear, Tlp::Green])
            .await
            .unwrap();
        assert!(public.iter().all(|d| d.tlp != Tlp::Amber), "{name}");

        // Each share and unshare is in the record.
        let actions: Vec<String> = s
            .events_for(&Subject::new("advisory", &amber.to_string()).unwrap(), now)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .filter(|a| a.contains("share"))
            .collect();
        assert_eq!(
            actions,
            ["advisory.share", "advisory.share", "advisory.unshare"],
            "{name}"
        );
    }
}
