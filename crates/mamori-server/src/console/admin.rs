//! Feed status and "sync now", API tokens, and the administrator's users, organizations and jobs.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use mamori_console::{
    FeedItem, FeedsView, JobItem, JobsView, NewToken, OrgItem, OrgsView, TokenItem, TokensView,
    UserItem, UsersView, render_feeds, render_jobs, render_orgs, render_tokens, render_users,
};
use mamori_model::{Email, OrgKind, Permission, Role};
use mamori_store::{JobFilter, JobStatus, NewJob, NewUser, TOKEN_SCOPES, Visibility};
use mamori_sync::FeedSource;
use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::form_field as field;
use super::session::CsrfForm;
use super::{Page, correctable, fmt_at, fmt_time, non_empty, parse_day, see_other_with, status_of};
use crate::AppState;
use crate::auth::Via;
use crate::problem::ApiError;

/// Jobs per page of the jobs list.
const JOBS_PAGE: u32 = 50;

// ---------------------------------------------------------------------------------- feeds

/// GET `/feeds`.
pub(crate) async fn feeds(State(state): State<AppState>, page: Page) -> Response {
    page.render(feeds_html(&state, &page).await)
}

async fn feeds_html(state: &AppState, page: &Page) -> Result<String, ApiError> {
    page.require(Permission::ReadInternal)?;
    let runs = state.store.latest_sync_runs().await?;
    let mut rows: Vec<FeedItem> = FeedSource::ALL
        .iter()
        .map(|s| FeedItem {
            source: s.as_str().to_owned(),
            ..Default::default()
        })
        .collect();
    for r in runs {
        let run = r.run;
        let item = FeedItem {
            source: run.source.clone(),
            last_run: Some(fmt_at(run.finished)),
            outcome: Some(run.outcome.as_str().to_owned()),
            files: run.files,
            records: run.counts.values().map(|c| c.added + c.updated).sum(),
            error: run.error.clone(),
        };
        match rows.iter_mut().find(|f| f.source == run.source) {
            Some(slot) => *slot = item,
            None => rows.push(item),
        }
    }
    let view = FeedsView {
        rows,
        can_sync: page.principal.user.role.can(Permission::ManageFeeds),
    };
    Ok(render_feeds(&page.ctx, &view))
}

/// POST `/feeds/{source}/sync`: queues a `feed_sync` job for one feed (the job runner does
/// the download; the jobs page shows how it went).
pub(crate) async fn sync_feed(
    State(state): State<AppState>,
    mut page: Page,
    Path(source): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(e) = page.check_csrf(&form.csrf) {
        return page.error(e);
    }
    let queued = async {
        page.require(Permission::ManageFeeds)?;
        let feed = FeedSource::ALL
            .into_iter()
            .find(|s| s.as_str() == source)
            .ok_or_else(|| ApiError::NotFound(format!("feed {source:?} not found")))?;
        // The server has no sync setting of its own yet: the job reads the same file
        // `mamori db sync` reads.
        let config = std::env::var("MAMORI_SYNC_CONFIG")
            .ok()
            .filter(|c| !c.trim().is_empty())
            .unwrap_or_else(|| "mamori-sync.toml".to_owned());
        let job = NewJob::new(
            crate::jobs::FEED_SYNC,
            json!({"config": config, "feeds": [feed.as_str()]}),
            crate::api::now(),
        )
        .dedupe(&format!("feed_sync:{}", feed.as_str()));
        state.store.enqueue(job).await?;
        Ok::<_, ApiError>(())
    }
    .await;
    match queued {
        Ok(()) => see_other_with("/feeds", "notice.saved", state.config.behind_tls()),
        Err(e) if correctable(&e) => {
            page.with_problem(&e);
            let html = feeds_html(&state, &page).await;
            page.render_status(status_of(&e), html)
        }
        Err(e) => page.error(e),
    }
}

// --------------------------------------------------------------------------------- tokens

/// GET `/tokens`.
pub(crate) async fn tokens(State(state): State<AppState>, page: Page) -> Response {
    page.render(tokens_html(&state, &page, None).await)
}

