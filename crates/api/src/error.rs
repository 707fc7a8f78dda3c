//! The API's errors as RFC 9457 problem+json.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use stige_domain::ValidationErrors;
use stige_wire::Problem;

/// Everything a handler can answer besides success.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("The request is not valid.")]
    Validation(ValidationErrors),
    #[error("{0}")]
    BadRequest(String),
    #[error("Send the body as JSON with Content-Type: application/json.")]
    UnsupportedMediaType,
    #[error("Authentication is required.")]
    Unauthorized,
    #[error("The username or password is not right.")]
    InvalidCredentials,
    #[error("Your role does not allow this.")]
    Forbidden,
    #[error(
        "Sign-in with a password is switched off here: sign in with your organisation's identity provider."
    )]
    PasswordSignInOff,
    #[error("Not found.")]
    NotFound,
    /// A person who exists but whom the caller may not see: answered as
    /// [`ApiError::NotFound`], and the attempt is recorded from this event
    /// once the request's transaction has ended (see `routes::settle`).
    #[error("Not found.")]
    Refused(Box<stige_store::read_audit::ReadEvent>),
    #[error("{0}")]
    Conflict(String),
    /// A link that was used or has expired.
    #[error("{0}")]
    Gone(String),
    #[error("The record was changed by someone else since you read it. Reload it and try again.")]
    PreconditionFailed,
    #[error("Send the ETag you read in an If-Match header, so no one's change is lost.")]
    PreconditionRequired,
    #[error("Too many failed attempts. Try again in {0} seconds.")]
    TooManyRequests(u64),
    #[error("The database cannot be reached.")]
    Unavailable,
    /// `/ready`'s answer when the database cannot be reached, with why.
    #[error("The database cannot be reached: {0}")]
    NotReady(String),
    #[error("Something went wrong on our side. It has been logged.")]
    Unexpected(anyhow::Error),
}

/// Seconds a client is asked to wait before trying again while the database
/// cannot be reached.
pub const RETRY_AFTER_UNAVAILABLE_SECS: u64 = 2;

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        if stige_store::reachability::is_unreachable(&e) {
            tracing::warn!(error = %e, "database unavailable");
            return Self::Unavailable;
        }
        Self::Unexpected(anyhow::Error::new(e).context("database query"))
    }
}

impl From<stige_store::StoreError> for ApiError {
    fn from(e: stige_store::StoreError) -> Self {
        match e {
            stige_store::StoreError::Connect(_) => {
                tracing::warn!(error = %e, "database unavailable");
                Self::Unavailable
            }
            stige_store::StoreError::Query(q) => q.into(),
            other => Self::Unexpected(anyhow::Error::new(other)),
        }
    }
}

