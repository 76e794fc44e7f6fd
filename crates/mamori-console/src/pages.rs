//! One template struct and one `render_*` function per page, and the helpers every template calls.

use askama::Template;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use time::Date;

use crate::charts::{BarChart, LineChart};
use crate::ctx::{Level, Nav, PageCtx};
use crate::i18n::{Lang, catalog};
use crate::views::*;

/// Query-string encoding: everything but RFC 3986's unreserved characters.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The severities in display order, with the CSS class of their colour.
pub(crate) const SEVERITIES: [&str; 6] = ["critical", "high", "medium", "low", "none", "unknown"];

/// The analysis states the triage form offers, as `mamori-judge` names them.
pub(crate) const STATES: [&str; 7] = [
    "in_triage",
    "under_investigation",
    "exploitable",
    "not_affected",
    "false_positive",
    "resolved",
    "resolved_with_pedigree",
];

/// Declares a page: the template struct over `ctx` and the view, its nav entry, and the helpers.
macro_rules! page {
    ($name:ident, $path:literal, $view:ty, $nav:expr) => {
        #[derive(Template)]
        #[template(path = $path)]
        struct $name<'a> {
            ctx: &'a PageCtx,
            v: &'a $view,
        }

        #[allow(dead_code, reason = "each page uses some of the shared helpers")]
        impl<'a> $name<'a> {
            const NAV: Option<Nav> = $nav;

            fn t<'k>(&self, key: &'k str) -> &'k str {
                self.ctx.lang.t(key)
            }
            fn t1(&self, key: &str, arg: impl std::fmt::Display) -> String {
                self.ctx.lang.t1(key, arg)
            }
            fn label(&self, prefix: &str, code: &str) -> String {
                label(self.ctx.lang, prefix, code)
            }
            fn bi<'b>(&self, text: &'b Bilingual) -> &'b str {
                bilingual(self.ctx.lang, text)
            }
            fn date(&self, d: &Date) -> String {
                d.to_string()
            }
            fn odate(&self, d: &Option<Date>) -> String {
                d.map_or_else(|| "—".to_owned(), |d| d.to_string())
            }
            fn msg<'b>(&self, m: &'b crate::ctx::Message) -> &'b str {
                m.text(self.ctx.lang)
            }
            fn is_current(&self, item: &Nav) -> bool {
                Self::NAV == Some(*item)
            }
            fn notice_is_error(&self) -> bool {
                self.ctx
                    .notice
                    .as_ref()
                    .is_some_and(|n| n.level == Level::Error)
            }
            fn sev_class(&self, s: &str) -> &'static str {
                severity_class(s)
            }
            fn severities(&self) -> &'static [&'static str] {
                &SEVERITIES
            }
            fn states(&self) -> &'static [&'static str] {
                &STATES
            }
            fn is_some_eq(&self, a: &Option<String>, b: &str) -> bool {
                a.as_deref() == Some(b)
            }
            fn css_url(&self) -> String {
                crate::assets::css_url()
            }
            fn js_url(&self) -> String {
                crate::assets::js_url()
            }
        }
    };
}

/// The translation of `prefix.code`, or `code` itself when the catalog has no such key (a code
/// newer than the console).
pub(crate) fn label(lang: Lang, prefix: &str, code: &str) -> String {
    let key = format!("{prefix}.{code}");
    if catalog().contains_key(key.as_str()) {
        lang.t(&key).to_owned()
    } else {
        code.to_owned()
    }
}

fn bilingual(lang: Lang, text: &Bilingual) -> &str {
    match (lang, &text.ja) {
        (Lang::Ja, Some(ja)) if !ja.is_empty() => ja,
        _ => &text.en,
    }
}

/// A severity as a CSS class suffix: only known words, so data never writes a class name.
fn severity_class(s: &str) -> &'static str {
    SEVERITIES
        .into_iter()
        .find(|k| k.eq_ignore_ascii_case(s))
        .unwrap_or("unknown")
}

