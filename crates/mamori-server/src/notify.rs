//! Notices by e-mail: the Japanese and English text of each message, the SMTP sender (lettre over rustls), delivery of the outbox, and the jobs that deliver, scan for coming ends of support and send reminders.
//!
//! The store keeps no prose: it asks [`Texts`] for each recipient's subject and body when a notice
//! or reminder is queued, so what was queued is what is sent even if the text here changes later.

use std::sync::Arc;

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use mamori_store::{
    JobRow, Letter, NewJob, NewSchedule, NoticeFacts, NoticeKind, NoticeText, OutboxMessage, Store,
    StoreError,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::config::{ServerConfig, SmtpConfig, SmtpTls};
use crate::jobs::{BoxFuture, JobHandler};

/// The job kind that sends the outbox's due messages.
pub const NOTICE_DELIVERY: &str = "notice_delivery";
/// The job kind that queues end-of-support notices.
pub const NOTICE_EOS_SCAN: &str = "notice_eos_scan";
/// The job kind that queues reminders.
pub const NOTICE_REMINDERS: &str = "notice_reminders";

/// Messages claimed per round of delivery.
const BATCH: i64 = 200;

/// Why the mailer cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// `[smtp] from` is not an address.
    #[error("smtp sender {0:?} is not an e-mail address")]
    From(String),
    /// The transport could not be set up (TLS parameters).
    #[error("smtp server {host}: {message}")]
    Transport {
        /// Host.
        host: String,
        /// Why.
        message: String,
    },
}

/// Writes notices and reminders in Japanese and English, with links into the portal.
#[derive(Clone, Debug)]
pub struct Texts {
    /// The maker's name, who the message is from.
    pub maker: String,
    /// The portal's base URL (`public_url`).
    pub public_url: String,
}

impl Texts {
    /// Texts for a server's settings.
    pub fn new(config: &ServerConfig) -> Texts {
        Texts {
            maker: config.maker_name.clone(),
            public_url: config.public_url.trim_end_matches('/').to_owned(),
        }
    }

    /// The portal page of a notice.
    pub fn link(&self, notice: i64) -> String {
        format!("{}/notices#notice-{notice}", self.public_url)
    }
}