async fn tokens_html(
    state: &AppState,
    page: &Page,
    created: Option<NewToken>,
) -> Result<String, ApiError> {
    page.require(Permission::OwnTokens)?;
    // An administrator sees everyone's tokens (to revoke a leaked one); others their own.
    let owner =
        (!page.principal.user.role.can(Permission::ManageUsers)).then_some(page.principal.user.id);
    let now = crate::api::now();
    let rows = state
        .store
        .api_tokens(owner)
        .await?
        .into_iter()
        .map(|t| {
            let expires_at = t
                .expires_at
                .as_deref()
                .and_then(|e| OffsetDateTime::parse(e, &Rfc3339).ok());
            TokenItem {
                id: t.id,
                name: t.name,
                scopes: t.scopes,
                created: fmt_time(&t.created_at),
                expires: t.expires_at.as_deref().and_then(parse_day),
                last_used: t.last_used_at.as_deref().map(fmt_time),
                revoked: t.revoked_at.is_some(),
                expired: expires_at.is_some_and(|e| e <= now),
            }
        })
        .collect();
    let view = TokensView {
        rows,
        created,
        scopes: TOKEN_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
    };
    Ok(render_tokens(&page.ctx, &view))
}

/// POST `/tokens` (`name`, `scope` repeated, `expires`): creates a token and shows its
/// secret this once.
pub(crate) async fn create_token(
    State(state): State<AppState>,
    mut page: Page,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = page.check_csrf(field(&fields, "csrf")) {
        return page.error(e);
    }
    let made = async {
        page.require(Permission::OwnTokens)?;
        if matches!(page.principal.via, Via::Token { .. }) {
            return Err(ApiError::invalid(
                "sign in with a session to create API tokens",
                "name",
            ));
        }
        let now = crate::api::now();
        let expires = match non_empty(field(&fields, "expires")) {
            None => now + time::Duration::days(90),
            Some(s) => parse_day(s)
                .filter(|_| s.len() == 10)
                .ok_or_else(|| ApiError::invalid(format!("{s:?} is not a date"), "expires"))?
                .midnight()
                .assume_utc(),
        };
        if expires <= now || expires > now + time::Duration::days(366) {
            return Err(ApiError::invalid(
                "the expiry must be within the next 366 days",
                "expires",
            ));
        }
        let mut scopes: Vec<&str> = fields
            .iter()
            .filter(|(k, _)| k == "scope")
            .map(|(_, v)| v.as_str())
            .collect();
        if scopes.is_empty() {
            scopes.push("read");
        }
        let name = field(&fields, "name").trim().to_owned();
        let (secret, _) = state
            .store
            .create_api_token(
                page.principal.user.id,
                &name,
                &scopes,
                expires,
                page.principal.actor(),
                now,
            )
            .await?;
        Ok(NewToken {
            name,
            plaintext: secret,
        })
    }
    .await;
    match made {
        Ok(created) => {
            let html = tokens_html(&state, &page, Some(created)).await;
            page.render(html)
        }
        Err(e) if correctable(&e) => {
            page.with_problem(&e);
            let html = tokens_html(&state, &page, None).await;
            page.render_status(status_of(&e), html)
        }
        Err(e) => page.error(e),
    }
}

/// POST `/tokens/{id}/revoke`: one's own token, or (an administrator) anyone's.
pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(e) = page.check_csrf(&form.csrf) {
        return page.error(e);
    }
    let done = async {
        page.require(Permission::OwnTokens)?;
        let token = state.store.api_token(id).await?;
        if token.user_id != page.principal.user.id
            && !page.principal.user.role.can(Permission::ManageUsers)
        {
            return Err(ApiError::NotFound(format!("api token {id} not found")));
        }
        state
            .store
            .revoke_api_token(id, page.principal.actor(), crate::api::now())
            .await?;
        Ok::<_, ApiError>(())
    }
    .await;
    match done {
        Ok(()) => see_other_with("/tokens", "notice.token_revoked", state.config.behind_tls()),
        Err(e) => page.error(e),
    }
}

// ---------------------------------------------------------------------------------- users

/// GET `/admin/users`.
pub(crate) async fn users(State(state): State<AppState>, page: Page) -> Response {
    page.render(users_html(&state, &page).await)
}

async fn users_html(state: &AppState, page: &Page) -> Result<String, ApiError> {
    page.require(Permission::ManageUsers)?;
    let rows = state
        .store
        .users(page.principal.visibility())
        .await?
        .into_iter()
        .map(|u| UserItem {
            id: u.id,
            name: u.display_name,
            email: u.email,
            role: mamori_console::Role::parse(u.role.as_str())
                .unwrap_or(mamori_console::Role::Hospital),
            org: u.org_name,
            disabled: u.disabled,
            last_sign_in: u.last_login_at.as_deref().map(fmt_time),
        })
        .collect();
    let orgs = state
        .store
        .organizations()
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(render_users(&page.ctx, &UsersView { rows, orgs }))
}

