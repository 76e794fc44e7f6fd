//! CPE binding and matching against the worked examples of NISTIR 7695
//! (naming) and NISTIR 7696 (matching), written out as tables here.

use mamori_purl::cpe::{
    AttrRelation, AttrValue, Cpe, CpeRelation, CpeValue, compare, compare_attr, is_disjoint,
    is_equal, is_subset, is_superset,
};

/// The WFN in NISTIR notation, e.g. `[part="a",vendor="hp",…,other=ANY]`.
fn wfn(c: &Cpe) -> String {
    let names = [
        "part",
        "vendor",
        "product",
        "version",
        "update",
        "edition",
        "language",
        "sw_edition",
        "target_sw",
        "target_hw",
        "other",
    ];
    let fields: Vec<String> = names
        .iter()
        .zip(c.attrs())
        .map(|(n, v)| match v {
            AttrValue::Any => format!("{n}=ANY"),
            AttrValue::Na => format!("{n}=NA"),
            AttrValue::Value(x) => format!("{n}=\"{}\"", x.as_wfn()),
        })
        .collect();
    format!("[{}]", fields.join(","))
}

/// Shorthand for the expected WFNs: the first attributes as given, the rest ANY.
fn expect(given: &[&str]) -> String {
    let names = [
        "part",
        "vendor",
        "product",
        "version",
        "update",
        "edition",
        "language",
        "sw_edition",
        "target_sw",
        "target_hw",
        "other",
    ];
    let fields: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| match given.get(i).copied() {
            None | Some("ANY") => format!("{n}=ANY"),
            Some("NA") => format!("{n}=NA"),
            Some(v) => format!("{n}=\"{v}\""),
        })
        .collect();
    format!("[{}]", fields.join(","))
}