fn device_line(d: &mamori_store::NoticeDevice, ja: bool) -> String {
    let place: Vec<&str> = [d.site.as_deref(), d.location.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let place = if place.is_empty() {
        String::new()
    } else if ja {
        format!("（{}）", place.join(" / "))
    } else {
        format!(" ({})", place.join(" / "))
    };
    if ja {
        format!(
            "  - {} {} シリアル番号 {}{place}",
            d.product, d.version, d.serial
        )
    } else {
        format!(
            "  - {} {}, serial {}{place}",
            d.product, d.version, d.serial
        )
    }
}

impl NoticeText for Texts {
    fn write(&self, f: &NoticeFacts, lang: &str) -> Letter {
        let ja = lang == "ja";
        let link = self.link(f.notice_id);
        let devices: Vec<String> = f.devices.iter().map(|d| device_line(d, ja)).collect();
        let n = f.devices.len();
        let tid = f.tracking_id.as_deref().unwrap_or_default();
        let eos = f.end_of_support.map(|d| d.to_string()).unwrap_or_default();
        let maker = &self.maker;
        let org = &f.org_name;
        match (f.kind, ja) {
            (NoticeKind::Advisory, true) => {
                let tag = if f.reminder {
                    "【再送・ご確認のお願い】"
                } else {
                    "【セキュリティ情報】"
                };
                let summary = if f.summary_ja.trim().is_empty() {
                    String::new()
                } else {
                    format!("概要: {}\n", f.summary_ja.trim())
                };
                let intro = if f.reminder {
                    format!(
                        "先日お送りしたセキュリティアドバイザリ {tid} について、まだ確認のご登録をいただいておりません。お手数ですが、下記のご対応をお願いいたします。"
                    )
                } else {
                    format!(
                        "{maker} は、貴施設に設置されている機器に関するセキュリティアドバイザリ {tid} を公開しました。"
                    )
                };
                Letter {
                    subject: format!("{tag}{tid} {}（対象機器 {n} 台）", f.title_ja),
                    body: format!(
                        "{org} 御中\n\n{intro}\n\nアドバイザリ: {tid} {title}\n脆弱性: {vulns}\n{summary}\n対象機器（{n} 台）:\n{devices}\n\nお願いしたいこと:\n  1. ポータルでアドバイザリと対策をご確認ください。\n  2. 各機器に修正版を適用するか、アドバイザリに記載の緩和策を実施してください。\n  3. 本通知の「確認しました」を押し、機器ごとに「パッチ適用済み」または「緩和策実施済み」をご登録ください。\n\nポータル: {link}\n\n確認方法: ポータルにサインインし、上記のリンクを開いて「確認しました」を押してください。\n本メールは貴施設の登録ユーザーの皆様にお送りしています。ご質問はこのアドレスへの返信ではなく、ポータルのお問い合わせからお寄せください。\n\n{maker} PSIRT\n",
                        title = f.title_ja,
                        vulns = f.vulnerabilities.join(", "),
                        devices = devices.join("\n"),
                    ),
                }
            }
            (NoticeKind::Advisory, false) => {
                let tag = if f.reminder {
                    "[Reminder] "
                } else {
                    "[Security advisory] "
                };
                let summary = if f.summary_en.trim().is_empty() {
                    String::new()
                } else {
                    format!("Summary: {}\n", f.summary_en.trim())
                };
                let intro = if f.reminder {
                    format!(
                        "We have not yet received your acknowledgement of security advisory {tid}. Please take the steps below."
                    )
                } else {
                    format!(
                        "{maker} has published security advisory {tid}, which concerns devices installed at your organization."
                    )
                };
                let plural = if n == 1 { "device" } else { "devices" };
                Letter {
                    subject: format!("{tag}{tid}: {} ({n} {plural} affected)", f.title_en),
                    body: format!(
                        "Dear {org},\n\n{intro}\n\nAdvisory: {tid} {title}\nVulnerabilities: {vulns}\n{summary}\nDevices concerned ({n}):\n{devices}\n\nWhat to do:\n  1. Read the advisory and its remediation in the portal.\n  2. Install the fixed version on each device, or apply the mitigation the advisory describes.\n  3. Acknowledge this notice and record, for each device, \"patch applied\" or \"mitigation in place\".\n\nPortal: {link}\n\nHow to acknowledge: sign in to the portal, open the link above and press \"Acknowledge\".\nThis message goes to every registered user of your organization. Please do not reply to this address: ask questions through the portal's inquiries.\n\n{maker} PSIRT\n",
                        title = f.title_en,
                        vulns = f.vulnerabilities.join(", "),
                        devices = devices.join("\n"),
                    ),
                }
            }
            (NoticeKind::EndOfSupport, true) => {
                let tag = if f.reminder {
                    "【再送・ご確認のお願い】"
                } else {
                    "【サポート終了のお知らせ】"
                };
                let (ends, lead) = if f.ended {
                    (
                        "終了しました",
                        format!(
                            "貴施設でお使いの {} のサポートは {eos} に終了しました。セキュリティ更新は提供されず、新たな脆弱性への修正も行われません。",
                            f.title_ja
                        ),
                    )
                } else {
                    (
                        "終了します",
                        format!(
                            "貴施設でお使いの {} は {eos} にサポートを終了します。終了後はセキュリティ更新が提供されず、新たな脆弱性への修正も行われません。",
                            f.title_ja
                        ),
                    )
                };
                Letter {
                    subject: format!(
                        "{tag}{} のサポートは {eos} に{ends}（対象機器 {n} 台）",
                        f.title_ja
                    ),
                    body: format!(
                        "{org} 御中\n\n{lead}終了後も機器はポータルに掲載され、判明している脆弱性をご確認いただけます。\n\n対象機器（{n} 台）:\n{devices}\n\nお願いしたいこと:\n  1. 後継バージョンへの更新または機器の更新計画をご検討ください。\n  2. 更新までの間、ネットワークの分離などの緩和策をご検討ください。\n  3. 本通知の「確認しました」を押してください。\n\nポータル: {link}\n\n確認方法: ポータルにサインインし、上記のリンクを開いて「確認しました」を押してください。\nご質問はこのアドレスへの返信ではなく、ポータルのお問い合わせからお寄せください。\n\n{maker} PSIRT\n",
                        devices = devices.join("\n"),
                    ),
                }
            }
            (NoticeKind::EndOfSupport, false) => {
                let tag = if f.reminder {
                    "[Reminder] "
                } else {
                    "[End of support] "
                };
                let plural = if n == 1 { "device" } else { "devices" };
                let (reaches, lead) = if f.ended {
                    (
                        "reached",
                        format!(
                            "{}, which your organization runs, reached its end of support on {eos}. It gets no security updates and no fixes for new vulnerabilities.",
                            f.title_en
                        ),
                    )
                } else {
                    (
                        "reaches",
                        format!(
                            "{}, which your organization runs, reaches its end of support on {eos}. After that date it gets no security updates and no fixes for new vulnerabilities.",
                            f.title_en
                        ),
                    )
                };
                Letter {
                    subject: format!(
                        "{tag}{} {reaches} its end of support on {eos} ({n} {plural})",
                        f.title_en
                    ),
                    body: format!(
                        "Dear {org},\n\n{lead} The devices stay listed in the portal afterwards, with the vulnerabilities known for them.\n\nDevices concerned ({n}):\n{devices}\n\nWhat to do:\n  1. Plan the update to a supported version or the replacement of the devices.\n  2. Until then, consider mitigations such as network segmentation.\n  3. Acknowledge this notice.\n\nPortal: {link}\n\nHow to acknowledge: sign in to the portal, open the link above and press \"Acknowledge\".\nPlease do not reply to this address: ask questions through the portal's inquiries.\n\n{maker} PSIRT\n",
                        devices = devices.join("\n"),
                    ),
                }
            }
        }
    }
}

/// The `Content-Language` header: mail readers and filters know the message's language.
#[derive(Clone, Debug)]
struct ContentLanguage(String);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ContentLanguage(s.trim().to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// Sends messages through the configured SMTP server, keeping a few connections open.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    lanes: usize,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("lanes", &self.lanes)
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// A mailer for `[smtp]`; `None` when no host is set (e-mail is off).
    pub fn new(c: &SmtpConfig) -> Result<Option<Mailer>, NotifyError> {
        if c.host.trim().is_empty() {
            return Ok(None);
        }
        let from: Mailbox = c
            .from
            .parse()
            .map_err(|_| NotifyError::From(c.from.clone()))?;
        let host = c.host.trim();
        let transport_err = |e: lettre::transport::smtp::Error| NotifyError::Transport {
            host: host.to_owned(),
            message: e.to_string(),
        };
        let mut builder = match c.tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            SmtpTls::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host).map_err(transport_err)?
            }
            SmtpTls::Tls => {
                AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(transport_err)?
            }
        };
        let lanes = c.connections.clamp(1, 64);
        builder = builder
            .port(c.port)
            .timeout(Some(std::time::Duration::from_secs(30)))
            .pool_config(PoolConfig::new().max_size(lanes));
        if let (Some(user), Some(password)) = (&c.user, &c.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Some(Mailer {
            transport: builder.build(),
            from,
            lanes: lanes as usize,
        }))
    }

    /// Sends one outbox message; the error is one line for the outbox's `last_error`.
    pub async fn send(&self, m: &OutboxMessage) -> Result<(), String> {
        let to: Mailbox = m
            .recipient
            .parse()
            .map_err(|e| format!("recipient {:?}: {e}", m.recipient))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .header(ContentLanguage(m.lang.clone()))
            .body(m.body.clone())
            .map_err(|e| format!("cannot build the message: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string().replace('\n', " "))
    }
}

/// What one delivery run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Delivery {
    /// Messages delivered.
    pub sent: usize,
    /// Failed attempts (retried later or given up).
    pub failed: usize,
}