/// `path?k=v&…` with the non-empty values encoded.
fn with_query(path: &str, params: &[(&str, &str)]) -> String {
    let mut out = path.to_owned();
    let mut sep = '?';
    for (k, v) in params.iter().filter(|(_, v)| !v.is_empty()) {
        out.push(sep);
        out.push_str(k);
        out.push('=');
        out.extend(utf8_percent_encode(v, QUERY));
        sep = '&';
    }
    out
}

fn render(t: &impl Template) -> String {
    // Rendering writes into a String and our views have no fallible Display, so an error here
    // is a bug in a template; the page says so rather than the process failing.
    t.render()
        .unwrap_or_else(|e| format!("<!DOCTYPE html><title>template error</title><p>{e}</p>"))
}

page!(SignInPage, "signin.html", SignInView, None);

/// The sign-in page (POST `/signin`: `email`, `password`, `csrf`, `next`).
pub fn render_signin(ctx: &PageCtx, view: &SignInView) -> String {
    render(&SignInPage { ctx, v: view })
}

page!(
    DashboardPage,
    "dashboard.html",
    DashboardView,
    Some(Nav::Dashboard)
);

impl DashboardPage<'_> {
    fn open_total(&self) -> u64 {
        self.v.by_severity.iter().map(|(_, n)| n).sum()
    }
    fn severity_chart(&self) -> BarChart {
        BarChart::new(self.v.by_severity.iter().map(|(s, n)| {
            (
                self.label("severity", s),
                *n,
                format!("sev-{}", severity_class(s)),
            )
        }))
    }
    fn product_chart(&self) -> BarChart {
        BarChart::new(
            self.v
                .by_product
                .iter()
                .map(|p| (p.product.clone(), p.open, "bar-product".to_owned())),
        )
    }
    fn trend_chart(&self) -> Option<LineChart> {
        LineChart::new(&self.v.trend)
    }
    fn trend_desc(&self, line: &LineChart) -> String {
        self.t("dash.trend.desc")
            .replace("{0}", &line.first)
            .replace("{1}", &line.first_count.to_string())
            .replace("{2}", &line.last)
            .replace("{3}", &line.last_count.to_string())
    }
    fn overdue_kind_key(&self, o: &OverdueItem) -> &'static str {
        match o.kind {
            OverdueKind::Finding => "overdue.finding",
            OverdueKind::Clock => "overdue.clock",
        }
    }
    fn overdue_href(&self, o: &OverdueItem) -> String {
        match o.kind {
            OverdueKind::Finding => format!("/findings/{}", o.id),
            OverdueKind::Clock => format!("/cases/{}", o.id),
        }
    }
}

/// The dashboard (GET `/`).
pub fn render_dashboard(ctx: &PageCtx, view: &DashboardView) -> String {
    render(&DashboardPage { ctx, v: view })
}

page!(
    FindingsPage,
    "findings.html",
    FindingsView,
    Some(Nav::Findings)
);

impl FindingsPage<'_> {
    fn next_href(&self) -> Option<String> {
        let cursor = self.v.next_cursor.as_deref()?;
        let f = &self.v.filter;
        Some(with_query(
            "/findings",
            &[
                ("product", &f.product),
                ("release", &f.release),
                ("severity", &f.severity),
                ("state", &f.state),
                ("kev", if f.kev { "1" } else { "" }),
                ("q", &f.q),
                ("cursor", cursor),
            ],
        ))
    }
}

/// The findings queue (GET `/findings?product=&release=&severity=&state=&kev=1&q=&cursor=`).
pub fn render_findings(ctx: &PageCtx, view: &FindingsView) -> String {
    render(&FindingsPage { ctx, v: view })
}

page!(
    FindingPage,
    "finding.html",
    FindingView,
    Some(Nav::Findings)
);

