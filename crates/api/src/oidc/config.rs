//! Single sign-on's settings ([`crate::config::SingleSignOnSettings`]: the
//! `STIGE_OIDC_…` variables and `STIGE_PASSWORD_SIGN_IN`, in the README's
//! Configuration table), checked into providers; and partners' providers,
//! whose variables are named after each partner named by `STIGE_PARTNER_OIDC`.

use super::roles::RoleMapping;
use super::{Oidc, OidcSettings, SignsIn};
use crate::config::{SingleSignOnSettings, Switch, given};
use anyhow::{Context, bail};
use std::sync::Arc;
use stige_store::Store;

/// A partner provider's variable from the environment, trimmed; empty is unset.
fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The identity provider, when an issuer is set; every other setting it
/// needs is checked here, so a mistake stops the start.
pub fn provider(
    sso: &SingleSignOnSettings,
    store: &Store,
    public_url: &str,
) -> anyhow::Result<Option<Arc<Oidc>>> {
    let Some(issuer) = given(&sso.issuer) else {
        for (other, set) in [
            ("STIGE_OIDC_CLIENT_ID", given(&sso.client_id).is_some()),
            ("STIGE_OIDC_ROLES", given(&sso.roles).is_some()),
        ] {
            if set {
                bail!("{other} is set but STIGE_OIDC_ISSUER is not");
            }
        }
        return Ok(None);
    };
    let client_id = given(&sso.client_id)
        .context("STIGE_OIDC_CLIENT_ID is required with STIGE_OIDC_ISSUER")?
        .to_owned();
    let roles = given(&sso.roles)
        .context("STIGE_OIDC_ROLES is required with STIGE_OIDC_ISSUER, e.g. stige-admins=admin,stige-coordinators=coordinator")?;
    let roles = RoleMapping::parse(roles).map_err(|e| anyhow::anyhow!("STIGE_OIDC_ROLES: {e}"))?;
    let organisation = organisation(store, given(&sso.organisation).map(str::to_owned))?;
    let or = |value: &str, default: &str| {
        Some(value)
            .filter(|v| !v.is_empty())
            .unwrap_or(default)
            .to_owned()
    };
    let settings = OidcSettings {
        issuer: issuer.trim_end_matches('/').to_owned(),
        client_id,
        client_secret: sso
            .client_secret
            .as_ref()
            .and_then(|s| s.value())
            .map(str::to_owned),
        provider_name: or(&sso.name, "your organisation"),
        scopes: or(&sso.scopes, "openid profile email")
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        signs_in: SignsIn::Staff {
            role_claim: or(&sso.role_claim, "groups"),
            roles,
            organisation,
        },
        public_url: public_url.trim_end_matches('/').to_owned(),
        clock_offset_secs: 0,
    };
    Ok(Some(Arc::new(Oidc::new(settings)?)))
}

/// Partners' own identity providers, for their partner users:
/// `STIGE_PARTNER_OIDC` (`names`) names them (`kristiansand,kalmar`: lowercase letters,
/// digits and dashes), and for each, with its name in capitals and dashes as
/// underscores, `STIGE_PARTNER_OIDC_<NAME>_ISSUER`, `…_CLIENT_ID`,
/// `…_CLIENT_SECRET`, `…_PARTNER` (the partner's organisation number),
/// `…_LABEL` (the sign-in button's words) and `…_SCOPES`. A mistake stops the start.
pub fn partner_providers(names: Option<&str>, public_url: &str) -> anyhow::Result<Vec<Arc<Oidc>>> {
    partner_settings(names, var, public_url)?
        .into_iter()
        .map(|settings| Ok(Arc::new(Oidc::new(settings)?)))
        .collect()
}

