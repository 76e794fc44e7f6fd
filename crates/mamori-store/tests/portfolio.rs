//! Products, releases, SBOM versions and approval, run on SQLite and PostgreSQL alike.

use crate::common;

use mamori_model::{Attr, Component, DocumentFormat, Lifecycle, ProductName, ReleaseVersion, Sbom};
use mamori_store::{Incoming, StoreError};
use time::macros::{date, datetime};

fn sbom(primary: &str, parts: &[(&str, &str)]) -> Sbom {
    let mut s = Sbom::new(DocumentFormat::CycloneDxJson, "1.6");
    s.metadata.primary = Some("fw".into());
    s.components.push(Component {
        bom_ref: "fw".into(),
        name: primary.into(),
        version: Attr::Value("3.1".into()),
        ..Component::default()
    });
    for (name, version) in parts {
        s.components.push(Component {
            bom_ref: format!("pkg:generic/{name}@{version}"),
            name: (*name).into(),
            version: Attr::Value((*version).into()),
            purl: Some(format!("pkg:generic/{name}@{version}")),
            ..Component::default()
        });
    }
    s
}

fn bytes(s: &Sbom) -> Vec<u8> {
    mamori_sbom::write(s, DocumentFormat::CycloneDxJson)
}

#[tokio::test]
async fn products_and_releases_are_unique_and_keep_their_lifecycle() {
    for t in common::stores().await {
        let s = &t.store;
        let now = datetime!(2026-11-25 12:00 UTC);
        let p = s
            .add_product(
                &ProductName::new("Infusion Pump IP-200").unwrap(),
                Some("Example"),
                now,
            )
            .await
            .unwrap();
        let dup = s
            .add_product(
                &ProductName::new("Infusion Pump IP-200").unwrap(),
                None,
                now,
            )
            .await
            .unwrap_err();
        assert!(
            matches!(dup, StoreError::Conflict { .. }),
            "{}: {dup}",
            t.name
        );
        assert_eq!(
            s.product(&p.id.to_string()).await.unwrap().name,
            "Infusion Pump IP-200",
            "{}",
            t.name
        );
        let life = Lifecycle::new(
            Some(date!(2023 - 04 - 01)),
            None,
            Some(date!(2027 - 03 - 31)),
            None,
        )
        .unwrap();
        s.add_release(&p, &ReleaseVersion::new("3.1").unwrap(), &life, now)
            .await
            .unwrap();
        let err = s
            .add_release(&p, &ReleaseVersion::new("3.1").unwrap(), &life, now)
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "release \"Infusion Pump IP-200@3.1\" already exists",
            "{}",
            t.name
        );
        let r = s.release(&p, "3.1").await.unwrap();
        assert_eq!(r.lifecycle, life, "{}", t.name);
        assert!(matches!(
            s.release(&p, "9.9").await.unwrap_err(),
            StoreError::NotFound { .. }
        ));
    }
}

