//! The checks after exits still to do (3, 6 and 12 months after), soonest due
//! first, a page at a time; each opens the person's page, where the situation
//! is recorded.

use super::participant_outcomes::code_key;
use crate::components::{ErrorBanner, Loading};
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use stige_wire::ExitCheckQuery;

const PER_PAGE: i64 = 50;

#[component]
pub fn ExitChecksPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let page = RwSignal::new(1i64);
    let checks = LocalResource::new(move || {
        let query = ExitCheckQuery {
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        async move {
            session
                .call(move |c| {
                    let query = query.clone();
                    async move { c.exit_checks(&query).await }
                })
                .await
        }
    });
    let today = format::today();
    let content = move || {
        checks.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(found) => {
                let last = ((found.total + PER_PAGE - 1) / PER_PAGE).max(1);
                let current = found.page;
                let rows = found
                    .items
                    .into_iter()
                    .map(|c| {
                        let due = c.due_on <= today;
                        let moment = c.moment;
                        view! {
                            <tr data-testid="exit-check" data-due=due.to_string()>
                                <th scope="row"><A href=format!("/participants/{}", c.participant.id)>{format!("{} {}", c.participant.given_name, c.participant.family_name)}</A></th>
                                <td>{move || i18n.t(&code_key("moment", moment.as_str()))}</td>
                                <td>{format::date(i18n, c.exited_on)}</td>
                                <td>{format::date(i18n, c.due_on)} {due.then(|| view! { " " <span class="badge status-referred">{t("exit-checks-due-now")}</span> })}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <p data-testid="exit-checks-total">{move || i18n.t_with("exit-checks-total", &[("count", found.total.to_string())])}</p>
                    <div class="table-wrap">
                        <table class="table" data-testid="exit-checks">
                            <thead><tr>
                                <th scope="col">{t("name")}</th>
                                <th scope="col">{t("outcomes-moment")}</th>
                                <th scope="col">{t("exit-checks-exited")}</th>
                                <th scope="col">{t("exit-checks-due")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <nav class="pager" aria-label=move || i18n.t("exit-checks-pages")>
                        <button type="button" class="secondary" disabled=current <= 1 on:click=move |_| page.update(|p| *p -= 1)>{t("previous")}</button>
                        <span>{move || i18n.t_with("exit-checks-page", &[("page", current.to_string()), ("pages", last.to_string())])}</span>
                        <button type="button" class="secondary" disabled=current >= last on:click=move |_| page.update(|p| *p += 1)>{t("next")}</button>
                    </nav>
                }
                .into_any()
            }
        })
    };
    view! {
        <h1>{t("exit-checks-title")}</h1>
        <p class="muted">{t("today-exit-checks-help")}</p>
        <Transition fallback=|| view! { <Loading/> }>{content}</Transition>
    }
}
