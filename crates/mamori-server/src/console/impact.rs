//! Impact at a glance in the console: the maker asks which hospitals, sites and devices a vulnerability, an advisory or a component version touches, and downloads the device list as CSV for outreach.

use std::collections::HashMap;
use std::fmt::Write as _;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use mamori_console::{
    ImpactDeviceItem, ImpactHospitalItem, ImpactReleaseItem, ImpactResult, ImpactView,
    render_impact,
};
use mamori_model::Permission;
use mamori_store::{Impact, ImpactQuery, Visibility};
use serde::Deserialize;

use super::{Page, correctable, encode_query};
use crate::AppState;
use crate::problem::ApiError;

/// Device rows a page lists before it points to the CSV download.
const PAGE_DEVICES: usize = 1000;

/// The query string of `/impact` and `/impact.csv`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ImpactParams {
    by: Option<String>,
    #[serde(default)]
    q: String,
    #[serde(default)]
    version: String,
    /// A shortcut from the advisories list: an advisory id.
    advisory: Option<i64>,
}

impl ImpactParams {
    fn by(&self) -> &str {
        match (&self.advisory, self.by.as_deref()) {
            (Some(_), None) => "advisory",
            (_, Some(b)) => b,
            (None, None) => "vulnerability",
        }
    }

    fn csv_query(&self) -> String {
        let q = match self.advisory {
            Some(id) if self.q.trim().is_empty() => id.to_string(),
            _ => self.q.trim().to_owned(),
        };
        let mut s = format!("by={}&q={}", encode_query(self.by()), encode_query(&q));
        if !self.version.trim().is_empty() {
            let _ = write!(s, "&version={}", encode_query(self.version.trim()));
        }
        s
    }
}

/// Turns the form into a store query; `None` when nothing was asked yet.
async fn query(state: &AppState, p: &ImpactParams) -> Result<Option<ImpactQuery>, ApiError> {
    let q = p.q.trim();
    Ok(Some(match p.by() {
        "advisory" => {
            let id = match (p.advisory, q) {
                (Some(id), "") => id,
                (_, "") => return Ok(None),
                (_, q) => match q.parse::<i64>() {
                    Ok(id) => id,
                    // A tracking id, as people write it.
                    Err(_) => state
                        .store
                        .advisories_for(Visibility::All)
                        .await?
                        .into_iter()
                        .find(|a| a.tracking_id.eq_ignore_ascii_case(q))
                        .map(|a| a.id)
                        .ok_or_else(|| ApiError::NotFound(format!("no advisory {q:?}")))?,
                },
            };
            ImpactQuery::Advisory(id)
        }
        _ if q.is_empty() => return Ok(None),
        "vulnerability" => ImpactQuery::Vulnerability(q.to_owned()),
        "purl" => ImpactQuery::Purl(q.to_owned()),
        "component" => {
            if p.version.trim().is_empty() {
                return Err(ApiError::invalid(
                    "a component name needs its version",
                    "version",
                ));
            }
            ImpactQuery::Component {
                name: q.to_owned(),
                version: p.version.trim().to_owned(),
            }
        }
        other => {
            return Err(ApiError::invalid(
                format!("unknown kind {other:?}: use vulnerability, advisory, purl or component"),
                "by",
            ));
        }
    }))
}

async fn answer(
    state: &AppState,
    page: &Page,
    p: &ImpactParams,
) -> Result<Option<Impact>, ApiError> {
    page.require(Permission::ReadInternal)?;
    let Some(q) = query(state, p).await? else {
        return Ok(None);
    };
    Ok(Some(
        state
            .store
            .impact(&q, Visibility::All, crate::api::now())
            .await?,
    ))
}

fn release_names(impact: &Impact) -> HashMap<i64, String> {
    impact
        .releases
        .iter()
        .map(|r| (r.id, format!("{} {}", r.product, r.version)))
        .collect()
}