/// (input, expected WFN, formatted string, URI)
const BINDINGS: &[(&str, &[&str], &str, &str)] = &[
    (
        "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*",
        &["a", "microsoft", "internet_explorer", r"8\.0\.6001", "beta"],
        "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*",
        "cpe:/a:microsoft:internet_explorer:8.0.6001:beta",
    ),
    (
        "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*",
        &["a", "microsoft", "internet_explorer", r"8\.*", "sp?"],
        "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*",
        "cpe:/a:microsoft:internet_explorer:8.%02:sp%01",
    ),
    (
        "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*",
        &[
            "a",
            "hp",
            "insight_diagnostics",
            r"7\.4\.0\.1570",
            "NA",
            "ANY",
            "ANY",
            "online",
            "win2003",
            "x64",
        ],
        "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*",
        "cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~",
    ),
    (
        "cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*",
        &[
            "a",
            "hp",
            "openview_network_manager",
            r"7\.51",
            "ANY",
            "ANY",
            "ANY",
            "ANY",
            "linux",
        ],
        "cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*",
        "cpe:/a:hp:openview_network_manager:7.51::~~~linux~~",
    ),
    (
        r"cpe:2.3:a:foo\\bar:big\$money_2010:*:*:*:*:special:ipod_touch:80gb:*",
        &[
            "a",
            r"foo\\bar",
            r"big\$money_2010",
            "ANY",
            "ANY",
            "ANY",
            "ANY",
            "special",
            "ipod_touch",
            "80gb",
        ],
        r"cpe:2.3:a:foo\\bar:big\$money_2010:*:*:*:*:special:ipod_touch:80gb:*",
        "cpe:/a:foo%5cbar:big%24money_2010:::~~special~ipod_touch~80gb~",
    ),
    (
        r"cpe:2.3:a:foo\:bar:baz:1.0:*:*:en\-us:*:*:*:*",
        &["a", r"foo\:bar", "baz", r"1\.0", "ANY", "ANY", r"en\-us"],
        r"cpe:2.3:a:foo\:bar:baz:1.0:*:*:en-us:*:*:*:*",
        "cpe:/a:foo%3abar:baz:1.0:::en-us",
    ),
    (
        "cpe:/a:microsoft:internet_explorer:8.%2a:sp%3f",
        &["a", "microsoft", "internet_explorer", r"8\.\*", r"sp\?"],
        r"cpe:2.3:a:microsoft:internet_explorer:8.\*:sp\?:*:*:*:*:*:*",
        "cpe:/a:microsoft:internet_explorer:8.%2a:sp%3f",
    ),
    (
        "cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~",
        &[
            "a",
            "hp",
            "insight_diagnostics",
            r"7\.4\.0\.1570",
            "ANY",
            "ANY",
            "ANY",
            "online",
            "win2003",
            "x64",
        ],
        "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:*:*:*:online:win2003:x64:*",
        "cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~",
    ),
    (
        "cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~",
        &[
            "a",
            "hp",
            "openview_network_manager",
            r"7\.51",
            "NA",
            "ANY",
            "ANY",
            "ANY",
            "linux",
        ],
        "cpe:2.3:a:hp:openview_network_manager:7.51:-:*:*:*:linux:*:*",
        "cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~",
    ),
    (
        "cpe:/a:foo~bar:big%7emoney_2010",
        &["a", r"foo\~bar", r"big\~money_2010"],
        r"cpe:2.3:a:foo\~bar:big\~money_2010:*:*:*:*:*:*:*:*",
        "cpe:/a:foo%7ebar:big%7emoney_2010",
    ),
    (
        "CPE:/A:Microsoft:IE:8.0",
        &["a", "microsoft", "ie", r"8\.0"],
        "cpe:2.3:a:microsoft:ie:8.0:*:*:*:*:*:*:*",
        "cpe:/a:microsoft:ie:8.0",
    ),
    (
        "cpe:/:%40mail",
        &["ANY", r"\@mail"],
        r"cpe:2.3:*:\@mail:*:*:*:*:*:*:*:*:*",
        "cpe:/:%40mail",
    ),
    (
        r"cpe:2.3:a:foo:bar:\-:*:*:*:*:*:*:*",
        &["a", "foo", "bar", r"\-"],
        r"cpe:2.3:a:foo:bar:\-:*:*:*:*:*:*:*",
        "cpe:/a:foo:bar:%2d",
    ),
    (
        "cpe:/a:%02:bar",
        &["a", "ANY", "bar"],
        "cpe:2.3:a:*:bar:*:*:*:*:*:*:*:*",
        "cpe:/a::bar",
    ),
    (
        "cpe:2.3::alcatel",
        &["ANY", "alcatel"],
        "cpe:2.3:*:alcatel:*:*:*:*:*:*:*:*:*",
        "cpe:/:alcatel",
    ),
    (
        "cpe:2.3:a:apache:tomcat",
        &["a", "apache", "tomcat"],
        "cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*",
        "cpe:/a:apache:tomcat",
    ),
    (
        "cpe:2.3:o:linux:linux_kernel:-:*:*:*:*:*:*:*",
        &["o", "linux", "linux_kernel", "NA"],
        "cpe:2.3:o:linux:linux_kernel:-:*:*:*:*:*:*:*",
        "cpe:/o:linux:linux_kernel:-",
    ),
];

fn check_binding(input: &str, want_wfn: &[&str], want_fs: &str, want_uri: &str) {
    let c = Cpe::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
    assert_eq!(wfn(&c), expect(want_wfn), "WFN of {input}");
    assert_eq!(c.to_fs(), want_fs, "FS of {input}");
    assert_eq!(c.to_uri(), want_uri, "URI of {input}");
    assert_eq!(
        Cpe::parse(&c.to_fs()).unwrap(),
        c,
        "FS round trip of {input}"
    );
    assert_eq!(
        Cpe::parse(&c.to_uri()).unwrap(),
        c,
        "URI round trip of {input}"
    );
}

#[test]
fn nistir_7695_bindings() {
    for (input, w, fs, uri) in BINDINGS {
        check_binding(input, w, fs, uri);
    }
}

