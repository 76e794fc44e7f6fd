//! Regulatory cases: the findings they group, the facts the reporting rules read, each obligation's clock and decision.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use mamori_judge::clocks::RegulatoryRules;
use mamori_model::Permission;
use mamori_store::NewCase;
use serde::Deserialize;
use serde_json::{Value, json};
use time::Date;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Principal;
use crate::problem::{ApiError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_cases, open_case))
        .routes(routes!(get_case))
        .routes(routes!(decide_case))
}

/// A case to open.
#[derive(Deserialize, ToSchema)]
pub struct CaseInput {
    /// Title.
    pub title: String,
    /// Finding ids (at least one).
    pub findings: Vec<i64>,
    /// When the maker became aware (the clocks start here).
    #[serde(with = "super::date")]
    #[schema(value_type = String, format = Date)]
    pub awareness: Date,
    /// `none`, `non_serious`, `serious`, `death`.
    pub harm: String,
    /// Whether the harm occurred (false: it could occur).
    #[serde(default)]
    pub harm_occurred: bool,
    /// Expected from the labelling (既知).
    #[serde(default)]
    pub expected: bool,
    /// Unanticipated serious deterioration in health (EU MDR).
    #[serde(default)]
    pub unanticipated: bool,
    /// Serious public health threat (EU MDR).
    #[serde(default)]
    pub public_health_threat: bool,
    /// `controlled` or `uncontrolled`, once assessed.
    pub safety: Option<String>,
    /// When a correction or removal was initiated.
    #[serde(default, with = "super::date::option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub correction_initiated: Option<Date>,
}

/// A decision on one obligation.
#[derive(Deserialize, ToSchema)]
pub struct DecisionInput {
    /// `jp`, `us`, `eu`.
    pub jurisdiction: String,
    /// The obligation's name in the rule table.
    pub obligation: String,
    /// Whether a report is required.
    pub report_required: bool,
    /// Why (required).
    pub reason: String,
}

fn case_json(c: &mamori_store::CaseRow) -> Result<Value, ApiError> {
    Ok(c.to_json(&RegulatoryRules::default_rules())?)
}

/// Every case with its clocks.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases",
    responses((status = 200, description = "`{cases: [...]}`", body = Object), (status = 403, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn list_cases(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ReadInternal)?;
    let rows = state.store.cases().await?;
    let list = rows.iter().map(case_json).collect::<Result<Vec<_>, _>>()?;
    Ok(Json(json!({"cases": list})))
}

/// One case with every obligation's deadline and decision.
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases",
    params(("id" = i64, Path, description = "Case id")),
    responses((status = 200, body = Object), (status = 404, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn get_case(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ReadInternal)?;
    Ok(Json(case_json(&state.store.case(id).await?)?))
}

/// Opens a case over findings.
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases", request_body = CaseInput,
    responses((status = 201, body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn open_case(
    State(state): State<AppState>,
    principal: Principal,
    Json(input): Json<CaseInput>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    principal.require(Permission::ManageCases)?;
    if mamori_judge::clocks::Harm::parse(&input.harm).is_none() {
        return Err(ApiError::invalid(
            format!(
                "unknown harm {:?}: use none, non_serious, serious, death",
                input.harm
            ),
            "/harm",
        ));
    }
    if let Some(s) = input.safety.as_deref()
        && mamori_judge::analysis::SafetyRisk::parse(s).is_none()
    {
        return Err(ApiError::invalid(
            format!("unknown safety assessment {s:?}: use controlled or uncontrolled"),
            "/safety",
        ));
    }
    let c = state
        .store
        .open_case(
            &NewCase {
                title: input.title,
                findings: input.findings,
                awareness: input.awareness,
                harm: input.harm,
                harm_occurred: input.harm_occurred,
                expected: input.expected,
                unanticipated: input.unanticipated,
                public_health_threat: input.public_health_threat,
                safety: input.safety,
                correction_initiated: input.correction_initiated,
            },
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(case_json(&c)?)))
}

/// Records a decision on one reporting obligation of a case.
#[utoipa::path(post, path = "/api/v1/cases/{id}/decisions", tag = "cases", request_body = DecisionInput,
    params(("id" = i64, Path, description = "Case id")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("session" = []), ("token" = [])))]
pub(crate) async fn decide_case(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<i64>,
    Json(input): Json<DecisionInput>,
) -> Result<Json<Value>, ApiError> {
    principal.require(Permission::ManageCases)?;
    if input.reason.trim().is_empty() {
        return Err(ApiError::invalid("a decision needs a reason", "/reason"));
    }
    let rules = RegulatoryRules::default_rules();
    let known = rules
        .rules()
        .iter()
        .any(|r| r.jurisdiction == input.jurisdiction && r.obligation == input.obligation);
    if !known {
        return Err(ApiError::invalid(
            format!(
                "{} has no obligation {:?} in the rule table",
                input.jurisdiction, input.obligation
            ),
            "/obligation",
        ));
    }
    let c = state
        .store
        .decide_case(
            id,
            &input.jurisdiction,
            &input.obligation,
            input.report_required,
            &input.reason,
            principal.actor(),
            super::now(),
        )
        .await?;
    Ok(Json(case_json(&c)?))
}
