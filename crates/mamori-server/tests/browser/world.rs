//! A running server over a temporary SQLite store, with users to sign in as (shared by the console and browser tests).

#![allow(dead_code, reason = "each test binary uses part of the world")]

use std::net::SocketAddr;

use mamori_model::{Email, OrgKind, Role};
use mamori_server::{AppState, ServerConfig, bootstrap, serve};
use mamori_store::{NewUser, Store};
use time::OffsetDateTime;
use tokio::sync::oneshot;

/// Every test user's password.
pub const PASSWORD: &str = "correct horse battery staple";

/// A server on 127.0.0.1 and its store.
pub struct World {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The store behind it (for setting up data and checking what a request changed).
    pub store: Store,
    /// The maker organization's id.
    pub maker: i64,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
    _dir: tempfile::TempDir,
}

pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

impl World {
    /// Starts a server on a free port over a new store with the bootstrap administrator.
    pub async fn start() -> World {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("mamori.db").display());
        let store = Store::open(&url).await.expect("store");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("listen");
        let addr: SocketAddr = listener.local_addr().expect("address");
        let config = ServerConfig {
            listen: addr,
            public_url: format!("http://{addr}"),
            // Tests sign in many times from one address.
            sign_in_per_minute: 10_000,
            jobs: false,
            ..Default::default()
        };
        bootstrap(&store, &config, now())
            .await
            .expect("bootstrap")
            .expect("a first administrator");
        let maker = store
            .organization(&config.maker_name)
            .await
            .expect("maker organization")
            .id;
        let state = AppState::new(store.clone(), config);
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            serve(listener, state, async {
                let _ = rx.await;
            })
            .await
            .expect("server");
        });
        World {
            base: format!("http://{addr}"),
            store,
            maker,
            stop: Some(tx),
            task,
            _dir: dir,
        }
    }

    /// An organization.
    pub async fn org(&self, name: &str, kind: OrgKind) -> i64 {
        self.store
            .add_organization(name, kind, "ja", "test", now())
            .await
            .expect("organization")
            .id
    }

    /// A user of `org` with [`PASSWORD`]; returns the id.
    pub async fn user(&self, email: &str, role: Role, org: i64, lang: &str) -> i64 {
        self.store
            .add_user(
                &NewUser {
                    email: Email::new(email).expect("email"),
                    display_name: email.split('@').next().unwrap_or(email).to_owned(),
                    password: PASSWORD.into(),
                    org_id: org,
                    role,
                    lang: lang.into(),
                },
                "test",
                now(),
            )
            .await
            .expect("user")
            .id
    }

    /// A URL on the server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stops the server after running requests finish.
    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The CSRF token a page's forms carry.
pub fn csrf_of(html: &str) -> String {
    let marker = r#"name="csrf" value=""#;
    html.find(marker)
        .map(|i| &html[i + marker.len()..])
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("")
        .to_owned()
}

/// Signs in through the form (showing it first, for its token); the answer to the POST.
pub async fn sign_in(c: &reqwest::Client, w: &World, email: &str) -> reqwest::Response {
    let page = c
        .get(w.url("/signin"))
        .send()
        .await
        .expect("sign-in page")
        .text()
        .await
        .expect("body");
    c.post(w.url("/signin"))
        .form(&[
            ("email", email),
            ("password", PASSWORD),
            ("csrf", &csrf_of(&page)),
            ("next", ""),
        ])
        .send()
        .await
        .expect("sign in")
}

/// A page's status and body.
pub async fn get(c: &reqwest::Client, w: &World, path: &str) -> (u16, String) {
    let r = c.get(w.url(path)).send().await.expect("request");
    let status = r.status().as_u16();
    (status, r.text().await.unwrap_or_default())
}

/// The CSRF token of a signed-in client (read off the dashboard or, for hospital users,
/// their devices page).
pub async fn session_csrf(c: &reqwest::Client, w: &World) -> String {
    let (_, html) = get(c, w, "/devices").await;
    csrf_of(&html)
}
