//! Putting the server together.

use crate::error::{json_error, query_error};
use crate::state::AppState;
use crate::web::path_error;
use actix_web::dev::Server;
use actix_web::middleware::{Compress, Condition, from_fn};
use actix_web::{App, HttpServer, web};
use std::net::TcpListener;
use std::path::PathBuf;
use utoipa_actix_web::{AppExt, scope};
use utoipa_swagger_ui::SwaggerUi;

/// Starts serving on `listener` (bind it first, e.g. to port 0 in tests).
pub fn serve(state: AppState, web_dir: PathBuf, listener: TcpListener) -> anyhow::Result<Server> {
    let state = web::Data::new(state);
    let document = crate::openapi::document();
    let web_app = crate::web::built_app(&web_dir);
    if web_app.is_none() {
        tracing::warn!(dir = %web_dir.display(), "the web app is not built; / explains how to build it");
    }
    let json_logs = state.json_logs;
    let server = HttpServer::new(move || {
        let (app, _) = App::new()
            .into_utoipa_app()
            .app_data(state.clone())
            .app_data(
                web::JsonConfig::default()
                    .limit(256 * 1024)
                    .error_handler(json_error),
            )
            .app_data(web::QueryConfig::default().error_handler(query_error))
            .app_data(web::PathConfig::default().error_handler(path_error))
            .map(|app| {
                app.service(
                    SwaggerUi::new("/api/docs/{_:.*}")
                        .external_url_unchecked("/api/v1/openapi.json", document.clone()),
                )
            })
            .service(
                scope("/api/v1")
                    .configure(crate::routes::configure)
                    .default_service(web::to(crate::web::api_not_found)),
            )
            .split_for_parts();
        let app = app
            .wrap(from_fn(crate::row_scope::establish))
            .wrap(from_fn(crate::server_timing::server_timing))
            .wrap(Compress::default())
            .wrap(from_fn(crate::web::security_headers))
            .wrap(from_fn(crate::metrics::observe))
            .wrap(Condition::new(!json_logs, crate::request_log::logger()))
            .service(web::scope("/api").default_service(web::to(crate::web::api_not_found)));
        match &web_app {
            Some(dir) => {
                let dir = std::sync::Arc::<std::path::Path>::from(dir.as_path());
                app.default_service(web::to(move |req: actix_web::HttpRequest| {
                    let dir = dir.clone();
                    async move { crate::web_assets::serve(req, &dir).await }
                }))
            }
            None => app.default_service(web::to(crate::web::not_built)),
        }
    })
    .listen(listener)?
    // On SIGTERM: stop accepting, and give the requests in flight this long.
    .shutdown_timeout(30)
    .run();
    Ok(server)
}
