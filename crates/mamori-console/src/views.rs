//! The view models: plain data the server fills from store rows, one struct per page.
//!
//! Words the store keeps as codes (severities, states, justifications, outcomes, roles…) stay the
//! store's strings here; the pages translate known codes and show unknown ones as they are. Dates
//! are `time::Date` where the page only shows the day, otherwise text the server already
//! formatted (timestamps in the user's zone, say). Anything that needs the clock — days left,
//! overdue, past end of support — is computed by the server and passed in.

use time::Date;

use crate::ctx::{Message, Role};

/// Text in English with an optional Japanese rendering (the rubric's questions, for instance).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bilingual {
    /// English.
    pub en: String,
    /// Japanese, when there is one; English is shown otherwise.
    pub ja: Option<String>,
}

/// The sign-in page.
#[derive(Debug, Clone, Default)]
pub struct SignInView {
    /// The email to prefill after a failed attempt.
    pub email: String,
    /// Why the last attempt failed (`signin.error.invalid`, `signin.error.locked`, …).
    pub error: Option<Message>,
    /// Where to go after signing in (a local path), sent back as the hidden field `next`.
    pub next: Option<String>,
}

/// The dashboard.
#[derive(Debug, Clone, Default)]
pub struct DashboardView {
    /// Open findings per severity (`critical`, `high`, `medium`, `low`, `none`, `unknown`), in
    /// the order to show.
    pub by_severity: Vec<(String, u64)>,
    /// Open findings per product, in the order to show.
    pub by_product: Vec<ProductCount>,
    /// Open findings whose vulnerability is in CISA's KEV catalog.
    pub kev_open: u64,
    /// Overdue findings and regulatory clocks.
    pub overdue: Vec<OverdueItem>,
    /// Open findings per day, oldest first.
    pub trend: Vec<(Date, u64)>,
}

/// Open findings of one product.
#[derive(Debug, Clone, Default)]
pub struct ProductCount {
    /// Product id.
    pub product_id: i64,
    /// Product name.
    pub product: String,
    /// Open findings.
    pub open: u64,
}

/// Something past its due date.
#[derive(Debug, Clone)]
pub struct OverdueItem {
    /// A finding or a case's clock.
    pub kind: OverdueKind,
    /// The finding's or case's id (the link target).
    pub id: i64,
    /// What to call it (vulnerability and release, or case title and report).
    pub label: String,
    /// The due date.
    pub due: Date,
    /// Days past due (1 or more).
    pub days_overdue: i64,
}

/// What an [`OverdueItem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverdueKind {
    /// A finding past its remediation due date (links to `/findings/{id}`).
    Finding,
    /// A regulatory clock past its deadline (links to `/cases/{id}`).
    Clock,
}

/// A release's lifecycle milestones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lifecycle {
    /// General availability.
    pub ga: Option<Date>,
    /// End of sale.
    pub end_of_sale: Option<Date>,
    /// End of support (EOS).
    pub end_of_support: Option<Date>,
    /// End of life (EOL).
    pub end_of_life: Option<Date>,
}

/// The products list.
#[derive(Debug, Clone, Default)]
pub struct ProductsView {
    /// The products.
    pub products: Vec<ProductItem>,
    /// Whether to show the "new product" form (POST `/products`: `name`, `vendor`).
    pub can_create: bool,
}

/// One product in the list.
#[derive(Debug, Clone, Default)]
pub struct ProductItem {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Vendor.
    pub vendor: Option<String>,
    /// Number of releases.
    pub releases: u64,
    /// Open findings over all releases.
    pub open_findings: u64,
}

/// One product with its releases.
#[derive(Debug, Clone, Default)]
pub struct ProductView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Vendor.
    pub vendor: Option<String>,
    /// Releases, in the order to show.
    pub releases: Vec<ReleaseItem>,
    /// Whether to show the "new release" form (POST `/products/{id}/releases`: `version`, `ga`,
    /// `end_of_sale`, `end_of_support`, `end_of_life`; dates as `YYYY-MM-DD` or empty).
    pub can_edit: bool,
}

/// One release in a product's list.
#[derive(Debug, Clone, Default)]
pub struct ReleaseItem {
    /// Id.
    pub id: i64,
    /// Version.
    pub version: String,
    /// Milestones.
    pub lifecycle: Lifecycle,
    /// Whether today is after its end of support.
    pub past_eos: bool,
    /// Number of SBOM versions.
    pub sboms: u64,
    /// Open findings.
    pub open_findings: u64,
}

/// One release with its SBOMs, quality grades and diff to the previous release.
#[derive(Debug, Clone, Default)]
pub struct ReleaseView {
    /// Id.
    pub id: i64,
    /// Product id.
    pub product_id: i64,
    /// Product name.
    pub product: String,
    /// Version.
    pub version: String,
    /// Milestones.
    pub lifecycle: Lifecycle,
    /// Whether today is after its end of support.
    pub past_eos: bool,
    /// Open findings.
    pub open_findings: u64,
    /// SBOMs, newest first.
    pub sboms: Vec<SbomItem>,
    /// The quality grades of the latest SBOM.
    pub quality: Option<QualityView>,
    /// What changed since the previous release.
    pub diff: Option<DiffView>,
    /// Whether to show the upload form (multipart POST `/releases/{id}/sboms`: `file`, `origin`
    /// = `team` or `supplier`, `supplier`).
    pub can_upload: bool,
    /// Whether to show "approve" on unapproved SBOMs (POST `/sboms/{id}/approve`).
    pub can_approve: bool,
    /// The disclosure forms offered for the release, as (form id, title) pairs.
    pub disclosure_forms: Vec<(String, String)>,
}

