//! Every page rendered from a fixed view model in both languages, compared with its snapshot.

mod fixtures;

use fixtures::*;
use mamori_console::*;

type Render = fn(Lang) -> String;

/// The pages, each rendered as the role that would usually see it.
const PAGES: &[(&str, Render)] = &[
    ("signin", |l| render_signin(&anonymous(l), &signin())),
    ("dashboard", |l| {
        render_dashboard(&ctx(l, Role::Analyst), &dashboard())
    }),
    ("dashboard_empty", |l| {
        render_dashboard(&ctx(l, Role::Analyst), &DashboardView::default())
    }),
    ("findings", |l| {
        render_findings(&ctx(l, Role::Analyst), &findings())
    }),
    ("finding", |l| {
        render_finding(&ctx(l, Role::Analyst), &finding(true))
    }),
    ("finding_readonly", |l| {
        render_finding(&ctx(l, Role::Auditor), &finding(false))
    }),
    ("finding_vex", |l| {
        render_finding(&ctx(l, Role::Analyst), &finding_with_vex())
    }),
    ("vex", |l| render_vex(&ctx(l, Role::Analyst), &vex_page())),
    ("products", |l| {
        render_products(&ctx(l, Role::Engineer), &products())
    }),
    ("product", |l| {
        render_product(&ctx(l, Role::Engineer), &product())
    }),
    ("release", |l| {
        render_release(&ctx(l, Role::Engineer), &release())
    }),
    ("cases", |l| {
        render_cases(&ctx(l, Role::Regulatory), &cases())
    }),
    ("case", |l| render_case(&ctx(l, Role::Regulatory), &case())),
    ("advisories", |l| {
        render_advisories(&ctx(l, Role::Hospital), &advisories())
    }),
    ("devices", |l| {
        render_devices(&ctx(l, Role::Hospital), &devices())
    }),
    ("devices_empty", |l| {
        render_devices(&ctx(l, Role::Hospital), &DevicesView::default())
    }),
    ("documents", |l| {
        render_documents(&ctx(l, Role::Hospital), &documents())
    }),
    ("impact", |l| {
        render_impact(&ctx(l, Role::Analyst), &impact())
    }),
    ("impact_empty", |l| {
        render_impact(&ctx(l, Role::Analyst), &ImpactView::default())
    }),
    ("disclosure", |l| {
        render_disclosure(&ctx(l, Role::Analyst), &disclosure())
    }),
    ("feeds", |l| render_feeds(&ctx(l, Role::Admin), &feeds())),
    ("users", |l| render_users(&ctx(l, Role::Admin), &users())),
    ("tokens", |l| render_tokens(&ctx(l, Role::Admin), &tokens())),
    ("orgs", |l| render_orgs(&ctx(l, Role::Admin), &orgs())),
    ("jobs", |l| render_jobs(&ctx(l, Role::Admin), &jobs())),
    ("error_404", |l| {
        render_error(
            &anonymous(l),
            &ErrorView {
                status: 404,
                request_id: Some("req-1".into()),
            },
        )
    }),
    ("error_403", |l| {
        render_error(
            &ctx(l, Role::Hospital),
            &ErrorView {
                status: 403,
                request_id: None,
            },
        )
    }),
    ("error_500", |l| {
        render_error(
            &ctx(l, Role::Analyst),
            &ErrorView {
                status: 500,
                request_id: Some("req-2".into()),
            },
        )
    }),
];

fn check(name: &str, lang: Lang, html: &str) {
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "{name}: not a document"
    );
    assert!(
        html.contains(&format!(r#"<html lang="{}">"#, lang.tag())),
        "{name}: lang attribute"
    );
    assert!(!html.contains("template error"), "{name}: {html}");
    insta::assert_snapshot!(format!("{name}_{}", lang.tag()), html);
}

#[test]
fn pages_in_both_languages() {
    for (name, render) in PAGES {
        for lang in Lang::ALL {
            check(name, lang, &render(lang));
        }
    }
}
