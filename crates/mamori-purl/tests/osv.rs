//! The purl ↔ OSV (ecosystem, name) mapping, table-driven.

use mamori_purl::{Purl, osv_package, purl_from_osv};

/// purl → (ecosystem, name); `None` where OSV has no ecosystem for it.
const TO_OSV: &[(&str, Option<(&str, &str)>)] = &[
    ("pkg:npm/lodash@4.17.21", Some(("npm", "lodash"))),
    (
        "pkg:npm/%40angular/core@12.0.0",
        Some(("npm", "@angular/core")),
    ),
    (
        "pkg:pypi/Django_Allauth@0.1",
        Some(("PyPI", "django-allauth")),
    ),
    (
        "pkg:maven/org.slf4j/slf4j-api@1.7.36",
        Some(("Maven", "org.slf4j:slf4j-api")),
    ),
    (
        "pkg:maven/org.slf4j/slf4j-api@1.7.36?repository_url=https://maven.google.com",
        Some(("Maven", "org.slf4j:slf4j-api")),
    ),
    (
        "pkg:golang/github.com/gorilla/websocket@v1.5.0",
        Some(("Go", "github.com/gorilla/websocket")),
    ),
    (
        "pkg:golang/golang.org/x/net@v0.1.0#html",
        Some(("Go", "golang.org/x/net")),
    ),
    ("pkg:cargo/tokio@1.0.0", Some(("crates.io", "tokio"))),
    (
        "pkg:nuget/Newtonsoft.Json@13.0.1",
        Some(("NuGet", "Newtonsoft.Json")),
    ),
    ("pkg:gem/rails@7.0.0", Some(("RubyGems", "rails"))),
    (
        "pkg:composer/Laravel/Framework@9.0.0",
        Some(("Packagist", "laravel/framework")),
    ),
    ("pkg:pub/http@0.13.0", Some(("Pub", "http"))),
    ("pkg:hex/plug@1.0.0", Some(("Hex", "plug"))),
    ("pkg:hackage/aeson@2.0.0", Some(("Hackage", "aeson"))),
    ("pkg:cran/ggplot2@3.4.0", Some(("CRAN", "ggplot2"))),
    (
        "pkg:swift/github.com/vapor/vapor@4.0.0",
        Some(("SwiftURL", "github.com/vapor/vapor")),
    ),
    (
        "pkg:github/actions/checkout@v4",
        Some(("GitHub Actions", "actions/checkout")),
    ),
    ("pkg:conan/zlib@1.2.13", Some(("ConanCenter", "zlib"))),
    (
        "pkg:deb/debian/openssl@3.0.11-1?distro=debian-12",
        Some(("Debian:12", "openssl")),
    ),
    (
        "pkg:deb/debian/openssl@3.0.11-1?distro=debian-12.5",
        Some(("Debian:12", "openssl")),
    ),
    (
        "pkg:deb/debian/openssl@3.0.11-1?distro=bookworm",
        Some(("Debian:12", "openssl")),
    ),
    (
        "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie",
        Some(("Debian:8", "curl")),
    ),
    (
        "pkg:deb/debian/curl@7.50.3-1?distro=sid",
        Some(("Debian:sid", "curl")),
    ),
    (
        "pkg:deb/debian/curl@7.50.3-1?distro=sarge",
        Some(("Debian:3.1", "curl")),
    ),
    ("pkg:deb/debian/curl@7.50.3-1", Some(("Debian", "curl"))),
    (
        "pkg:deb/ubuntu/openssl@3.0.2?distro=ubuntu-22.04",
        Some(("Ubuntu:22.04:LTS", "openssl")),
    ),
    (
        "pkg:deb/ubuntu/openssl@3.0.2?distro=ubuntu-22.04.3",
        Some(("Ubuntu:22.04:LTS", "openssl")),
    ),
    (
        "pkg:deb/ubuntu/openssl@3.0.2?distro=jammy",
        Some(("Ubuntu:22.04:LTS", "openssl")),
    ),
    (
        "pkg:deb/ubuntu/openssl@3.0.2?distro=ubuntu-23.10",
        Some(("Ubuntu:23.10", "openssl")),
    ),
    (
        "pkg:deb/ubuntu/openssl@3.0.2?distro=mantic",
        Some(("Ubuntu:23.10", "openssl")),
    ),
    (
        "pkg:deb/ubuntu/openssl@3.0.2?distro=ubuntu-26.04",
        Some(("Ubuntu:26.04:LTS", "openssl")),
    ),
    (
        "pkg:deb/ubuntu/openssl@3.0.2?distro=ubuntu-6.06",
        Some(("Ubuntu:6.06:LTS", "openssl")),
    ),
    (
        "pkg:rpm/redhat/openssl@3.0.7?distro=rhel-9.2",
        Some(("Red Hat", "openssl")),
    ),
    (
        "pkg:rpm/rocky/openssl@3.0.7?distro=rocky-9.3",
        Some(("Rocky Linux:9", "openssl")),
    ),
    (
        "pkg:rpm/almalinux/openssl@3.0.7?distro=almalinux-8.9",
        Some(("AlmaLinux:8", "openssl")),
    ),
    (
        "pkg:rpm/almalinux/openssl@3.0.7?distro=el8",
        Some(("AlmaLinux:8", "openssl")),
    ),
    (
        "pkg:rpm/opensuse/openssl@3.0.7",
        Some(("openSUSE", "openssl")),
    ),
    ("pkg:rpm/suse/openssl@3.0.7", Some(("SUSE", "openssl"))),
    (
        "pkg:apk/alpine/openssl@3.1.4-r0?distro=3.19",
        Some(("Alpine:v3.19", "openssl")),
    ),
    (
        "pkg:apk/alpine/openssl@3.1.4-r0?distro=alpine-3.19.1",
        Some(("Alpine:v3.19", "openssl")),
    ),
    (
        "pkg:apk/alpine/openssl@3.1.4-r0?distro=v3.18",
        Some(("Alpine:v3.18", "openssl")),
    ),
    (
        "pkg:apk/alpine/openssl@3.1.4-r0",
        Some(("Alpine", "openssl")),
    ),
    ("pkg:apk/wolfi/openssl@3.1.4-r0", Some(("Wolfi", "openssl"))),
    ("pkg:rpm/fedora/curl@7.50.3-1.fc25", None),
    ("pkg:deb/kali/curl@7.0", None),
    ("pkg:generic/openssl@1.1.10g", None),
    ("pkg:docker/library/debian@12", None),
];