impl FindingPage<'_> {
    fn safety_code(&self, r: &str) -> &'static str {
        match r {
            "controlled" => "controlled",
            "uncontrolled" => "uncontrolled",
            _ => "not_assessed",
        }
    }
}

/// One finding with the triage form (GET `/findings/{id}`; the form posts to
/// `/findings/{id}/triage`, fields on [`TriageForm`]).
pub fn render_finding(ctx: &PageCtx, view: &FindingView) -> String {
    render(&FindingPage { ctx, v: view })
}

page!(VexPage, "vex.html", VexPageView, Some(Nav::Findings));

/// The supplier VEX page (GET `/vex`; the upload form posts multipart `file`, `supplier`, `csrf`
/// to `/vex`).
pub fn render_vex(ctx: &PageCtx, view: &VexPageView) -> String {
    render(&VexPage { ctx, v: view })
}

page!(
    ProductsPage,
    "products.html",
    ProductsView,
    Some(Nav::Products)
);

/// The products list (GET `/products`).
pub fn render_products(ctx: &PageCtx, view: &ProductsView) -> String {
    render(&ProductsPage { ctx, v: view })
}

page!(
    ProductPage,
    "product.html",
    ProductView,
    Some(Nav::Products)
);

/// One product with its releases and lifecycle (GET `/products/{id}`).
pub fn render_product(ctx: &PageCtx, view: &ProductView) -> String {
    render(&ProductPage { ctx, v: view })
}

page!(
    ReleasePage,
    "release.html",
    ReleaseView,
    Some(Nav::Products)
);

impl ReleasePage<'_> {
    fn level_class(&self, level: &str) -> &'static str {
        match level {
            "minimum" => "minimum",
            "recommended" => "recommended",
            "aspirational" => "aspirational",
            _ => "none",
        }
    }
    fn onum(&self, n: &Option<u64>) -> String {
        n.map_or_else(|| "—".to_owned(), |n| n.to_string())
    }
}

/// One release: SBOMs, quality grades, diff to the previous release, upload form
/// (GET `/releases/{id}`).
pub fn render_release(ctx: &PageCtx, view: &ReleaseView) -> String {
    render(&ReleasePage { ctx, v: view })
}

page!(CasesPage, "cases.html", CasesView, Some(Nav::Cases));

/// The cases list (GET `/cases`).
pub fn render_cases(ctx: &PageCtx, view: &CasesView) -> String {
    render(&CasesPage { ctx, v: view })
}

page!(CasePage, "case.html", CaseView, Some(Nav::Cases));

impl CasePage<'_> {
    fn is_overdue(&self, s: &ClockStatus) -> bool {
        matches!(s, ClockStatus::Overdue { .. })
    }
}

/// One case with its regulatory clocks (GET `/cases/{id}`).
pub fn render_case(ctx: &PageCtx, view: &CaseView) -> String {
    render(&CasePage { ctx, v: view })
}

page!(
    AdvisoriesPage,
    "advisories.html",
    AdvisoriesView,
    Some(Nav::Advisories)
);

/// The advisories list with CSAF and PDF downloads (GET `/advisories`).
pub fn render_advisories(ctx: &PageCtx, view: &AdvisoriesView) -> String {
    render(&AdvisoriesPage { ctx, v: view })
}

page!(FeedsPage, "feeds.html", FeedsView, Some(Nav::Feeds));

impl FeedsPage<'_> {
    fn outcome_class(&self, o: &str) -> &'static str {
        match o {
            "ok" => "ok",
            "problems" => "problems",
            _ => "failed",
        }
    }
}

/// Feed status (GET `/feeds`).
pub fn render_feeds(ctx: &PageCtx, view: &FeedsView) -> String {
    render(&FeedsPage { ctx, v: view })
}

page!(UsersPage, "users.html", UsersView, Some(Nav::Users));

impl UsersPage<'_> {
    fn roles(&self) -> &'static [crate::ctx::Role] {
        &crate::ctx::Role::ALL
    }
}

