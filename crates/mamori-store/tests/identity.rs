//! Identity and tenancy on both backends: users, sign-in and lockout, sessions, API tokens, what a hospital sees.

use crate::common;

use mamori_model::{Email, Lifecycle, OrgKind, ProductName, ReleaseVersion, Role};
use mamori_store::{NewUser, SignInRefused, Store, Visibility};
use time::{Duration, OffsetDateTime};

fn t0() -> OffsetDateTime {
    time::macros::datetime!(2026-11-26 09:00 UTC)
}

fn user(email: &str, org: i64, role: Role) -> NewUser {
    NewUser {
        email: Email::new(email).unwrap(),
        display_name: email.split('@').next().unwrap().to_owned(),
        password: "correct horse battery".into(),
        org_id: org,
        role,
        lang: "ja".into(),
    }
}

async fn actions(store: &Store) -> Vec<String> {
    store
        .audit_page(0, 1000)
        .await
        .unwrap()
        .iter()
        .map(|e| e.action.clone())
        .collect()
}

#[tokio::test]
async fn sign_in_lockout_sessions_and_tokens() {
    for ts in common::stores().await {
        let (s, name) = (&ts.store, ts.name);
        let maker = s
            .add_organization("Maker KK", OrgKind::Maker, "ja", "setup", t0())
            .await
            .unwrap();
        let alice = s
            .add_user(
                &user("Alice@Maker.example", maker.id, Role::Analyst),
                "setup",
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(alice.email, "alice@maker.example", "{name}");
        assert_eq!(alice.visibility(), Visibility::All);

        // Wrong password four times, then right: the count resets.
        for _ in 0..4 {
            let r = s
                .sign_in("alice@maker.example", "wrong password!", "127.0.0.1", t0())
                .await
                .unwrap();
            assert_eq!(r, Err(SignInRefused::BadCredentials), "{name}");
        }
        let ok = s
            .sign_in(
                " ALICE@maker.example ",
                "correct horse battery",
                "127.0.0.1",
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(ok.unwrap().id, alice.id, "{name}");

        // Five failures lock the account, even against the right password, until the lock ends.
        for i in 0..5 {
            let r = s
                .sign_in("alice@maker.example", "wrong password!", "10.0.0.9", t0())
                .await
                .unwrap();
            if i < 4 {
                assert_eq!(r, Err(SignInRefused::BadCredentials), "{name}");
            } else {
                assert!(matches!(r, Err(SignInRefused::Locked(_))), "{name}: {r:?}");
            }
        }
        let locked = s
            .sign_in(
                "alice@maker.example",
                "correct horse battery",
                "10.0.0.9",
                t0() + Duration::minutes(5),
            )
            .await
            .unwrap();
        assert!(matches!(locked, Err(SignInRefused::Locked(_))), "{name}");
        let after = s
            .sign_in(
                "alice@maker.example",
                "correct horse battery",
                "10.0.0.9",
                t0() + Duration::minutes(16),
            )
            .await
            .unwrap();
        assert!(after.is_ok(), "{name}");

        let unknown = s
            .sign_in("nobody@maker.example", "whatever it is", "10.0.0.9", t0())
            .await
            .unwrap();
        assert_eq!(unknown, Err(SignInRefused::BadCredentials), "{name}");

        // Sessions: found by their secret, gone after expiry, sign-out or a role change.
        let new = s
            .create_session(alice.id, Duration::hours(12), t0())
            .await
            .unwrap();
        let found = s
            .session(&new.token, t0() + Duration::hours(1))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found.user.id, alice.id);
        assert_eq!(found.csrf_token, new.session.csrf_token);
        assert!(s.session("not-a-token", t0()).await.unwrap().is_none());
        assert!(
            s.session(&new.token, t0() + Duration::hours(13))
                .await
                .unwrap()
                .is_none(),
            "{name}: expired"
        );
        let again = s
            .create_session(alice.id, Duration::hours(12), t0())
            .await
            .unwrap();
        s.end_session(&again.token, t0()).await.unwrap();
        assert!(
            s.session(&again.token, t0()).await.unwrap().is_none(),
            "{name}: signed out"
        );
        let third = s
            .create_session(alice.id, Duration::hours(12), t0())
            .await
            .unwrap();
        s.set_user_role(alice.id, Role::Auditor, "admin@maker.example", t0())
            .await
            .unwrap();
        assert!(
            s.session(&third.token, t0()).await.unwrap().is_none(),
            "{name}: role change ends sessions"
        );

        // Tokens: secret shown once, stored hashed, scoped, expiring, revocable.
        let (secret, tok) = s
            .create_api_token(
                alice.id,
                "ci",
                &["read"],
                t0() + Duration::days(30),
                "alice@maker.example",
                t0(),
            )
            .await
            .unwrap();
        assert!(
            secret.starts_with("mamori_") && secret.len() == 71,
            "{secret}"
        );
        assert!(secret.starts_with(&tok.prefix));
        assert!(tok.has_scope("read") && !tok.has_scope("write"));
        let (t, u) = s.authenticate_token(&secret, t0()).await.unwrap().unwrap();
        assert_eq!((t.id, u.id), (tok.id, alice.id));
        assert!(
            s.authenticate_token(&secret, t0() + Duration::days(31))
                .await
                .unwrap()
                .is_none(),
            "{name}: expired"
        );
        assert!(
            s.authenticate_token("mamori_00", t0())
                .await
                .unwrap()
                .is_none()
        );
        s.revoke_api_token(tok.id, "alice@maker.example", t0())
            .await
            .unwrap();
        assert!(
            s.authenticate_token(&secret, t0()).await.unwrap().is_none(),
            "{name}: revoked"
        );
        assert!(
            s.create_api_token(
                alice.id,
                "x",
                &["root"],
                t0() + Duration::days(1),
                "a",
                t0()
            )
            .await
            .is_err()
        );
        assert!(
            s.create_api_token(alice.id, "x", &["read"], t0(), "a", t0())
                .await
                .is_err()
        );

        // Disabled users sign in to nothing and their tokens stop.
        let (secret2, _) = s
            .create_api_token(
                alice.id,
                "ci2",
                &["read", "write"],
                t0() + Duration::days(30),
                "a",
                t0(),
            )
            .await
            .unwrap();
        s.set_user_disabled(alice.id, true, "admin@maker.example", t0())
            .await
            .unwrap();
        assert!(
            s.authenticate_token(&secret2, t0())
                .await
                .unwrap()
                .is_none(),
            "{name}"
        );
        let r = s
            .sign_in(
                "alice@maker.example",
                "correct horse battery",
                "x",
                t0() + Duration::hours(1),
            )
            .await
            .unwrap();
        assert_eq!(r, Err(SignInRefused::Disabled), "{name}");

        // Nothing secret reaches the audit record; every step is in it.
        let acts = actions(s).await;
        for want in [
            "org.add",
            "user.add",
            "auth.sign_in",
            "auth.sign_in_failed",
            "auth.lockout",
            "auth.sign_out",
            "user.role",
            "token.create",
            "token.revoke",
            "user.disable",
        ] {
            assert!(
                acts.iter().any(|a| a == want),
                "{name}: no {want} in {acts:?}"
            );
        }
        let mut dump = Vec::new();
        s.export_audit(&mut dump).await.unwrap();
        let dump = String::from_utf8(dump).unwrap();
        assert!(
            !dump.contains("correct horse battery")
                && !dump.contains(&secret)
                && !dump.contains(&new.token),
            "{name}"
        );
        assert!(s.verify_audit().await.unwrap().is_intact());
    }
}

#[tokio::test]
async fn roles_must_fit_and_hospitals_see_their_own() {
    for ts in common::stores().await {
        let (s, name) = (&ts.store, ts.name);
        let maker = s
            .add_organization("Maker KK", OrgKind::Maker, "ja", "setup", t0())
            .await
            .unwrap();
        let h1 = s
            .add_organization("Kita Hospital", OrgKind::Hospital, "ja", "setup", t0())
            .await
            .unwrap();
        let h2 = s
            .add_organization("Minami Hospital", OrgKind::Hospital, "en", "setup", t0())
            .await
            .unwrap();
        assert!(
            s.add_user(
                &user("x@maker.example", maker.id, Role::Hospital),
                "setup",
                t0()
            )
            .await
            .is_err(),
            "{name}"
        );
        assert!(
            s.add_user(&user("y@kita.example", h1.id, Role::Admin), "setup", t0())
                .await
                .is_err(),
            "{name}"
        );
        let mut short = user("z@kita.example", h1.id, Role::Hospital);
        short.password = "short".into();
        assert!(s.add_user(&short, "setup", t0()).await.is_err(), "{name}");
        let nurse = s
            .add_user(
                &user("nurse@kita.example", h1.id, Role::Hospital),
                "setup",
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(nurse.visibility(), Visibility::Organization(h1.id));
        assert!(
            s.add_user(
                &user("NURSE@kita.example", h1.id, Role::Hospital),
                "setup",
                t0()
            )
            .await
            .is_err(),
            "{name}: duplicate"
        );

        let p1 = s
            .add_product(&ProductName::new("Infusion Pump").unwrap(), None, t0())
            .await
            .unwrap();
        let p2 = s
            .add_product(&ProductName::new("Patient Monitor").unwrap(), None, t0())
            .await
            .unwrap();
        let lc = Lifecycle::default();
        let r1 = s
            .add_release(&p1, &ReleaseVersion::new("1.0").unwrap(), &lc, t0())
            .await
            .unwrap();
        let r1b = s
            .add_release(&p1, &ReleaseVersion::new("2.0").unwrap(), &lc, t0())
            .await
            .unwrap();
        let r2 = s
            .add_release(&p2, &ReleaseVersion::new("5.1").unwrap(), &lc, t0())
            .await
            .unwrap();
        s.add_installed_device(
            h1.id,
            r1.id,
            "SN-1",
            Some("Main"),
            Some("ICU"),
            "setup",
            t0(),
        )
        .await
        .unwrap();
        s.add_installed_device(h2.id, r2.id, "SN-2", None, None, "setup", t0())
            .await
            .unwrap();
        assert!(
            s.add_installed_device(h1.id, r1.id, "SN-1", None, None, "setup", t0())
                .await
                .is_err()
        );

        let names =
            |v: Vec<mamori_store::ProductRow>| v.into_iter().map(|p| p.name).collect::<Vec<_>>();
        assert_eq!(
            names(s.products_for(Visibility::All).await.unwrap()),
            ["Infusion Pump", "Patient Monitor"]
        );
        assert_eq!(
            names(
                s.products_for(Visibility::Organization(h1.id))
                    .await
                    .unwrap()
            ),
            ["Infusion Pump"],
            "{name}"
        );
        assert_eq!(
            names(
                s.products_for(Visibility::Organization(h2.id))
                    .await
                    .unwrap()
            ),
            ["Patient Monitor"],
            "{name}"
        );
        let vis1 = Visibility::Organization(h1.id);
        let rel: Vec<i64> = s
            .releases_for(&p1, vis1)
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(rel, [r1.id], "{name}: only the release it runs");
        assert_eq!(s.releases_for(&p1, Visibility::All).await.unwrap().len(), 2);
        assert!(
            s.product_for("Patient Monitor", vis1).await.is_err(),
            "{name}"
        );
        assert!(
            s.product_for(&p1.id.to_string(), vis1).await.is_ok(),
            "{name}"
        );
        assert!(s.release_by_id(r1b.id, vis1).await.is_err(), "{name}");
        assert!(s.release_by_id(r2.id, vis1).await.is_err(), "{name}");
        assert_eq!(s.release_by_id(r1.id, vis1).await.unwrap().version, "1.0");
        assert_eq!(s.users(vis1).await.unwrap().len(), 1);
        assert_eq!(s.installed_devices(h1.id).await.unwrap()[0].serial, "SN-1");
    }
}
