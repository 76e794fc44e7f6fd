//! Properties: the canonical form is a fixed point of parsing, for purls
//! built from generated parts and for arbitrary strings that happen to parse;
//! the same holds for CPE bindings.

use mamori_purl::Purl;
use mamori_purl::cpe::Cpe;
use proptest::prelude::*;

fn ty() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("npm".to_owned()),
        Just("pypi".to_owned()),
        Just("maven".to_owned()),
        Just("golang".to_owned()),
        Just("deb".to_owned()),
        Just("git".to_owned()),
        Just("generic".to_owned()),
        Just("pub".to_owned()),
        Just("mlflow".to_owned()),
        "[a-zA-Z][a-zA-Z0-9.-]{0,8}",
    ]
}

/// Text with the characters that stress encoding: separators, `%`, `+`,
/// spaces, dots and non-ASCII.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ._~:/@?#&=%+!\u{e9}\u{65e5}-]{1,12}"
}

fn key() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9._-]{0,6}"
}

fn canonical(s: &str) -> Option<String> {
    Purl::parse(s).ok().map(|p| p.to_string())
}

proptest! {
    #[test]
    fn built_purls_are_fixed_points(
        ty in ty(),
        ns in proptest::option::of(text()),
        name in text(),
        version in proptest::option::of(text()),
        quals in proptest::collection::vec((key(), text()), 0..4),
        subpath in proptest::option::of(text()),
    ) {
        let mut b = Purl::new(ty, name);
        if let Some(ns) = ns { b = b.with_namespace(ns); }
        if let Some(v) = version { b = b.with_version(v); }
        for (k, v) in quals { b = b.with_qualifier(k, v); }
        if let Some(s) = subpath { b = b.with_subpath(s); }
        if let Ok(p) = b.build() {
            let once = p.to_string();
            let reparsed = Purl::parse(&once);
            prop_assert!(reparsed.is_ok(), "{once} does not parse: {:?}", reparsed.err());
            let reparsed = reparsed.unwrap();
            prop_assert_eq!(&reparsed, &p, "{}", once);
            prop_assert_eq!(reparsed.to_string(), once);
        }
    }

    #[test]
    fn parsed_strings_are_fixed_points(s in "pkg:[a-zA-Z/]{1,6}/[a-zA-Z0-9 ._~:/@?#&=%+-]{1,30}") {
        if let Some(once) = canonical(&s) {
            prop_assert_eq!(canonical(&once), Some(once.clone()), "from {}", s);
        }
    }

    #[test]
    fn cpe_bindings_are_fixed_points(
        fields in proptest::collection::vec("[a-z0-9._~!$*?\\\\-]{1,6}", 11),
    ) {
        let fs = format!("cpe:2.3:a:{}", fields[1..].join(":"));
        if let Ok(c) = Cpe::parse(&fs) {
            prop_assert_eq!(Cpe::parse(&c.to_fs()).ok(), Some(c.clone()), "fs of {}", fs);
            prop_assert_eq!(Cpe::parse(&c.to_uri()).ok(), Some(c.clone()), "uri of {}", fs);
        }
    }
}
