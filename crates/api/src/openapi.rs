//! The OpenAPI document: built by one function that the server also serves, and
//! committed as `openapi/openapi.json` (a test fails when that file is stale).

mod examples;
mod flatten;
mod operation_ids;
pub mod problem;
mod refine;

pub use operation_ids::OPERATION_IDS;

use actix_web::App;
use utoipa::openapi::security::{
    ClientCredentials, Flow, Http, HttpAuthScheme, OAuth2, Scopes, SecurityScheme,
};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::{AppExt, scope};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Stige API",
        description = "Case management for work-integration social enterprises: ladders, \
            participants, step moves. Errors are RFC 9457 problem+json (one shared response \
            per status). Staff log in at /api/v1/auth/login and send the access token as \
            `Authorization: Bearer …`. Every timestamp (`format: date-time`) is UTC in \
            RFC 3339 with `Z` (`2026-11-30T09:15:00Z`); dates (`format: date`) are ISO \
            dates; integers are written without a fraction (`42`, not `42.0`). 429 and 503 \
            carry `Retry-After` (seconds).",
        license(name = "AGPL-3.0-or-later")
    ),
    modifiers(&StaffSecurity),
    components(schemas(crate::routes::participants::export::ExportFormat)),
    tags(
        (name = "health", description = "Liveness and readiness"),
        (name = "auth", description = "Staff login, refresh and logout"),
        (name = "users", description = "Staff users"),
        (name = "ladders", description = "Ladders, steps and parallel activities"),
        (name = "participants", description = "Participants, their status and step moves"),
        (name = "goals", description = "Goals in the participant's own words, with scaling scores"),
        (name = "follow-ups", description = "Follow-up conversations and agreed actions"),
        (name = "attendance", description = "The attendance register and planned participation"),
        (name = "today", description = "The staff home page"),
        (name = "partners", description = "Partners, cooperation agreements, API clients, partner tokens, the events feed and agreement reports"),
        (name = "referrals", description = "Referrals from partners and their triage"),
        (name = "consents", description = "The consent ledger: what each participant shares with which partner"),
        (name = "employers", description = "Employers and their contact people"),
        (name = "placements", description = "Internships, work trials and employment; invitations to employers; the outbox"),
        (name = "employer", description = "The employer's side: no account, the token from the invitation link is the key"),
        (name = "outcomes", description = "The person's situation (income source, occupation, education) at the start, at the exit and 3, 6 and 12 months after, and the checks after exits to do"),
        (name = "contact", description = "How to reach a participant, their emergency contacts and safety note (sealed at rest), and the attempts to reach them"),
        (name = "activities", description = "Enrolments in the ladder's parallel activities (ALUP, a course, treatment): attendance beside the steps, completion or interruption, the result"),
        (name = "work", description = "The work itself: the programme's workplaces and tasks, the day's work log (tasks, hours, independence), what each step expects, and a person's work capacity over time"),
        (name = "production", description = "Production and the enterprise's economy: per workplace and day the units made (items or portions), orders, customers and sales in NOK or SEK, entered or imported from the till's CSV; the monthly production report with participant hours and a year's trend"),
        (name = "plan", description = "The individual plan (IP / SIP): the person's goals per life area, who is responsible, next steps, the coordinator and the reviews"),
        (name = "privacy", description = "Retention, erasures and the record of processing, for an organisation's admins"),
        (name = "reports", description = "Programme reports for the steering group and partners, CSV tables, and the anonymised research extract"),
    )
)]
pub struct ApiDoc;

struct StaffSecurity;

impl Modify for StaffSecurity {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.bearer_format = Some("JWT".into());
        scheme.description = Some(
            "A staff access token from POST /api/v1/auth/login (HS256 JWT, at most 15 minutes)."
                .into(),
        );
        components.add_security_scheme("staff", SecurityScheme::Http(scheme));
        let mut flow = ClientCredentials::new(
            "/api/v1/auth/token",
            Scopes::from_iter([
                ("referrals:write", "refer people"),
                ("referrals:read", "read the agreement's referrals"),
                (
                    "participants:read",
                    "read the agreement's participants, consent-filtered",
                ),
                ("events:read", "follow the change feed"),
                ("report:read", "read the agreement's report"),
            ]),
        );
        flow.refresh_url = None;
        let mut partner = OAuth2::new([Flow::ClientCredentials(flow)]);
        partner.description = Some(
            "A partner token from POST /api/v1/auth/token (OAuth 2.0 client credentials; \
             HS256 JWT of at most 15 minutes, tied to one cooperation agreement)."
                .into(),
        );
        components.add_security_scheme("partner", SecurityScheme::OAuth2(partner));
    }
}

/// The document, with every route registered under `/api/v1`, refined (see
/// `refine`: shared responses, operation ids, examples, timestamps).
pub fn document() -> serde_json::Value {
    let (_, mut api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(scope("/api/v1").configure(crate::routes::configure))
        .split_for_parts();
    api.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let mut value = serde_json::to_value(&api).unwrap_or_default();
    refine::refine(&mut value);
    flatten::flatten_all_of(&mut value);
    value
}

/// The document as pretty JSON with a final newline, as committed.
pub fn document_json() -> anyhow::Result<String> {
    Ok(format!("{}\n", serde_json::to_string_pretty(&document())?))
}