fn check_to_osv(purl: &str, expected: Option<(&str, &str)>) {
    let p = Purl::parse(purl).unwrap_or_else(|e| panic!("{purl}: {e}"));
    let got = osv_package(&p);
    let got = got
        .as_ref()
        .map(|o| (o.ecosystem.as_str(), o.name.as_str()));
    assert_eq!(got, expected, "{purl}");
}

#[test]
fn purl_to_osv() {
    for (purl, expected) in TO_OSV {
        check_to_osv(purl, *expected);
    }
}

/// (ecosystem, name, version, canonical purl or `Err` for no mapping).
type FromOsvCase = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Result<&'static str, ()>,
);

const FROM_OSV: &[FromOsvCase] = &[
    (
        "npm",
        "@angular/core",
        Some("12.0.0"),
        Ok("pkg:npm/%40angular/core@12.0.0"),
    ),
    ("npm", "lodash", None, Ok("pkg:npm/lodash")),
    (
        "PyPI",
        "Django_Allauth",
        Some("0.1"),
        Ok("pkg:pypi/django-allauth@0.1"),
    ),
    (
        "Maven",
        "org.slf4j:slf4j-api",
        Some("1.7.36"),
        Ok("pkg:maven/org.slf4j/slf4j-api@1.7.36"),
    ),
    (
        "Maven:https://maven.google.com",
        "androidx.core:core",
        None,
        Ok("pkg:maven/androidx.core/core?repository_url=https:%2F%2Fmaven.google.com"),
    ),
    ("Maven", "no-colon", None, Err(())),
    (
        "Go",
        "github.com/gorilla/websocket",
        Some("1.5.0"),
        Ok("pkg:golang/github.com/gorilla/websocket@1.5.0"),
    ),
    ("Go", "stdlib", None, Err(())),
    (
        "crates.io",
        "tokio",
        Some("1.0.0"),
        Ok("pkg:cargo/tokio@1.0.0"),
    ),
    (
        "NuGet",
        "Newtonsoft.Json",
        None,
        Ok("pkg:nuget/Newtonsoft.Json"),
    ),
    ("RubyGems", "rails", None, Ok("pkg:gem/rails")),
    (
        "Packagist",
        "laravel/framework",
        None,
        Ok("pkg:composer/laravel/framework"),
    ),
    ("Packagist", "framework", None, Err(())),
    ("Pub", "http", None, Ok("pkg:pub/http")),
    ("Hex", "plug", None, Ok("pkg:hex/plug")),
    ("Hackage", "aeson", None, Ok("pkg:hackage/aeson")),
    ("CRAN", "ggplot2", None, Ok("pkg:cran/ggplot2")),
    (
        "SwiftURL",
        "github.com/vapor/vapor",
        None,
        Ok("pkg:swift/github.com/vapor/vapor"),
    ),
    (
        "SwiftURL",
        "https://github.com/vapor/vapor.git",
        None,
        Ok("pkg:swift/github.com/vapor/vapor"),
    ),
    (
        "GitHub Actions",
        "actions/checkout",
        None,
        Ok("pkg:github/actions/checkout"),
    ),
    (
        "GitHub Actions",
        "org/repo/sub/action",
        None,
        Ok("pkg:github/org/repo#sub/action"),
    ),
    (
        "Debian:12",
        "openssl",
        Some("3.0.11-1"),
        Ok("pkg:deb/debian/openssl@3.0.11-1?distro=debian-12"),
    ),
    ("Debian", "openssl", None, Ok("pkg:deb/debian/openssl")),
    (
        "Ubuntu:22.04:LTS",
        "openssl",
        None,
        Ok("pkg:deb/ubuntu/openssl?distro=ubuntu-22.04"),
    ),
    (
        "Ubuntu:Pro:18.04:LTS",
        "openssl",
        None,
        Ok("pkg:deb/ubuntu/openssl?distro=ubuntu-18.04"),
    ),
    (
        "Alpine:v3.19",
        "openssl",
        Some("3.1.4-r0"),
        Ok("pkg:apk/alpine/openssl@3.1.4-r0?distro=alpine-3.19"),
    ),
    (
        "Rocky Linux:9",
        "openssl",
        None,
        Ok("pkg:rpm/rocky/openssl?distro=rocky-9"),
    ),
    (
        "AlmaLinux:8",
        "openssl",
        None,
        Ok("pkg:rpm/almalinux/openssl?distro=almalinux-8"),
    ),
    (
        "Red Hat:rhel_aus:8.4::appstream",
        "openssl",
        None,
        Ok("pkg:rpm/redhat/openssl"),
    ),
    ("Wolfi", "openssl", None, Ok("pkg:apk/wolfi/openssl")),
    ("Android", "platform/frameworks/base", None, Err(())),
    ("Nonsense", "x", None, Err(())),
];

