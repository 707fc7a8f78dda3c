//! Small building blocks shared by the pages.

mod bar_chart;
mod chart;
mod column_chart;
mod header;
mod idle_warning;
mod ladder_picture;
mod programme_switcher;
mod score_chart;

pub use bar_chart::{Bar, BarChart};
pub use chart::{Amount, ChartFigure, DataTable, Legend, TableData};
pub use column_chart::{Column, ColumnChart};
pub use header::Header;
pub use idle_warning::IdleWarning;
pub use ladder_picture::LadderPicture;
pub use programme_switcher::ProgrammeSwitcher;
pub use score_chart::ScoreChart;

use crate::i18n::{t, use_i18n};
use crate::server_text::{field_message, problem_detail};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Redirect};
use stige_domain::{HomePage, Role};

/// Where a role's home is in the app.
pub fn home_path(role: Role) -> &'static str {
    match role.home_page() {
        HomePage::Today => "/",
        HomePage::Reports => "/reports",
        HomePage::Organisations => "/organisations",
        HomePage::Partner => "/partner",
    }
}

/// A page only for roles with a capability: anyone else is taken to their own
/// home page instead of meeting a refusal there.
#[component]
pub fn Gate(may: stige_domain::Capability, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    move || {
        match session.role() {
        Some(role) if !role.may(may) => {
            view! { <Redirect path=home_path(role) options=NavigateOptions { replace: true, ..Default::default() }/> }
                .into_any()
        }
        _ => children().into_any(),
    }
    }
}

/// What an action just did, in words with the person's name, and where to see
/// the result.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    pub text: String,
    /// The page of the result (e.g. the new participant), if it is elsewhere.
    pub href: Option<String>,
}

/// The confirmation of the last action, if any, with a link to its result.
#[component]
pub fn DoneNotice(done: Signal<Option<Done>>) -> impl IntoView {
    move || {
        done.get().map(|d| {
            view! {
                <p class="notice" role="status" data-testid="confirmation">
                    {d.text}
                    {d.href.map(|href| view! { " " <A href=href attr:data-testid="confirmation-link">{t("open-result")}</A> })}
                </p>
            }
        })
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{t("loading")}</p> }
}

/// A failed call as a sentence: the server's detail, or a general message.
pub fn failure_text(f: &Failure) -> String {
    let i = use_i18n();
    // A problem names itself by its code (`problem-{code}` in each language);
    // an answer without one (from a proxy in between) by its status.
    if let Some(text) = f
        .problem
        .as_ref()
        .filter(|p| p.code.is_some())
        .and_then(|p| problem_detail(i, p))
    {
        return text;
    }
    match f.status {
        None => i.t("error-network"),
        Some(404) => i.t("error-not-found"),
        Some(403) => i.t("error-forbidden"),
        Some(412) => i.t("error-stale"),
        Some(422) => i.t("error-validation"),
        Some(409 | 410) => f
            .problem
            .as_ref()
            .and_then(|p| problem_detail(i, p))
            .unwrap_or_else(|| i.t("error-general")),
        Some(429) => i.t("error-too-many"),
        Some(503) => i.t("error-unavailable"),
        Some(500) => i.t("error-general"),
        Some(_) => f
            .detail()
            .map(|d| i.t_with("problem-invalid", &[("server", d)]))
            .unwrap_or_else(|| i.t("error-general")),
    }
}

/// Says that the server cannot reach its database while calls are tried again.
#[component]
pub fn DatabaseNotice() -> impl IntoView {
    let session = crate::session::use_session();
    move || {
        session.database_unreachable.get().then(|| {
            view! {
                <p class="error" role="status" data-testid="database-unreachable">
                    {t("database-unreachable")}
                </p>
            }
        })
    }
}

/// Shows the error of the last attempt, if any.
#[component]
pub fn ErrorBanner(error: Signal<Option<Failure>>) -> impl IntoView {
    move || {
        error.get().map(|f| {
            let text = failure_text(&f);
            view! { <p class="error" role="alert" data-testid="error">{text}</p> }
        })
    }
}

/// The message for one field of a validation error, shown under the field.
#[component]
pub fn FieldError(error: Signal<Option<Failure>>, field: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error
            .get()
            .and_then(|f| f.field_error(field))
            .map(|m| field_message(i18n, &m))
            .map(|m| view! { <span class="field-error" data-testid=format!("field-error-{field}")>{m}</span> })
    }
}

/// A link with a secret in it, shown this once (the server keeps only a hash
/// of its token), with the warning `warning` (an i18n key) and a copy button.
#[component]
pub fn OnceLink(link: String, warning: &'static str, testid: &'static str) -> impl IntoView {
    let copied = RwSignal::new(false);
    let to_copy = link.clone();
    let copy = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&to_copy);
            copied.set(true);
        }
    };
    view! {
        <div class="secret" role="status" data-testid=testid>
            <p><strong>{t(warning)}</strong></p>
            <p><code data-testid=format!("{testid}-value")>{link}</code></p>
            <button type="button" data-testid=format!("{testid}-copy") on:click=copy>{move || if copied.get() { t("copied")() } else { t("copy")() }}</button>
        </div>
    }
}

/// A labelled input bound to `value`, with an optional hint and the server's
/// message for `field` under it.
#[component]
pub fn TextField(
    label: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<Failure>>,
    #[prop(optional)] field: &'static str,
    #[prop(optional, into)] testid: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] hint: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label>{t(label)}
            <input type=kind data-testid=testid autocomplete=autocomplete
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
            {hint.map(|h| view! { <span class="muted">{t(h)}</span> })}
            <FieldError error=error.into() field=field/></label>
    }
}

/// The options of a select of the roles held in programmes, `selected` chosen.
#[component]
pub fn RoleOptions(selected: Role) -> impl IntoView {
    let i18n = use_i18n();
    Role::IN_PROGRAMMES
        .into_iter()
        .map(|r| view! { <option value=r.as_str() selected=r == selected>{move || crate::format::role(i18n, r)}</option> })
        .collect_view()
}