/// The partner providers' settings as `var` gives the variables.
fn partner_settings(
    names: Option<&str>,
    var: impl Fn(&str) -> Option<String>,
    public_url: &str,
) -> anyhow::Result<Vec<OidcSettings>> {
    let Some(names) = names else {
        return Ok(vec![]);
    };
    let mut providers = Vec::new();
    for key in names.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        let fit = key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !fit {
            bail!("STIGE_PARTNER_OIDC: {key:?} may hold only a-z, 0-9 and '-'");
        }
        let prefix = format!(
            "STIGE_PARTNER_OIDC_{}",
            key.to_uppercase().replace('-', "_")
        );
        let required = |what: &str| {
            var(&format!("{prefix}_{what}")).with_context(|| {
                format!("{prefix}_{what} is required for the partner provider {key}")
            })
        };
        let organisation_number = required("PARTNER")?;
        let settings = OidcSettings {
            issuer: required("ISSUER")?.trim_end_matches('/').to_owned(),
            client_id: required("CLIENT_ID")?,
            client_secret: var(&format!("{prefix}_CLIENT_SECRET")),
            provider_name: var(&format!("{prefix}_LABEL")).unwrap_or_else(|| key.to_owned()),
            scopes: var(&format!("{prefix}_SCOPES"))
                .unwrap_or_else(|| "openid profile email".into())
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            signs_in: SignsIn::Partner {
                key: key.to_owned(),
                organisation_number,
            },
            public_url: public_url.trim_end_matches('/').to_owned(),
            clock_offset_secs: 0,
        };
        providers.push(settings);
    }
    Ok(providers)
}

/// `STIGE_PASSWORD_SIGN_IN`: `on` (the default) or `off`; off only with a provider.
pub fn password_sign_in(setting: Switch, single_sign_on: bool) -> anyhow::Result<bool> {
    match setting {
        Switch::On => Ok(true),
        Switch::Off if single_sign_on => Ok(false),
        Switch::Off => {
            bail!("STIGE_PASSWORD_SIGN_IN=off needs STIGE_OIDC_ISSUER: nobody could sign in")
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(vars: &[(&str, &str)]) -> anyhow::Result<Vec<OidcSettings>> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        partner_settings(
            vars.get("STIGE_PARTNER_OIDC").map(String::as_str),
            |name| vars.get(name).cloned(),
            "https://stige.example/",
        )
    }

    #[test]
    fn each_named_partner_provider_is_read_with_its_own_variables() {
        let read = settings(&[
            ("STIGE_PARTNER_OIDC", "kristiansand, vest-agder"),
            (
                "STIGE_PARTNER_OIDC_KRISTIANSAND_ISSUER",
                "https://id.kristiansand.example/",
            ),
            ("STIGE_PARTNER_OIDC_KRISTIANSAND_CLIENT_ID", "stige"),
            ("STIGE_PARTNER_OIDC_KRISTIANSAND_PARTNER", "963296746"),
            (
                "STIGE_PARTNER_OIDC_KRISTIANSAND_LABEL",
                "Kristiansand kommune",
            ),
            (
                "STIGE_PARTNER_OIDC_VEST_AGDER_ISSUER",
                "https://id.va.example",
            ),
            ("STIGE_PARTNER_OIDC_VEST_AGDER_CLIENT_ID", "stige-va"),
            ("STIGE_PARTNER_OIDC_VEST_AGDER_CLIENT_SECRET", "s"),
            ("STIGE_PARTNER_OIDC_VEST_AGDER_PARTNER", "964964106"),
        ])
        .expect("settings");
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].issuer, "https://id.kristiansand.example");
        assert_eq!(read[0].provider_name, "Kristiansand kommune");
        assert_eq!(
            read[0].redirect_url(),
            "https://stige.example/api/v1/auth/partner-sign-in/kristiansand/callback"
        );
        assert!(matches!(
            &read[1].signs_in,
            SignsIn::Partner { key, organisation_number } if key == "vest-agder" && organisation_number == "964964106"
        ));
        assert_eq!(read[1].provider_name, "vest-agder");
        assert_eq!(read[1].client_secret.as_deref(), Some("s"));
        assert!(settings(&[]).expect("none").is_empty());
    }

    #[test]
    fn a_missing_variable_or_a_bad_name_stops_the_start() {
        let missing = settings(&[
            ("STIGE_PARTNER_OIDC", "kalmar"),
            (
                "STIGE_PARTNER_OIDC_KALMAR_ISSUER",
                "https://id.kalmar.example",
            ),
            ("STIGE_PARTNER_OIDC_KALMAR_CLIENT_ID", "stige"),
        ])
        .unwrap_err();
        assert!(
            missing
                .to_string()
                .contains("STIGE_PARTNER_OIDC_KALMAR_PARTNER"),
            "{missing}"
        );
        let bad = settings(&[("STIGE_PARTNER_OIDC", "Kalmar Kommun")]).unwrap_err();
        assert!(bad.to_string().contains("a-z"), "{bad}");
    }
}
