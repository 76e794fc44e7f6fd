//! Configuration from TOML and state persistence.

use mamori_sync::{FeedSource, SyncConfig, SyncState, Syncer};

#[test]
fn toml_configuration() {
    let cases: &[(&str, Result<&[FeedSource], &str>)] = &[
        (
            "",
            Ok(&[
                FeedSource::Nvd,
                FeedSource::Osv,
                FeedSource::Kev,
                FeedSource::Epss,
                FeedSource::Jvn,
            ]),
        ),
        (
            "[nvd]\nenabled = false\napi_key = \"k\"\n[kev]\nenabled = false\n[csaf]\nenabled = true\n[[csaf.providers]]\ndomain = \"example.com\"\n",
            Ok(&[
                FeedSource::Osv,
                FeedSource::Epss,
                FeedSource::Jvn,
                FeedSource::Csaf,
            ]),
        ),
        (
            "[nvd]\nwindow_days = 121\n",
            Err("nvd.window_days must be 1 to 120, not 121"),
        ),
        (
            "[nvd]\nresults_per_page = 0\n",
            Err("nvd.results_per_page must be 1 to 2000, not 0"),
        ),
        (
            "[jvn]\ndetail_batch = 11\n",
            Err("jvn.detail_batch must be 1 to 10, not 11"),
        ),
        ("[kev]\nurl = \"not a url\"\n", Err("kev url \"not a url\"")),
        ("[nvd]\nspeling = 1\n", Err("unknown field `speling`")),
        (
            "[[csaf.providers]]\n",
            Err("a csaf provider needs metadata_url or domain"),
        ),
        (
            "[[csaf.providers]]\ndomain = \"x.example\"\nopenpgp_key = \"/nonexistent/key.asc\"\n",
            Err("openpgp key /nonexistent/key.asc"),
        ),
    ];
    for (toml, expected) in cases {
        let result = SyncConfig::from_toml_str(toml).and_then(Syncer::new);
        match (result, expected) {
            (Ok(s), Ok(sources)) => assert_eq!(s.enabled_sources(), *sources, "{toml}"),
            (Err(e), Err(msg)) => assert!(e.to_string().contains(msg), "{toml}: {e}"),
            (r, _) => panic!("{toml}: {r:?}"),
        }
    }
}

#[test]
fn api_key_stays_out_of_debug() {
    let config = SyncConfig::from_toml_str("[nvd]\napi_key = \"very-secret\"\n").unwrap();
    assert_eq!(
        config.nvd.api_key.as_ref().map(|k| k.expose()),
        Some("very-secret")
    );
    let shown = format!("{:?}", Syncer::new(config).unwrap());
    assert!(!shown.contains("very-secret"), "{shown}");
}

#[test]
fn state_round_trips_through_json() {
    let json = serde_json::json!({
        "nvd": {"last_mod_end": "2025-01-11T00:00:00Z"},
        "osv": {"PyPI": {"etag": "\"z1\"", "last_modified": null}},
        "kev": {"etag": null, "last_modified": "Wed, 01 Jan 2025 00:00:00 GMT"},
        "epss": {},
        "jvn": {"ja": "2025-06-01"},
        "csaf": {"https://example.com/.well-known/csaf/provider-metadata.json": "2025-02-03T00:00:00Z"}
    });
    let state: SyncState = serde_json::from_value(json).unwrap();
    assert_eq!(
        state.jvn_last_date("ja").map(|d| d.to_string()),
        Some("2025-06-01".into())
    );
    assert_eq!(
        state.kev().last_modified(),
        Some("Wed, 01 Jan 2025 00:00:00 GMT")
    );
    let back: SyncState = serde_json::from_slice(&serde_json::to_vec(&state).unwrap()).unwrap();
    assert_eq!(back, state);
    let err: Result<SyncState, _> =
        serde_json::from_value(serde_json::json!({"jvn": {"ja": "June"}}));
    assert!(err.is_err());
}