/// An error from anywhere: the database being out of reach is found in its
/// causes (a query's error wrapped with context), everything else is unexpected.
impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> Self {
        let unreachable = e.chain().any(|cause| {
            cause
                .downcast_ref::<diesel::result::Error>()
                .is_some_and(stige_store::reachability::is_unreachable)
                || matches!(
                    cause.downcast_ref::<stige_store::StoreError>(),
                    Some(stige_store::StoreError::Connect(_))
                )
        });
        if unreachable {
            tracing::warn!(error = %e, "database unavailable");
            return Self::Unavailable;
        }
        Self::Unexpected(e)
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(e: ValidationErrors) -> Self {
        Self::Validation(e)
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        Self::Unexpected(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

impl ApiError {
    fn slug_and_title(&self) -> (&'static str, &'static str) {
        match self {
            Self::Validation(_) => ("validation", "Validation failed"),
            Self::BadRequest(_) => ("bad-request", "Bad request"),
            Self::UnsupportedMediaType => ("unsupported-media-type", "Unsupported media type"),
            Self::Unauthorized => ("unauthorized", "Unauthorized"),
            Self::InvalidCredentials => ("invalid-credentials", "Unauthorized"),
            Self::Forbidden => ("forbidden", "Forbidden"),
            Self::PasswordSignInOff => ("password-sign-in-off", "Forbidden"),
            Self::NotFound | Self::Refused(_) => ("not-found", "Not found"),
            Self::Conflict(_) => ("conflict", "Conflict"),
            Self::Gone(_) => ("gone", "Gone"),
            Self::PreconditionFailed => ("precondition-failed", "Precondition failed"),
            Self::PreconditionRequired => ("precondition-required", "Precondition required"),
            Self::TooManyRequests(_) => ("too-many-requests", "Too many requests"),
            Self::Unavailable | Self::NotReady(_) => ("unavailable", "Service unavailable"),
            Self::Unexpected(_) => ("internal", "Internal error"),
        }
    }

    /// The problem document sent for this error.
    pub fn problem(&self) -> Problem {
        let (slug, title) = self.slug_and_title();
        // A conflict's or a used link's detail has its own code where the
        // table knows it; every other problem's code is its kind (`stige_domain::message_code::PROBLEM_KINDS`).
        let (code, params) = match self {
            Self::Conflict(detail) | Self::Gone(detail) => {
                match stige_domain::message_code::code_of(detail) {
                    (stige_domain::message_code::FALLBACK, _) => (slug, Default::default()),
                    coded => coded,
                }
            }
            _ => (slug, Default::default()),
        };
        Problem {
            kind: format!("/problems/{slug}"),
            title: title.to_owned(),
            status: self.status_code().as_u16(),
            detail: Some(self.to_string()),
            code: Some(code.to_owned()),
            params,
            errors: match self {
                Self::Validation(v) => v.0.clone(),
                _ => vec![],
            },
            instance: crate::request_id::current().map(|id| crate::request_id::instance(&id)),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unauthorized | Self::InvalidCredentials => StatusCode::UNAUTHORIZED,
            Self::Forbidden | Self::PasswordSignInOff => StatusCode::FORBIDDEN,
            Self::NotFound | Self::Refused(_) => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Gone(_) => StatusCode::GONE,
            Self::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            Self::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable | Self::NotReady(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Unexpected(e) = self {
            tracing::error!(error = ?e, "unexpected error");
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        ));
        match self {
            Self::Unauthorized | Self::InvalidCredentials => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            Self::TooManyRequests(secs) => {
                response.insert_header((header::RETRY_AFTER, secs.to_string()));
            }
            Self::Unavailable | Self::NotReady(_) => {
                response.insert_header((
                    header::RETRY_AFTER,
                    RETRY_AFTER_UNAVAILABLE_SECS.to_string(),
                ));
            }
            _ => {}
        }
        response.json(self.problem())
    }
}

/// Turns actix's JSON, query and path extraction errors into problem+json.
pub fn json_error(
    err: actix_web::error::JsonPayloadError,
    _: &actix_web::HttpRequest,
) -> actix_web::Error {
    use actix_web::error::JsonPayloadError as J;
    let message = match &err {
        J::ContentType => return ApiError::UnsupportedMediaType.into(),
        J::Deserialize(e) => format!("The body is not valid JSON for this request: {e}."),
        J::Overflow { .. } | J::OverflowKnownLength { .. } => "The body is too large.".to_owned(),
        _ => "The body could not be read.".to_owned(),
    };
    ApiError::BadRequest(message).into()
}

pub fn query_error(
    err: actix_web::error::QueryPayloadError,
    _: &actix_web::HttpRequest,
) -> actix_web::Error {
    ApiError::BadRequest(format!("The query string is not valid: {err}.")).into()
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_a_code_the_domain_lists() {
        let kinds: Vec<&str> = stige_domain::message_code::PROBLEM_KINDS
            .iter()
            .map(|(code, _)| *code)
            .collect();
        let all = [
            ApiError::Validation(ValidationErrors::new()),
            ApiError::BadRequest("bad".into()),
            ApiError::UnsupportedMediaType,
            ApiError::Unauthorized,
            ApiError::InvalidCredentials,
            ApiError::Forbidden,
            ApiError::PasswordSignInOff,
            ApiError::NotFound,
            ApiError::Conflict("something new".into()),
            ApiError::Gone("The link has been used".into()),
            ApiError::PreconditionFailed,
            ApiError::PreconditionRequired,
            ApiError::TooManyRequests(3),
            ApiError::Unavailable,
            ApiError::NotReady("down".into()),
            ApiError::Unexpected(anyhow::anyhow!("boom")),
        ];
        let mut slugs = std::collections::BTreeSet::new();
        for error in &all {
            let (slug, _) = error.slug_and_title();
            slugs.insert(slug);
            assert!(kinds.contains(&slug), "{slug} is not in PROBLEM_KINDS");
            let problem = error.problem();
            let code = problem.code.expect("a code");
            assert!(
                stige_domain::message_code::all_codes().contains(&code.as_str()),
                "{code}"
            );
            assert_eq!(problem.kind, format!("/problems/{slug}"));
            assert_ne!(code, stige_domain::message_code::FALLBACK, "{slug}");
        }
        // The one kind not an `ApiError`: a path asked with a method it does
        // not answer (`crate::web`).
        let kinds: std::collections::BTreeSet<&str> = kinds
            .into_iter()
            .filter(|k| *k != "method-not-allowed")
            .collect();
        assert_eq!(slugs, kinds, "PROBLEM_KINDS names a kind no error has");
    }
}