#[derive(Deserialize)]
pub(crate) struct UserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    org: String,
    #[serde(default)]
    password: String,
}

/// POST `/admin/users`: a new user.
pub(crate) async fn add_user(
    State(state): State<AppState>,
    mut page: Page,
    Form(form): Form<UserForm>,
) -> Response {
    if let Err(e) = page.check_csrf(&form.csrf) {
        return page.error(e);
    }
    let added = async {
        page.require(Permission::ManageUsers)?;
        let email =
            Email::new(form.email.trim()).map_err(|e| ApiError::invalid(e.to_string(), "email"))?;
        let role = Role::parse(&form.role)
            .ok_or_else(|| ApiError::invalid(format!("unknown role {:?}", form.role), "role"))?;
        let org_id: i64 = form
            .org
            .trim()
            .parse()
            .map_err(|_| ApiError::invalid("choose an organization", "org"))?;
        let name = non_empty(&form.name)
            .ok_or_else(|| ApiError::invalid("a user needs a name", "name"))?;
        state
            .store
            .add_user(
                &NewUser {
                    email,
                    display_name: name.to_owned(),
                    password: form.password.clone(),
                    org_id,
                    role,
                    lang: page.ctx.lang.tag().to_owned(),
                },
                page.principal.actor(),
                crate::api::now(),
            )
            .await?;
        Ok::<_, ApiError>(())
    }
    .await;
    match added {
        Ok(()) => see_other_with("/admin/users", "notice.saved", state.config.behind_tls()),
        Err(e) if correctable(&e) => {
            page.with_problem(&e);
            let html = users_html(&state, &page).await;
            page.render_status(status_of(&e), html)
        }
        Err(e) => page.error(e),
    }
}

/// POST `/admin/users/{id}/enable`.
pub(crate) async fn enable_user(
    state: State<AppState>,
    page: Page,
    id: Path<i64>,
    form: Form<CsrfForm>,
) -> Response {
    set_disabled(state, page, id, form, false).await
}

/// POST `/admin/users/{id}/disable` (their sessions end).
pub(crate) async fn disable_user(
    state: State<AppState>,
    page: Page,
    id: Path<i64>,
    form: Form<CsrfForm>,
) -> Response {
    set_disabled(state, page, id, form, true).await
}

async fn set_disabled(
    State(state): State<AppState>,
    mut page: Page,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
    disabled: bool,
) -> Response {
    if let Err(e) = page.check_csrf(&form.csrf) {
        return page.error(e);
    }
    let done = async {
        page.require(Permission::ManageUsers)?;
        if id == page.principal.user.id && disabled {
            return Err(ApiError::invalid(
                "you cannot disable yourself: ask another administrator",
                "id",
            ));
        }
        // Only users this administrator can see (the store applies the visibility).
        if !state
            .store
            .users(page.principal.visibility())
            .await?
            .iter()
            .any(|u| u.id == id)
        {
            return Err(ApiError::NotFound(format!("user {id} not found")));
        }
        state
            .store
            .set_user_disabled(id, disabled, page.principal.actor(), crate::api::now())
            .await?;
        Ok::<_, ApiError>(())
    }
    .await;
    match done {
        Ok(()) => see_other_with("/admin/users", "notice.saved", state.config.behind_tls()),
        Err(e) if correctable(&e) => {
            page.with_problem(&e);
            let html = users_html(&state, &page).await;
            page.render_status(status_of(&e), html)
        }
        Err(e) => page.error(e),
    }
}

// -------------------------------------------------------------------------- organizations

/// GET `/admin/organizations`.
pub(crate) async fn orgs(State(state): State<AppState>, page: Page) -> Response {
    page.render(orgs_html(&state, &page).await)
}

async fn orgs_html(state: &AppState, page: &Page) -> Result<String, ApiError> {
    page.require(Permission::ManageUsers)?;
    let mut users: HashMap<i64, u64> = HashMap::new();
    for u in state.store.users(Visibility::All).await? {
        *users.entry(u.org_id).or_default() += 1;
    }
    let rows = state
        .store
        .organizations()
        .await?
        .into_iter()
        .map(|o| OrgItem {
            id: o.id,
            users: users.get(&o.id).copied().unwrap_or(0),
            name: o.name,
            kind: o.kind.as_str().to_owned(),
        })
        .collect();
    Ok(render_orgs(
        &page.ctx,
        &OrgsView {
            rows,
            can_create: true,
        },
    ))
}