/// Users (GET `/admin/users`).
pub fn render_users(ctx: &PageCtx, view: &UsersView) -> String {
    render(&UsersPage { ctx, v: view })
}

page!(TokensPage, "tokens.html", TokensView, Some(Nav::Tokens));

/// API tokens (GET `/tokens`; after POST `/tokens`, render with [`TokensView::created`] set).
pub fn render_tokens(ctx: &PageCtx, view: &TokensView) -> String {
    render(&TokensPage { ctx, v: view })
}

page!(OrgsPage, "orgs.html", OrgsView, Some(Nav::Organizations));

/// Organizations (GET `/admin/organizations`).
pub fn render_orgs(ctx: &PageCtx, view: &OrgsView) -> String {
    render(&OrgsPage { ctx, v: view })
}

page!(JobsPage, "jobs.html", JobsView, Some(Nav::Jobs));

impl JobsPage<'_> {
    fn is_bad_state(&self, s: &str) -> bool {
        matches!(s, "failed" | "dead")
    }
    fn next_href(&self) -> Option<String> {
        let cursor = self.v.next_cursor.as_deref()?;
        Some(with_query(
            "/admin/jobs",
            &[("state", &self.v.state), ("cursor", cursor)],
        ))
    }
}

/// Jobs (GET `/admin/jobs?state=&cursor=`).
pub fn render_jobs(ctx: &PageCtx, view: &JobsView) -> String {
    render(&JobsPage { ctx, v: view })
}

page!(ErrorPage, "error.html", ErrorView, None);

impl ErrorPage<'_> {
    fn title_key(&self) -> &'static str {
        match self.v.status {
            400 | 413 | 422 => "error.400.title",
            401 => "error.401.title",
            403 => "error.403.title",
            404 => "error.404.title",
            409 => "error.409.title",
            429 => "error.429.title",
            _ => "error.500.title",
        }
    }
    fn body_key(&self) -> &'static str {
        match self.v.status {
            400 | 413 | 422 => "error.400.body",
            401 => "error.401.body",
            403 => "error.403.body",
            404 => "error.404.body",
            409 => "error.409.body",
            429 => "error.429.body",
            _ => "error.500.body",
        }
    }
}

/// An error page (404, 403, 500, …) with a plain message and no detail.
pub fn render_error(ctx: &PageCtx, view: &ErrorView) -> String {
    render(&ErrorPage { ctx, v: view })
}

page!(DevicesPage, "devices.html", DevicesView, Some(Nav::Devices));

/// A hospital's installed devices (GET `/devices`).
pub fn render_devices(ctx: &PageCtx, view: &DevicesView) -> String {
    render(&DevicesPage { ctx, v: view })
}

page!(
    DocumentsPage,
    "documents.html",
    DocumentsView,
    Some(Nav::Documents)
);

/// The documents shared with a hospital (GET `/documents`).
pub fn render_documents(ctx: &PageCtx, view: &DocumentsView) -> String {
    render(&DocumentsPage { ctx, v: view })
}

page!(ImpactPage, "impact.html", ImpactView, Some(Nav::Impact));

/// Impact at a glance (GET `/impact`).
pub fn render_impact(ctx: &PageCtx, view: &ImpactView) -> String {
    render(&ImpactPage { ctx, v: view })
}

page!(
    DisclosurePage,
    "disclosure.html",
    DisclosureView,
    Some(Nav::Products)
);

/// A release's disclosure document, as a form (GET `/releases/{id}/disclosures/{form}`).
pub fn render_disclosure(ctx: &PageCtx, view: &DisclosureView) -> String {
    render(&DisclosurePage { ctx, v: view })
}

/// Who a report may come from, as the store names them.
pub(crate) const REPORT_SOURCES: [&str; 5] =
    ["researcher", "hospital", "supplier", "jpcert", "internal"];