/// One SBOM of a release.
#[derive(Debug, Clone, Default)]
pub struct SbomItem {
    /// Id.
    pub id: i64,
    /// The release's SBOM version number.
    pub version: i64,
    /// Format as detected (`CycloneDX 1.5 JSON`, `SPDX 2.3 tag-value`, …).
    pub format: String,
    /// The supplier, for a supplier SBOM kept as received.
    pub supplier: Option<String>,
    /// Number of components.
    pub components: u64,
    /// When uploaded (formatted).
    pub uploaded_at: String,
    /// Who uploaded.
    pub uploaded_by: String,
    /// Whether approved (an approved SBOM never changes).
    pub approved: bool,
}

/// CISA 2024 grades of one SBOM.
#[derive(Debug, Clone, Default)]
pub struct QualityView {
    /// The graded SBOM's version number.
    pub sbom_version: i64,
    /// The overall level (`none`, `minimum`, `recommended`, `aspirational`).
    pub overall: String,
    /// Per attribute (`author`, `timestamp`, `supplier`, `hash`, …), in the baseline's order.
    pub attributes: Vec<QualityItem>,
    /// Whether every NTIA 2021 minimum element is met.
    pub ntia_met: bool,
    /// Components without an FDA level of support.
    pub fda_missing_support: u64,
    /// Components without an FDA end-of-support date.
    pub fda_missing_eos: u64,
}

/// The grade of one attribute.
#[derive(Debug, Clone, Default)]
pub struct QualityItem {
    /// Attribute name as `mamori-sbom` gives it.
    pub attribute: String,
    /// Level reached.
    pub level: String,
    /// Components that give a value.
    pub with_value: Option<u64>,
    /// Components that declare it unknown.
    pub declared_unknown: Option<u64>,
    /// Components that say nothing.
    pub absent: Option<u64>,
    /// Why this level (English, from the grader).
    pub reason: String,
}

/// The diff of a release's SBOM against the previous release's.
#[derive(Debug, Clone, Default)]
pub struct DiffView {
    /// The previous release's version.
    pub previous: String,
    /// Components added.
    pub added: u64,
    /// Components removed.
    pub removed: u64,
    /// Components whose version changed (upgraded, downgraded or otherwise).
    pub changed: u64,
    /// Components the same in both.
    pub unchanged: u64,
    /// The changed lines (the server may cap them).
    pub entries: Vec<DiffEntry>,
}

/// One line of a diff.
#[derive(Debug, Clone, Default)]
pub struct DiffEntry {
    /// `added`, `removed`, `upgraded`, `downgraded` or `changed`.
    pub change: String,
    /// Component name.
    pub name: String,
    /// Version before.
    pub old_version: Option<String>,
    /// Version after.
    pub new_version: Option<String>,
}

/// The findings queue.
#[derive(Debug, Clone, Default)]
pub struct FindingsView {
    /// The filter as submitted (GET `/findings`), echoed into the form and the next-page link.
    pub filter: FindingFilter,
    /// Product names for the product select.
    pub products: Vec<String>,
    /// The page of findings, in priority order.
    pub rows: Vec<FindingItem>,
    /// The cursor of the next page, if there is one (query parameter `cursor`).
    pub next_cursor: Option<String>,
}

/// The findings filter; empty strings mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingFilter {
    /// Product name (`product`).
    pub product: String,
    /// Release version (`release`).
    pub release: String,
    /// Severity (`severity`).
    pub severity: String,
    /// Analysis state (`state`).
    pub state: String,
    /// Only KEV findings (`kev=1`).
    pub kev: bool,
    /// Free text over vulnerability ids and component names (`q`).
    pub q: String,
}

/// One finding in the queue.
#[derive(Debug, Clone, Default)]
pub struct FindingItem {
    /// Id.
    pub id: i64,
    /// The vulnerability's id.
    pub vulnerability: String,
    /// Severity.
    pub severity: String,
    /// Best CVSS base score, formatted (`9.8`).
    pub score: Option<String>,
    /// In the KEV catalog.
    pub kev: bool,
    /// EPSS probability, formatted (`0.97`).
    pub epss: Option<String>,
    /// Product name.
    pub product: String,
    /// Release version.
    pub release: String,
    /// Component name and version.
    pub component: String,
    /// Analysis state.
    pub state: String,
    /// Priority class (`immediate`, …).
    pub priority: Option<String>,
    /// Due date.
    pub due: Option<Date>,
    /// Whether the due date has passed.
    pub overdue: bool,
}

