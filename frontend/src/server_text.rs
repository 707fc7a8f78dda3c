//! The API's field messages and conflict details are English sentences for programs
//! and logs, each with a stable code (`stige_domain::message_code`) and the values it
//! names. A person reads the code's text in their language; a code this web app does
//! not know is shown as a general sentence with the server's text, so nothing is hidden.

use crate::i18n::I18n;
use std::collections::BTreeMap;
use stige_domain::FieldError;

/// A field message from a 422 problem, in the current language.
pub fn field_message(i18n: I18n, error: &FieldError) -> String {
    coded(i18n, &error.code, &error.params, &error.message)
}

/// The detail of a 409 or 410 problem, in the current language.
pub fn problem_detail(i18n: I18n, problem: &stige_wire::Problem) -> Option<String> {
    let detail = problem.detail.as_deref().unwrap_or_default();
    match problem.code.as_deref() {
        Some(code) => Some(coded(i18n, code, &problem.params, detail)),
        None => problem.detail.clone(),
    }
}

fn coded(i18n: I18n, code: &str, params: &BTreeMap<String, String>, server: &str) -> String {
    let key = format!("problem-{code}");
    let mut args: Vec<(&'static str, String)> = vec![("server", server.to_owned())];
    for name in [
        "max", "min", "name", "date", "example", "occupied", "capacity",
    ] {
        if let Some(v) = params.get(name) {
            let shown = crate::format::parse_date(v)
                .map_or_else(|| v.clone(), |d| crate::format::date(i18n, d));
            args.push((name, shown));
        }
    }
    i18n.try_t_with(&key, &args)
        .unwrap_or_else(|| i18n.t_with("problem-invalid", &args))
}
