//! Organizations, users and roles, API tokens, installed devices, and the feeds' status.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use mamori_model::{Email, OrgKind, Permission, Role};
use mamori_store::{ApiTokenRow, NewUser, OrgRow, UserRow, Visibility};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use time::OffsetDateTime;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::session::Me;
use crate::auth::Principal;
use crate::problem::{ApiError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_orgs, add_org))
        .routes(routes!(list_users, add_user))
        .routes(routes!(update_user))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
        .routes(routes!(list_devices, add_device))
        .routes(routes!(feeds))
}

/// An organization.
#[derive(Serialize, ToSchema)]
pub struct Org {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// `maker`, `hospital`, `distributor`.
    pub kind: String,
    /// `ja` or `en`.
    pub lang: String,
}

impl From<OrgRow> for Org {
    fn from(o: OrgRow) -> Org {
        Org {
            id: o.id,
            name: o.name,
            kind: o.kind.as_str().to_owned(),
            lang: o.lang,
        }
    }
}

/// A new organization.
#[derive(Deserialize, ToSchema)]
pub struct OrgInput {
    /// Unique name.
    pub name: String,
    /// `maker`, `hospital`, `distributor`.
    pub kind: String,
    /// `ja` or `en` (default `ja`).
    pub lang: Option<String>,
}

/// A new user.
#[derive(Deserialize, ToSchema)]
pub struct UserInput {
    /// Sign-in address.
    pub email: String,
    /// Name shown.
    pub display_name: String,
    /// Initial password (at least 12 characters).
    pub password: String,
    /// Organization id.
    pub org_id: i64,
    /// Role (hospital users in hospitals and distributors, the maker's roles in the maker).
    pub role: String,
    /// `ja` or `en` (default `ja`).
    pub lang: Option<String>,
}

/// A change to a user.
#[derive(Deserialize, ToSchema)]
pub struct UserPatch {
    /// New role.
    pub role: Option<String>,
    /// Disable (true) or enable (false).
    pub disabled: Option<bool>,
}

/// A user as administrators see them.
#[derive(Serialize, ToSchema)]
pub struct User {
    /// The user.
    #[serde(flatten)]
    pub me: Me,
    /// Disabled.
    pub disabled: bool,
    /// Locked until (after failed sign-ins).
    pub locked_until: Option<String>,
    /// Last sign-in.
    pub last_login_at: Option<String>,
}

impl From<&UserRow> for User {
    fn from(u: &UserRow) -> User {
        User {
            me: Me::of(u, None),
            disabled: u.disabled,
            locked_until: u.locked_until.clone(),
            last_login_at: u.last_login_at.clone(),
        }
    }
}

/// An API token (never its secret, except once in [`NewToken`]).
#[derive(Serialize, ToSchema)]
pub struct Token {
    /// Id.
    pub id: i64,
    /// First characters of the secret.
    pub prefix: String,
    /// Owner.
    pub user_id: i64,
    /// Name.
    pub name: String,
    /// `read`, `write`.
    pub scopes: Vec<String>,
    /// Expiry.
    pub expires_at: Option<String>,
    /// Revoked at.
    pub revoked_at: Option<String>,
    /// Last used.
    pub last_used_at: Option<String>,
    /// Created.
    pub created_at: String,
}

impl From<ApiTokenRow> for Token {
    fn from(t: ApiTokenRow) -> Token {
        Token {
            id: t.id,
            prefix: t.prefix,
            user_id: t.user_id,
            name: t.name,
            scopes: t.scopes,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
            last_used_at: t.last_used_at,
            created_at: t.created_at,
        }
    }
}

/// A token to create for oneself.
#[derive(Deserialize, ToSchema)]
pub struct TokenInput {
    /// Name, to tell tokens apart.
    pub name: String,
    /// `read` and/or `write`.
    pub scopes: Vec<String>,
    /// Days until it expires (1–366, default 90).
    pub days: Option<i64>,
}

/// A token just created: the secret is shown this once.
#[derive(Serialize, ToSchema)]
pub struct NewToken {
    /// Send as `Authorization: Bearer …`.
    pub secret: String,
    /// The token.
    pub token: Token,
}

/// A device to record at an organization.
#[derive(Deserialize, ToSchema)]
pub struct DeviceInput {
    /// Organization id.
    pub org_id: i64,
    /// Release it runs.
    pub release_id: i64,
    /// Serial number.
    pub serial: String,
    /// Site.
    pub site: Option<String>,
    /// Location within the site.
    pub location: Option<String>,
}

