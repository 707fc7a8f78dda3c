//! The OpenAPI document: built by one function that the server also serves, and
//! committed as `openapi/openapi.json` (a test fails when that file is stale).

use actix_web::App;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::{AppExt, scope};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Stige API",
        description = "Case management for work-integration social enterprises: ladders, \
            participants, step moves. Errors are RFC 9457 problem+json. Staff log in at \
            /api/v1/auth/login and send the access token as `Authorization: Bearer …`.",
        license(name = "AGPL-3.0-or-later")
    ),
    modifiers(&StaffSecurity),
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
    }
}

/// The document, with every route registered under `/api/v1`.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, mut api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(scope("/api/v1").configure(crate::routes::configure))
        .split_for_parts();
    api.info.version = env!("CARGO_PKG_VERSION").to_owned();
    api
}

/// The document as pretty JSON with a final newline, as committed.
pub fn document_json() -> anyhow::Result<String> {
    Ok(format!("{}\n", serde_json::to_string_pretty(&document())?))
}
