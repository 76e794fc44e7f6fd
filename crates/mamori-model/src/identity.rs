//! Who may do what: organizations, roles, the permissions each role holds, and e-mail addresses.
//!
//! The matrix is data in one place so the server, the console and the tests
//! ask the same question (`role.can(Permission::Triage)`) and get the same answer.

use std::fmt;

/// What kind of organization a user belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrgKind {
    /// The device maker running Mamori.
    Maker,
    /// A hospital (a medical institution).
    Hospital,
    /// A distributor or leasing company serving hospitals.
    Distributor,
}

impl OrgKind {
    /// Every kind.
    pub const ALL: [OrgKind; 3] = [OrgKind::Maker, OrgKind::Hospital, OrgKind::Distributor];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Maker => "maker",
            OrgKind::Hospital => "hospital",
            OrgKind::Distributor => "distributor",
        }
    }

    /// Reads a stored or wire name.
    pub fn parse(s: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for OrgKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A user's role. One per user: a person with two jobs gets the broader role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Runs the installation: users, organizations, tokens, jobs; and everything else.
    Admin,
    /// PSIRT analyst: triage, rules, cases, advisories, feeds.
    Analyst,
    /// Product engineer: products, releases, SBOMs.
    Engineer,
    /// Regulatory / quality: cases and their reports, advisory approval.
    Regulatory,
    /// Auditor: reads everything the maker holds, changes nothing.
    Auditor,
    /// A hospital's (or distributor's) user: sees only its own organization's share.
    Hospital,
}

/// Something a role may be allowed to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Permission {
    /// Read the maker's internal data: findings, analyses, cases, SBOMs, feeds.
    ReadInternal,
    /// Read the audit record.
    ReadAudit,
    /// Add and change products and releases.
    EditPortfolio,
    /// Upload SBOMs.
    UploadSbom,
    /// Approve SBOMs.
    ApproveSbom,
    /// Set a finding's analysis.
    Triage,
    /// Add triage rules.
    ManageRules,
    /// Open and decide regulatory cases.
    ManageCases,
    /// Write advisories and VEX.
    AuthorAdvisory,
    /// Publish advisories.
    PublishAdvisory,
    /// Import and sync feeds.
    ManageFeeds,
    /// Manage users, organizations and installed devices.
    ManageUsers,
    /// See and retry background jobs.
    ManageJobs,
    /// Create API tokens for oneself.
    OwnTokens,
}

impl Permission {
    /// Every permission.
    pub const ALL: [Permission; 14] = [
        Permission::ReadInternal,
        Permission::ReadAudit,
        Permission::EditPortfolio,
        Permission::UploadSbom,
        Permission::ApproveSbom,
        Permission::Triage,
        Permission::ManageRules,
        Permission::ManageCases,
        Permission::AuthorAdvisory,
        Permission::PublishAdvisory,
        Permission::ManageFeeds,
        Permission::ManageUsers,
        Permission::ManageJobs,
        Permission::OwnTokens,
    ];

