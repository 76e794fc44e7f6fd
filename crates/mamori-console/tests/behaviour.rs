//! Behaviour tables: language negotiation, escaping, role navigation, colour contrast, assets,
//! chart geometry.

mod fixtures;

use fixtures::*;
use mamori_console::charts::{BarChart, LineChart};
use mamori_console::*;
use time::macros::date;

#[test]
fn negotiate() {
    let cases: &[(Option<&str>, Option<&str>, Lang)] = &[
        (None, None, Lang::En),
        (Some("ja"), None, Lang::Ja),
        (Some("ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7"), None, Lang::Ja),
        (Some("en-US,en;q=0.9,ja;q=0.8"), None, Lang::En),
        (Some("fr-FR, ja;q=0.5, en;q=0.4"), None, Lang::Ja),
        (Some("fr-FR, de;q=0.5"), None, Lang::En),
        (Some("ja;q=0, en"), None, Lang::En),
        (Some("en;q=0.2, ja;q=0.9"), None, Lang::Ja),
        (Some("ja;q=bogus, en;q=0.1"), None, Lang::En),
        (Some("*"), None, Lang::En),
        (Some(""), None, Lang::En),
        (Some("en"), Some("ja"), Lang::Ja),
        (Some("ja"), Some("en"), Lang::En),
        (Some("ja"), Some("fr"), Lang::Ja),
        (None, Some("JA-jp"), Lang::Ja),
    ];
    for (header, pref, want) in cases {
        assert_eq!(
            Lang::negotiate(*header, *pref),
            *want,
            "{header:?} {pref:?}"
        );
    }
}

fn check_escaped(html: &str, raw: &str) {
    assert!(!html.contains(raw), "unescaped {raw:?}");
    assert!(
        html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"),
        "escaped form missing"
    );
}

#[test]
fn names_are_escaped() {
    let evil = "<script>alert(1)</script>";
    let mut products = products();
    products.products[0].name = evil.into();
    check_escaped(
        &render_products(&ctx(Lang::En, Role::Admin), &products),
        evil,
    );

    let mut dash = dashboard();
    dash.by_product[0].product = evil.into();
    check_escaped(
        &render_dashboard(&ctx(Lang::Ja, Role::Analyst), &dash),
        evil,
    );

    let mut f = findings();
    f.filter.q = format!("\"><{evil}");
    f.next_cursor = Some(evil.into());
    let html = render_findings(&ctx(Lang::En, Role::Analyst), &f);
    check_escaped(&html, evil);
    assert!(html.contains("cursor=%3Cscript%3Ealert%281%29%3C%2Fscript%3E"));

    let mut c = ctx(Lang::En, Role::Analyst);
    c.user.as_mut().unwrap().name = evil.into();
    c.notice = Some(Notice {
        level: Level::Error,
        message: Message::Text(evil.into()),
    });
    check_escaped(&render_cases(&c, &cases()), evil);
}

