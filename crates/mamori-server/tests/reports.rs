//! The public report intake over HTTP on SQLite and PostgreSQL: security.txt, the form's token, limits that lose nothing, rate limiting, and the status link.

use crate::common;

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn csrf_of(html: &str) -> String {
    let marker = r#"name="csrf" value=""#;
    html.find(marker)
        .map(|i| &html[i + marker.len()..])
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("")
        .to_owned()
}

fn form(csrf: &str, title: &str, file: Vec<u8>) -> Form {
    let mut f = Form::new()
        .text("csrf", csrf.to_owned())
        .text("name", "Researcher")
        .text("email", "r@lab.example")
        .text("source", "researcher")
        .text("product", "Ward Gateway")
        .text("title", title.to_owned())
        .text("description", "Crash on a long HL7 field");
    if !file.is_empty() {
        f = f.part("files", Part::bytes(file).file_name("poc.bin"));
    }
    f
}

#[tokio::test]
async fn public_intake_with_limits_and_status_link() {
    for (store, name, _dir) in common::stores("report intake").await {
        let (base, stop) = common::start(store.clone(), |base| mamori_server::ServerConfig {
            public_url: base.to_owned(),
            reports: mamori_server::config::ReportsConfig {
                per_hour: 2,
                attachment_bytes: 1024,
                ..Default::default()
            },
            ..Default::default()
        })
        .await;

        let txt = reqwest::get(format!("{base}/.well-known/security.txt"))
            .await
            .unwrap();
        assert_eq!(txt.status(), StatusCode::OK, "{name}");
        assert!(
            txt.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/plain")
        );
        let txt = txt.text().await.unwrap();
        assert!(txt.contains(&format!("Contact: {base}/report\n")), "{txt}");
        assert!(txt.contains("Expires: "), "{txt}");

        let c = client();
        let page = c.get(format!("{base}/report")).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        let csrf = csrf_of(&page.text().await.unwrap());
        assert_eq!(csrf.len(), 32, "{name}: the form carries a token");

        // Without the form's token: refused, nothing stored (this does not count as an attempt).
        let r = c
            .post(format!("{base}/report"))
            .multipart(form("0123456789abcdef0123456789abcdef", "Forged", vec![]))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{name}");

        // An attachment over the limit: refused with the form kept, nothing stored.
        let r = c
            .post(format!("{base}/report"))
            .multipart(form(&csrf, "Too big", vec![7; 2048]))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE, "{name}");
        assert!(store.reports(None).await.unwrap().is_empty(), "{name}");

        // A bad address: refused with the reason, nothing stored.
        let bad = form(&csrf, "Bad email", vec![]).text("email", "not an address");
        let r = c
            .post(format!("{base}/report"))
            .multipart(bad)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");

        // A good report goes in (the second counted attempt) and leads to its status page.
        let r = c
            .post(format!("{base}/report"))
            .multipart(form(&csrf, "One more", vec![1, 2, 3]))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{name}");
        let location = r.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with("/report/status/"), "{location}");
        let status = c.get(format!("{base}{location}")).send().await.unwrap();
        assert_eq!(status.status(), StatusCode::OK, "{name}");
        assert_eq!(status.headers()["referrer-policy"], "no-referrer");
        assert_eq!(status.headers()["cache-control"], "no-store");
        let html = status.text().await.unwrap();
        let year = time::OffsetDateTime::now_utc().year();
        assert!(html.contains(&format!("VR-{year}-0001")), "{name}: {html}");
        assert!(html.contains("poc.bin"));
        let wrong = c
            .get(format!("{base}/report/status/{}", "f".repeat(48)))
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), StatusCode::NOT_FOUND, "{name}");

        // The limit of 2 per hour is spent: the next report is refused and not stored.
        let r = c
            .post(format!("{base}/report"))
            .multipart(form(&csrf, "Over the limit", vec![]))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{name}");
        assert_eq!(store.reports(None).await.unwrap().len(), 1, "{name}");

        let _ = stop.send(());
    }
}