fn result(impact: Impact, csv_query: String) -> ImpactResult {
    let names = release_names(&impact);
    let mut budget = PAGE_DEVICES;
    let mut truncated_at = None;
    let rows = impact
        .hospitals
        .into_iter()
        .map(|h| {
            let mut devices = Vec::new();
            for s in &h.sites {
                for d in &s.devices {
                    if budget == 0 {
                        truncated_at = Some(PAGE_DEVICES);
                        break;
                    }
                    budget -= 1;
                    devices.push(ImpactDeviceItem {
                        site: s.name.clone(),
                        serial: d.serial.clone(),
                        release: names.get(&d.release_id).cloned().unwrap_or_default(),
                        location: d.location.clone(),
                        exposure: d.exposure.map(|e| e.as_str().to_owned()),
                        status: d.status.as_str().to_owned(),
                        legacy: d.legacy,
                        reported: d.reported.map(|r| r.as_str().to_owned()),
                    });
                }
            }
            ImpactHospitalItem {
                name: h.name,
                affected: h.affected,
                patched: h.patched,
                legacy: h.legacy,
                reported: h.reported,
                sites: h.sites.len(),
                devices,
            }
        })
        .collect::<Vec<_>>();
    ImpactResult {
        ids: impact.ids,
        affected: impact.affected,
        patched: impact.patched,
        legacy: impact.legacy,
        reported: impact.reported,
        hospitals: rows.len(),
        sites: impact.sites,
        releases: impact
            .releases
            .into_iter()
            .map(|r| ImpactReleaseItem {
                product: r.product,
                version: r.version,
                end_of_support: r.end_of_support,
                legacy: r.legacy,
                affected: r.affected,
            })
            .collect(),
        rows,
        truncated_at,
        csv_query,
    }
}

/// GET `/impact`: the query form and, once asked, the answer.
pub(crate) async fn impact(
    State(state): State<AppState>,
    page: Page,
    Query(p): Query<ImpactParams>,
) -> Response {
    let mut view = ImpactView {
        by: p.by().to_owned(),
        q: match p.advisory {
            Some(id) if p.q.trim().is_empty() => id.to_string(),
            _ => p.q.clone(),
        },
        version: p.version.clone(),
        ..ImpactView::default()
    };
    match answer(&state, &page, &p).await {
        Ok(Some(impact)) => view.result = Some(result(impact, p.csv_query())),
        Ok(None) => {}
        // A mistyped id or purl is answered on the page, next to the form.
        Err(e) if correctable(&e) || matches!(e, ApiError::NotFound(_)) => {
            view.error = Some(e.to_string());
        }
        Err(e) => return page.error(e),
    }
    page.render(Ok(render_impact(&page.ctx, &view)))
}

/// A CSV field, quoted when it must be (RFC 4180), and never read as a formula by a spreadsheet.
fn csv_field(out: &mut String, s: &str) {
    let guarded;
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// GET `/impact.csv`: every device of the answer, one row each, for mail merges and phone lists.
pub(crate) async fn impact_csv(
    State(state): State<AppState>,
    page: Page,
    Query(p): Query<ImpactParams>,
) -> Response {
    let impact = match answer(&state, &page, &p).await {
        Ok(Some(i)) => i,
        Ok(None) => return page.error(ApiError::invalid("nothing asked", "q")),
        Err(e) => return page.error(e),
    };
    let names = release_names(&impact);
    // A BOM so spreadsheet programs read the Japanese names as UTF-8.
    let mut out = String::from(
        "\u{feff}hospital,site,serial,release,location,network_exposure,status,past_end_of_support,reported\r\n",
    );
    for h in &impact.hospitals {
        for s in &h.sites {
            for d in &s.devices {
                let cells = [
                    h.name.as_str(),
                    s.name.as_deref().unwrap_or(""),
                    d.serial.as_str(),
                    names.get(&d.release_id).map_or("", String::as_str),
                    d.location.as_deref().unwrap_or(""),
                    d.exposure.map_or("", |e| e.as_str()),
                    d.status.as_str(),
                    if d.legacy { "yes" } else { "no" },
                    d.reported.map_or("", |r| r.as_str()),
                ];
                for (i, c) in cells.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    csv_field(&mut out, c);
                }
                out.push_str("\r\n");
            }
        }
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"impact.csv\"",
            ),
        ],
        out,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        for (given, want) in [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("-1", "'-1"),
            ("東病棟 3F", "東病棟 3F"),
        ] {
            let mut out = String::new();
            csv_field(&mut out, given);
            assert_eq!(out, want, "{given:?}");
        }
    }
}