/// Sends every message due now: claims a batch, sends it over the mailer's connections, records
/// the outcome, until none is due.
pub async fn deliver(
    store: &Store,
    mailer: &Mailer,
    clock: &(dyn Fn() -> OffsetDateTime + Send + Sync),
) -> Result<Delivery, StoreError> {
    let mut out = Delivery::default();
    loop {
        let batch = store
            .claim_outbox(BATCH, time::Duration::minutes(10), clock())
            .await?;
        if batch.is_empty() {
            return Ok(out);
        }
        let mut lanes: Vec<Vec<OutboxMessage>> = vec![Vec::new(); mailer.lanes];
        for (i, m) in batch.into_iter().enumerate() {
            lanes[i % mailer.lanes].push(m);
        }
        let mut tasks = tokio::task::JoinSet::new();
        for lane in lanes.into_iter().filter(|l| !l.is_empty()) {
            let mailer = mailer.clone();
            tasks.spawn(async move {
                let mut results = Vec::with_capacity(lane.len());
                for m in lane {
                    let r = mailer.send(&m).await;
                    results.push((m.id, r));
                }
                results
            });
        }
        let mut sent = Vec::new();
        let mut failed = Vec::new();
        while let Some(done) = tasks.join_next().await {
            let results =
                done.map_err(|e| StoreError::Invalid(format!("delivery stopped: {e}")))?;
            for (id, r) in results {
                match r {
                    Ok(()) => sent.push(id),
                    Err(e) => failed.push((id, e)),
                }
            }
        }
        store.outbox_sent(&sent, clock()).await?;
        for (id, e) in &failed {
            tracing::warn!(message = id, error = %e, "notice e-mail not delivered");
            store.outbox_failed(*id, e, clock()).await?;
        }
        out.sent += sent.len();
        out.failed += failed.len();
    }
}