#[test]
fn navigation_follows_the_role() {
    let cases: &[(Role, &[&str], &[&str])] = &[
        (
            Role::Hospital,
            &["/devices", "/advisories", "/documents"],
            &["/findings", "/cases", "/feeds", "/admin/users", "/products"],
        ),
        (
            Role::Analyst,
            &["/findings", "/cases", "/feeds"],
            &["/admin/users", "/devices"],
        ),
        (
            Role::Auditor,
            &["/findings", "/cases"],
            &["/admin/users", "/tokens"],
        ),
        (
            Role::Admin,
            &["/admin/users", "/admin/jobs", "/admin/organizations"],
            &["/devices"],
        ),
    ];
    for (role, shown, hidden) in cases {
        let html = render_advisories(&ctx(Lang::En, *role), &advisories());
        let nav = html
            .split("<nav")
            .nth(1)
            .unwrap()
            .split("</nav>")
            .next()
            .unwrap();
        for href in *shown {
            assert!(
                nav.contains(&format!("href=\"{href}\"")),
                "{role:?} should see {href}"
            );
        }
        for href in *hidden {
            assert!(
                !nav.contains(&format!("href=\"{href}\"")),
                "{role:?} should not see {href}"
            );
        }
        assert!(
            nav.contains(r#"href="/advisories" aria-current="page""#),
            "{role:?}"
        );
    }
}

#[test]
fn forms_carry_the_csrf_token() {
    let pages = [
        render_signin(&anonymous(Lang::En), &signin()),
        render_finding(&ctx(Lang::En, Role::Analyst), &finding(true)),
        render_release(&ctx(Lang::En, Role::Engineer), &release()),
        render_tokens(&ctx(Lang::En, Role::Admin), &tokens()),
        render_jobs(&ctx(Lang::En, Role::Admin), &jobs()),
    ];
    for html in pages {
        let posts = html.matches(r#"method="post""#).count();
        let tokens = html
            .matches(r#"name="csrf" value="csrf-token-123""#)
            .count();
        assert!(posts > 0);
        assert_eq!(posts, tokens, "every POST form has the token");
    }
}

/// WCAG 2 relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

const COLOUR_PAIRS: &[(&str, &str, &str)] = &[
    ("text", "#1a1a1a", "#ffffff"),
    ("text on panel", "#1a1a1a", "#f4f6f8"),
    ("muted", "#595959", "#ffffff"),
    ("muted on panel", "#595959", "#f4f6f8"),
    ("link", "#0b57d0", "#ffffff"),
    ("link on panel", "#0b57d0", "#f4f6f8"),
    ("header", "#ffffff", "#12355b"),
    ("critical", "#ffffff", "#8b0000"),
    ("high", "#ffffff", "#b3261e"),
    ("medium", "#ffffff", "#8a5a00"),
    ("low", "#ffffff", "#1d5e8a"),
    ("neutral", "#1a1a1a", "#e8e8e8"),
    ("kev", "#ffffff", "#5b1a8a"),
    ("overdue", "#a4000f", "#ffffff"),
    ("overdue row", "#a4000f", "#fff5f5"),
    ("eos", "#6b4600", "#fff3d6"),
    ("ok", "#0f5323", "#e7f5ea"),
    ("error", "#8a0010", "#fdecee"),
    ("button", "#12355b", "#ffffff"),
];

#[test]
fn colours_meet_aa_contrast() {
    for (name, fg, bg) in COLOUR_PAIRS {
        let ratio = contrast(fg, bg);
        assert!(ratio >= 4.5, "{name}: {fg} on {bg} is {ratio:.2}:1");
        assert!(
            CSS.contains(fg) && CSS.contains(bg),
            "{name}: colours not in the stylesheet"
        );
    }
    assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    assert!(contrast("#777777", "#ffffff") < 4.5);
}

#[test]
fn assets_are_addressed_by_hash() {
    assert_eq!(CSS_HASH.len(), 16);
    assert_ne!(CSS_HASH, JS_HASH);
    let css = css_url();
    let file = css.strip_prefix("/static/").unwrap();
    assert_eq!(assets::lookup(file), Some((CSS, "text/css; charset=utf-8")));
    let js = js_url();
    assert_eq!(
        assets::lookup(js.strip_prefix("/static/").unwrap()).map(|a| a.0),
        Some(JS)
    );
    assert_eq!(assets::lookup("app.0000000000000000.css"), None);
    assert_eq!(assets::lookup("../Cargo.toml"), None);
    let html = render_signin(&anonymous(Lang::En), &signin());
    assert!(html.contains(&css) && html.contains(&js));
    assert!(
        !html.contains("<script>") && !html.contains("style="),
        "no inline script or style"
    );
}

#[test]
fn bar_chart_geometry() {
    let chart = BarChart::new([
        ("a".to_owned(), 10, "x".to_owned()),
        ("b".to_owned(), 5, "x".to_owned()),
        ("c".to_owned(), 0, "x".to_owned()),
        (
            "a name longer than the label column".to_owned(),
            1,
            "x".to_owned(),
        ),
    ]);
    let widths: Vec<u32> = chart.bars.iter().map(|b| b.w).collect();
    assert_eq!(widths, [320, 160, 0, 32]);
    assert_eq!(chart.bars[3].short.chars().count(), 22);
    assert!(chart.bars[3].short.ends_with('…'));
    assert_eq!(BarChart::new([]).bars.len(), 0);
}

#[test]
fn line_chart_geometry() {
    assert_eq!(LineChart::new(&[]), None);
    let one = LineChart::new(&[(date!(2025 - 01 - 01), 0)]).unwrap();
    assert_eq!(one.points, "318,172");
    let line = LineChart::new(&[
        (date!(2025 - 01 - 01), 0),
        (date!(2025 - 01 - 02), 50),
        (date!(2025 - 01 - 03), 100),
    ])
    .unwrap();
    assert_eq!(line.points, "48,172 318,92 588,12");
    assert_eq!(
        (line.first.as_str(), line.last.as_str(), line.max),
        ("2025-01-01", "2025-01-03", 100)
    );
}