    /// The name used in API errors and the OpenAPI document.
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::ReadInternal => "read_internal",
            Permission::ReadAudit => "read_audit",
            Permission::EditPortfolio => "edit_portfolio",
            Permission::UploadSbom => "upload_sbom",
            Permission::ApproveSbom => "approve_sbom",
            Permission::Triage => "triage",
            Permission::ManageRules => "manage_rules",
            Permission::ManageCases => "manage_cases",
            Permission::AuthorAdvisory => "author_advisory",
            Permission::PublishAdvisory => "publish_advisory",
            Permission::ManageFeeds => "manage_feeds",
            Permission::ManageUsers => "manage_users",
            Permission::ManageJobs => "manage_jobs",
            Permission::OwnTokens => "own_tokens",
        }
    }

    /// Whether an API token scope of `write` is needed (it changes something).
    pub fn writes(self) -> bool {
        !matches!(
            self,
            Permission::ReadInternal | Permission::ReadAudit | Permission::OwnTokens
        )
    }
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Analyst,
        Role::Engineer,
        Role::Regulatory,
        Role::Auditor,
        Role::Hospital,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Analyst => "analyst",
            Role::Engineer => "engineer",
            Role::Regulatory => "regulatory",
            Role::Auditor => "auditor",
            Role::Hospital => "hospital",
        }
    }

    /// Reads a stored or wire name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether this role holds `p`.
    pub fn can(self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Admin => true,
            Role::Analyst => matches!(
                p,
                ReadInternal
                    | ReadAudit
                    | UploadSbom
                    | Triage
                    | ManageRules
                    | ManageCases
                    | AuthorAdvisory
                    | ManageFeeds
                    | OwnTokens
            ),
            Role::Engineer => matches!(
                p,
                ReadInternal | EditPortfolio | UploadSbom | ApproveSbom | OwnTokens
            ),
            Role::Regulatory => matches!(
                p,
                ReadInternal | ReadAudit | ManageCases | PublishAdvisory | OwnTokens
            ),
            Role::Auditor => matches!(p, ReadInternal | ReadAudit | OwnTokens),
            // A hospital's share is decided by its organization, not by a permission.
            Role::Hospital => matches!(p, OwnTokens),
        }
    }

    /// Whether a user of an organization of `kind` may hold this role: the maker's
    /// staff hold the maker's roles, hospitals' and distributors' staff the hospital role.
    pub fn fits(self, kind: OrgKind) -> bool {
        match kind {
            OrgKind::Maker => self != Role::Hospital,
            OrgKind::Hospital | OrgKind::Distributor => self == Role::Hospital,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An e-mail address as users sign in with it: trimmed, lower-cased, one `@` with
/// text on both sides and a dot in the domain, at most 254 characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

impl Email {
    /// Checks and normalizes an address.
    pub fn new(s: &str) -> Result<Email, crate::ModelError> {
        let s = s.trim().to_lowercase();
        if s.is_empty() {
            return Err(crate::ModelError::Empty { what: "e-mail" });
        }
        if s.chars().count() > 254 {
            return Err(crate::ModelError::TooLong {
                what: "e-mail",
                max: 254,
            });
        }
        let ok = match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !s.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if ok {
            Ok(Email(s))
        } else {
            Err(crate::ModelError::Malformed {
                what: "e-mail",
                value: s,
            })
        }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The matrix as a table: role, then the permissions it holds, in Permission::ALL order
    // (R=read_internal A=read_audit P=edit_portfolio U=upload_sbom S=approve_sbom T=triage
    // L=manage_rules C=manage_cases W=author_advisory B=publish_advisory F=manage_feeds
    // M=manage_users J=manage_jobs K=own_tokens).
    const MATRIX: &[(&str, &str)] = &[
        ("admin", "RAPUSTLCWBFMJK"),
        ("analyst", "RA-U-TLCW-F--K"),
        ("engineer", "R-PUS--------K"),
        ("regulatory", "RA-----C-B---K"),
        ("auditor", "RA-----------K"),
        ("hospital", "-------------K"),
    ];

    #[test]
    fn permission_matrix() {
        for (role, row) in MATRIX {
            let role = Role::parse(role).unwrap();
            let got: String = Permission::ALL
                .iter()
                .zip(row.chars())
                .map(|(p, c)| if role.can(*p) { c } else { '-' })
                .collect();
            let want: String = row.chars().collect();
            assert_eq!(got, want, "{role}");
            assert_eq!(row.len(), Permission::ALL.len());
        }
    }

    #[test]
    fn roles_fit_organizations() {
        assert!(Role::Analyst.fits(OrgKind::Maker));
        assert!(!Role::Hospital.fits(OrgKind::Maker));
        assert!(Role::Hospital.fits(OrgKind::Distributor));
        assert!(!Role::Admin.fits(OrgKind::Hospital));
    }

    #[test]
    fn emails() {
        let cases = [
            (" Alice@Example.JP ", Some("alice@example.jp")),
            ("a@b", None),
            ("@example.jp", None),
            ("a@@example.jp", None),
            ("a b@example.jp", None),
            ("", None),
            ("a@example.", None),
        ];
        for (input, want) in cases {
            assert_eq!(
                Email::new(input).ok().as_ref().map(Email::as_str),
                want,
                "{input:?}"
            );
        }
    }
}
