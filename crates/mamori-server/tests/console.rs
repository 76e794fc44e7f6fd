//! The web console over HTTP: a real server on 127.0.0.1 over a temporary SQLite store, driven
//! like a browser (cookies kept, redirects looked at): sign-in, every page per role, a hospital
//! kept to its own share, CSRF on every form, escaped output, upload and triage.

use crate::world;

use mamori_model::{OrgKind, Role};
use mamori_store::{FindingFilter, NewCase};
use world::{World, client, csrf_of, get, now, session_csrf, sign_in};

/// A small CycloneDX 1.5 SBOM written for these tests: one crate the advisory below affects,
/// one it does not, and a name that must come out escaped.
const SBOM: &str = r#"{
  "bomFormat": "CycloneDX",
  "specVersion": "1.5",
  "serialNumber": "urn:uuid:6b1d5a3e-2f4c-4d8e-9a7b-0c1d2e3f4a5b",
  "version": 1,
  "metadata": {
    "timestamp": "2025-01-01T00:00:00Z",
    "authors": [{"name": "Console test"}],
    "component": {"type": "firmware", "bom-ref": "fw", "name": "pump-firmware", "version": "3.1"}
  },
  "components": [
    {"type": "library", "bom-ref": "chrono", "name": "chrono", "version": "0.4.19", "purl": "pkg:cargo/chrono@0.4.19"},
    {"type": "library", "bom-ref": "odd", "name": "<img src=x onerror=alert(1)>", "version": "1.0.0", "purl": "pkg:cargo/odd-name@1.0.0"}
  ],
  "dependencies": [{"ref": "fw", "dependsOn": ["chrono", "odd"]}]
}"#;

/// An OSV record written for these tests (not a real advisory).
const OSV: &str = r#"{
  "schema_version": "1.6.0",
  "id": "MAMORI-TEST-0001",
  "modified": "2025-01-01T00:00:00Z",
  "published": "2025-01-01T00:00:00Z",
  "aliases": ["CVE-2099-0001"],
  "summary": "Test flaw <script>alert(1)</script> in chrono",
  "affected": [{
    "package": {"ecosystem": "crates.io", "name": "chrono", "purl": "pkg:cargo/chrono"},
    "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "0.4.20"}]}]
  }],
  "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]
}"#;

/// The people of the test world.
const ANALYST: &str = "analyst@maker.example";
const ENGINEER: &str = "engineer@maker.example";
const AUDITOR: &str = "auditor@maker.example";
const ADMIN2: &str = "admin2@maker.example";
const NURSE_A: &str = "nurse@hospital-a.example";
const NURSE_B: &str = "nurse@hospital-b.example";

/// What the world holds, by id.
struct Ids {
    product: i64,
    release: i64,
    finding: i64,
    case: i64,
}

