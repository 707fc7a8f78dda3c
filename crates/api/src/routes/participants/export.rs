//! `GET /participants/{id}/export`: everything Stige holds about a person
//! (GDPR Art. 15 and 20), as JSON or as a printable page.

use crate::auth::Reader;
use crate::calendar::today;
use crate::db::write;
use crate::error::ApiError;
use crate::openapi::problem;
use crate::routes::{attendance, follow_ups, goals, research};
use crate::state::AppState;
use crate::use_cases::access_log::described;
use crate::use_cases::{consent, contacts, outcomes, participants, placements, rectifications};
use crate::use_cases::{plans, referrals};
use actix_web::{HttpResponse, get, web};
use stige_domain::AuditAction;
use stige_domain::Capability;
use stige_domain::{LadderId, ParticipantId};
use stige_store::{audit, partner_events};
use stige_wire::{ExportedPartnerEvent, ParticipantExport, RevealedNationalId};

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
    let (exported, language) = write(&state, move |conn| {
        let row = super::visible(conn, &staff, id)?;
        let ladder = LadderId(row.ladder_id);
        if !staff
            .reach
            .may_in(ladder, Capability::AnswerParticipantRequests)
        {
            return Err(ApiError::NotFound);
        }
        let national_id = match (&row.national_id_cipher, row.national_id_kind) {
            (Some(stored), Some(kind)) => Some(
                cipher
                    .decrypt(stored)
                    .map(|national_id| RevealedNationalId { national_id, kind })?,
            ),
            _ => None,
        };
        let language =
            stige_store::access_log::language_of(conn, row.ladder_id)?.unwrap_or_default();
        let participant = participants::detail_view(conn, row.clone(), today)?;
        let partner_events = partner_events::about(conn, id)?
            .into_iter()
            .map(|e| ExportedPartnerEvent {
                agreement_id: e.agreement_id,
                kind: e.kind.as_str().to_owned(),
                category: e.category,
                occurred_at: e.occurred_at,
                data: serde_json::from_str(&e.data).unwrap_or(serde_json::Value::String(e.data)),
            })
            .collect();
        let events = audit::touching(conn, id)?;
        let access_log = described(conn, events, id, row.ladder_id)?;
        let exported = ParticipantExport {
            generated_at: stige_store::now(),
            participant,
            national_id,
            goals: goals::of_participant(conn, id)?,
            follow_ups: follow_ups::of_participant(conn, id, true)?,
            attendance: attendance::everything(conn, id)?,
            consents: consent::ledger(conn, id)?,
            research_consent: research::shown(stige_store::research::consent(conn, id)?),
            referrals: referrals::of_participant(conn, id)?,
            agreement_links: super::agreements::links_of(conn, id)?,
            placements: placements::of_participant(conn, id, today)?,
            partner_events,
            outcomes: outcomes::outcomes_view(conn, &row)?,
            contact: contacts::card(conn, &cipher, id, i64::MAX)?,
            plan: plans::plan_of(conn, id)?,
            activities: super::activities::enrolments_of(conn, &[id.0])?
                .into_iter()
                .map(|(_, e)| e)
                .collect(),
            work_days: super::work_capacity::days_of(conn, id)?,
            work_tasks: super::work_capacity::tasks_of(conn, row.ladder_id)?,
            peer_supports: {
                let p = super::peers::peers_of(conn, id)?;
                p.peers.into_iter().chain(p.supports).collect()
            },
            rectifications: rectifications::trail(conn, id, Some(&cipher))?,
            access_log,
        };
        super::record(
            conn,
            &staff,
            AuditAction::ParticipantExport,
            Some(id),
            Some(format!(
                "format={}",
                if format == ExportFormat::Html {
                    "html"
                } else {
                    "json"
                }
            )),
        )?;
        Ok((exported, language))
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
