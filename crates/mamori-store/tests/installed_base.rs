//! The installed base on SQLite and PostgreSQL: CSV imports with rejected rows, sites, patches and decommissioning with history, who sees which devices, and impact by vulnerability, advisory and component.

use crate::common;

use mamori_csaf::provider::Tlp;
use mamori_hospital::{Exposure, Format};
use mamori_model::{
    Attr, Component, DocumentFormat, Lifecycle, OrgKind, ProductName, ReleaseVersion, Sbom,
    SourceKind,
};
use mamori_store::{
    DeviceDetails, Impact, ImpactQuery, Incoming, NewAdvisory, ReleaseRow, Store, StoreError,
    Triage, Visibility,
};
use serde_json::json;
use time::OffsetDateTime;
use time::macros::{date, datetime};

const NOW: OffsetDateTime = datetime!(2026-11-20 09:00 UTC);

fn firmware(version: &str, crates: &[(&str, &str)]) -> Sbom {
    let mut s = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
    s.metadata.primary = Some("fw".into());
    s.components.push(Component {
        bom_ref: "fw".into(),
        name: "gateway firmware".into(),
        version: Attr::Value(version.into()),
        ..Component::default()
    });
    for (name, v) in crates {
        let purl = format!("pkg:cargo/{name}@{v}");
        s.components.push(Component {
            bom_ref: purl.clone(),
            name: (*name).into(),
            version: Attr::Value((*v).into()),
            purl: Some(purl),
            ..Component::default()
        });
    }
    s
}

fn osv(id: &str, alias: &str, package: &str, fixed: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "schema_version": "1.6.0", "id": id, "modified": "2026-11-01T00:00:00Z",
        "aliases": [alias], "summary": format!("flaw in {package}"),
        "affected": [{"package": {"ecosystem": "crates.io", "name": package},
            "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": fixed}]}]}],
    }))
    .unwrap()
}

struct World {
    releases: Vec<ReleaseRow>,
    sakura: i64,
    minato: i64,
    leasing: i64,
}

/// Infusion Gateway 2.0 (past end of support) and 2.1 ship hl7lite below 1.2.0
/// (GHSA-hhhh-0001-aaaa = CVE-2026-20001); 2.2 ships the fix. dicomkit 0.9 in 2.1
/// has CVE-2026-20002, triaged not affected. Two hospitals; a leasing company serves Minato.
async fn world(s: &Store) -> World {
    let org = |name: &'static str, kind| async move {
        s.add_organization(name, kind, "ja", "setup", NOW)
            .await
            .unwrap()
            .id
    };
    let sakura = org("Sakura General Hospital", OrgKind::Hospital).await;
    let minato = org("Minato Medical Center", OrgKind::Hospital).await;
    let leasing = org("Kita Leasing", OrgKind::Distributor).await;
    s.add_service(leasing, minato, "setup", NOW).await.unwrap();
    let p = s
        .add_product(&ProductName::new("Infusion Gateway").unwrap(), None, NOW)
        .await
        .unwrap();
    let mut releases = Vec::new();
    for (v, eos, crates) in [
        (
            "2.0",
            Some(date!(2025 - 03 - 31)),
            vec![("hl7lite", "1.0.0")],
        ),
        (
            "2.1",
            None,
            vec![("hl7lite", "1.1.0"), ("dicomkit", "0.9.0")],
        ),
        ("2.2", None, vec![("hl7lite", "1.2.0")]),
    ] {
        let lc = Lifecycle::new(None, None, eos, None).unwrap();
        let r = s
            .add_release(&p, &ReleaseVersion::new(v).unwrap(), &lc, NOW)
            .await
            .unwrap();
        let sbom = firmware(v, &crates);
        let bytes = mamori_sbom::write(&sbom, DocumentFormat::CycloneDxJson);
        s.import_sbom(
            &r,
            Incoming {
                bytes: &bytes,
                filename: Some("fw.cdx.json"),
                sbom: &sbom,
                supplier: None,
            },
            "setup",
            NOW,
        )
        .await
        .unwrap();
        releases.push(r);
    }
    for (id, alias, package, fixed) in [
        ("GHSA-hhhh-0001-aaaa", "CVE-2026-20001", "hl7lite", "1.2.0"),
        ("GHSA-hhhh-0002-bbbb", "CVE-2026-20002", "dicomkit", "1.0.0"),
    ] {
        let report = s
            .import_feed_file(
                &format!("{id}.json"),
                &osv(id, alias, package, fixed),
                Some(SourceKind::Osv),
                NOW,
            )
            .await
            .unwrap();
        s.reevaluate_changed(&report.changed, NOW, "feed.import")
            .await
            .unwrap();
    }
    let (_, dicom) = s.affected("CVE-2026-20002").await.unwrap();
    assert_eq!(dicom.len(), 1, "the dicomkit finding exists");
    let triage = Triage::checked(
        "not_affected",
        Some("code_not_reachable"),
        None,
        Some("the DICOM listener is off"),
    )
    .unwrap();
    s.set_finding_state(dicom[0].id, &triage, "alice", NOW)
        .await
        .unwrap();
    World {
        releases,
        sakura,
        minato,
        leasing,
    }
}