/// One finding with its evidence, history and the triage form.
#[derive(Debug, Clone, Default)]
pub struct FindingView {
    /// Id.
    pub id: i64,
    /// The vulnerability's id.
    pub vulnerability: String,
    /// Its other ids (CVE, GHSA, JVNDB…).
    pub aliases: Vec<String>,
    /// One-line summary.
    pub summary: Option<String>,
    /// Severity.
    pub severity: String,
    /// CVSS vectors with their scores and sources.
    pub scores: Vec<ScoreItem>,
    /// KEV entry.
    pub kev: Option<KevInfo>,
    /// EPSS probability, formatted.
    pub epss: Option<String>,
    /// Product id.
    pub product_id: i64,
    /// Product name.
    pub product: String,
    /// Release id.
    pub release_id: i64,
    /// Release version.
    pub release: String,
    /// The matched component.
    pub component: ComponentInfo,
    /// Why it matched.
    pub evidence: Evidence,
    /// `open`, or `resolved` when it no longer matches.
    pub status: String,
    /// Analysis state.
    pub state: String,
    /// Justification.
    pub justification: Option<String>,
    /// Response.
    pub response: Option<String>,
    /// Analysis detail in English (or the only language written).
    pub detail: Option<String>,
    /// Analysis detail in Japanese.
    pub detail_ja: Option<String>,
    /// Who set the state (a person, or `rule N`).
    pub state_by: Option<String>,
    /// Priority class.
    pub priority: Option<String>,
    /// Due date.
    pub due: Option<Date>,
    /// First seen (formatted).
    pub first_seen: String,
    /// The record, oldest first.
    pub history: Vec<HistoryItem>,
    /// The triage form; `None` for roles that only read.
    pub triage: Option<TriageForm>,
    /// Pending analyses suggested by suppliers' VEX (decided on the page when `triage` is set).
    pub vex: Vec<VexSuggestionItem>,
}

/// An analysis a supplier's VEX suggests for a finding, waiting for a person.
#[derive(Debug, Clone, Default)]
pub struct VexSuggestionItem {
    /// Suggestion id (the forms post to `/vex/suggestions/{id}/accept` and `/reject`).
    pub id: i64,
    /// The supplier named at import.
    pub supplier: String,
    /// The document's own id and version.
    pub document: String,
    /// `cyclonedx`, `openvex` or `csaf`.
    pub format: String,
    /// The product the claim is about, as the document names it.
    pub claim_product: String,
    /// Suggested state.
    pub state: String,
    /// Suggested justification.
    pub justification: Option<String>,
    /// Suggested response.
    pub response: Option<String>,
    /// The supplier's text.
    pub detail: Option<String>,
    /// JSON pointer of the claim in the document.
    pub pointer: String,
}

/// The supplier VEX page: the upload form and the imported documents.
#[derive(Debug, Clone, Default)]
pub struct VexPageView {
    /// Whether the user may upload (triage rights).
    pub can_upload: bool,
    /// The supplier name typed, kept when the form is shown again.
    pub supplier: String,
    /// Imported documents, newest first.
    pub documents: Vec<VexDocumentItem>,
}

/// One imported supplier VEX document.
#[derive(Debug, Clone, Default)]
pub struct VexDocumentItem {
    /// Id.
    pub id: i64,
    /// Supplier.
    pub supplier: String,
    /// Format.
    pub format: String,
    /// The document's own id and version.
    pub document: String,
    /// File name.
    pub filename: Option<String>,
    /// Claims in it.
    pub claims: i64,
    /// Claims that matched a finding.
    pub matched: i64,
    /// Pending suggestions from it.
    pub pending: usize,
    /// Who imported it.
    pub imported_by: String,
    /// When (formatted).
    pub imported_at: String,
}

/// A CVSS vector from one source.
#[derive(Debug, Clone, Default)]
pub struct ScoreItem {
    /// Who scored it (NVD, GHSA, the vendor, `environmental`…).
    pub source: String,
    /// The vector.
    pub vector: String,
    /// The score, formatted.
    pub score: String,
}

/// A KEV catalog entry.
#[derive(Debug, Clone)]
pub struct KevInfo {
    /// When CISA added it.
    pub date_added: Date,
    /// CISA's remediation due date for federal agencies.
    pub due: Option<Date>,
    /// Known use in ransomware campaigns.
    pub ransomware: bool,
}

/// The matched component.
#[derive(Debug, Clone, Default)]
pub struct ComponentInfo {
    /// Name.
    pub name: String,
    /// Version.
    pub version: Option<String>,
    /// Package URL.
    pub purl: Option<String>,
    /// CPE.
    pub cpe: Option<String>,
}

/// Why a finding matched.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// `purl`, `cpe` or `csaf`.
    pub matched_by: String,
    /// The advisory's range that contained the version.
    pub matched_range: Option<String>,
    /// Versions that fix it.
    pub fixed_versions: Vec<String>,
    /// The feed record it came from (`OSV GHSA-…`, `NVD`, …).
    pub source: Option<String>,
}

/// One entry of a finding's record.
#[derive(Debug, Clone, Default)]
pub struct HistoryItem {
    /// When (formatted).
    pub at: String,
    /// Who.
    pub who: String,
    /// What happened, as the audit log words it (`finding.state`, …).
    pub action: String,
    /// Why, or the new values.
    pub note: Option<String>,
}

