//! The command-line grammar, as `../shared/docs/cli.md` fixes it (names, flags and exit codes are a contract).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Mamori (守り): a medical-device maker's PSIRT, end to end.
#[derive(Debug, Parser)]
#[command(name = "mamori", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Database: sqlite://PATH (default, created on first use) or postgres://…
    #[arg(long, global = true, env = "MAMORI_DATABASE_URL", default_value = mamori_store::DEFAULT_URL)]
    pub db: String,
    /// Language of messages for people: ja or en (default from LANG).
    #[arg(long, global = true, value_parser = ["ja", "en"])]
    pub lang: Option<String>,
    /// Who is acting, recorded with approvals and imports (default: the login name).
    #[arg(long = "user", global = true, env = "MAMORI_USER")]
    pub user: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check, convert, import, compare and approve SBOMs.
    #[command(subcommand)]
    Sbom(SbomCmd),
    /// Manage products.
    #[command(subcommand)]
    Product(ProductCmd),
    /// Manage releases of a product.
    #[command(subcommand)]
    Release(ReleaseCmd),
    /// Parse and canonicalize package URLs.
    #[command(subcommand)]
    Purl(PurlCmd),
    /// Compare versions and test ranges in any ecosystem's order.
    #[command(subcommand)]
    Version(VersionCmd),
    /// Score CVSS 2.0, 3.0, 3.1 and 4.0 vectors.
    Cvss(CvssArgs),
    /// Import vulnerability feeds and show what the database holds.
    #[command(subcommand)]
    Db(DbCmd),
    /// Match one SBOM against the vulnerability database, without storing it.
    Scan(ScanArgs),
    /// The releases whose current SBOM contains a component (a purl or a CPE).
    Where(WhereArgs),
    /// The releases affected by a vulnerability (CVE, GHSA, JVNDB or vendor id; aliases followed).
    Affected(AffectedArgs),
    /// List and triage the stored findings of every release.
    #[command(subcommand)]
    Finding(FindingCmd),
    /// Triage rules that carry a decision over to later releases and other products.
    #[command(subcommand)]
    Rule(RuleCmd),
    /// Regulatory cases: findings with the facts that decide reports to PMDA, FDA and EU authorities, and their deadlines.
    #[command(subcommand)]
    Case(CaseCmd),
    /// Verify and export the tamper-evident audit record.
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Validate CSAF 2.0 documents (schema, mandatory tests 6.1.x; optional 6.2.x as warnings).
    #[command(subcommand)]
    Csaf(CsafCmd),
    /// Run the web console, the hospital portal and the API.
    Serve(ServeArgs),
    /// Which hospitals, sites and devices a vulnerability, advisory or component version touches, and which are patched.
    Impact(crate::commands::impact::ImpactArgs),
    /// The installed base: import hospitals' device lists (CSV, xlsx).
    #[command(subcommand)]
    Installed(crate::commands::installed::InstalledCmd),
    /// Suppliers' VEX (CycloneDX, OpenVEX, CSAF): import as suggested analyses, accept or reject them.
    #[command(subcommand)]
    Vex(crate::commands::vex::VexCmd),
}