/// Asks the job runner to deliver soon (one pending delivery job at a time).
pub async fn request_delivery(store: &Store, now: OffsetDateTime) -> Result<(), StoreError> {
    store
        .enqueue(NewJob::new(NOTICE_DELIVERY, json!({}), now).dedupe(NOTICE_DELIVERY))
        .await
        .map(|_| ())
}

/// The schedules notices need: delivery every minute (retries), the end-of-support scan and
/// the reminders daily. Added when missing; an administrator's changes to them stay.
pub async fn install_schedules(store: &Store, now: OffsetDateTime) -> Result<(), StoreError> {
    let have: Vec<String> = store
        .schedules()
        .await?
        .into_iter()
        .map(|s| s.name)
        .collect();
    for (name, kind, every) in [
        ("notice-delivery", NOTICE_DELIVERY, 60),
        ("notice-eos-scan", NOTICE_EOS_SCAN, 86_400),
        ("notice-reminders", NOTICE_REMINDERS, 86_400),
    ] {
        if have.iter().any(|h| h == name) {
            continue;
        }
        store
            .add_schedule(&NewSchedule {
                name: name.into(),
                kind: kind.into(),
                payload: json!({}),
                every_seconds: every,
                first_run_at: now,
                enabled: true,
                max_attempts: 3,
            })
            .await?;
    }
    Ok(())
}

/// The notice jobs for a server's settings.
pub fn handlers(config: &ServerConfig) -> Vec<Arc<dyn JobHandler>> {
    let mailer = match Mailer::new(&config.smtp) {
        Ok(m) => m,
        Err(e) => {
            tracing::error!(error = %e, "notice e-mail is off: the [smtp] settings do not work");
            None
        }
    };
    let texts = Texts::new(config);
    vec![
        Arc::new(NoticeDelivery { mailer }),
        Arc::new(EosScan {
            texts: texts.clone(),
            lead: time::Duration::days(config.notices.eos_lead_days.max(0)),
        }),
        Arc::new(Reminders {
            texts,
            every: time::Duration::days(config.notices.remind_after_days.max(1)),
        }),
    ]
}

/// `notice_delivery`: sends the outbox's due messages.
#[derive(Clone, Debug)]
pub struct NoticeDelivery {
    /// The sender; `None` when e-mail is off (messages wait).
    pub mailer: Option<Mailer>,
}

impl JobHandler for NoticeDelivery {
    fn kind(&self) -> &'static str {
        NOTICE_DELIVERY
    }

    fn run<'a>(&'a self, store: &'a Store, job: &'a JobRow) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let Some(mailer) = &self.mailer else {
                tracing::info!(job = job.id, "notice e-mail is off ([smtp] host is empty)");
                return Ok(());
            };
            let d = deliver(store, mailer, &OffsetDateTime::now_utc)
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!(
                job = job.id,
                sent = d.sent,
                failed = d.failed,
                "notices delivered"
            );
            Ok(())
        })
    }
}

/// `notice_eos_scan`: queues end-of-support notices within the lead time.
#[derive(Clone, Debug)]
pub struct EosScan {
    /// Message text.
    pub texts: Texts,
    /// How long before the date.
    pub lead: time::Duration,
}

impl JobHandler for EosScan {
    fn kind(&self) -> &'static str {
        NOTICE_EOS_SCAN
    }

    fn run<'a>(&'a self, store: &'a Store, job: &'a JobRow) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let now = OffsetDateTime::now_utc();
            let r = store
                .queue_eos_notices(self.lead, &self.texts, "mamori", now)
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!(job = job.id, report = ?r, "end-of-support notices queued");
            if r.messages > 0 {
                request_delivery(store, now)
                    .await
                    .map_err(|e| e.to_string())?;
            }
            Ok(())
        })
    }
}

/// `notice_reminders`: reminds organizations that have not acknowledged.
#[derive(Clone, Debug)]
pub struct Reminders {
    /// Message text.
    pub texts: Texts,
    /// Time without acknowledgement before a reminder.
    pub every: time::Duration,
}