/// A report's statuses, as the store names them.
pub(crate) const REPORT_STATUSES: [&str; 8] = [
    "received",
    "triaging",
    "confirmed",
    "not_reproducible",
    "out_of_scope",
    "fixed",
    "published",
    "closed",
];

page!(ReportFormPage, "report_form.html", ReportFormView, None);

impl ReportFormPage<'_> {
    fn sources(&self) -> &'static [&'static str] {
        &REPORT_SOURCES
    }
    fn t2_files(&self) -> String {
        self.t("report.files_label")
            .replace("{0}", &self.v.max_attachments.to_string())
            .replace("{1}", &self.v.max_attachment_mib.to_string())
    }
}

/// The public report form (POST `/report`, multipart: `name`, `email`, `org`, `source`,
/// `product`, `version`, `title`, `description`, `credit`, `files`, `csrf`).
pub fn render_report_form(ctx: &PageCtx, view: &ReportFormView) -> String {
    render(&ReportFormPage { ctx, v: view })
}

page!(
    ReportStatusPage,
    "report_status.html",
    ReportStatusView,
    None
);

/// The reporter's status page (POST to `action`: `body`, `csrf`).
pub fn render_report_status(ctx: &PageCtx, view: &ReportStatusView) -> String {
    render(&ReportStatusPage { ctx, v: view })
}

page!(ReportsPage, "reports.html", ReportsView, Some(Nav::Reports));

/// The PSIRT's report queue.
pub fn render_reports(ctx: &PageCtx, view: &ReportsView) -> String {
    render(&ReportsPage { ctx, v: view })
}

page!(ReportPage, "report.html", ReportView, Some(Nav::Reports));

impl ReportPage<'_> {
    fn statuses(&self) -> &'static [&'static str] {
        &REPORT_STATUSES
    }
}

/// One report for the PSIRT (POST `/reports/{id}/messages`: `body`, `visible`;
/// `/reports/{id}/status`: `status`; `/reports/{id}/case`).
pub fn render_report(ctx: &PageCtx, view: &ReportView) -> String {
    render(&ReportPage { ctx, v: view })
}

page!(NoticesPage, "notices.html", NoticesView, Some(Nav::Notices));

/// Notices (POST `/notices/{id}/acknowledge`: `csrf`; `/notices/{id}/devices/{device}`:
/// `response`, `note`, `csrf`).
pub fn render_notices(ctx: &PageCtx, view: &NoticesView) -> String {
    render(&NoticesPage { ctx, v: view })
}

page!(
    NoticeStatusPage,
    "notice_status.html",
    NoticeStatusView,
    Some(Nav::Notices)
);

/// An advisory's acknowledgement status per organization.
pub fn render_notice_status(ctx: &PageCtx, view: &NoticeStatusView) -> String {
    render(&NoticeStatusPage { ctx, v: view })
}

/// What an inquiry may ask, as the store names it.
pub(crate) const INQUIRY_KINDS: [&str; 3] = ["affects-cve", "document-request", "other"];

page!(
    InquiriesPage,
    "inquiries.html",
    InquiriesView,
    Some(Nav::Inquiries)
);

impl InquiriesPage<'_> {
    fn kinds(&self) -> &'static [&'static str] {
        &INQUIRY_KINDS
    }
}

/// Inquiries (POST `/inquiries`: `subject`, `kind`, `vulnerability`, `body`, `csrf`).
pub fn render_inquiries(ctx: &PageCtx, view: &InquiriesView) -> String {
    render(&InquiriesPage { ctx, v: view })
}

page!(
    InquiryPage,
    "inquiry.html",
    InquiryView,
    Some(Nav::Inquiries)
);

/// One inquiry (POST `/inquiries/{id}/messages`: `body`, `csrf`; `/inquiries/{id}/acknowledge`).
pub fn render_inquiry(ctx: &PageCtx, view: &InquiryView) -> String {
    render(&InquiryPage { ctx, v: view })
}