/// The triage form (POST `/findings/{id}/triage`). Fields: `state`, `justification`, `response`,
/// `detail`; `rubric.<question id>` = answer id for each answered question; `safety_risk`
/// (`controlled`, `uncontrolled` or empty), `safety_hazard`, `safety_controls` (one per line);
/// `rule` = `1` to carry the decision to later releases, `rule_reason`, `rule_expires`
/// (`YYYY-MM-DD` or empty).
#[derive(Debug, Clone, Default)]
pub struct TriageForm {
    /// Justifications to offer (internal names, as `mamori-judge` lists them).
    pub justifications: Vec<String>,
    /// Responses to offer.
    pub responses: Vec<String>,
    /// The rubric's questions, in table order, with the answers recorded so far.
    pub rubric: Vec<RubricQuestion>,
    /// The vector the recorded answers derive, with its score (`CVSS:3.1/… (8.1)`).
    pub derived: Option<String>,
    /// The patient-safety assessment so far.
    pub safety: SafetyForm,
}

/// One rubric question.
#[derive(Debug, Clone, Default)]
pub struct RubricQuestion {
    /// Id (unique in the rubric).
    pub id: String,
    /// The base metric it decides (`AV`, `AC`, … `A`).
    pub metric: String,
    /// The question.
    pub text: Bilingual,
    /// Guidance for answering it.
    pub guidance: Option<Bilingual>,
    /// Possible answers as (id, text).
    pub answers: Vec<(String, Bilingual)>,
    /// The recorded answer's id.
    pub chosen: Option<String>,
}

/// The patient-safety part of the triage form.
#[derive(Debug, Clone, Default)]
pub struct SafetyForm {
    /// `controlled`, `uncontrolled` or empty (not assessed).
    pub risk: String,
    /// The hazard and the harm it could lead to.
    pub hazard: String,
    /// Compensating controls, one per line.
    pub controls: String,
}

/// The cases list.
#[derive(Debug, Clone, Default)]
pub struct CasesView {
    /// Cases, most urgent first.
    pub rows: Vec<CaseItem>,
}

/// One case in the list.
#[derive(Debug, Clone)]
pub struct CaseItem {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Status (`open`, `closed`).
    pub status: String,
    /// When the maker became aware.
    pub awareness: Date,
    /// The nearest open deadline.
    pub next_deadline: Option<Date>,
    /// Days from today to it (negative: overdue).
    pub days_left: Option<i64>,
    /// Number of findings.
    pub findings: u64,
}

/// One case with its regulatory clocks.
#[derive(Debug, Clone)]
pub struct CaseView {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Status.
    pub status: String,
    /// When the maker became aware.
    pub awareness: Date,
    /// The worst harm (`none`, `non_serious`, `serious`, `death`).
    pub harm: String,
    /// Whether the harm occurred (false: it could occur).
    pub harm_occurred: bool,
    /// The patient-safety assessment (`controlled`, `uncontrolled`).
    pub safety: Option<String>,
    /// Who opened it.
    pub created_by: String,
    /// When (formatted).
    pub created_at: String,
    /// Its findings.
    pub findings: Vec<CaseFinding>,
    /// One clock per jurisdiction and obligation.
    pub clocks: Vec<ClockItem>,
    /// Reporting decisions taken.
    pub decisions: Vec<DecisionItem>,
}

/// A finding of a case.
#[derive(Debug, Clone, Default)]
pub struct CaseFinding {
    /// Finding id.
    pub id: i64,
    /// Vulnerability id.
    pub vulnerability: String,
    /// Product and release, e.g. `IP-200 3.1`.
    pub release: String,
    /// Analysis state.
    pub state: String,
}