/// Inputs that NISTIR 7695 calls errors, and a few of our own.
const INVALID: &[&str] = &[
    "cpe:/a:foo%5cbar:big%24money_2010%07:::~~special~ipod_touch~80gb~",
    "cpe:/a:foo:bar:12.%02.1234",
    "cpe:/a:foo:bar:1%01%01.2",
    "cpe:/a:foo:bar:1:2:~a~b~c~d",
    "cpe:/a:b:c:d:e:f:g:h",
    "cpe:/a:foo%zz",
    "cpe:/x:foo",
    "cpe:2.3:a:foo:bar:1.*.2:*:*:*:*:*:*:*",
    "cpe:2.3:a:foo:bar:1?2:*:*:*:*:*:*:*",
    "cpe:2.3:a:foo:bar:a??b:*:*:*:*:*:*:*",
    "cpe:2.3:a",
    "cpe:2.3:x:foo:bar:*:*:*:*:*:*:*:*",
    "cpe:2.3:-:foo:bar:*:*:*:*:*:*:*:*",
    "cpe:2.3:a:foo:bar:1:*:*:*:*:*:*:*:extra",
    "cpe:2.3:a:foo:bar:1 0:*:*:*:*:*:*:*",
    r"cpe:2.3:a:foo:bar:*:*:*:*:*:*:*:x\",
    "cpe:2.3:a::bar:*:*:*:*:*:*:*:*",
    "cpe:2.3:a:caf\u{e9}:bar:*:*:*:*:*:*:*:*",
    "cpe:2.3{part}:{vendor}:{product}:{version}",
    "cpe:",
    "",
    "pkg:npm/foo",
];

#[test]
fn nistir_7695_errors() {
    for input in INVALID {
        assert!(Cpe::parse(input).is_err(), "{input:?} should be refused");
    }
}

fn v(s: &str) -> AttrValue {
    match s {
        "ANY" => AttrValue::Any,
        "NA" => AttrValue::Na,
        _ => CpeValue::from_wfn(s).unwrap_or_else(|e| panic!("{s}: {e}")),
    }
}

/// NISTIR 7696 Table 6-2 plus wild-card cases: (source, target, relation).
const ATTRS: &[(&str, &str, AttrRelation)] = &[
    ("ANY", "ANY", AttrRelation::Equal),
    ("ANY", "NA", AttrRelation::Superset),
    ("ANY", "microsoft", AttrRelation::Superset),
    ("ANY", "micro*", AttrRelation::Undefined),
    ("NA", "ANY", AttrRelation::Subset),
    ("NA", "NA", AttrRelation::Equal),
    ("NA", "microsoft", AttrRelation::Disjoint),
    ("NA", "micro*", AttrRelation::Undefined),
    ("microsoft", "ANY", AttrRelation::Subset),
    ("microsoft", "NA", AttrRelation::Disjoint),
    ("microsoft", "microsoft", AttrRelation::Equal),
    ("microsoft", "Microsoft", AttrRelation::Equal),
    ("microsoft", "sun", AttrRelation::Disjoint),
    ("microsoft", "micro*", AttrRelation::Undefined),
    ("micro*", "ANY", AttrRelation::Subset),
    ("micro*", "NA", AttrRelation::Disjoint),
    ("micro*", "microsoft", AttrRelation::Superset),
    ("micro*", "sun", AttrRelation::Disjoint),
    ("micro*", "*soft", AttrRelation::Undefined),
    ("*soft", "microsoft", AttrRelation::Superset),
    ("*crosof*", "microsoft", AttrRelation::Superset),
    ("*crosof*", "macrohard", AttrRelation::Disjoint),
    ("?icrosoft", "microsoft", AttrRelation::Superset),
    ("??crosoft", "microsoft", AttrRelation::Superset),
    ("?crosoft", "microsoft", AttrRelation::Disjoint),
    ("sp?", "sp1", AttrRelation::Superset),
    ("sp?", "sp12", AttrRelation::Disjoint),
    ("sp??", "sp12", AttrRelation::Superset),
    (r"8\.*", r"8\.0\.6001", AttrRelation::Superset),
    (r"8\.*", r"9\.0", AttrRelation::Disjoint),
    (r"8\.*", r"18\.0", AttrRelation::Disjoint),
    (r"*\-ce", r"enterprise\-ce", AttrRelation::Superset),
    (r"foo\*", r"foo\*", AttrRelation::Equal),
    (r"foo\*", "foobar", AttrRelation::Disjoint),
    (r"foo\?", "fooa", AttrRelation::Disjoint),
    // An all-wild-card source leaves an empty core that matches at the end.
    ("?", "a", AttrRelation::Superset),
    ("??", "a", AttrRelation::Superset),
    ("??", "abc", AttrRelation::Disjoint),
    ("?*", "a", AttrRelation::Superset),
];