#[derive(Debug, Subcommand)]
pub enum SbomCmd {
    /// Validate an SBOM and grade it against the CISA 2024 baseline and NTIA minimum elements.
    Check {
        /// CycloneDX (JSON/XML) or SPDX (JSON/tag-value) file.
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Convert an SBOM to CycloneDX 1.6 or SPDX 2.3.
    Convert {
        /// Input file.
        file: PathBuf,
        /// cyclonedx-json, cyclonedx-xml, spdx-json or spdx-tv.
        #[arg(long, value_parser = ["cyclonedx-json", "cyclonedx-xml", "spdx-json", "spdx-tv"])]
        to: String,
        /// Output file (default: stdout).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Store an SBOM for a release (created if missing).
    Import {
        /// The SBOM file.
        file: PathBuf,
        /// Product name or id.
        #[arg(long)]
        product: String,
        /// Release version.
        #[arg(long)]
        release: String,
        /// The supplier's name, for an SBOM received from a supplier.
        #[arg(long)]
        supplier: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Approve a release's current SBOM (recorded with who and when).
    Approve {
        /// Product name or id.
        #[arg(long)]
        product: String,
        /// Release version.
        #[arg(long)]
        release: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Compare two SBOMs: files or PRODUCT@VERSION.
    Diff {
        /// Old SBOM: a file or PRODUCT@VERSION.
        a: String,
        /// New SBOM: a file or PRODUCT@VERSION.
        b: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProductCmd {
    /// Add a product.
    Add {
        /// Unique name.
        name: String,
        /// Vendor.
        #[arg(long)]
        vendor: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List products.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReleaseCmd {
    /// Add a release with its lifecycle dates (ISO 8601).
    Add {
        /// Product name or id.
        product: String,
        /// Version label.
        version: String,
        /// General availability date.
        #[arg(long)]
        ga: Option<String>,
        /// End-of-sale date.
        #[arg(long)]
        end_of_sale: Option<String>,
        /// End-of-support date.
        #[arg(long)]
        eos: Option<String>,
        /// End-of-life date.
        #[arg(long)]
        eol: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List a product's releases.
    List {
        /// Product name or id.
        product: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PurlCmd {
    /// Split a package URL into its parts.
    Parse {
        /// The package URL (omit with --batch).
        purl: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Read one package URL per line from stdin.
        #[arg(long)]
        batch: bool,
    },
    /// Print the canonical form of a package URL.
    Canonical {
        /// The package URL (omit with --batch).
        purl: Option<String>,
        /// Read one package URL per line from stdin.
        #[arg(long)]
        batch: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum VersionCmd {
    /// Compare two versions: prints <, = or >.
    Compare {
        /// Scheme: an OSV ecosystem (npm, PyPI, Maven, Debian…) or semver, rpm, deb, generic.
        scheme: Option<String>,
        /// First version.
        a: Option<String>,
        /// Second version.
        b: Option<String>,
        /// Read SCHEME<TAB>A<TAB>B lines from stdin.
        #[arg(long)]
        batch: bool,
    },
    /// Test whether a version is in a vers: range: prints true or false.
    Satisfies {
        /// Scheme.
        scheme: Option<String>,
        /// Version.
        version: Option<String>,
        /// A vers: range.
        range: Option<String>,
        /// Read SCHEME<TAB>VERSION<TAB>RANGE lines from stdin.
        #[arg(long)]
        batch: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbCmd {
    /// Import vulnerability feed files, folders (recursively) or zip files; one transaction per file.
    Import {
        /// Files, folders or zip files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The feed, or auto to detect each file.
        #[arg(long, default_value = "auto", value_parser = ["auto", "osv", "nvd", "cve5", "kev", "epss", "jvn", "csaf"])]
        source: String,
        /// Print per-source counts as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Download the configured feeds (incrementally where the feed allows) and import them.
    Sync(crate::commands::SyncArgs),
    /// Count vulnerabilities by source, aliases, SBOMs, components and findings.
    Stats {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Check the hash chain of the audit record: exit 0 intact, 1 broken (naming the event).
    Verify {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the audit record as JSON Lines, one event per line, in order.
    Export {
        /// Output file (default: stdout).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct CvssArgs {
    /// A CVSS vector (omit with --batch).
    pub vector: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Read one vector per line from stdin.
    #[arg(long)]
    pub batch: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// The SBOM file.
    pub sbom: PathBuf,
    /// table, json, sarif, or a VEX document: cyclonedx-vex, openvex, csaf-vex.
    #[arg(long, default_value = "table", value_parser = ["table", "json", "sarif", "cyclonedx-vex", "openvex", "csaf-vex"])]
    pub format: String,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_parser = ["low", "medium", "high", "critical"])]
    pub fail_on: Option<String>,
    /// Output file (default: stdout).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Show why each candidate record did or did not match this package URL.
    #[arg(long, value_name = "PURL")]
    pub explain: Option<String>,
    /// Also match language packages by CPE (off by default: their purl sources are exact).
    #[arg(long)]
    pub cpe_for_language_packages: bool,
    /// Also match the product's own first-party components.
    #[arg(long)]
    pub match_first_party: bool,
    /// The VEX document's publisher (default: the SBOM's supplier or manufacturer).
    #[arg(long, env = "MAMORI_PUBLISHER")]
    pub publisher: Option<String>,
    /// The publisher's namespace, an https:// URL (CSAF `publisher.namespace`).
    #[arg(
        long,
        env = "MAMORI_PUBLISHER_NAMESPACE",
        default_value = "https://psirt.invalid"
    )]
    pub namespace: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (overrides the settings file and MAMORI_LISTEN).
    #[arg(long)]
    pub listen: Option<String>,
    /// Settings file (TOML; see docs/server.toml). MAMORI_* variables override it.
    #[arg(long, env = "MAMORI_CONFIG")]
    pub config: Option<std::path::PathBuf>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn grammar_is_consistent() {
        super::Cli::command().debug_assert();
    }
}

#[derive(Debug, Args)]
pub struct WhereArgs {
    /// A package URL (without a version: any version) or a CPE 2.3 / 2.2 name.
    pub component: String,
    /// Only versions in this `vers:` range (with a purl).
    #[arg(long)]
    pub range: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AffectedArgs {
    /// CVE-…, GHSA-…, JVNDB-… or a vendor advisory id.
    pub id: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum FindingCmd {
    /// List open findings, most severe first.
    List {
        /// Product name or id.
        #[arg(long)]
        product: Option<String>,
        /// Release version.
        #[arg(long)]
        release: Option<String>,
        /// Analysis state (in_triage, under_investigation, exploitable, not_affected, false_positive, resolved).
        #[arg(long)]
        state: Option<String>,
        /// Severity (critical, high, medium, low, none, unknown).
        #[arg(long, value_parser = ["critical", "high", "medium", "low", "none", "unknown"])]
        severity: Option<String>,
        /// Only vulnerabilities in the CISA KEV catalog.
        #[arg(long)]
        kev: bool,
        /// Only findings due on or before this date (YYYY-MM-DD).
        #[arg(long)]
        due: Option<String>,
        /// Include findings that no longer match (resolved by an SBOM or feed change).
        #[arg(long)]
        all: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Record the analysis of a finding (audited).
    Set {
        /// Finding id.
        id: i64,
        /// in_triage, under_investigation, exploitable (affected), not_affected, false_positive, resolved (fixed), resolved_with_pedigree.
        #[arg(long)]
        state: String,
        /// Why it is not affected (CycloneDX or OpenVEX names).
        #[arg(long)]
        justification: Option<String>,
        /// can_not_fix, will_not_fix, update, rollback, workaround_available.
        #[arg(long)]
        response: Option<String>,
        /// Free text: the analysis, for people (English, or the only language written).
        #[arg(long)]
        detail: Option<String>,
        /// The same analysis in Japanese.
        #[arg(long)]
        detail_ja: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum RuleCmd {
    /// Add a rule; it applies at once to open findings still in triage, and to later ones.
    Add {
        /// The component: a purl (its version is ignored) or a name.
        #[arg(long)]
        component: String,
        /// The vulnerability id (any id of its group).
        #[arg(long = "vuln")]
        vulnerability: String,
        /// Limit to one product (name or id); default every product.
        #[arg(long)]
        product: Option<String>,
        /// The state it sets.
        #[arg(long)]
        state: String,
        /// Justification.
        #[arg(long)]
        justification: Option<String>,
        /// Response.
        #[arg(long)]
        response: Option<String>,
        /// Detail text (English, or the only language written).
        #[arg(long)]
        detail: Option<String>,
        /// Detail text in Japanese.
        #[arg(long)]
        detail_ja: Option<String>,
        /// Why the decision carries over (required).
        #[arg(long)]
        reason: String,
        /// Last day it applies (YYYY-MM-DD, inclusive) or an RFC 3339 time.
        #[arg(long)]
        expires: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the rules.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CsafCmd {
    /// Validate one CSAF 2.0 document: exit 0 valid, 1 invalid (each failure names its test and JSON pointer).
    Validate {
        /// The CSAF JSON file.
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the CSAF provider folder of every published TLP:CLEAR and TLP:GREEN advisory, each
    /// document signed (OpenPGP) and hashed: what the server's /.well-known/csaf/ serves.
    Publish {
        /// The folder to write (created if missing; it must be empty or an earlier publication,
        /// whose files no longer published are removed). Keep its green/ folder access-controlled.
        #[arg(long)]
        out: PathBuf,
        /// Settings file (TOML; see docs/server.toml) for public_url, maker_name and
        /// signing_passphrase. MAMORI_* variables override it.
        #[arg(long, env = "MAMORI_CONFIG")]
        config: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The OpenPGP keys the provider folder is signed with.
    #[command(subcommand)]
    Key(CsafKeyCmd),
}

#[derive(Debug, Subcommand)]
pub enum CsafKeyCmd {
    /// Generate a new signing key; it becomes the active key (protected by MAMORI_SIGNING_PASSPHRASE when set).
    Generate {
        /// Settings file (TOML) for maker_name and signing_passphrase.
        #[arg(long, env = "MAMORI_CONFIG")]
        config: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the signing keys, newest first (the active key is the newest not retired).
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a public key, armored (default: the active key).
    Export {
        /// The key's fingerprint.
        fingerprint: Option<String>,
    },
    /// Retire a key: it signs nothing more.
    Retire {
        /// The key's fingerprint.
        fingerprint: String,
        /// Why (recorded in the audit record).
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CaseCmd {
    /// Open a case over findings; prints each jurisdiction's reporting deadline.
    Open {
        /// Title.
        #[arg(long)]
        title: String,
        /// A finding id (repeat for more).
        #[arg(long = "finding", required = true)]
        findings: Vec<i64>,
        /// When the maker became aware (YYYY-MM-DD).
        #[arg(long)]
        aware: String,
        /// Worst patient harm caused or possible: none, non_serious, serious, death.
        #[arg(long, default_value = "none", value_parser = ["none", "non_serious", "serious", "death"])]
        harm: String,
        /// The harm occurred (default: it could occur).
        #[arg(long)]
        occurred: bool,
        /// The harm is expected from the labelling (既知).
        #[arg(long)]
        expected: bool,
        /// Unanticipated serious deterioration in health (EU MDR).
        #[arg(long)]
        unanticipated: bool,
        /// Serious public health threat (EU MDR).
        #[arg(long)]
        public_health_threat: bool,
        /// Patient-safety assessment: controlled or uncontrolled.
        #[arg(long, value_parser = ["controlled", "uncontrolled"])]
        safety: Option<String>,
        /// When a correction or removal was initiated (YYYY-MM-DD; 21 CFR 806).
        #[arg(long)]
        correction: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Record whether a report is required for one obligation, and why (audited).
    Decide {
        /// Case id.
        id: i64,
        /// jp, us or eu.
        #[arg(long)]
        jurisdiction: String,
        /// The obligation (default: the jurisdiction's only or first one, e.g. pmda-defect-report).
        #[arg(long)]
        obligation: Option<String>,
        /// yes or no.
        #[arg(long, value_parser = ["yes", "no"])]
        report: String,
        /// Why (required).
        #[arg(long)]
        reason: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List cases with their deadlines and decisions.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}