/// One regulatory clock.
#[derive(Debug, Clone, Default)]
pub struct ClockItem {
    /// Jurisdiction (`jp`, `us`, `eu`, …).
    pub jurisdiction: String,
    /// Obligation, as the rule table names it.
    pub obligation: String,
    /// The report's name, e.g. `不具合等報告（15日）`.
    pub report: Option<String>,
    /// Where the clock stands.
    pub status: ClockStatus,
    /// How the date was counted, in words.
    pub basis: String,
    /// Whether the applying rule was checked against its source.
    pub verified: bool,
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClockStatus {
    /// Due on the date, in `days_left` days (0: today).
    Due {
        /// The deadline.
        due: Date,
        /// Days from today (0 or more).
        days_left: i64,
    },
    /// Past the deadline by `days` days.
    Overdue {
        /// The deadline.
        due: Date,
        /// Days past it (1 or more).
        days: i64,
    },
    /// The rule applies but its start date is not known yet (no correction initiated).
    AwaitingAnchor,
    /// No report is required.
    #[default]
    NotRequired,
}

/// A reporting decision.
#[derive(Debug, Clone, Default)]
pub struct DecisionItem {
    /// Jurisdiction.
    pub jurisdiction: String,
    /// Obligation.
    pub obligation: String,
    /// Whether a report is required.
    pub report_required: bool,
    /// Why.
    pub reason: String,
    /// Who decided.
    pub decided_by: String,
    /// When (formatted).
    pub decided_at: String,
}

/// The advisories list.
#[derive(Debug, Clone, Default)]
pub struct AdvisoriesView {
    /// Advisories, newest first (hospital users get published ones only).
    pub rows: Vec<AdvisoryItem>,
    /// The maker's view: links to each advisory's notices and impact.
    pub psirt: bool,
    /// The reader may share advisories with organizations (the share forms are shown).
    pub can_share: bool,
    /// The hospitals and distributors an advisory can be shared with: `(id, name)`.
    pub organizations: Vec<(i64, String)>,
}

/// One advisory.
#[derive(Debug, Clone, Default)]
pub struct AdvisoryItem {
    /// Id (download links under `/api/v1/advisories/{id}/…`).
    pub id: i64,
    /// CSAF tracking id.
    pub tracking_id: String,
    /// Title.
    pub title: String,
    /// `draft`, `interim`, `final` (CSAF tracking status).
    pub status: String,
    /// Aggregate severity.
    pub severity: Option<String>,
    /// Document version.
    pub version: String,
    /// Initial release date.
    pub published: Option<Date>,
    /// Current release date.
    pub updated: Option<Date>,
    /// TLP label (`CLEAR`, `GREEN`, `AMBER`, `RED`).
    pub tlp: String,
    /// Whether a revision has been published (downloads exist).
    pub published_revision: bool,
    /// One VEX download pair per covered release the reader may see.
    pub vex: Vec<AdvisoryVex>,
    /// The organizations it is shared with by name (maker's view only): `(id, name)`.
    pub shared_with: Vec<(i64, String)>,
}

/// The VEX downloads of one release an advisory covers.
#[derive(Debug, Clone, Default)]
pub struct AdvisoryVex {
    /// Release id (`?release=`).
    pub release_id: i64,
    /// Product and version, as a label.
    pub release: String,
}

/// The feeds status page.
#[derive(Debug, Clone, Default)]
pub struct FeedsView {
    /// One row per feed.
    pub rows: Vec<FeedItem>,
    /// Whether to show "sync now" (POST `/feeds/{source}/sync`).
    pub can_sync: bool,
}

/// One feed's latest run.
#[derive(Debug, Clone, Default)]
pub struct FeedItem {
    /// Source name (`osv`, `nvd`, `kev`, `epss`, `jvn`, …).
    pub source: String,
    /// When its last run finished (formatted).
    pub last_run: Option<String>,
    /// `ok`, `problems` or `failed`.
    pub outcome: Option<String>,
    /// Files read.
    pub files: u64,
    /// Records imported.
    pub records: u64,
    /// The last run's error.
    pub error: Option<String>,
}

/// The users admin page.
#[derive(Debug, Clone, Default)]
pub struct UsersView {
    /// Users.
    pub rows: Vec<UserItem>,
    /// Organizations for the new-user form as (id, name); the form (POST `/admin/users`:
    /// `email`, `name`, `role`, `org`, `password`) is shown when not empty.
    pub orgs: Vec<(i64, String)>,
}

/// One user.
#[derive(Debug, Clone)]
pub struct UserItem {
    /// Id (POST `/admin/users/{id}/disable` or `/enable`).
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Role.
    pub role: Role,
    /// Organization name.
    pub org: String,
    /// Whether the account is disabled.
    pub disabled: bool,
    /// Last sign-in (formatted).
    pub last_sign_in: Option<String>,
}

/// The API tokens page.
#[derive(Debug, Clone, Default)]
pub struct TokensView {
    /// Tokens.
    pub rows: Vec<TokenItem>,
    /// A token just created: its plaintext is shown this once.
    pub created: Option<NewToken>,
    /// Scopes the new-token form offers (POST `/tokens`: `name`, `scope` repeated, `expires`).
    pub scopes: Vec<String>,
}

/// One API token.
#[derive(Debug, Clone, Default)]
pub struct TokenItem {
    /// Id (POST `/tokens/{id}/revoke`).
    pub id: i64,
    /// Name.
    pub name: String,
    /// Scopes.
    pub scopes: Vec<String>,
    /// Created (formatted).
    pub created: String,
    /// Expiry.
    pub expires: Option<Date>,
    /// Last used (formatted).
    pub last_used: Option<String>,
    /// Revoked.
    pub revoked: bool,
    /// Past its expiry.
    pub expired: bool,
}

/// A token just created.
#[derive(Debug, Clone, Default)]
pub struct NewToken {
    /// Its name.
    pub name: String,
    /// The secret, shown once.
    pub plaintext: String,
}

/// The organizations admin page.
#[derive(Debug, Clone, Default)]
pub struct OrgsView {
    /// Organizations.
    pub rows: Vec<OrgItem>,
    /// Whether to show the new-organization form (POST `/admin/organizations`: `name`, `kind`).
    pub can_create: bool,
}

/// One organization.
#[derive(Debug, Clone, Default)]
pub struct OrgItem {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// `maker`, `hospital` or `distributor`.
    pub kind: String,
    /// Number of users.
    pub users: u64,
}

/// The jobs admin page.
#[derive(Debug, Clone, Default)]
pub struct JobsView {
    /// Counts per state as (state, count): `queued`, `running`, `failed`, `dead`, …
    pub counts: Vec<(String, u64)>,
    /// The state filter (GET `/admin/jobs?state=`), empty for all.
    pub state: String,
    /// Jobs.
    pub rows: Vec<JobItem>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// One job.
#[derive(Debug, Clone, Default)]
pub struct JobItem {
    /// Id (POST `/admin/jobs/{id}/retry` for failed and dead jobs).
    pub id: i64,
    /// Kind (`feed_sync`, `rematch`, …).
    pub kind: String,
    /// State.
    pub state: String,
    /// Attempts made.
    pub attempts: u32,
    /// Attempts allowed.
    pub max_attempts: u32,
    /// When it runs next or ran (formatted).
    pub run_at: String,
    /// The last error.
    pub last_error: Option<String>,
}

/// An error page.
#[derive(Debug, Clone, Default)]
pub struct ErrorView {
    /// The HTTP status (403, 404, 500, …).
    pub status: u16,
    /// The request id, for a report to the administrator.
    pub request_id: Option<String>,
}

/// A hospital's devices page (GET `/devices`).
#[derive(Debug, Clone, Default)]
pub struct DevicesView {
    /// The organization's devices in service.
    pub rows: Vec<DeviceItem>,
}

/// One installed device.
#[derive(Debug, Clone, Default)]
pub struct DeviceItem {
    /// Serial number.
    pub serial: String,
    /// Product name.
    pub product: String,
    /// Release version it runs.
    pub release: String,
    /// Site (building, campus).
    pub site: Option<String>,
    /// Location within the site (ward, room).
    pub location: Option<String>,
    /// The release's end of support.
    pub end_of_support: Option<Date>,
    /// Whether today is after it.
    pub past_eos: bool,
    /// The published advisories covering the release, as "tracking id: vulnerability ids"
    /// (a device past end of support stays listed with them: no fix will come).
    pub advisories: Vec<String>,
}

/// A hospital's shared documents (GET `/documents`): the SBOMs of the releases it runs.
#[derive(Debug, Clone, Default)]
pub struct DocumentsView {
    /// One row per release.
    pub rows: Vec<DocumentItem>,
}

/// The documents of one release.
#[derive(Debug, Clone, Default)]
pub struct DocumentItem {
    /// Release id (downloads: `/api/v1/releases/{id}/sbom` and `…?format=spdx`).
    pub release_id: i64,
    /// Product name.
    pub product: String,
    /// Release version.
    pub release: String,
    /// Whether the release has an SBOM to download.
    pub has_sbom: bool,
    /// The approved disclosure documents of the release (MDS2, MDS/SDS).
    pub disclosures: Vec<DisclosureLink>,
}

/// One approved disclosure document (downloads:
/// `/api/v1/releases/{release}/disclosures/{form}?format=xlsx&lang=ja|en`).
#[derive(Debug, Clone, Default)]
pub struct DisclosureLink {
    /// Form id (`mds2`, `mds-sds`).
    pub form_id: String,
    /// Form title in the page's language.
    pub title: String,
    /// Revision number.
    pub revision: i64,
    /// When it was approved (formatted).
    pub approved: String,
}

/// The public vulnerability report form (GET `/report`, no account).
#[derive(Debug, Clone, Default)]
pub struct ReportFormView {
    /// Why the last attempt was refused.
    pub error: Option<Message>,
    /// What the reporter typed, to fill the form again after a refusal.
    pub values: ReportFormValues,
    /// Most attachments per report.
    pub max_attachments: usize,
    /// Largest attachment, in MiB.
    pub max_attachment_mib: u64,
    /// The maker's name, as the page addresses it.
    pub maker: String,
}

/// The report form's fields.
#[derive(Debug, Clone, Default)]
pub struct ReportFormValues {
    /// Reporter's name.
    pub name: String,
    /// Reporter's email.
    pub email: String,
    /// Reporter's organization.
    pub org: String,
    /// `researcher`, `hospital`, `supplier`, `jpcert`, `internal`.
    pub source: String,
    /// Product.
    pub product: String,
    /// Version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Name to credit.
    pub credit: String,
}

/// One message of a report's thread.
#[derive(Debug, Clone, Default)]
pub struct ReportThreadItem {
    /// The PSIRT member, or `reporter`.
    pub author: String,
    /// Written by the PSIRT.
    pub from_psirt: bool,
    /// Shown to the reporter.
    pub visible: bool,
    /// Text.
    pub body: String,
    /// When (already formatted).
    pub at: String,
}

/// An attachment's line.
#[derive(Debug, Clone, Default)]
pub struct ReportFileItem {
    /// Id.
    pub id: i64,
    /// File name.
    pub name: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256, hex.
    pub sha256: String,
}

/// The reporter's status page (GET `/report/status/{secret}`).
#[derive(Debug, Clone, Default)]
pub struct ReportStatusView {
    /// Tracking id.
    pub tracking_id: String,
    /// Status code (`received`, …).
    pub status: String,
    /// When it arrived (formatted).
    pub received: String,
    /// Product and version as reported.
    pub product: String,
    /// Title.
    pub title: String,
    /// Attachments.
    pub files: Vec<ReportFileItem>,
    /// The visible thread.
    pub messages: Vec<ReportThreadItem>,
    /// Where the reply form posts (the page's own path).
    pub action: String,
    /// Shown once, right after filing: keep this link.
    pub just_filed: bool,
}

/// The PSIRT's report queue (GET `/reports`).
#[derive(Debug, Clone, Default)]
pub struct ReportsView {
    /// Reports, newest first.
    pub rows: Vec<ReportListItem>,
}

/// One report in the queue.
#[derive(Debug, Clone, Default)]
pub struct ReportListItem {
    /// Id.
    pub id: i64,
    /// Tracking id.
    pub tracking_id: String,
    /// Source code.
    pub source: String,
    /// Status code.
    pub status: String,
    /// Title.
    pub title: String,
    /// Product and version as reported.
    pub product: String,
    /// When it arrived (formatted).
    pub received: String,
    /// The case it became.
    pub case: Option<i64>,
}

/// One report for the PSIRT (GET `/reports/{id}`).
#[derive(Debug, Clone, Default)]
pub struct ReportView {
    /// The queue's fields.
    pub item: ReportListItem,
    /// Reporter's name, email and organization.
    pub reporter: String,
    /// Reporter's language.
    pub lang: String,
    /// Description.
    pub description: String,
    /// Name to credit.
    pub credit: Option<String>,
    /// Attachments.
    pub files: Vec<ReportFileItem>,
    /// The whole thread, internal notes included.
    pub messages: Vec<ReportThreadItem>,
    /// Whether the user may answer, change the status and open the case.
    pub can_act: bool,
}

/// Notices (GET `/notices`): a hospital's own, with a form per device; the maker's list.
#[derive(Debug, Clone, Default)]
pub struct NoticesView {
    /// Whether the reader is the hospital the notices are for (it may answer them).
    pub can_answer: bool,
    /// Notices, newest first.
    pub rows: Vec<NoticeItem>,
}

/// One notice.
#[derive(Debug, Clone, Default)]
pub struct NoticeItem {
    /// Id.
    pub id: i64,
    /// `advisory` or `eos`.
    pub kind: String,
    /// The organization it is for.
    pub org: String,
    /// Title in the page's language.
    pub title: String,
    /// The advisory's id and tracking id, for advisory notices.
    pub advisory: Option<(i64, String)>,
    /// End of support, for end-of-support notices.
    pub end_of_support: Option<Date>,
    /// `queued`, `sent`, `acknowledged`.
    pub state: String,
    /// When queued (formatted).
    pub queued: String,
    /// Who acknowledged and when (formatted).
    pub acknowledged: Option<String>,
    /// Its devices.
    pub devices: Vec<NoticeDeviceItem>,
}

/// A device of a notice and the hospital's answer.
#[derive(Debug, Clone, Default)]
pub struct NoticeDeviceItem {
    /// Installed device id.
    pub id: i64,
    /// Serial number.
    pub serial: String,
    /// Product and version.
    pub product: String,
    /// Site and location.
    pub place: String,
    /// `patch_applied` or `mitigation_in_place`.
    pub response: Option<String>,
    /// Its note.
    pub note: Option<String>,
}

/// An advisory's acknowledgement status for the maker (GET `/advisories/{id}/notices`).
#[derive(Debug, Clone, Default)]
pub struct NoticeStatusView {
    /// Advisory tracking id.
    pub tracking_id: String,
    /// Advisory title.
    pub title: String,
    /// One row per organization told.
    pub rows: Vec<NoticeStatusItem>,
}

/// One organization's answer to an advisory.
#[derive(Debug, Clone, Default)]
pub struct NoticeStatusItem {
    /// Organization.
    pub org: String,
    /// `queued`, `sent`, `acknowledged`.
    pub state: String,
    /// Who acknowledged and when (formatted).
    pub acknowledged: Option<String>,
    /// Reminders sent.
    pub reminders: i64,
    /// Devices listed, patched, mitigated, without an answer.
    pub devices: (i64, i64, i64, i64),
}

/// Inquiries (GET `/inquiries`): a hospital's own with a form for a new one; the PSIRT's queue.
#[derive(Debug, Clone, Default)]
pub struct InquiriesView {
    /// Whether the reader is a hospital (it may ask).
    pub can_ask: bool,
    /// Inquiries in the store's order (the PSIRT's: unacknowledged by target first).
    pub rows: Vec<InquiryItem>,
}

/// One inquiry in a list.
#[derive(Debug, Clone, Default)]
pub struct InquiryItem {
    /// Id.
    pub id: i64,
    /// Asking organization.
    pub org: String,
    /// Subject.
    pub subject: String,
    /// `affects-cve`, `document-request`, `other`.
    pub kind: String,
    /// `open`, `answered`, `closed`.
    pub status: String,
    /// Acknowledgement target (formatted).
    pub ack_due: String,
    /// Acknowledged (formatted), if so.
    pub acknowledged: Option<String>,
    /// Past its target without acknowledgement.
    pub overdue: bool,
}

/// One inquiry with its thread (GET `/inquiries/{id}`).
#[derive(Debug, Clone, Default)]
pub struct InquiryView {
    /// The list's fields.
    pub item: InquiryItem,
    /// The vulnerability asked about.
    pub vulnerability: Option<String>,
    /// The thread.
    pub messages: Vec<ReportThreadItem>,
    /// Whether the reader may acknowledge it (the PSIRT, while unacknowledged).
    pub can_acknowledge: bool,
    /// Whether the reader may reply.
    pub can_reply: bool,
}

/// Impact at a glance (GET `/impact`): which hospitals, sites and devices a vulnerability, an
/// advisory or a component version touches.
#[derive(Debug, Clone, Default)]
pub struct ImpactView {
    /// What the query is by: `vulnerability`, `advisory`, `purl`, `component`.
    pub by: String,
    /// The id, tracking id, purl or component name asked about.
    pub q: String,
    /// The component version (with `by = component`).
    pub version: String,
    /// Why the query could not be answered.
    pub error: Option<String>,
    /// The answer, once asked.
    pub result: Option<ImpactResult>,
}

/// An impact answer, shaped for the page.
#[derive(Debug, Clone, Default)]
pub struct ImpactResult {
    /// Every id of the vulnerability's alias group that was looked for.
    pub ids: Vec<String>,
    /// Devices still affected.
    pub affected: usize,
    /// Devices patched.
    pub patched: usize,
    /// Affected devices past end of support.
    pub legacy: usize,
    /// Affected devices with a patch or mitigation reported by the hospital.
    pub reported: usize,
    /// Hospitals with a device listed.
    pub hospitals: usize,
    /// Sites with a device listed.
    pub sites: usize,
    /// Releases: affected ones first, then those patched devices run.
    pub releases: Vec<ImpactReleaseItem>,
    /// Per hospital, by name.
    pub rows: Vec<ImpactHospitalItem>,
    /// Device rows were cut at this many (the CSV download has them all).
    pub truncated_at: Option<usize>,
    /// The query string of the CSV download (`/impact.csv?…`).
    pub csv_query: String,
}

/// A release in an impact answer.
#[derive(Debug, Clone, Default)]
pub struct ImpactReleaseItem {
    /// Product name.
    pub product: String,
    /// Version.
    pub version: String,
    /// End of support.
    pub end_of_support: Option<Date>,
    /// Past its end of support.
    pub legacy: bool,
    /// Affected (else a release patched devices moved to).
    pub affected: bool,
}

/// A hospital's share of an impact answer.
#[derive(Debug, Clone, Default)]
pub struct ImpactHospitalItem {
    /// Name.
    pub name: String,
    /// Devices still affected.
    pub affected: usize,
    /// Devices patched.
    pub patched: usize,
    /// Affected devices past end of support.
    pub legacy: usize,
    /// Affected devices with a patch or mitigation reported by the hospital.
    pub reported: usize,
    /// Sites listed.
    pub sites: usize,
    /// Its devices (possibly cut, see [`ImpactResult::truncated_at`]).
    pub devices: Vec<ImpactDeviceItem>,
}

/// A device in an impact answer.
#[derive(Debug, Clone, Default)]
pub struct ImpactDeviceItem {
    /// Site name.
    pub site: Option<String>,
    /// Serial number.
    pub serial: String,
    /// Product and version it runs.
    pub release: String,
    /// Location in the site.
    pub location: Option<String>,
    /// Network exposure code (`isolated`, `clinical-lan`, …).
    pub exposure: Option<String>,
    /// `affected` or `patched`.
    pub status: String,
    /// On a release past end of support.
    pub legacy: bool,
    /// What the hospital reported in answer to a notice (`patch_applied`, `mitigation_in_place`).
    pub reported: Option<String>,
}

/// A release's disclosure document (MDS2 or MDS/SDS) for the maker's staff: the answers of the
/// latest revision as a form, and the revision history (GET `/releases/{id}/disclosures/{form}`).
#[derive(Debug, Clone, Default)]
pub struct DisclosureView {
    /// Release id.
    pub release_id: i64,
    /// Product name.
    pub product: String,
    /// Release version.
    pub release: String,
    /// Form id (`mds2`, `mds-sds`).
    pub form_id: String,
    /// Form title in the page's language.
    pub form_title: String,
    /// Whether the form's item list was checked against the official form.
    pub confirmed: bool,
    /// Where the item list comes from, and what is uncertain about it.
    pub source_note: String,
    /// The revision the answers shown come from.
    pub revision: Option<i64>,
    /// Sections with their items.
    pub sections: Vec<DisclosureSectionItem>,
    /// Revisions, newest first.
    pub revisions: Vec<DisclosureRevisionItem>,
    /// Whether to show the save button.
    pub can_edit: bool,
    /// Whether to show approve buttons.
    pub can_approve: bool,
}

/// A section of a disclosure form.
#[derive(Debug, Clone, Default)]
pub struct DisclosureSectionItem {
    /// Section id.
    pub id: String,
    /// Title in the page's language.
    pub title: String,
    /// Its items.
    pub items: Vec<DisclosureItemRow>,
}

/// One question of a disclosure form with its current answer.
#[derive(Debug, Clone, Default)]
pub struct DisclosureItemRow {
    /// Item id (form fields `a:{id}` and `n:{id}`).
    pub id: String,
    /// The question in the page's language.
    pub text: String,
    /// Whether approval needs an answer.
    pub required: bool,
    /// The answers allowed (`yes`, `no`, `n/a`, `see_note`).
    pub choices: Vec<String>,
    /// The current answer.
    pub answer: Option<String>,
    /// The current note.
    pub note: String,
}

/// One revision of a disclosure document.
#[derive(Debug, Clone, Default)]
pub struct DisclosureRevisionItem {
    /// 1, 2, …
    pub number: i64,
    /// What it changed.
    pub comment: String,
    /// Who saved it and when.
    pub created: String,
    /// Who approved it and when.
    pub approved: Option<String>,
}
