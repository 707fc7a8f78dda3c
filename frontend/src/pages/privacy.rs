//! For an organisation's admins: retention per programme with what the next
//! anonymisation run would do, erasures done, and the record of processing
//! (GDPR Art. 30) to print for the data protection officer.

use crate::components::{ErrorBanner, Loading};
use crate::format;
use crate::i18n::{I18n, t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_wire::PrivacyOverview;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let overview = RwSignal::new(None::<PrivacyOverview>);
    let error = RwSignal::new(None::<Failure>);
    leptos::task::spawn_local(async move {
        match session.call(|c| async move { c.privacy().await }).await {
            Ok(found) => overview.set(Some(found)),
            Err(f) => error.set(Some(f)),
        }
    });
    let body = move || {
        overview
            .get()
            .map(|o| view! { <Overview overview=o i18n=i18n/> }.into_any())
            .unwrap_or_else(|| view! { <Loading/> }.into_any())
    };
    view! {
        <article class="privacy-page">
            <h1>{t("privacy-title")}</h1>
            <p class="no-print">
                <button type="button" class="secondary" data-testid="privacy-print" on:click=move |_| crate::download::print()>{t("report-print")}</button>
            </p>
            <ErrorBanner error=error.into()/>
            <Show when=move || error.get().is_none()>{body}</Show>
        </article>
    }
}

#[component]
fn Overview(overview: PrivacyOverview, i18n: I18n) -> impl IntoView {
    let rows = overview.ladders.iter().map(|l| {
        let changes = if l.rows.is_empty() {
            "–".to_owned()
        } else {
            l.rows.iter().map(|(t, n)| format!("{t}: {n}")).collect::<Vec<_>>().join(", ")
        };
        let (years, due) = (l.retention_years, l.due_now);
        view! {
            <tr data-testid="privacy-ladder">
                <th scope="row">{l.name.clone()}</th>
                <td>{l.description.clone()}</td>
                <td>{move || i18n.t_with("privacy-years", &[("years", years.to_string())])}</td>
                <td>{if l.retention_basis.is_empty() { "–".to_owned() } else { l.retention_basis.clone() }}</td>
                <td data-testid="privacy-due">{due}</td>
                <td class="muted">{changes}</td>
            </tr>
        }
    }).collect_view();
    let next = overview.next_run;
    let erasures = overview
        .erasures
        .iter()
        .map(|e| {
            let at = e.at;
            view! {
                <tr data-testid="privacy-erasure">
                    <td>{move || format::date_time(i18n, at)}</td>
                    <td>{e.participant_id.to_string()}</td>
                    <td>{e.by.clone().unwrap_or_default()}</td>
                    <td>{e.reason.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let categories = overview
        .categories
        .iter()
        .map(|c| i18n.t(&format!("data-category-{}", c.as_str().replace('_', "-"))))
        .collect::<Vec<_>>()
        .join(", ");
    let recipients = overview
        .recipients
        .iter()
        .map(|r| {
            let (from, to) = (r.valid_from, r.valid_to);
            let scope = r
                .sharing_scope
                .iter()
                .map(|c| format::category(i18n, *c))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <tr data-testid="privacy-recipient">
                    <th scope="row">{r.partner.clone()}</th>
                    <td>{r.ladder.clone()}</td>
                    <td>{move || format::period(i18n, from, to)}</td>
                    <td>{scope}</td>
                </tr>
            }
        })
        .collect_view();
    let anonymised = overview.anonymised;
    view! {
        <section class="card">
            <h2>{t("privacy-retention")}</h2>
            <p>{move || match next {
                Some(at) => i18n.t_with("privacy-next-run", &[("at", format::date_time(i18n, at))]),
                None => i18n.t("privacy-next-run-unknown"),
            }} " " {move || i18n.t_with("privacy-anonymised", &[("count", anonymised.to_string())])}</p>
            <div class="table-scroll">
                <table class="table">
                    <thead><tr>
                        <th scope="col">{t("privacy-programme")}</th>
                        <th scope="col">{t("privacy-purpose")}</th>
                        <th scope="col">{t("privacy-kept")}</th>
                        <th scope="col">{t("retention-basis-label")}</th>
                        <th scope="col">{t("privacy-due-now")}</th>
                        <th scope="col">{t("privacy-rows")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
        <section class="card">
            <h2>{t("privacy-erasures")}</h2>
            <table class="table">
                <thead><tr>
                    <th scope="col">{t("access-log-when")}</th>
                    <th scope="col">{t("privacy-person")}</th>
                    <th scope="col">{t("access-log-who")}</th>
                    <th scope="col">{t("erasure-reason")}</th>
                </tr></thead>
                <tbody>{erasures}</tbody>
            </table>
        </section>
        <section class="card" data-testid="privacy-record">
            <h2>{t("privacy-record")}</h2>
            <dl>
                <dt>{t("privacy-controller")}</dt>
                <dd>{overview.organisation.clone()} " (" {overview.organisation_number.clone()} ")"</dd>
                <dt>{t("privacy-subjects")}</dt>
                <dd>{t("privacy-subjects-text")}</dd>
                <dt>{t("privacy-categories")}</dt>
                <dd>{categories}</dd>
                <dt>{t("privacy-recipients")}</dt>
                <dd>
                    <table class="table">
                        <thead><tr>
                            <th scope="col">{t("access-actor-partner")}</th>
                            <th scope="col">{t("privacy-programme")}</th>
                            <th scope="col">{t("privacy-period")}</th>
                            <th scope="col">{t("privacy-scope")}</th>
                        </tr></thead>
                        <tbody>{recipients}</tbody>
                    </table>
                </dd>
                <dt>{t("privacy-security")}</dt>
                <dd>{t("privacy-security-text")}</dd>
            </dl>
        </section>
    }
}