#[derive(Deserialize)]
pub(crate) struct OrgForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
}

/// POST `/admin/organizations`: a new hospital, distributor or maker organization.
pub(crate) async fn add_org(
    State(state): State<AppState>,
    mut page: Page,
    Form(form): Form<OrgForm>,
) -> Response {
    if let Err(e) = page.check_csrf(&form.csrf) {
        return page.error(e);
    }
    let added = async {
        page.require(Permission::ManageUsers)?;
        let kind = OrgKind::parse(&form.kind)
            .ok_or_else(|| ApiError::invalid(format!("unknown kind {:?}", form.kind), "kind"))?;
        let name = non_empty(&form.name)
            .ok_or_else(|| ApiError::invalid("an organization needs a name", "name"))?;
        state
            .store
            .add_organization(
                name,
                kind,
                page.ctx.lang.tag(),
                page.principal.actor(),
                crate::api::now(),
            )
            .await?;
        Ok::<_, ApiError>(())
    }
    .await;
    match added {
        Ok(()) => see_other_with(
            "/admin/organizations",
            "notice.saved",
            state.config.behind_tls(),
        ),
        Err(e) if correctable(&e) => {
            page.with_problem(&e);
            let html = orgs_html(&state, &page).await;
            page.render_status(status_of(&e), html)
        }
        Err(e) => page.error(e),
    }
}

// ----------------------------------------------------------------------------------- jobs

#[derive(Deserialize, Default)]
pub(crate) struct JobsQuery {
    #[serde(default)]
    state: String,
    #[serde(default)]
    cursor: String,
}

/// GET `/admin/jobs?state=&cursor=`.
pub(crate) async fn jobs(
    State(state): State<AppState>,
    page: Page,
    Query(q): Query<JobsQuery>,
) -> Response {
    page.render(jobs_html(&state, &page, &q).await)
}

async fn jobs_html(state: &AppState, page: &Page, q: &JobsQuery) -> Result<String, ApiError> {
    page.require(Permission::ManageJobs)?;
    let status = match non_empty(&q.state) {
        None => None,
        Some(s) => Some(
            JobStatus::parse(s)
                .ok_or_else(|| ApiError::invalid(format!("unknown job state {s:?}"), "state"))?,
        ),
    };
    let before_id =
        match non_empty(&q.cursor) {
            None => None,
            Some(c) => Some(c.parse::<i64>().map_err(|_| {
                ApiError::invalid("the cursor is not one this server gave", "cursor")
            })?),
        };
    let rows = state
        .store
        .jobs(&JobFilter {
            status,
            kind: None,
            limit: JOBS_PAGE,
            before_id,
        })
        .await?;
    let next_cursor = (rows.len() == JOBS_PAGE as usize)
        .then(|| rows.last().map(|j| j.id.to_string()))
        .flatten();
    let counts = state
        .store
        .job_counts()
        .await?
        .into_iter()
        .map(|(s, n)| (s.as_str().to_owned(), u64::try_from(n).unwrap_or(0)))
        .collect();
    let view = JobsView {
        counts,
        state: status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        rows: rows
            .into_iter()
            .map(|j| JobItem {
                id: j.id,
                kind: j.kind,
                state: j.status.as_str().to_owned(),
                attempts: j.attempts,
                max_attempts: j.max_attempts,
                run_at: fmt_at(j.finished_at.unwrap_or(j.run_at)),
                last_error: j.last_error,
            })
            .collect(),
        next_cursor,
    };
    Ok(render_jobs(&page.ctx, &view))
}

/// POST `/admin/jobs/{id}/retry`: a failed or dead job queued again with all its attempts.
pub(crate) async fn retry_job(
    State(state): State<AppState>,
    mut page: Page,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(e) = page.check_csrf(&form.csrf) {
        return page.error(e);
    }
    let done = async {
        page.require(Permission::ManageJobs)?;
        state.store.retry_job(id, crate::api::now()).await?;
        Ok::<_, ApiError>(())
    }
    .await;
    match done {
        Ok(()) => see_other_with(
            "/admin/jobs",
            "notice.job_retried",
            state.config.behind_tls(),
        ),
        Err(e) if correctable(&e) => {
            page.with_problem(&e);
            let html = jobs_html(&state, &page, &JobsQuery::default()).await;
            page.render_status(status_of(&e), html)
        }
        Err(e) => page.error(e),
    }
}