const FILE: &str = "\
医療機関,施設,設置場所,製品,バージョン,シリアル番号,ネットワーク接続,リモート保守,設置日,備考
Sakura General Hospital,Main,ICU,Infusion Gateway,2.0,GW-1,clinical-lan,vendor VPN,2020/04/01,
Sakura General Hospital,Main,Ward 5,Infusion Gateway,2.1,GW-2,hospital-lan,,2024-04-01,
Sakura General Hospital,Annex,ER,Infusion Gateway,2.2,GW-3,isolated,,,
Minato Medical Center,,,Infusion Gateway,2.1,GW-10,internet-facing,,,port 443
Minato Medical Center,,,Infusion Gateway,9.9,GW-11,,,,
Minato Medical Center,,,Bedside Monitor,1.0,BM-1,,,,
Umi Clinic,,,Infusion Gateway,2.1,GW-20,,,,
Kita Leasing,,,Infusion Gateway,2.1,GW-21,,,,
Sakura General Hospital,Main,ICU,Infusion Gateway,2.0,GW-1,,,,
Sakura General Hospital,Main,ICU,Infusion Gateway,2.0,,,,,
";

/// Renders an impact answer one device a line: hospital / site / serial status [legacy].
fn render(i: &Impact, s_releases: &[ReleaseRow]) -> Vec<String> {
    let version = |id: i64| {
        s_releases
            .iter()
            .find(|r| r.id == id)
            .map_or("?".to_owned(), |r| r.version.clone())
    };
    let mut out = vec![format!(
        "hospitals={} sites={} affected={} patched={} legacy={}",
        i.hospitals.len(),
        i.sites,
        i.affected,
        i.patched,
        i.legacy
    )];
    for h in &i.hospitals {
        for site in &h.sites {
            for d in &site.devices {
                out.push(format!(
                    "{} / {} / {} {} {}{}",
                    h.name,
                    site.name.as_deref().unwrap_or("-"),
                    d.serial,
                    version(d.release_id),
                    d.status.as_str(),
                    if d.legacy { " legacy" } else { "" }
                ));
            }
        }
    }
    out
}

/// Runs an impact query and compares it with the expected lines.
async fn check(s: &Store, w: &World, q: ImpactQuery, vis: Visibility, expected: &[&str]) {
    let got = s.impact(&q, vis, NOW).await.unwrap();
    assert_eq!(render(&got, &w.releases), expected, "{q:?} seen by {vis:?}");
}