/// A maker with an analyst, an engineer, an auditor and a second administrator; hospital A
/// running release 3.1 of "Infusion Pump" (device IP-A-0001), hospital B running nothing;
/// the SBOM uploaded through the console's form, the advisory imported, a case opened.
async fn populate(w: &World) -> Ids {
    w.user(ANALYST, Role::Analyst, w.maker, "en").await;
    w.user(ENGINEER, Role::Engineer, w.maker, "en").await;
    w.user(AUDITOR, Role::Auditor, w.maker, "en").await;
    w.user(ADMIN2, Role::Admin, w.maker, "en").await;
    let a = w.org("Hospital A", OrgKind::Hospital).await;
    let b = w.org("Hospital B", OrgKind::Hospital).await;
    w.user(NURSE_A, Role::Hospital, a, "en").await;
    w.user(NURSE_B, Role::Hospital, b, "en").await;
    w.store
        .import_feed_file("test-osv.json", OSV.as_bytes(), None, now())
        .await
        .expect("advisory");

    // The engineer makes the product and release and uploads the SBOM through the forms.
    let c = client();
    assert_eq!(sign_in(&c, w, ENGINEER).await.status(), 303);
    let (_, html) = get(&c, w, "/products").await;
    let r = c
        .post(w.url("/products"))
        .form(&[
            ("csrf", csrf_of(&html).as_str()),
            ("name", "Infusion Pump"),
            ("vendor", "Maker KK"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "product form");
    let product_path = location(&r);
    let product: i64 = id_in(&product_path);
    let (_, html) = get(&c, w, &product_path).await;
    let r = c
        .post(w.url(&format!("{product_path}/releases")))
        .form(&[
            ("csrf", csrf_of(&html).as_str()),
            ("version", "3.1"),
            ("ga", "2024-04-01"),
            ("end_of_sale", ""),
            ("end_of_support", "2034-03-31"),
            ("end_of_life", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "release form");
    let release_path = location(&r);
    let release: i64 = id_in(&release_path);
    let (_, html) = get(&c, w, &release_path).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf_of(&html))
        .text("origin", "team")
        .text("supplier", "")
        .part(
            "file",
            reqwest::multipart::Part::bytes(SBOM.as_bytes().to_vec()).file_name("CycloneDX 1.5"),
        );
    let r = c
        .post(w.url(&format!("/releases/{release}/sboms")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "upload form");

    w.store
        .add_installed_device(
            a,
            release,
            "IP-A-0001",
            Some("Main"),
            Some("ICU"),
            "test",
            now(),
        )
        .await
        .expect("device");
    let findings = w.store.findings(&FindingFilter::default()).await.unwrap();
    assert_eq!(
        findings.len(),
        1,
        "the uploaded SBOM matches the advisory once"
    );
    let finding = findings[0].id;
    let case = w
        .store
        .open_case(
            &NewCase {
                title: "Pump <b>case</b>".into(),
                findings: vec![finding],
                awareness: now().date(),
                harm: "non_serious".into(),
                harm_occurred: false,
                expected: false,
                unanticipated: false,
                public_health_threat: false,
                safety: None,
                correction_initiated: None,
            },
            ANALYST,
            now(),
        )
        .await
        .expect("case")
        .id;
    let _ = b;
    Ids {
        product,
        release,
        finding,
        case,
    }
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

fn id_in(path: &str) -> i64 {
    path.rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// `{p}`, `{r}`, `{f}`, `{c}` in a path replaced by the world's ids.
fn path(template: &str, ids: &Ids) -> String {
    template
        .replace("{p}", &ids.product.to_string())
        .replace("{r}", &ids.release.to_string())
        .replace("{f}", &ids.finding.to_string())
        .replace("{c}", &ids.case.to_string())
}

/// Each page as `who` answers `status` and, when 200, holds `text`.
async fn check_pages(w: &World, ids: &Ids, who: &str, pages: &[(&str, u16, &str)]) {
    let c = client();
    assert_eq!(sign_in(&c, w, who).await.status(), 303, "{who} signs in");
    for (template, status, text) in pages {
        let p = path(template, ids);
        let (got, body) = get(&c, w, &p).await;
        assert_eq!(got, *status, "{who} GET {p}");
        assert!(
            p.contains(".csv?") || body.contains("<!DOCTYPE html>"),
            "{who} GET {p}: an HTML page, not {body:.200}"
        );
        assert!(body.contains(text), "{who} GET {p} lacks {text:?}");
    }
}

#[tokio::test]
async fn every_page_per_role() {
    let w = World::start().await;
    let ids = populate(&w).await;
    check_pages(
        &w,
        &ids,
        ANALYST,
        &[
            ("/", 200, "Dashboard"),
            ("/products", 200, "Infusion Pump"),
            ("/products/{p}", 200, "3.1"),
            ("/releases/{r}", 200, "CycloneDX 1.5"),
            ("/findings", 200, "CVE-2099-0001"),
            ("/findings?severity=critical&kev=1", 200, "Findings"),
            ("/findings?product=No+such+product", 200, "Findings"),
            ("/findings/{f}", 200, "triage-form"),
            ("/cases", 200, "Pump &#60;b&#62;case&#60;/b&#62;"),
            ("/cases/{c}", 200, "CVE-2099-0001"),
            ("/advisories", 200, "Advisories"),
            ("/impact", 200, "impact-q"),
            ("/impact?by=vulnerability&q=cve-2099-0001", 200, "IP-A-0001"),
            ("/impact?by=advisory&q=MAMORI-1999-9999", 200, "no advisory"),
            ("/impact?by=purl&q=pkg:cargo/chrono", 200, "no version"),
            (
                "/impact.csv?by=vulnerability&q=CVE-2099-0001",
                200,
                "IP-A-0001",
            ),
            ("/releases/{r}/disclosures/mds2", 200, "MPII-1"),
            ("/releases/{r}/disclosures/nonsense", 404, "Page not found"),
            ("/feeds", 200, "osv"),
            ("/tokens", 200, "API tokens"),
            ("/admin/users", 403, "Not allowed"),
            ("/admin/jobs", 403, "Not allowed"),
            ("/findings/999999", 404, "Page not found"),
            ("/releases/999999", 404, "Page not found"),
        ],
    )
    .await;
    check_pages(
        &w,
        &ids,
        AUDITOR,
        &[
            ("/findings/{f}", 200, "CVE-2099-0001"),
            ("/releases/{r}", 200, "CycloneDX 1.5"),
        ],
    )
    .await;
    check_pages(
        &w,
        &ids,
        ADMIN2,
        &[
            ("/admin/users", 200, NURSE_A),
            ("/admin/organizations", 200, "Hospital B"),
            ("/admin/jobs", 200, "Jobs"),
            ("/admin/jobs?state=dead", 200, "Jobs"),
            ("/admin/jobs?state=nonsense", 422, "could not be used"),
        ],
    )
    .await;
    // The auditor reads but is offered no triage form.
    let c = client();
    sign_in(&c, &w, AUDITOR).await;
    let (_, html) = get(&c, &w, &path("/findings/{f}", &ids)).await;
    assert!(
        !html.contains("triage-form"),
        "no form for a read-only role"
    );
    w.stop().await;
}

#[tokio::test]
async fn a_hospital_sees_only_its_own_share() {
    let w = World::start().await;
    let ids = populate(&w).await;
    let maker_pages: Vec<(&str, u16, &str)> = [
        "/",
        "/products",
        "/products/{p}",
        "/releases/{r}",
        "/findings",
        "/findings/{f}",
        "/cases",
        "/cases/{c}",
        "/feeds",
        "/admin/users",
        "/admin/organizations",
        "/admin/jobs",
        "/impact?by=vulnerability&q=CVE-2099-0001",
        "/impact.csv?by=vulnerability&q=CVE-2099-0001",
        "/releases/{r}/disclosures/mds2",
    ]
    .into_iter()
    .map(|p| (p, 0, ""))
    .collect();
    for nurse in [NURSE_A, NURSE_B] {
        let c = client();
        assert_eq!(sign_in(&c, &w, nurse).await.status(), 303);
        for (template, _, _) in &maker_pages {
            let p = path(template, &ids);
            let (status, body) = get(&c, &w, &p).await;
            if p == "/" {
                assert_eq!(
                    status, 303,
                    "{nurse}: the start page sends a hospital to its devices"
                );
                continue;
            }
            assert!(matches!(status, 403 | 404), "{nurse} GET {p}: {status}");
            for secret in [
                "MAMORI-TEST-0001",
                "CVE-2099-0001",
                "chrono",
                "Pump &#60;b&#62;case",
            ] {
                assert!(!body.contains(secret), "{nurse} GET {p} shows {secret}");
            }
        }
        // A form post to a maker action is refused the same way.
        let csrf = session_csrf(&c, &w).await;
        let r = c
            .post(w.url(&path("/findings/{f}/triage", &ids)))
            .form(&[("csrf", csrf.as_str()), ("state", "false_positive")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{nurse} triage");
    }
    let c = client();
    sign_in(&c, &w, NURSE_A).await;
    let (status, html) = get(&c, &w, "/devices").await;
    assert_eq!(status, 200);
    assert!(html.contains("IP-A-0001") && html.contains("Infusion Pump"));
    let (status, html) = get(&c, &w, "/documents").await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("/api/v1/releases/{}/sbom", ids.release)));
    let c = client();
    sign_in(&c, &w, NURSE_B).await;
    for p in ["/devices", "/documents", "/advisories"] {
        let (status, html) = get(&c, &w, p).await;
        assert_eq!(status, 200, "{p}");
        assert!(
            !html.contains("IP-A-0001") && !html.contains("Infusion Pump"),
            "hospital B sees hospital A's {p}"
        );
    }
    w.stop().await;
}

#[tokio::test]
async fn sign_in_and_out() {
    let w = World::start().await;
    w.user(ANALYST, Role::Analyst, w.maker, "ja").await;
    let c = client();
    // Pages send the anonymous to sign in, and back afterwards.
    let r = c
        .get(w.url("/findings?severity=high"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/signin?next=/findings%3Fseverity%3Dhigh");
    assert_eq!(
        location(&c.get(w.url("/")).send().await.unwrap()),
        "/signin"
    );
    // The page sets the double-submit cookie; a post without it is refused.
    let page = c
        .get(w.url("/signin?next=/findings"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert!(
        page.headers()
            .get_all("set-cookie")
            .iter()
            .any(|v| v.to_str().unwrap_or("").starts_with("mamori_presession=")),
    );
    let html = page.text().await.unwrap();
    assert!(
        html.contains(r#"<html lang="en">"#),
        "the browser's language before sign-in"
    );
    let token = csrf_of(&html);
    let cases: [(&str, &str, &str, u16); 4] = [
        ("no token", "", PASSWORD_OK, 403),
        (
            "wrong token",
            "0123456789abcdef0123456789abcdef",
            PASSWORD_OK,
            403,
        ),
        ("wrong password", token.as_str(), "not the password!", 401),
        ("right", token.as_str(), PASSWORD_OK, 303),
    ];
    for (what, csrf, password, status) in cases {
        let password = if password == PASSWORD_OK {
            world::PASSWORD
        } else {
            password
        };
        let r = c
            .post(w.url("/signin"))
            .form(&[
                ("email", ANALYST),
                ("password", password),
                ("csrf", csrf),
                ("next", "/findings"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), status, "{what}");
        if status == 303 {
            assert_eq!(location(&r), "/findings");
            let cookie = r
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find(|v| v.starts_with("mamori_session="))
                .unwrap_or("")
                .to_owned();
            assert!(
                cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
                "{cookie}"
            );
        }
    }
    // Signed in: the stored preference (ja) speaks.
    let (status, html) = get(&c, &w, "/findings").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="ja">"#));
    // The switch changes it, with the session's token.
    let r = c
        .post(w.url("/lang"))
        .form(&[("lang", "en"), ("csrf", csrf_of(&html).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(
        get(&c, &w, "/findings")
            .await
            .1
            .contains(r#"<html lang="en">"#)
    );
    // Signing out ends the session: the old cookie no longer opens pages.
    let html = get(&c, &w, "/findings").await.1;
    let r = c
        .post(w.url("/signout"))
        .form(&[("csrf", csrf_of(&html).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        (r.status().as_u16(), location(&r).as_str()),
        (303, "/signin")
    );
    let (status, html) = get(&c, &w, "/signin").await;
    assert_eq!(status, 200);
    assert!(html.contains("You have signed out."), "the one-time notice");
    assert_eq!(
        c.get(w.url("/findings")).send().await.unwrap().status(),
        303
    );
    // `next` never leaves the server.
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let c = client();
        let html = get(&c, &w, "/signin").await.1;
        let r = c
            .post(w.url("/signin"))
            .form(&[
                ("email", ANALYST),
                ("password", world::PASSWORD),
                ("csrf", csrf_of(&html).as_str()),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(location(&r), "/", "next={next}");
    }
    w.stop().await;
}

/// Marks the right password in the sign-in table.
const PASSWORD_OK: &str = "<the password>";

#[tokio::test]
async fn forms_need_the_session_token() {
    let w = World::start().await;
    let ids = populate(&w).await;
    let c = client();
    sign_in(&c, &w, ENGINEER).await;
    let posts: [(&str, &[(&str, &str)]); 5] = [
        ("/products", &[("name", "Sneaky")]),
        ("/products/{p}/releases", &[("version", "9.9")]),
        ("/signout", &[]),
        ("/tokens", &[("name", "sneaky")]),
        ("/sboms/1/approve", &[]),
    ];
    for (template, fields) in posts {
        let p = path(template, &ids);
        for csrf in [None, Some("forged")] {
            let mut form: Vec<(&str, &str)> = fields.to_vec();
            if let Some(t) = csrf {
                form.push(("csrf", t));
            }
            let r = c.post(w.url(&p)).form(&form).send().await.unwrap();
            assert_eq!(r.status(), 403, "POST {p} with csrf {csrf:?}");
        }
    }
    let analyst = client();
    sign_in(&analyst, &w, ANALYST).await;
    let r = analyst
        .post(w.url(&path("/findings/{f}/triage", &ids)))
        .form(&[("state", "false_positive")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Nothing changed.
    assert!(w.store.product("Sneaky").await.is_err());
    assert_eq!(
        w.store.finding(ids.finding).await.unwrap().state,
        "in_triage"
    );
    assert_eq!(get(&c, &w, "/tokens").await.0, 200, "still signed in");
    w.stop().await;
}

#[tokio::test]
async fn triage_and_the_record() {
    let w = World::start().await;
    let ids = populate(&w).await;
    let c = client();
    sign_in(&c, &w, ANALYST).await;
    let finding = path("/findings/{f}", &ids);
    let html = get(&c, &w, &finding).await.1;
    let csrf = csrf_of(&html);
    // (fields, status, what the finding's state is afterwards)
    type Case<'a> = (&'a [(&'a str, &'a str)], u16, &'a str);
    let cases: [Case; 3] = [
        (&[("state", "not_affected")], 422, "in_triage"),
        (
            &[("state", "exploitable"), ("rubric.nonsense", "x")],
            422,
            "in_triage",
        ),
        (
            &[
                ("state", "not_affected"),
                ("justification", "code_not_reachable"),
                ("detail", "The <b>parser</b> is never called"),
                ("detail_ja", "<b>パーサ</b>は呼ばれません"),
                ("safety_risk", "controlled"),
                ("safety_hazard", "Wrong dose"),
            ],
            303,
            "not_affected",
        ),
    ];
    for (fields, status, state) in cases {
        let mut form = fields.to_vec();
        form.push(("csrf", csrf.as_str()));
        let r = c
            .post(w.url(&format!("{finding}/triage")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), status, "{fields:?}");
        if status == 422 {
            let body = r.text().await.unwrap();
            assert!(
                body.contains("notice-error"),
                "the problem is shown on the page"
            );
        }
        assert_eq!(w.store.finding(ids.finding).await.unwrap().state, state);
    }
    let html = get(&c, &w, &finding).await.1;
    assert!(html.contains("Saved."), "the one-time notice");
    assert!(html.contains("The &#60;b&#62;parser&#60;/b&#62; is never called"));
    assert!(html.contains("&#60;b&#62;パーサ&#60;/b&#62;は呼ばれません"));
    assert_eq!(
        w.store
            .finding(ids.finding)
            .await
            .unwrap()
            .analysis_ja
            .as_deref(),
        Some("<b>パーサ</b>は呼ばれません"),
        "the Japanese text is stored beside the English one"
    );
    assert!(
        html.contains("finding.safety"),
        "the assessment is in the record"
    );
    assert!(
        html.contains(r#"value="controlled" checked"#),
        "and read back into the form"
    );
    w.stop().await;
}

#[tokio::test]
async fn output_is_escaped_and_assets_cached() {
    let w = World::start().await;
    let ids = populate(&w).await;
    let c = client();
    sign_in(&c, &w, ENGINEER).await;
    let html = get(&c, &w, "/products").await.1;
    let r = c
        .post(w.url("/products"))
        .form(&[
            ("csrf", csrf_of(&html).as_str()),
            ("name", "<script>alert(1)</script>"),
            ("vendor", "\"><svg onload=alert(2)>"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let analyst = client();
    sign_in(&analyst, &w, ANALYST).await;
    for p in ["/products", "/findings", "/findings/{f}"] {
        let body = get(&analyst, &w, &path(p, &ids)).await.1;
        for raw in ["<script>alert", "<svg onload", "<img src=x"] {
            assert!(!body.contains(raw), "{p} holds {raw} unescaped");
        }
    }
    let body = get(&analyst, &w, "/products").await.1;
    assert!(body.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
    // Static files: long-lived under content-hashed names, unknown names 404.
    for (url, status, cache) in [
        (mamori_console::css_url(), 200, "immutable"),
        (mamori_console::js_url(), 200, "immutable"),
        ("/static/app.0000.css".to_owned(), 404, "no-store"),
    ] {
        let r = c.get(w.url(&url)).send().await.unwrap();
        assert_eq!(r.status(), status, "{url}");
        let got = r
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(got.contains(cache), "{url}: {got}");
    }
    // Pages carry the server's security headers.
    let r = analyst.get(w.url("/products")).send().await.unwrap();
    assert!(r.headers().get("content-security-policy").is_some());
    assert_eq!(r.headers().get("cache-control").unwrap(), "no-store");
    w.stop().await;
}

/// The MDS2 of a release filled in through the console: a draft missing required answers is
/// saved but cannot be approved; once complete and approved, hospital A (which runs the
/// release) finds it under its documents with the xlsx downloads, and hospital B does not.
#[tokio::test]
async fn disclosure_filled_in_approved_and_seen_only_where_the_release_runs() {
    let w = World::start().await;
    let ids = populate(&w).await;
    let page = format!("/releases/{}/disclosures/mds2", ids.release);
    let form = mamori_disclosure::builtin("mds2").expect("the built-in MDS2");
    let c = client();
    sign_in(&c, &w, ANALYST).await;
    let post = async |fields: Vec<(String, String)>| {
        let r = c.post(w.url(&page)).form(&fields).send().await.unwrap();
        let status = r.status().as_u16();
        (status, location(&r), r.text().await.unwrap())
    };
    // A bad answer is refused with the item named, nothing saved.
    let (_, html) = get(&c, &w, &page).await;
    let csrf = csrf_of(&html);
    let (status, _, body) = post(vec![
        ("csrf".into(), csrf.clone()),
        ("a:MPII-1".into(), "maybe".into()),
    ])
    .await;
    assert_eq!(status, 422, "{body:.300}");
    assert!(body.contains("MPII-1"), "the refused item is named");
    assert!(
        body.contains("maybe"),
        "the refused form keeps nothing but names the answer"
    );
    // A first draft answers one item.
    let (status, loc, _) = post(vec![
        ("csrf".into(), csrf.clone()),
        ("a:MPII-1".into(), "yes".into()),
        ("n:MPII-1".into(), "患者名をポンプに表示".into()),
        ("comment".into(), "first draft".into()),
    ])
    .await;
    assert_eq!((status, loc.as_str()), (303, page.as_str()));
    // Approval is for those who publish (the administrator here), not the analyst.
    let approve = |n: i64| format!("{page}/revisions/{n}/approve");
    let r = c
        .post(w.url(&approve(1)))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "the analyst may not approve");
    let admin = client();
    sign_in(&admin, &w, ADMIN2).await;
    let (_, html) = get(&admin, &w, &page).await;
    assert!(html.contains(&approve(1)), "the approve button is offered");
    let admin_csrf = csrf_of(&html);
    let r = admin
        .post(w.url(&approve(1)))
        .form(&[("csrf", admin_csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422, "an incomplete revision is not approved");
    assert!(r.text().await.unwrap().contains("cannot be approved"));
    // The second revision answers every item.
    let mut fields = vec![
        ("csrf".to_owned(), csrf.clone()),
        ("comment".to_owned(), "complete".to_owned()),
    ];
    for item in form.items() {
        let a = item.answers().first().expect("an item allows an answer");
        fields.push((format!("a:{}", item.id()), a.as_str().to_owned()));
        fields.push((
            format!("n:{}", item.id()),
            format!("note for {}", item.id()),
        ));
    }
    let (status, _, _) = post(fields).await;
    assert_eq!(status, 303);
    let r = admin
        .post(w.url(&approve(2)))
        .form(&[("csrf", admin_csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, html) = get(&c, &w, &page).await;
    assert!(
        html.contains("note for MPII-1"),
        "the latest answers are shown"
    );
    assert!(
        html.contains("admin2@maker.example ·"),
        "who approved is shown"
    );
    // Hospital A runs the release: its documents list the approved revision.
    let a = client();
    sign_in(&a, &w, NURSE_A).await;
    let (status, html) = get(&a, &w, "/documents").await;
    assert_eq!(status, 200);
    let link = format!(
        "/api/v1/releases/{}/disclosures/mds2?format=xlsx&amp;lang=ja",
        ids.release
    );
    assert!(
        html.contains(&link),
        "hospital A is offered the xlsx: {}",
        &html[html.find("<main").unwrap_or(0)..]
    );
    let r = a
        .get(w.url(&link.replace("&amp;", "&")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.bytes().await.unwrap().starts_with(b"PK"),
        "an xlsx (zip) file"
    );
    // Hospital A may not edit it; hospital B does not see it at all.
    let (status, _) = get(&a, &w, &page).await;
    assert!(matches!(status, 403 | 404));
    let b = client();
    sign_in(&b, &w, NURSE_B).await;
    let (status, html) = get(&b, &w, "/documents").await;
    assert_eq!(status, 200);
    assert!(!html.contains("mds2") && !html.contains("Infusion Pump"));
    let r = b
        .get(w.url(&link.replace("&amp;", "&")))
        .send()
        .await
        .unwrap();
    assert!(matches!(r.status().as_u16(), 403 | 404));
    w.stop().await;
}

#[tokio::test]
async fn issue_7_regulatory_shares_an_amber_advisory_with_one_hospital_from_the_advisories_page() {
    use mamori_csaf::provider::Tlp;
    use mamori_csaf::vex::{Publisher, PublisherCategory};
    use mamori_store::{AdvisoryStatus, NewAdvisory, Publication};
    const REGULATORY: &str = "regulatory@maker.example";
    let w = World::start().await;
    let ids = populate(&w).await;
    w.user(REGULATORY, Role::Regulatory, w.maker, "en").await;
    let a = w
        .store
        .create_advisory(
            &NewAdvisory {
                title_en: "Amber flaw in chrono".into(),
                title_ja: "chrono の限定共有の脆弱性".into(),
                summary_en: "Infusion Pump 3.1 ships chrono 0.4.19.".into(),
                summary_ja: "Infusion Pump 3.1 は chrono 0.4.19 を含みます。".into(),
                lang: "en".into(),
                tlp: Tlp::Amber,
                releases: vec![ids.release],
                vulnerabilities: vec!["CVE-2099-0001".into()],
            },
            ANALYST,
            now(),
        )
        .await
        .unwrap();
    w.store
        .publish_advisory(
            a.id,
            &Publication {
                status: AdvisoryStatus::Final,
                summary: "First.".into(),
                publisher: Publisher {
                    name: "Maker KK".into(),
                    namespace: "https://maker.example".into(),
                    category: PublisherCategory::Vendor,
                },
                base_url: None,
            },
            REGULATORY,
            now(),
        )
        .await
        .unwrap();
    let hospital_a = w.store.organization("Hospital A").await.unwrap().id;
    let nurse_sees = async |nurse: &str| {
        let c = client();
        sign_in(&c, &w, nurse).await;
        get(&c, &w, "/advisories").await.1.contains(&a.tracking_id)
    };
    assert!(
        !nurse_sees(NURSE_A).await,
        "AMBER needs a share, not only a device"
    );

    // The analyst may not share; the form is not even shown to them.
    let analyst = client();
    sign_in(&analyst, &w, ANALYST).await;
    let (_, html) = get(&analyst, &w, "/advisories").await;
    assert!(!html.contains("name=\"organization\""));
    let r = analyst
        .post(w.url(&format!("/advisories/{}/shares", a.id)))
        .form(&[
            ("csrf", csrf_of(&html).as_str()),
            ("organization", &hospital_a.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    let reg = client();
    sign_in(&reg, &w, REGULATORY).await;
    let (_, html) = get(&reg, &w, "/advisories").await;
    assert!(
        html.contains("not shared with any organization yet"),
        "{html}"
    );
    assert!(html.contains(&format!(
        "<option value=\"{hospital_a}\">Hospital A</option>"
    )));
    assert!(!html.contains(">Maker<"), "the maker is not offered");
    let r = reg
        .post(w.url(&format!("/advisories/{}/shares", a.id)))
        .form(&[
            ("csrf", csrf_of(&html).as_str()),
            ("organization", &hospital_a.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(nurse_sees(NURSE_A).await, "shared with hospital A");
    assert!(!nurse_sees(NURSE_B).await, "not with hospital B");

    let (_, html) = get(&reg, &w, "/advisories").await;
    let r = reg
        .post(w.url(&format!("/advisories/{}/shares/{hospital_a}/delete", a.id)))
        .form(&[("csrf", csrf_of(&html).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(!nurse_sees(NURSE_A).await, "unshared again");
    w.stop().await;
}
