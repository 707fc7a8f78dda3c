//! Single sign-on's settings from the environment (documented in the README):
//! `STIGE_OIDC_ISSUER`, `STIGE_OIDC_CLIENT_ID`, `STIGE_OIDC_CLIENT_SECRET`,
//! `STIGE_OIDC_NAME`, `STIGE_OIDC_SCOPES`, `STIGE_OIDC_ROLE_CLAIM`,
//! `STIGE_OIDC_ROLES`, `STIGE_OIDC_ORGANISATION`, and `STIGE_PASSWORD_SIGN_IN`.

use super::roles::RoleMapping;
use super::{Oidc, OidcSettings};
use anyhow::{Context, bail};
use std::sync::Arc;
use stige_store::Store;

fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The identity provider, when `STIGE_OIDC_ISSUER` is set; every other
/// setting it needs is checked here, so a mistake stops the start.
pub fn from_env(store: &Store, public_url: &str) -> anyhow::Result<Option<Arc<Oidc>>> {
    let Some(issuer) = var("STIGE_OIDC_ISSUER") else {
        for other in ["STIGE_OIDC_CLIENT_ID", "STIGE_OIDC_ROLES"] {
            if var(other).is_some() {
                bail!("{other} is set but STIGE_OIDC_ISSUER is not");
            }
        }
        return Ok(None);
    };
    let client_id = var("STIGE_OIDC_CLIENT_ID")
        .context("STIGE_OIDC_CLIENT_ID is required with STIGE_OIDC_ISSUER")?;
    let roles = var("STIGE_OIDC_ROLES")
        .context("STIGE_OIDC_ROLES is required with STIGE_OIDC_ISSUER, e.g. stige-admins=admin,stige-coordinators=coordinator")?;
    let roles = RoleMapping::parse(&roles).map_err(|e| anyhow::anyhow!("STIGE_OIDC_ROLES: {e}"))?;
    let organisation = organisation(store, var("STIGE_OIDC_ORGANISATION"))?;
    let settings = OidcSettings {
        issuer: issuer.trim_end_matches('/').to_owned(),
        client_id,
        client_secret: var("STIGE_OIDC_CLIENT_SECRET"),
        provider_name: var("STIGE_OIDC_NAME").unwrap_or_else(|| "your organisation".into()),
        scopes: var("STIGE_OIDC_SCOPES")
            .unwrap_or_else(|| "openid profile email".into())
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        role_claim: var("STIGE_OIDC_ROLE_CLAIM").unwrap_or_else(|| "groups".into()),
        roles,
        organisation,
        public_url: public_url.trim_end_matches('/').to_owned(),
        clock_offset_secs: 0,
    };
    Ok(Some(Arc::new(Oidc::new(settings)?)))
}

/// `STIGE_PASSWORD_SIGN_IN`: `on` (the default) or `off`; off only with a provider.
pub fn password_sign_in(single_sign_on: bool) -> anyhow::Result<bool> {
    match var("STIGE_PASSWORD_SIGN_IN").as_deref() {
        None | Some("on") => Ok(true),
        Some("off") if single_sign_on => Ok(false),
        Some("off") => {
            bail!("STIGE_PASSWORD_SIGN_IN=off needs STIGE_OIDC_ISSUER: nobody could sign in")
        }
        Some(other) => bail!("STIGE_PASSWORD_SIGN_IN must be on or off, not {other:?}"),
    }
}

/// The organisation whose staff sign in through the provider: by id or
/// organisation number, or the only organisation there is.
fn organisation(store: &Store, wanted: Option<String>) -> anyhow::Result<i64> {
    let mut conn = store.conn()?;
    let all = stige_store::organisations::list(&mut conn)?;
    match wanted {
        Some(w) => all
            .iter()
            .find(|o| o.organisation_number == w || o.id.to_string() == w)
            .map(|o| o.id)
            .with_context(|| {
                format!("STIGE_OIDC_ORGANISATION: no organisation has the id or number {w}")
            }),
        None => match all.as_slice() {
            [only] => Ok(only.id),
            _ => bail!(
                "STIGE_OIDC_ORGANISATION is required: the installation has {} organisations; name one by its organisation number",
                all.len()
            ),
        },
    }
}
