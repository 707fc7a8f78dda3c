//! Every request's id: in the `X-Request-Id` response header, in the log
//! lines written while it runs (the `request` span's `request_id`), and in
//! problem+json's `instance`.

use rand::RngCore;

/// The response header that carries the id.
pub const HEADER: &str = "x-request-id";

/// A new id: 16 random bytes as 32 hex digits.
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The id of the request being answered, if called while it runs.
/// Kept by the store, which writes it into the request's audit events.
pub fn current() -> Option<String> {
    stige_store::request::current()
}

/// Runs `f` as the request with `id`.
pub async fn scope<F: std::future::Future>(id: String, f: F) -> F::Output {
    stige_store::request::scope(id, f).await
}

/// problem+json's `instance` for the request `id`.
pub fn instance(id: &str) -> String {
    format!("urn:stige:request:{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_32_hex_digits_and_differ() {
        let (a, b) = (new_id(), new_id());
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_eq!(instance("ab"), "urn:stige:request:ab");
    }

    #[actix_web::test]
    async fn the_id_is_known_only_inside_its_scope() {
        assert_eq!(current(), None);
        let seen = scope("abc".into(), async { current() }).await;
        assert_eq!(seen.as_deref(), Some("abc"));
    }
}
