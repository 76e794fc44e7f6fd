//! Server settings: a documented TOML file, then `MAMORI_*` environment variables over it.
//!
//! Every key has a default that is right for one person trying Mamori on a
//! laptop; `docs/server.toml` in the repository lists them with comments.

use serde::Deserialize;
use std::net::SocketAddr;

/// Why settings could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The TOML file does not parse or has unknown keys.
    #[error("{file}: {message}")]
    Toml {
        /// File name.
        file: String,
        /// What the parser said (it names the line).
        message: String,
    },
    /// An environment variable has a value that does not read.
    #[error("environment variable {name}: {message}")]
    Env {
        /// Variable.
        name: &'static str,
        /// Why.
        message: String,
    },
}

/// Server settings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Address to listen on (`MAMORI_LISTEN`).
    pub listen: SocketAddr,
    /// The URL people reach the server at (`MAMORI_PUBLIC_URL`); `https://…` turns on
    /// secure cookies and HSTS.
    pub public_url: String,
    /// Hours a session lasts (`MAMORI_SESSION_HOURS`).
    pub session_hours: i64,
    /// Largest request body accepted, in bytes (`MAMORI_MAX_UPLOAD_BYTES`).
    pub max_upload_bytes: usize,
    /// Sign-in attempts allowed per client address per minute (`MAMORI_SIGN_IN_PER_MINUTE`).
    pub sign_in_per_minute: u32,
    /// Name of the maker's organization created on first start (`MAMORI_MAKER_NAME`).
    pub maker_name: String,
    /// Run background jobs in this process (`MAMORI_JOBS`: `true`/`false`).
    pub jobs: bool,
    /// Protects the stored OpenPGP key the CSAF provider folder is signed with
    /// (`MAMORI_SIGNING_PASSPHRASE`; better there than in the file). Unset: stored unprotected.
    pub signing_passphrase: Option<String>,
    /// The mail server notices go out through.
    pub smtp: SmtpConfig,
    /// When notices and reminders go out.
    pub notices: NoticeConfig,
    /// The public vulnerability report intake and `/.well-known/security.txt`.
    pub reports: ReportsConfig,
    /// How soon the PSIRT must acknowledge a hospital's inquiry.
    pub inquiries: InquiryConfig,
    /// Where corrected disclosure form definitions are kept.
    pub disclosure: DisclosureConfig,
    /// How PDF documents are made.
    pub pdf: PdfConfig,
}

/// The `[reports]` section: the public intake's limits and what `security.txt` says.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportsConfig {
    /// Reports (and reporter messages) accepted per client address per hour (`MAMORI_REPORTS_PER_HOUR`).
    pub per_hour: u32,
    /// Largest attachment, in bytes (`MAMORI_REPORT_ATTACHMENT_BYTES`).
    pub attachment_bytes: usize,
    /// `Contact:` lines (`mailto:…`, `https://…`); empty: the report form at `public_url`.
    pub contact: Vec<String>,
    /// `Encryption:` — where the PSIRT's OpenPGP key is.
    pub encryption: Option<String>,
    /// `Policy:` — the vulnerability disclosure policy; empty: the report form.
    pub policy: Option<String>,
    /// `Acknowledgments:` — the page thanking reporters.
    pub acknowledgments: Option<String>,
    /// `Preferred-Languages:`.
    pub languages: String,
    /// Days from now `Expires:` names (RFC 9116 asks for less than a year).
    pub expires_days: i64,
}

impl Default for ReportsConfig {
    fn default() -> Self {
        ReportsConfig {
            per_hour: 10,
            attachment_bytes: 10 * 1024 * 1024,
            contact: Vec::new(),
            encryption: None,
            policy: None,
            acknowledgments: None,
            languages: "ja, en".into(),
            expires_days: 180,
        }
    }
}

/// How the SMTP connection is secured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain text (a relay on the same host or a test server).
    None,
    /// Plain, then STARTTLS, required (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// The `[smtp]` section. The user name and password may come from `MAMORI_SMTP_USER` and