#[tokio::test]
async fn approved_sboms_never_change_and_a_change_is_a_new_version() {
    for t in common::stores().await {
        let s = &t.store;
        let now = datetime!(2026-11-25 12:00 UTC);
        let p = s
            .add_product(&ProductName::new("Pump").unwrap(), None, now)
            .await
            .unwrap();
        let r = s
            .add_release(
                &p,
                &ReleaseVersion::new("3.1").unwrap(),
                &Lifecycle::default(),
                now,
            )
            .await
            .unwrap();
        assert!(
            s.approve_sbom(&r, "alice", now).await.is_err(),
            "{}: nothing to approve yet",
            t.name
        );

        let own = sbom("IP-200 firmware", &[("openssl", "3.0.13"), ("zlib", "1.3")]);
        let b = bytes(&own);
        let first = s
            .import_sbom(
                &r,
                Incoming {
                    bytes: &b,
                    filename: Some("own.json"),
                    sbom: &own,
                    supplier: None,
                },
                "bob",
                now,
            )
            .await
            .unwrap();
        assert_eq!(
            (first.sbom.version, first.sbom.component_count),
            (1, 3),
            "{}",
            t.name
        );

        // A supplier SBOM is kept as received and merged in with provenance.
        let rtos = sbom("ACME RTOS", &[("openssl", "3.0.13"), ("lwip", "2.2.0")]);
        let rb = bytes(&rtos);
        let second = s
            .import_sbom(
                &r,
                Incoming {
                    bytes: &rb,
                    filename: None,
                    sbom: &rtos,
                    supplier: Some("ACME"),
                },
                "bob",
                now,
            )
            .await
            .unwrap();
        assert_eq!(second.sbom.version, 2, "{}", t.name);
        let merged = s.latest_sbom(&r).await.unwrap().unwrap();
        let names: Vec<_> = merged
            .sbom
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.provenance.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                ("IP-200 firmware", None),
                ("openssl", Some("ACME")),
                ("zlib", None),
                ("ACME RTOS", Some("ACME")),
                ("lwip", Some("ACME"))
            ],
            "{}",
            t.name
        );

        let approved = s.approve_sbom(&r, "alice", now).await.unwrap();
        assert_eq!(
            (approved.version, approved.approved_by.as_deref()),
            (2, Some("alice")),
            "{}",
            t.name
        );
        let again = s.approve_sbom(&r, "carol", now).await.unwrap_err();
        assert!(
            again.to_string().contains("already approved by alice"),
            "{}: {again}",
            t.name
        );

        // The database itself refuses edits of an approved version.
        let edit = sqlx::query("UPDATE components SET name = 'tampered' WHERE sbom_id = $1")
            .bind(approved.id)
            .execute(s.pool())
            .await;
        assert!(
            edit.is_err(),
            "{}: an approved SBOM's components were editable",
            t.name
        );
        let unapprove = sqlx::query("UPDATE sboms SET approved_by = NULL WHERE id = $1")
            .bind(approved.id)
            .execute(s.pool())
            .await;
        assert!(
            unapprove.is_err(),
            "{}: an approval could be undone",
            t.name
        );

        let third = s
            .import_sbom(
                &r,
                Incoming {
                    bytes: &b,
                    filename: None,
                    sbom: &own,
                    supplier: None,
                },
                "bob",
                now,
            )
            .await
            .unwrap();
        assert_eq!(third.sbom.version, 3, "{}", t.name);
        assert!(
            s.latest_sbom_row(&r)
                .await
                .unwrap()
                .unwrap()
                .approved_at
                .is_none(),
            "{}",
            t.name
        );
    }
}

#[tokio::test]
async fn the_original_bytes_are_kept_verbatim() {
    for t in common::stores().await {
        let s = &t.store;
        let now = datetime!(2026-11-25 12:00 UTC);
        let p = s
            .add_product(&ProductName::new("Pump").unwrap(), None, now)
            .await
            .unwrap();
        let r = s
            .add_release(
                &p,
                &ReleaseVersion::new("1").unwrap(),
                &Lifecycle::default(),
                now,
            )
            .await
            .unwrap();
        let own = sbom("IP-200 firmware", &[("a", "1")]);
        // Odd but valid formatting must survive byte for byte.
        let mut b = bytes(&own);
        b.extend_from_slice(b"\n\n  ");
        let out = s
            .import_sbom(
                &r,
                Incoming {
                    bytes: &b,
                    filename: Some("x.json"),
                    sbom: &own,
                    supplier: None,
                },
                "bob",
                now,
            )
            .await
            .unwrap();
        let (stored,): (Vec<u8>,) = sqlx::query_as("SELECT content FROM documents WHERE id = $1")
            .bind(out.document_id)
            .fetch_one(s.pool())
            .await
            .unwrap();
        assert_eq!(stored, b, "{}", t.name);
        use sha2::Digest;
        assert_eq!(
            out.sha256,
            hex::encode(sha2::Sha256::digest(&b)),
            "{}",
            t.name
        );
    }
}
