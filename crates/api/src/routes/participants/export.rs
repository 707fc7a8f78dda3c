//! `GET /participants/{id}/export`: everything Stige holds about a person
//! (GDPR Art. 15 and 20), as JSON or as a printable page.

use crate::auth::Reader;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::state::AppState;
use crate::use_cases::export as export_uc;
use actix_web::{HttpResponse, get, web};
use stige_domain::ParticipantId;
use stige_wire::ParticipantExport;

/// How the export is given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// One JSON document (the default).
    #[default]
    Json,
    /// A readable page to print, in the language of the person's programme.
    Html,
}

#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `json` (default) or `html`.
    pub format: Option<ExportFormat>,
}

/// Everything Stige holds about the person: identity with the national
/// identity number in full, ladder history, goals and scores, follow-ups
/// (confidential ones too), attendance, consents and their history, research
/// consent, referrals, placements with the employer's feedback, events for
/// partners, outcomes (situations at start, exit and after), contact details
/// with emergency contacts, the safety note and every attempt to reach the
/// person, the individual plan, the enrolments in activities, and the access log. Admins and coordinators of the person's
/// programme; 404 for everyone else. Every export is recorded
/// (`participant.export`).
#[utoipa::path(tag = "participants", security(("staff" = [])), params(ExportQuery), responses(
    (status = 200, description = "The export: JSON, or with `format=html` a printable page",
        content((ParticipantExport = "application/json"), (String = "text/html"))),
    problem::BadRequest,
    problem::Unauthorized,
    problem::NotFound,
))]
#[get("/participants/{id}/export")]
pub async fn export(
    state: web::Data<AppState>,
    reader: Reader,
    path: web::Path<i64>,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = ParticipantId(path.into_inner());
    let Reader::Staff(token) = reader else {
        return Err(ApiError::NotFound);
    };
    let staff = token.check(&state).await?;
    let format = query.format.unwrap_or_default();
    let cipher = state.cipher.clone();
    let today = today();
    let name = if format == ExportFormat::Html {
        "html"
    } else {
        "json"
    };
    let (exported, language) = write(&state, move |conn| {
        export_uc::export(conn, &staff, &cipher, id, name, today)
    })
    .await?;
    Ok(match format {
        ExportFormat::Json => HttpResponse::Ok()
            .insert_header(("Cache-Control", "no-store"))
            .json(exported),
        ExportFormat::Html => HttpResponse::Ok()
            .insert_header(("Cache-Control", "no-store"))
            .content_type("text/html; charset=utf-8")
            .body(crate::export_page::render(&exported, &language)),
    })
}