/// `MAMORI_SMTP_PASSWORD` instead, so secrets stay out of the file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmtpConfig {
    /// Mail server host; empty: e-mail is not sent (notices wait in the outbox) (`MAMORI_SMTP_HOST`).
    pub host: String,
    /// Port (`MAMORI_SMTP_PORT`).
    pub port: u16,
    /// Sender address, `Name <address>` or a bare address (`MAMORI_SMTP_FROM`).
    pub from: String,
    /// `none`, `starttls` or `tls` (`MAMORI_SMTP_TLS`).
    pub tls: SmtpTls,
    /// User name for AUTH, if the server wants one.
    pub user: Option<String>,
    /// Password for AUTH (better: `MAMORI_SMTP_PASSWORD`).
    pub password: Option<String>,
    /// Connections kept open to the server while a batch is delivered.
    pub connections: u32,
}

impl Default for SmtpConfig {
    fn default() -> Self {
        SmtpConfig {
            host: String::new(),
            port: 587,
            from: "Mamori PSIRT <psirt@mamori.local>".into(),
            tls: SmtpTls::Starttls,
            user: None,
            password: None,
            connections: 4,
        }
    }
}

/// The `[notices]` section.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NoticeConfig {
    /// Days before a release's end of support its hospitals are told (`MAMORI_EOS_LEAD_DAYS`).
    pub eos_lead_days: i64,
    /// Days without an acknowledgement before a reminder, and between reminders (`MAMORI_REMIND_AFTER_DAYS`).
    pub remind_after_days: i64,
}

impl Default for NoticeConfig {
    fn default() -> Self {
        NoticeConfig {
            eos_lead_days: 180,
            remind_after_days: 7,
        }
    }
}

/// The `[pdf]` section.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PdfConfig {
    /// A TrueType/OpenType font with Japanese glyphs (`MAMORI_PDF_FONT`).
    pub font: String,
}

impl Default for PdfConfig {
    fn default() -> Self {
        PdfConfig {
            font: "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf".into(),
        }
    }
}

/// The `[disclosure]` section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DisclosureConfig {
    /// A folder of form definitions (`*.toml`, the layout of the built-in ones) that replace
    /// the built-in MDS2 / MDS/SDS by id or add forms; empty: the built-in ones only
    /// (`MAMORI_DISCLOSURE_FORMS_DIR`).
    pub forms_dir: String,
}

/// The `[inquiries]` section: acknowledgement targets, in hours, per kind of question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct InquiryConfig {
    /// "Does this vulnerability affect our devices?" (`MAMORI_INQUIRY_CVE_HOURS`).
    pub affects_cve_hours: i64,
    /// Requests for documents: MDS2, MDS/SDS, SBOM (`MAMORI_INQUIRY_DOCUMENT_HOURS`).
    pub document_request_hours: i64,
    /// Anything else (`MAMORI_INQUIRY_OTHER_HOURS`).
    pub other_hours: i64,
}

impl Default for InquiryConfig {
    fn default() -> Self {
        let d = mamori_store::AckPolicy::default();
        InquiryConfig {
            affects_cve_hours: d.affects_cve.whole_hours(),
            document_request_hours: d.document_request.whole_hours(),
            other_hours: d.other.whole_hours(),
        }
    }
}

impl InquiryConfig {
    /// The store's policy.
    pub fn policy(&self) -> mamori_store::AckPolicy {
        mamori_store::AckPolicy {
            affects_cve: time::Duration::hours(self.affects_cve_hours),
            document_request: time::Duration::hours(self.document_request_hours),
            other: time::Duration::hours(self.other_hours),
        }
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            public_url: "http://127.0.0.1:8080".into(),
            session_hours: 12,
            max_upload_bytes: 64 * 1024 * 1024,
            sign_in_per_minute: 10,
            maker_name: "Maker".into(),
            jobs: true,
            signing_passphrase: None,
            smtp: SmtpConfig::default(),
            notices: NoticeConfig::default(),
            reports: ReportsConfig::default(),
            inquiries: InquiryConfig::default(),
            disclosure: DisclosureConfig::default(),
            pdf: PdfConfig::default(),
        }
    }
}

