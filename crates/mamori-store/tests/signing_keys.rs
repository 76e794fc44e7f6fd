//! Signing keys on SQLite and PostgreSQL: generated on first need, protected by the passphrase, the newest not retired is active, creation and retirement are audited.

use crate::common;

use mamori_csaf::openpgp::{PublicKey, sign_detached};
use mamori_store::{StoreError, Subject};
use time::macros::datetime;

#[tokio::test]
async fn keys_are_made_kept_opened_and_retired() {
    let t0 = datetime!(2026-11-01 09:00 UTC);
    let t1 = datetime!(2026-11-02 09:00 UTC);
    let t2 = datetime!(2026-11-03 09:00 UTC);
    for t in common::stores().await {
        let (s, name) = (&t.store, t.name);
        assert!(
            s.active_signing_key(Some("pw")).await.unwrap().is_none(),
            "{name}"
        );
        assert!(s.signing_keys().await.unwrap().is_empty(), "{name}");

        // The first need makes one; the next finds it.
        let (first, key) = s
            .ensure_signing_key("Maker PSIRT (CSAF signing key)", Some("pw"), "alice", t0)
            .await
            .unwrap();
        assert!(first.protected, "{name}");
        assert_eq!(first.created_at, t0, "{name}");
        assert_eq!(first.created_by, "alice", "{name}");
        assert_eq!(first.fingerprint, key.fingerprint(), "{name}");
        assert_eq!(first.user_id, "Maker PSIRT (CSAF signing key)", "{name}");
        let (again, _) = s
            .ensure_signing_key("ignored", Some("pw"), "bob", t1)
            .await
            .unwrap();
        assert_eq!(again, first, "{name}");

        // The stored public key verifies what the stored secret signs.
        let (_, opened) = s.active_signing_key(Some("pw")).await.unwrap().unwrap();
        let sig = sign_detached(&opened, b"doc", t1).unwrap();
        PublicKey::from_armored(&first.public_key)
            .unwrap()
            .verify_detached(b"doc", &sig)
            .unwrap();
        // The stored secret is protected: no or a wrong passphrase does not open it.
        for wrong in [None, Some("nope")] {
            let e = s.active_signing_key(wrong).await.unwrap_err();
            assert!(
                matches!(&e, StoreError::Invalid(m) if m.contains("passphrase")),
                "{name}: {e}"
            );
        }

        // A newer key is the active one; retiring it brings the older back.
        let (second, _) = s
            .create_signing_key("Maker PSIRT", None, "carol", t1)
            .await
            .unwrap();
        assert!(!second.protected, "{name}");
        let (active, _) = s.active_signing_key(Some("pw")).await.unwrap().unwrap();
        assert_eq!(active.fingerprint, second.fingerprint, "{name}");
        let retired = s
            .retire_signing_key(&second.fingerprint.to_lowercase(), "rotated", "carol", t2)
            .await
            .unwrap();
        assert_eq!(retired.retired_at, Some(t2), "{name}");
        assert_eq!(retired.retired_by.as_deref(), Some("carol"), "{name}");
        let (active, _) = s.active_signing_key(Some("pw")).await.unwrap().unwrap();
        assert_eq!(active.fingerprint, first.fingerprint, "{name}");
        let listed: Vec<String> = s
            .signing_keys()
            .await
            .unwrap()
            .into_iter()
            .map(|k| k.fingerprint)
            .collect();
        assert_eq!(
            listed,
            [second.fingerprint.clone(), first.fingerprint.clone()],
            "{name}"
        );
        assert!(matches!(
            s.retire_signing_key(&second.fingerprint, "again", "carol", t2)
                .await,
            Err(StoreError::NotFound { .. })
        ));

        // Creation and retirement are in the audit record.
        let events = s
            .events_for(
                &Subject::new("signing_key", &second.fingerprint).unwrap(),
                t2,
            )
            .await
            .unwrap();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["signing_key.create", "signing_key.retire"],
            "{name}"
        );
        assert!(s.verify_audit().await.unwrap().is_intact(), "{name}");
    }
}
