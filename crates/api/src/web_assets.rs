//! Serving the built web app as a CDN would. `cargo xtask build-web` names the
//! wasm, JS, CSS and texts by their content (`stige_bg-0123456789abcdef.wasm`) and
//! writes a brotli (`.br`) and a gzip (`.gz`) copy of each file beside it, so no
//! answer is compressed per request: the copy the client accepts is sent as it
//! is. Named by content, a file never changes, so browsers keep it a year
//! without asking again (`immutable`); `index.html` (which names them) and any
//! other file is revalidated every time (`no-cache`, answered 304 by its ETag).
//! Any path that is not a file of the app is a client route: `index.html`;
//! but a content-named file the build lacks is 404.

use actix_files::NamedFile;
use actix_web::http::header::{self, ContentEncoding, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use std::path::Path;

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const NO_CACHE: &str = "no-cache";

/// Answers `req` from the built app in `dir`.
pub async fn serve(req: HttpRequest, dir: &Path) -> actix_web::Result<HttpResponse> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return Ok(HttpResponse::build(StatusCode::METHOD_NOT_ALLOWED)
            .insert_header((header::ALLOW, "GET, HEAD"))
            .finish());
    }
    let name = match file_name(req.path()) {
        Some(name) if dir.join(name).is_file() => name,
        // A content-named file this build lacks (one of an earlier build, asked
        // for by a page loaded before it): not found, rather than the page,
        // which the app would take for the module or the texts it asked for.
        Some(name) if content_named(name) => {
            return Ok(HttpResponse::build(StatusCode::NOT_FOUND)
                .insert_header((header::CACHE_CONTROL, NO_CACHE))
                .finish());
        }
        _ => "index.html",
    };
    let accepted = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let (path, encoding) = [
        (ContentEncoding::Brotli, "br"),
        (ContentEncoding::Gzip, "gz"),
    ]
    .into_iter()
    .filter(|(encoding, _)| accepts(accepted, encoding.as_str()))
    .map(|(encoding, ext)| (dir.join(format!("{name}.{ext}")), encoding))
    .find(|(path, _)| path.is_file())
    .unwrap_or_else(|| (dir.join(name), ContentEncoding::Identity));
    let file = NamedFile::open_async(&path)
        .await?
        .set_content_type(actix_files::file_extension_to_mime(
            name.rsplit('.').next().unwrap_or_default(),
        ))
        .disable_content_disposition()
        .set_content_encoding(encoding);
    let mut res = file.into_response(&req);
    let h = res.headers_mut();
    let cache = if content_named(name) {
        IMMUTABLE
    } else {
        NO_CACHE
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if encoding == ContentEncoding::Identity {
        // Keeps the compression middleware off the file: an encoding the
        // build did not make is not made per request either.
        h.insert(
            header::CONTENT_ENCODING,
            HeaderValue::from_static("identity"),
        );
    }
    Ok(res)
}

/// The file a path names: one segment of letters, digits, `.`, `-` and `_`,
/// not starting with a dot (the app's files are all in one folder).
fn file_name(path: &str) -> Option<&str> {
    let name = path.strip_prefix('/')?;
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    plain.then_some(name)
}

/// Whether the name carries the content hash the build gives it
/// (`NAME-<16 hex digits>.EXT`).
pub fn content_named(name: &str) -> bool {
    let Some((stem, _ext)) = name.split_once('.') else {
        return false;
    };
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        hash.len() == 16 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// Whether an `Accept-Encoding` value accepts `coding` (named, or `*`, with a
/// `q` above 0).
fn accepts(header: &str, coding: &str) -> bool {
    header.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let refused = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        (name.eq_ignore_ascii_case(coding) || name == "*") && !refused
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_with_a_content_hash_are_kept_for_a_year() {
        assert!(content_named("stige_bg-0123456789abcdef.wasm"));
        assert!(content_named("style-0123456789abcdef.css"));
        assert!(!content_named("index.html"));
        assert!(!content_named("style.css"));
        assert!(!content_named("stige-0123456789ABCDEF.js"));
        assert!(!content_named("stige-0123.js"));
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip;q=0.5", "gzip"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(accepts("*", "gzip"));
        assert!(!accepts("", "gzip"));
        assert!(!accepts("identity", "br"));
    }

    #[test]
    fn only_plain_file_names_are_files_of_the_app() {
        assert_eq!(file_name("/style.css"), Some("style.css"));
        assert_eq!(file_name("/"), None);
        assert_eq!(file_name("/participants/3"), None);
        assert_eq!(file_name("/.env"), None);
        assert_eq!(file_name("/%2e%2e"), None);
    }
}