impl ServerConfig {
    /// Reads a TOML text (the file name is for messages).
    pub fn from_toml(file: &str, text: &str) -> Result<ServerConfig, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Toml {
            file: file.to_owned(),
            message: e.to_string().trim_end().to_owned(),
        })
    }

    /// Applies `MAMORI_*` variables read through `get` (the caller passes `std::env::var`).
    pub fn with_env(
        mut self,
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<ServerConfig, ConfigError> {
        fn parse<T: std::str::FromStr>(name: &'static str, v: &str) -> Result<T, ConfigError>
        where
            T::Err: std::fmt::Display,
        {
            v.trim().parse().map_err(|e: T::Err| ConfigError::Env {
                name,
                message: e.to_string(),
            })
        }
        if let Some(v) = get("MAMORI_LISTEN") {
            self.listen = parse("MAMORI_LISTEN", &v)?;
        }
        if let Some(v) = get("MAMORI_PUBLIC_URL") {
            self.public_url = v;
        }
        if let Some(v) = get("MAMORI_SESSION_HOURS") {
            self.session_hours = parse("MAMORI_SESSION_HOURS", &v)?;
        }
        if let Some(v) = get("MAMORI_MAX_UPLOAD_BYTES") {
            self.max_upload_bytes = parse("MAMORI_MAX_UPLOAD_BYTES", &v)?;
        }
        if let Some(v) = get("MAMORI_SIGN_IN_PER_MINUTE") {
            self.sign_in_per_minute = parse("MAMORI_SIGN_IN_PER_MINUTE", &v)?;
        }
        if let Some(v) = get("MAMORI_MAKER_NAME") {
            self.maker_name = v;
        }
        if let Some(v) = get("MAMORI_JOBS") {
            self.jobs = parse("MAMORI_JOBS", &v)?;
        }
        if let Some(v) = get("MAMORI_SIGNING_PASSPHRASE") {
            self.signing_passphrase = Some(v).filter(|v| !v.is_empty());
        }
        if let Some(v) = get("MAMORI_SMTP_HOST") {
            self.smtp.host = v;
        }
        if let Some(v) = get("MAMORI_SMTP_PORT") {
            self.smtp.port = parse("MAMORI_SMTP_PORT", &v)?;
        }
        if let Some(v) = get("MAMORI_SMTP_FROM") {
            self.smtp.from = v;
        }
        if let Some(v) = get("MAMORI_SMTP_TLS") {
            self.smtp.tls = match v.trim() {
                "none" => SmtpTls::None,
                "starttls" => SmtpTls::Starttls,
                "tls" => SmtpTls::Tls,
                other => {
                    return Err(ConfigError::Env {
                        name: "MAMORI_SMTP_TLS",
                        message: format!("{other:?}: use none, starttls or tls"),
                    });
                }
            };
        }
        if let Some(v) = get("MAMORI_SMTP_USER") {
            self.smtp.user = Some(v);
        }
        if let Some(v) = get("MAMORI_SMTP_PASSWORD") {
            self.smtp.password = Some(v);
        }
        if let Some(v) = get("MAMORI_REPORTS_PER_HOUR") {
            self.reports.per_hour = parse("MAMORI_REPORTS_PER_HOUR", &v)?;
        }
        if let Some(v) = get("MAMORI_REPORT_ATTACHMENT_BYTES") {
            self.reports.attachment_bytes = parse("MAMORI_REPORT_ATTACHMENT_BYTES", &v)?;
        }
        if let Some(v) = get("MAMORI_EOS_LEAD_DAYS") {
            self.notices.eos_lead_days = parse("MAMORI_EOS_LEAD_DAYS", &v)?;
        }
        if let Some(v) = get("MAMORI_REMIND_AFTER_DAYS") {
            self.notices.remind_after_days = parse("MAMORI_REMIND_AFTER_DAYS", &v)?;
        }
        if let Some(v) = get("MAMORI_PDF_FONT") {
            self.pdf.font = v;
        }
        if let Some(v) = get("MAMORI_DISCLOSURE_FORMS_DIR") {
            self.disclosure.forms_dir = v;
        }
        if let Some(v) = get("MAMORI_INQUIRY_CVE_HOURS") {
            self.inquiries.affects_cve_hours = parse("MAMORI_INQUIRY_CVE_HOURS", &v)?;
        }
        if let Some(v) = get("MAMORI_INQUIRY_DOCUMENT_HOURS") {
            self.inquiries.document_request_hours = parse("MAMORI_INQUIRY_DOCUMENT_HOURS", &v)?;
        }
        if let Some(v) = get("MAMORI_INQUIRY_OTHER_HOURS") {
            self.inquiries.other_hours = parse("MAMORI_INQUIRY_OTHER_HOURS", &v)?;
        }
        Ok(self)
    }

    /// Whether people reach the server over TLS (secure cookies, HSTS).
    pub fn behind_tls(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_file_is_the_defaults() {
        // docs/server.toml lists every key with its default: it must read, and say the same.
        let text = include_str!("../../../docs/server.toml");
        let c = ServerConfig::from_toml("docs/server.toml", text).unwrap();
        let d = ServerConfig::default();
        assert_eq!(
            (
                c.listen,
                &c.public_url,
                c.session_hours,
                c.max_upload_bytes,
                c.sign_in_per_minute,
                &c.maker_name,
                c.jobs
            ),
            (
                d.listen,
                &d.public_url,
                d.session_hours,
                d.max_upload_bytes,
                d.sign_in_per_minute,
                &d.maker_name,
                d.jobs
            )
        );
        assert_eq!(
            (
                &c.smtp.host,
                c.smtp.port,
                &c.smtp.from,
                c.smtp.tls,
                c.smtp.connections,
                c.notices.eos_lead_days,
                c.notices.remind_after_days
            ),
            (
                &d.smtp.host,
                d.smtp.port,
                &d.smtp.from,
                d.smtp.tls,
                d.smtp.connections,
                d.notices.eos_lead_days,
                d.notices.remind_after_days
            )
        );
        assert_eq!(c.reports, d.reports);
        assert_eq!(c.inquiries, d.inquiries);
        assert_eq!(c.disclosure, d.disclosure);
        assert_eq!(c.pdf, d.pdf);
    }

    #[test]
    fn inquiry_targets_from_the_file() {
        let c = ServerConfig::from_toml(
            "mamori.toml",
            "[inquiries]\naffects_cve_hours = 4\nother_hours = 120\n",
        )
        .unwrap();
        let p = c.inquiries.policy();
        assert_eq!(
            (p.affects_cve, p.document_request, p.other),
            (
                time::Duration::hours(4),
                time::Duration::hours(72),
                time::Duration::hours(120)
            )
        );
    }

    #[test]
    fn file_then_environment() {
        let c = ServerConfig::from_toml(
            "mamori.toml",
            "listen = \"0.0.0.0:9000\"\npublic_url = \"https://psirt.example.jp\"\n",
        )
        .unwrap();
        assert_eq!(c.listen.port(), 9000);
        assert!(c.behind_tls());
        assert_eq!(c.session_hours, 12);
        let c = c
            .with_env(|k| (k == "MAMORI_SESSION_HOURS").then(|| "8".to_owned()))
            .unwrap();
        assert_eq!(c.session_hours, 8);
        let bad = ServerConfig::default()
            .with_env(|k| (k == "MAMORI_LISTEN").then(|| "nowhere".to_owned()));
        assert!(
            bad.unwrap_err()
                .to_string()
                .starts_with("environment variable MAMORI_LISTEN")
        );
        let unknown =
            ServerConfig::from_toml("mamori.toml", "listen = \"127.0.0.1:1\"\nlisten_port = 3\n");
        let msg = unknown.unwrap_err().to_string();
        assert!(
            msg.starts_with("mamori.toml:") && msg.contains("listen_port"),
            "{msg}"
        );
    }
}