fn lang(l: Option<&str>) -> &str {
    l.unwrap_or("ja")
}

/// Organizations (a hospital user sees its own).
#[utoipa::path(get, path = "/api/v1/organizations", tag = "admin",
    responses((status = 200, description = "`{organizations: [...]}`", body = Object)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_orgs(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Value>, ApiError> {
    let orgs = state.store.organizations().await?;
    let orgs: Vec<Org> = orgs
        .into_iter()
        .filter(|o| match principal.visibility() {
            Visibility::All => true,
            Visibility::Organization(id) => o.id == id,
        })
        .map(Org::from)
        .collect();
    Ok(Json(json!({"organizations": orgs})))
}

/// Adds an organization (a hospital, a distributor).
#[utoipa::path(post, path = "/api/v1/organizations", tag = "admin", request_body = OrgInput,
    responses((status = 201, body = Org), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn add_org(
    State(state): State<AppState>,
    principal: Principal,
    Json(input): Json<OrgInput>,
) -> Result<(StatusCode, Json<Org>), ApiError> {
    principal.require(Permission::ManageUsers)?;
    let kind = OrgKind::parse(&input.kind).ok_or_else(|| {
        ApiError::invalid(
            format!(
                "unknown organization kind {:?}: use maker, hospital, distributor",
                input.kind
            ),
            "/kind",
        )
    })?;
    let o = state
        .store
        .add_organization(
            &input.name,
            kind,
            lang(input.lang.as_deref()),
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(o.into())))
}

/// Users (an administrator sees all; others are refused).
#[utoipa::path(get, path = "/api/v1/users", tag = "admin",
    responses((status = 200, description = "`{users: [...]}`", body = Object), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_users(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ManageUsers)?;
    let users = state.store.users(principal.visibility()).await?;
    let users: Vec<User> = users.iter().map(User::from).collect();
    Ok(Json(json!({"users": users})))
}

/// Adds a user.
#[utoipa::path(post, path = "/api/v1/users", tag = "admin", request_body = UserInput,
    responses((status = 201, body = User), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn add_user(
    State(state): State<AppState>,
    principal: Principal,
    Json(input): Json<UserInput>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    principal.require(Permission::ManageUsers)?;
    let email = Email::new(&input.email).map_err(|e| ApiError::invalid(e.to_string(), "/email"))?;
    let role = Role::parse(&input.role)
        .ok_or_else(|| ApiError::invalid(format!("unknown role {:?}", input.role), "/role"))?;
    let u = state
        .store
        .add_user(
            &NewUser {
                email,
                display_name: input.display_name,
                password: input.password,
                org_id: input.org_id,
                role,
                lang: lang(input.lang.as_deref()).to_owned(),
            },
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(User::from(&u))))
}

/// Changes a user's role or disables / enables them (their sessions end).
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "admin", request_body = UserPatch,
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, body = User), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn update_user(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(patch): Json<UserPatch>,
) -> Result<Json<User>, ApiError> {
    principal.require(Permission::ManageUsers)?;
    if id == principal.user.id && (patch.disabled == Some(true) || patch.role.is_some()) {
        return Err(ApiError::invalid(
            "you cannot change your own role or disable yourself: ask another administrator",
            "/",
        ));
    }
    let mut user = state.store.user(id).await?;
    if let Some(r) = &patch.role {
        let role = Role::parse(r)
            .ok_or_else(|| ApiError::invalid(format!("unknown role {r:?}"), "/role"))?;
        user = state
            .store
            .set_user_role(id, role, principal.actor(), super::now())
            .await?;
    }
    if let Some(d) = patch.disabled {
        user = state
            .store
            .set_user_disabled(id, d, principal.actor(), super::now())
            .await?;
    }
    Ok(Json(User::from(&user)))
}

/// The signed-in user's API tokens (an administrator's list shows everyone's).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "admin",
    responses((status = 200, description = "`{tokens: [...]}`", body = Object)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_tokens(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Value>, ApiError> {
    let owner = (!principal.user.role.can(Permission::ManageUsers)).then_some(principal.user.id);
    let tokens: Vec<Token> = state
        .store
        .api_tokens(owner)
        .await?
        .into_iter()
        .map(Token::from)
        .collect();
    Ok(Json(json!({"tokens": tokens})))
}

/// Creates an API token for the signed-in user. A token never carries more than its
/// owner's role allows; `write` lets it change what the role may change.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "admin", request_body = TokenInput,
    responses((status = 201, body = NewToken), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn create_token(
    State(state): State<AppState>,
    principal: Principal,
    Json(input): Json<TokenInput>,
) -> Result<(StatusCode, Json<NewToken>), ApiError> {
    principal.require(Permission::OwnTokens)?;
    // A token cannot mint tokens: otherwise a leaked token would outlive its own revocation.
    if matches!(principal.via, crate::auth::Via::Token { .. }) {
        return Err(ApiError::invalid(
            "sign in with a session to create API tokens",
            "/",
        ));
    }
    let days = input.days.unwrap_or(90);
    if !(1..=366).contains(&days) {
        return Err(ApiError::invalid("days must be between 1 and 366", "/days"));
    }
    let now = super::now();
    let expires: OffsetDateTime = now + time::Duration::days(days);
    let scopes: Vec<&str> = input.scopes.iter().map(String::as_str).collect();
    let (secret, row) = state
        .store
        .create_api_token(
            principal.user.id,
            &input.name,
            &scopes,
            expires,
            principal.actor(),
            now,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(NewToken {
            secret,
            token: row.into(),
        }),
    ))
}

/// Revokes a token (one's own; an administrator any).
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "admin",
    params(("id" = i64, Path, description = "Token id")),
    responses((status = 200, body = Token), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Token>, ApiError> {
    let token = state.store.api_token(id).await?;
    if token.user_id != principal.user.id && !principal.user.role.can(Permission::ManageUsers) {
        return Err(ApiError::NotFound(format!("api token {id:?} not found")));
    }
    Ok(Json(
        state
            .store
            .revoke_api_token(id, principal.actor(), super::now())
            .await?
            .into(),
    ))
}

/// The devices of the user's organization in service (a hospital user); the maker's staff
/// see every organization's.
#[utoipa::path(get, path = "/api/v1/devices", tag = "admin",
    responses((status = 200, description = "`{devices: [...]}`", body = Object)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_devices(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Value>, ApiError> {
    let orgs: Vec<i64> = match principal.visibility() {
        Visibility::Organization(id) => vec![id],
        Visibility::All => {
            principal.require(Permission::ReadInternal)?;
            state
                .store
                .organizations()
                .await?
                .into_iter()
                .map(|o| o.id)
                .collect()
        }
    };
    let mut devices = Vec::new();
    for org in orgs {
        for d in state.store.installed_devices(org).await? {
            devices.push(json!({"id": d.id, "org_id": d.org_id, "release_id": d.release_id, "serial": d.serial, "site": d.site, "location": d.location}));
        }
    }
    Ok(Json(json!({"devices": devices})))
}

/// Records a device installed at an organization.
#[utoipa::path(post, path = "/api/v1/devices", tag = "admin", request_body = DeviceInput,
    responses((status = 201, body = Object), (status = 403, body = Problem), (status = 409, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn add_device(
    State(state): State<AppState>,
    principal: Principal,
    Json(input): Json<DeviceInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    principal.require(Permission::ManageUsers)?;
    state.store.organization(&input.org_id.to_string()).await?;
    state
        .store
        .release_by_id(input.release_id, Visibility::All)
        .await?;
    let d = state
        .store
        .add_installed_device(
            input.org_id,
            input.release_id,
            &input.serial,
            input.site.as_deref(),
            input.location.as_deref(),
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(
            json!({"id": d.id, "org_id": d.org_id, "release_id": d.release_id, "serial": d.serial, "site": d.site, "location": d.location}),
        ),
    ))
}

/// Each feed's latest sync and the vulnerability store's totals.
#[utoipa::path(get, path = "/api/v1/feeds", tag = "admin",
    responses((status = 200, description = "`{feeds: [...], vulnerabilities, by_source}`", body = Object), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn feeds(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ReadInternal)?;
    let runs = state.store.latest_sync_runs().await?;
    let stats = state.store.vuln_stats().await?;
    let fmt = |t: OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    };
    Ok(Json(json!({
        "feeds": runs.iter().map(|r| json!({
            "source": r.run.source,
            "started": fmt(r.run.started),
            "finished": fmt(r.run.finished),
            "outcome": r.run.outcome.as_str(),
            "files": r.run.files,
            "not_modified": r.run.not_modified,
            "refused": r.run.refused,
            "error": r.run.error,
        })).collect::<Vec<_>>(),
        "vulnerabilities": stats.vulnerabilities,
        "withdrawn": stats.withdrawn,
        "aliases": stats.aliases,
        "by_source": stats.by_source,
    })))
}