#[tokio::test]
async fn issue_9_installed_base_import_patches_visibility_and_impact() {
    for t in common::stores().await {
        let s = &t.store;
        let w = world(s).await;
        let name = t.name;

        // Import: rows the parser refused and rows the store refused, each with its row.
        let parsed = mamori_hospital::parse(FILE.as_bytes(), Format::Csv).unwrap();
        let report = s
            .import_installed_base(&parsed, Visibility::All, "maker@x", NOW)
            .await
            .unwrap();
        assert_eq!(
            (
                report.created,
                report.updated,
                report.unchanged,
                report.sites_created
            ),
            (4, 0, 0, 2),
            "{name}"
        );
        let rejected: Vec<String> = report.rejected.iter().map(ToString::to_string).collect();
        assert_eq!(
            rejected,
            [
                "row 6, release: unknown release \"9.9\" of \"Infusion Gateway\" (\"9.9\")",
                "row 7, product: unknown product \"Bedside Monitor\" (\"Bedside Monitor\")",
                "row 8, hospital: unknown organization \"Umi Clinic\" (\"Umi Clinic\")",
                "row 9, hospital: \"Kita Leasing\" is not a hospital (\"Kita Leasing\")",
                "row 10, serial: serial number already on row 2 (\"GW-1\")",
                "row 11, serial: value is missing",
            ],
            "{name}"
        );
        // The same file again changes nothing.
        let again = s
            .import_installed_base(&parsed, Visibility::All, "maker@x", NOW)
            .await
            .unwrap();
        assert_eq!(
            (again.created, again.updated, again.unchanged),
            (0, 0, 4),
            "{name}"
        );

        // A hospital's own file needs no hospital column and may not name another hospital.
        let own = "serial,product,release,site,network_exposure\nGW-3,Infusion Gateway,2.2,Annex,clinical-lan\nGW-10,Infusion Gateway,2.1,,\n";
        let own = mamori_hospital::parse(own.as_bytes(), Format::Csv).unwrap();
        let r = s
            .import_installed_base(
                &own,
                Visibility::Organization(w.sakura),
                "nurse@sakura",
                NOW,
            )
            .await
            .unwrap();
        assert_eq!(
            (r.created, r.updated, r.unchanged),
            (1, 1, 0),
            "{name}: GW-10 is new at Sakura"
        );
        let gw3 = s
            .devices_for(Visibility::Organization(w.sakura), false)
            .await
            .unwrap()
            .into_iter()
            .find(|d| d.serial == "GW-3")
            .unwrap();
        assert_eq!(gw3.exposure, Some(Exposure::ClinicalLan), "{name}");
        let stray = s
            .devices_for(Visibility::Organization(w.sakura), false)
            .await
            .unwrap()
            .into_iter()
            .find(|d| d.serial == "GW-10")
            .unwrap();
        s.decommission_device(
            stray.id,
            date!(2026 - 11 - 19),
            Visibility::Organization(w.sakura),
            "nurse@sakura",
            NOW,
        )
        .await
        .unwrap();
        let other =
            "hospital,serial,product,release\nMinato Medical Center,GW-99,Infusion Gateway,2.1\n";
        let other = mamori_hospital::parse(other.as_bytes(), Format::Csv).unwrap();
        let r = s
            .import_installed_base(
                &other,
                Visibility::Organization(w.sakura),
                "nurse@sakura",
                NOW,
            )
            .await
            .unwrap();
        assert_eq!(r.created, 0, "{name}");
        assert_eq!(
            r.rejected[0].to_string(),
            "row 2, hospital: \"Minato Medical Center\" is not an organization you may write (\"Minato Medical Center\")",
            "{name}"
        );
        // The leasing company may import for the hospital it serves.
        let r = s
            .import_installed_base(
                &other,
                Visibility::Organization(w.leasing),
                "staff@kita",
                NOW,
            )
            .await
            .unwrap();
        assert_eq!(r.created, 1, "{name}");

        // Who sees which devices.
        let serials = |vis| async move {
            s.devices_for(vis, false)
                .await
                .unwrap()
                .into_iter()
                .map(|d| d.serial)
                .collect::<Vec<_>>()
        };
        // By site (Annex, then Main), then serial.
        assert_eq!(
            serials(Visibility::Organization(w.sakura)).await,
            ["GW-3", "GW-1", "GW-2"],
            "{name}"
        );
        assert_eq!(
            serials(Visibility::Organization(w.minato)).await,
            ["GW-10", "GW-99"],
            "{name}"
        );
        assert_eq!(
            serials(Visibility::Organization(w.leasing)).await,
            ["GW-10", "GW-99"],
            "{name}"
        );
        assert_eq!(serials(Visibility::All).await.len(), 5, "{name}");
        let sites: Vec<String> = s
            .sites(Visibility::Organization(w.sakura))
            .await
            .unwrap()
            .into_iter()
            .map(|x| x.name)
            .collect();
        assert_eq!(sites, ["Annex", "Main"], "{name}");

        // Sakura applies the patch on GW-2; Minato cannot touch Sakura's devices.
        let gw2 = s
            .devices_for(Visibility::Organization(w.sakura), false)
            .await
            .unwrap()
            .into_iter()
            .find(|d| d.serial == "GW-2")
            .unwrap();
        let r22 = w.releases[2].id;
        assert!(
            matches!(
                s.apply_patch(
                    gw2.id,
                    r22,
                    None,
                    Visibility::Organization(w.minato),
                    "x@minato",
                    NOW
                )
                .await,
                Err(StoreError::NotFound { .. })
            ),
            "{name}"
        );
        let patched = s
            .apply_patch(
                gw2.id,
                r22,
                Some(date!(2026 - 11 - 18)),
                Visibility::Organization(w.sakura),
                "nurse@sakura",
                NOW,
            )
            .await
            .unwrap();
        assert_eq!(patched.release, "2.2", "{name}");
        let history: Vec<(String, Option<String>, Option<String>, String)> = s
            .device_history(gw2.id, Visibility::Organization(w.sakura))
            .await
            .unwrap()
            .into_iter()
            .map(|e| (e.kind, e.from_release, e.to_release, e.actor))
            .collect();
        assert_eq!(
            history,
            [
                ("install".into(), None, Some("2.1".into()), "maker@x".into()),
                (
                    "patch".into(),
                    Some("2.1".into()),
                    Some("2.2".into()),
                    "nurse@sakura".into()
                ),
            ],
            "{name}"
        );
        let updated = s
            .update_device(
                gw2.id,
                &DeviceDetails {
                    site: Some("Main".into()),
                    location: Some("Ward 6".into()),
                    notes: Some("moved".into()),
                    ..DeviceDetails::default()
                },
                Visibility::Organization(w.sakura),
                "nurse@sakura",
                NOW,
            )
            .await
            .unwrap();
        assert_eq!(updated.location.as_deref(), Some("Ward 6"), "{name}");

        // Impact: the same answer for every id of the alias group.
        let cve = [
            "hospitals=2 sites=2 affected=3 patched=1 legacy=1",
            "Minato Medical Center / - / GW-10 2.1 affected",
            "Minato Medical Center / - / GW-99 2.1 affected",
            "Sakura General Hospital / Main / GW-1 2.0 affected legacy",
            "Sakura General Hospital / Main / GW-2 2.2 patched",
        ];
        check(
            s,
            &w,
            ImpactQuery::Vulnerability("CVE-2026-20001".into()),
            Visibility::All,
            &cve,
        )
        .await;
        check(
            s,
            &w,
            ImpactQuery::Vulnerability("ghsa-hhhh-0001-aaaa".into()),
            Visibility::All,
            &cve,
        )
        .await;
        check(
            s,
            &w,
            ImpactQuery::Vulnerability("CVE-2026-20001".into()),
            Visibility::Organization(w.minato),
            &[
                "hospitals=1 sites=1 affected=2 patched=0 legacy=0",
                "Minato Medical Center / - / GW-10 2.1 affected",
                "Minato Medical Center / - / GW-99 2.1 affected",
            ],
        )
        .await;
        check(
            s,
            &w,
            ImpactQuery::Vulnerability("CVE-2026-20001".into()),
            Visibility::Organization(w.leasing),
            &[
                "hospitals=1 sites=1 affected=2 patched=0 legacy=0",
                "Minato Medical Center / - / GW-10 2.1 affected",
                "Minato Medical Center / - / GW-99 2.1 affected",
            ],
        )
        .await;
        // Triaged not affected: nobody is listed.
        check(
            s,
            &w,
            ImpactQuery::Vulnerability("CVE-2026-20002".into()),
            Visibility::All,
            &["hospitals=0 sites=0 affected=0 patched=0 legacy=0"],
        )
        .await;
        check(
            s,
            &w,
            ImpactQuery::Vulnerability("CVE-2000-0001".into()),
            Visibility::All,
            &["hospitals=0 sites=0 affected=0 patched=0 legacy=0"],
        )
        .await;
        // A component version: hl7lite 1.1.0 is in 2.1 only.
        check(
            s,
            &w,
            ImpactQuery::Purl("pkg:cargo/hl7lite@1.1.0".into()),
            Visibility::All,
            &[
                "hospitals=2 sites=2 affected=2 patched=1 legacy=0",
                "Minato Medical Center / - / GW-10 2.1 affected",
                "Minato Medical Center / - / GW-99 2.1 affected",
                "Sakura General Hospital / Main / GW-2 2.2 patched",
            ],
        )
        .await;
        check(
            s,
            &w,
            ImpactQuery::Component {
                name: "HL7lite".into(),
                version: "1.0.0".into(),
            },
            Visibility::All,
            &[
                "hospitals=1 sites=1 affected=1 patched=0 legacy=1",
                "Sakura General Hospital / Main / GW-1 2.0 affected legacy",
            ],
        )
        .await;
        // An advisory: its releases.
        let adv = s
            .create_advisory(
                &NewAdvisory {
                    title_en: "hl7lite flaw".into(),
                    title_ja: "hl7lite の脆弱性".into(),
                    summary_en: "s".into(),
                    summary_ja: "s".into(),
                    lang: "en".into(),
                    tlp: Tlp::Clear,
                    releases: vec![w.releases[0].id, w.releases[1].id],
                    vulnerabilities: vec!["CVE-2026-20001".into()],
                },
                "alice",
                NOW,
            )
            .await
            .unwrap();
        check(s, &w, ImpactQuery::Advisory(adv.id), Visibility::All, &cve).await;

        // Decommissioned devices leave the answer.
        let gw1 = s
            .devices_for(Visibility::All, false)
            .await
            .unwrap()
            .into_iter()
            .find(|d| d.serial == "GW-1")
            .unwrap();
        s.decommission_device(
            gw1.id,
            date!(2026 - 11 - 19),
            Visibility::All,
            "maker@x",
            NOW,
        )
        .await
        .unwrap();
        check(
            s,
            &w,
            ImpactQuery::Vulnerability("CVE-2026-20001".into()),
            Visibility::Organization(w.sakura),
            &[
                "hospitals=1 sites=1 affected=0 patched=1 legacy=0",
                "Sakura General Hospital / Main / GW-2 2.2 patched",
            ],
        )
        .await;
        assert_eq!(
            serials(Visibility::Organization(w.sakura)).await,
            ["GW-3", "GW-2"],
            "{name}"
        );
        assert_eq!(
            s.devices_for(Visibility::Organization(w.sakura), true)
                .await
                .unwrap()
                .len(),
            4,
            "{name}"
        );
    }
}
