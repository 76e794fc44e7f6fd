//! What every page needs besides its own view: the language, who is signed in, the CSRF token,
//! a notice to show once; and the role → navigation table.

use crate::i18n::Lang;

/// The per-request context every `render_*` function takes.
#[derive(Debug, Clone, Default)]
pub struct PageCtx {
    /// The page's language (see [`Lang::negotiate`]).
    pub lang: Lang,
    /// The signed-in user; `None` on the sign-in page and error pages of anonymous requests.
    pub user: Option<User>,
    /// The session's CSRF token, written into every POST form as the hidden field `csrf`.
    pub csrf: String,
    /// A message to show at the top of the page (after a redirect, say).
    pub notice: Option<Notice>,
}

/// The signed-in user, as the layout shows them.
#[derive(Debug, Clone)]
pub struct User {
    /// Display name.
    pub name: String,
    /// Email address.
    pub email: String,
    /// Role.
    pub role: Role,
    /// The organization's name.
    pub org: String,
}

/// A role (the strings are the ones the store and API use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// `admin`: administrator.
    Admin,
    /// `analyst`: PSIRT analyst.
    Analyst,
    /// `engineer`: product engineer.
    Engineer,
    /// `regulatory`: regulatory / quality.
    Regulatory,
    /// `auditor`: read-only.
    Auditor,
    /// `hospital`: a user of a hospital organization.
    Hospital,
}

impl Role {
    /// All roles.
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Analyst,
        Role::Engineer,
        Role::Regulatory,
        Role::Auditor,
        Role::Hospital,
    ];

    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Analyst => "analyst",
            Role::Engineer => "engineer",
            Role::Regulatory => "regulatory",
            Role::Auditor => "auditor",
            Role::Hospital => "hospital",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The navigation this role sees, in order. Hiding a link is a courtesy: the server still
    /// checks every request.
    pub fn nav(self) -> &'static [Nav] {
        use Nav::*;
        match self {
            Role::Admin => &[
                Dashboard,
                Products,
                Findings,
                Cases,
                Reports,
                Advisories,
                Impact,
                Notices,
                Inquiries,
                Feeds,
                Jobs,
                Users,
                Tokens,
                Organizations,
            ],
            Role::Analyst => &[
                Dashboard, Products, Findings, Cases, Reports, Advisories, Impact, Notices,
                Inquiries, Feeds, Tokens,
            ],
            Role::Engineer => &[Dashboard, Products, Findings, Advisories, Tokens],
            Role::Regulatory => &[
                Dashboard, Products, Findings, Cases, Reports, Advisories, Impact, Notices,
                Inquiries,
            ],
            Role::Auditor => &[
                Dashboard, Products, Findings, Cases, Reports, Advisories, Impact, Notices,
                Inquiries, Feeds,
            ],
            Role::Hospital => &[Devices, Notices, Advisories, Documents, Inquiries],
        }
    }

    /// Whether the role may change things (every role but the auditor and hospital users, who
    /// only read here); pages use it to leave out forms the server would refuse.
    pub const fn can_write(self) -> bool {
        !matches!(self, Role::Auditor | Role::Hospital)
    }
}

/// A navigation entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Nav {
    /// `/`.
    Dashboard,
    /// `/products`.
    Products,
    /// `/findings`.
    Findings,
    /// `/cases`.
    Cases,
    /// `/advisories`.
    Advisories,
    /// `/feeds`.
    Feeds,
    /// `/admin/jobs`.
    Jobs,
    /// `/admin/users`.
    Users,
    /// `/tokens`.
    Tokens,
    /// `/admin/organizations`.
    Organizations,
    /// `/devices` (hospital users).
    Devices,
    /// `/documents` (hospital users).
    Documents,
    /// `/reports`: vulnerability reports from outside.
    Reports,
    /// `/notices`: notices to hospitals and their answers.
    Notices,
    /// `/inquiries`: hospitals' questions to the PSIRT.
    Inquiries,
    /// `/impact`: which hospitals and devices something touches.
    Impact,
}

impl Nav {
    /// The entry's path.
    pub const fn href(self) -> &'static str {
        match self {
            Nav::Dashboard => "/",
            Nav::Products => "/products",
            Nav::Findings => "/findings",
            Nav::Cases => "/cases",
            Nav::Advisories => "/advisories",
            Nav::Feeds => "/feeds",
            Nav::Jobs => "/admin/jobs",
            Nav::Users => "/admin/users",
            Nav::Tokens => "/tokens",
            Nav::Organizations => "/admin/organizations",
            Nav::Devices => "/devices",
            Nav::Documents => "/documents",
            Nav::Reports => "/reports",
            Nav::Notices => "/notices",
            Nav::Inquiries => "/inquiries",
            Nav::Impact => "/impact",
        }
    }

    /// The catalog key of its label.
    pub const fn key(self) -> &'static str {
        match self {
            Nav::Dashboard => "nav.dashboard",
            Nav::Products => "nav.products",
            Nav::Findings => "nav.findings",
            Nav::Cases => "nav.cases",
            Nav::Advisories => "nav.advisories",
            Nav::Feeds => "nav.feeds",
            Nav::Jobs => "nav.jobs",
            Nav::Users => "nav.users",
            Nav::Tokens => "nav.tokens",
            Nav::Organizations => "nav.organizations",
            Nav::Devices => "nav.devices",
            Nav::Documents => "nav.documents",
            Nav::Reports => "nav.reports",
            Nav::Notices => "nav.notices",
            Nav::Inquiries => "nav.inquiries",
            Nav::Impact => "nav.impact",
        }
    }
}

/// A one-time message at the top of a page.
#[derive(Debug, Clone)]
pub struct Notice {
    /// How it is shown.
    pub level: Level,
    /// What it says.
    pub message: Message,
}

/// A notice's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something worked.
    Success,
    /// Something did not.
    Error,
}

/// A message: a catalog key (translated on the page) or text the server already has in words
/// (a validation problem's detail, say), shown as given.
#[derive(Debug, Clone)]
pub enum Message {
    /// A catalog key, e.g. `notice.saved`.
    Key(&'static str),
    /// Text shown as given (escaped).
    Text(String),
}

impl Message {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match self {
            Message::Key(k) => lang.t(k),
            Message::Text(t) => t,
        }
    }
}
