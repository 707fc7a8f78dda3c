//! A handler's answer when all it does is run a use case and send back what
//! the use case returned as JSON: 200 after a read, 200 or 201 after a write.

use crate::db::{read, write};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use serde::Serialize;
use stige_store::DbConnection;

/// Reads with `f` and answers 200 with its value.
pub async fn read_ok<T, F>(state: &web::Data<AppState>, f: F) -> Result<HttpResponse, ApiError>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
{
    Ok(HttpResponse::Ok().json(read(state, f).await?))
}

/// Runs `f` in one transaction and answers 200 with its value.
pub async fn write_ok<T, F>(state: &web::Data<AppState>, f: F) -> Result<HttpResponse, ApiError>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
{
    Ok(HttpResponse::Ok().json(write(state, f).await?))
}

/// Runs `f` in one transaction and answers 201 with what it made.
pub async fn write_created<T, F>(
    state: &web::Data<AppState>,
    f: F,
) -> Result<HttpResponse, ApiError>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
{
    Ok(HttpResponse::Created().json(write(state, f).await?))
}