fn check_attr(source: &str, target: &str, want: AttrRelation) {
    assert_eq!(
        compare_attr(&v(source), &v(target)),
        want,
        "{source} vs {target}"
    );
}

#[test]
fn nistir_7696_attribute_comparison() {
    for (s, t, want) in ATTRS {
        check_attr(s, t, *want);
    }
}

/// (source, target, relation) for whole names.
const NAMES: &[(&str, &str, CpeRelation)] = &[
    (
        "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*",
        "cpe:/a:microsoft:internet_explorer:8.0.6001:beta",
        CpeRelation::Equal,
    ),
    (
        "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*",
        "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*",
        CpeRelation::Disjoint,
    ),
    (
        "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*",
        "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:sp2:*:*:*:*:*:*",
        CpeRelation::Superset,
    ),
    (
        "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:sp2:*:*:*:*:*:*",
        "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*",
        CpeRelation::Undefined,
    ),
    (
        "cpe:2.3:a:microsoft:internet_explorer:*:*:*:*:*:*:*:*",
        "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*",
        CpeRelation::Superset,
    ),
    (
        "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*",
        "cpe:2.3:a:microsoft:internet_explorer:*:*:*:*:*:*:*:*",
        CpeRelation::Subset,
    ),
    (
        "cpe:2.3:a:*:internet_explorer:8.0.6001:*:*:*:*:*:*:*",
        "cpe:2.3:a:microsoft:internet_explorer:*:*:*:*:*:*:*:*",
        CpeRelation::Overlap,
    ),
    (
        "cpe:2.3:h:cisco:asa_5505:-:*:*:*:*:*:*:*",
        "cpe:2.3:h:cisco:asa_5505:1.0:*:*:*:*:*:*:*",
        CpeRelation::Disjoint,
    ),
    (
        "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*",
        "cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~",
        CpeRelation::Equal,
    ),
    (
        "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*",
        "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x86:*",
        CpeRelation::Disjoint,
    ),
];

fn check_name(source: &str, target: &str, want: CpeRelation) {
    let s = Cpe::parse(source).unwrap();
    let t = Cpe::parse(target).unwrap();
    let got = compare(&s, &t);
    assert_eq!(got, want, "{source} vs {target}");
    assert_eq!(is_equal(&s, &t), want == CpeRelation::Equal);
    assert_eq!(is_disjoint(&s, &t), want == CpeRelation::Disjoint);
    assert_eq!(
        is_superset(&s, &t),
        matches!(want, CpeRelation::Superset | CpeRelation::Equal)
    );
    assert_eq!(
        is_subset(&s, &t),
        matches!(want, CpeRelation::Subset | CpeRelation::Equal)
    );
}

#[test]
fn nistir_7696_name_comparison() {
    for (s, t, want) in NAMES {
        check_name(s, t, *want);
    }
}

#[test]
fn building_from_plain_text_quotes_wildcards() {
    use mamori_purl::cpe::Attribute;
    let c = Cpe::any()
        .with(
            Attribute::Part,
            AttrValue::Value(CpeValue::literal("a").unwrap()),
        )
        .with(
            Attribute::Vendor,
            AttrValue::Value(CpeValue::literal("Acme").unwrap()),
        )
        .with(
            Attribute::Product,
            AttrValue::Value(CpeValue::literal("pump*2").unwrap()),
        )
        .with(
            Attribute::Version,
            AttrValue::Value(CpeValue::literal("1.0").unwrap()),
        );
    assert_eq!(c.to_fs(), r"cpe:2.3:a:acme:pump\*2:1.0:*:*:*:*:*:*:*");
    assert_eq!(c.to_uri(), "cpe:/a:acme:pump%2a2:1.0");
    assert_eq!(c.product().value().unwrap().unquoted(), "pump*2");
    assert!(CpeValue::literal("has space").is_none());
}