fn check_from_osv(eco: &str, name: &str, version: Option<&str>, expected: Result<&str, ()>) {
    let got = purl_from_osv(eco, name, version).map(|p| p.to_string());
    match (got, expected) {
        (Ok(g), Ok(e)) => assert_eq!(g, e, "{eco} {name}"),
        (Err(_), Err(())) => {}
        (g, e) => panic!("{eco} {name}: got {g:?}, expected {e:?}"),
    }
}

#[test]
fn osv_to_purl() {
    for (eco, name, version, expected) in FROM_OSV {
        check_from_osv(eco, name, *version, *expected);
    }
}

/// Going OSV → purl → OSV gives back the pair, for every ecosystem whose
/// suffix survives the trip.
#[test]
fn round_trip_through_purl() {
    for (eco, name, version, expected) in FROM_OSV {
        if expected.is_err()
            || eco.starts_with("Red Hat")
            || eco.contains("Pro:")
            || eco.contains("://")
        {
            continue;
        }
        let purl = purl_from_osv(eco, name, *version).unwrap();
        let back = osv_package(&purl).unwrap_or_else(|| panic!("{purl} has no OSV mapping"));
        let want_name = match *eco {
            "PyPI" => name.to_lowercase().replace('_', "-"),
            "SwiftURL" => "github.com/vapor/vapor".to_owned(),
            _ => (*name).to_owned(),
        };
        if *eco == "GitHub Actions" && name.matches('/').count() > 1 {
            continue;
        }
        assert_eq!(
            (back.ecosystem.as_str(), back.name.as_str()),
            (*eco, want_name.as_str()),
            "{purl}"
        );
    }
}