impl JobHandler for Reminders {
    fn kind(&self) -> &'static str {
        NOTICE_REMINDERS
    }

    fn run<'a>(&'a self, store: &'a Store, job: &'a JobRow) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let now = OffsetDateTime::now_utc();
            let r = store
                .send_reminders(self.every, None, &self.texts, "mamori", now)
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!(job = job.id, report = ?r, "reminders queued");
            if r.messages > 0 {
                request_delivery(store, now)
                    .await
                    .map_err(|e| e.to_string())?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mamori_store::NoticeDevice;
    use time::macros::date;

    fn facts(kind: NoticeKind, reminder: bool) -> NoticeFacts {
        NoticeFacts {
            notice_id: 7,
            kind,
            reminder,
            org_name: "Hospital A".into(),
            tracking_id: (kind == NoticeKind::Advisory).then(|| "MAMORI-2026-0001".into()),
            title_en: "Heap overflow".into(),
            title_ja: "ヒープオーバーフロー".into(),
            summary_en: "Update to 1.2.".into(),
            summary_ja: "1.2 に更新してください。".into(),
            vulnerabilities: vec!["CVE-2026-10001".into()],
            end_of_support: (kind == NoticeKind::EndOfSupport).then_some(date!(2027 - 01 - 31)),
            ended: false,
            devices: vec![NoticeDevice {
                device_id: 1,
                serial: "GW-1".into(),
                product: "Ward Gateway".into(),
                version: "1.0".into(),
                site: Some("Main".into()),
                location: Some("Ward 3".into()),
                response: None,
                note: None,
                responded_by: None,
                responded_at: None,
            }],
        }
    }

    /// Each kind and language names what is affected, what to do, the link and how to acknowledge.
    #[test]
    fn every_message_says_what_where_and_how() {
        let t = Texts {
            maker: "Example Medical".into(),
            public_url: "https://psirt.example.jp".into(),
        };
        let link = "https://psirt.example.jp/notices#notice-7";
        let table: [(NoticeKind, bool, &str, &str, &[&str]); 6] = [
            (
                NoticeKind::Advisory,
                false,
                "en",
                "[Security advisory] MAMORI-2026-0001: Heap overflow (1 device affected)",
                &[
                    "Dear Hospital A",
                    "CVE-2026-10001",
                    "Ward Gateway 1.0, serial GW-1 (Main / Ward 3)",
                    "patch applied",
                    "mitigation in place",
                    link,
                    "press \"Acknowledge\"",
                ],
            ),
            (
                NoticeKind::Advisory,
                false,
                "ja",
                "【セキュリティ情報】MAMORI-2026-0001 ヒープオーバーフロー（対象機器 1 台）",
                &[
                    "Hospital A 御中",
                    "CVE-2026-10001",
                    "Ward Gateway 1.0 シリアル番号 GW-1（Main / Ward 3）",
                    "パッチ適用済み",
                    "緩和策実施済み",
                    link,
                    "「確認しました」を押して",
                ],
            ),
            (
                NoticeKind::Advisory,
                true,
                "en",
                "[Reminder] MAMORI-2026-0001: Heap overflow (1 device affected)",
                &["not yet received your acknowledgement", link],
            ),
            (
                NoticeKind::Advisory,
                true,
                "ja",
                "【再送・ご確認のお願い】MAMORI-2026-0001 ヒープオーバーフロー（対象機器 1 台）",
                &["まだ確認のご登録", link],
            ),
            (
                NoticeKind::EndOfSupport,
                false,
                "en",
                "[End of support] Heap overflow reaches its end of support on 2027-01-31 (1 device)",
                &["no security updates", "GW-1", link, "Acknowledge"],
            ),
            (
                NoticeKind::EndOfSupport,
                false,
                "ja",
                "【サポート終了のお知らせ】ヒープオーバーフロー のサポートは 2027-01-31 に終了します（対象機器 1 台）",
                &["セキュリティ更新が提供されず", "GW-1", link, "確認しました"],
            ),
        ];
        for (kind, reminder, lang, subject, phrases) in table {
            let l = t.write(&facts(kind, reminder), lang);
            assert_eq!(l.subject, subject, "{kind:?} {lang}");
            for p in phrases {
                assert!(
                    l.body.contains(p),
                    "{kind:?} {reminder} {lang}: {p:?} missing in\n{}",
                    l.body
                );
            }
        }
        // Support that has already ended is said so, in both languages.
        let mut ended = facts(NoticeKind::EndOfSupport, false);
        ended.ended = true;
        let en = t.write(&ended, "en");
        assert_eq!(
            en.subject,
            "[End of support] Heap overflow reached its end of support on 2027-01-31 (1 device)"
        );
        assert!(
            en.body
                .contains("reached its end of support on 2027-01-31. It gets no security updates")
        );
        let ja = t.write(&ended, "ja");
        assert_eq!(
            ja.subject,
            "【サポート終了のお知らせ】ヒープオーバーフロー のサポートは 2027-01-31 に終了しました（対象機器 1 台）"
        );
        assert!(ja.body.contains("2027-01-31 に終了しました。"));
    }
}
