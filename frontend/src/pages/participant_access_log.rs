//! "Who has seen my information": the access log of a participant's record,
//! filtered by period and by actor, printable as a handout for the person.

use crate::components::{ErrorBanner, Loading};
use crate::format;
use crate::i18n::{I18n, t, use_i18n};
use crate::session::{ApiResult, Failure, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use stige_domain::ParticipantId;
use stige_domain::access_log::{AccessKind, PersonalDataCategory};
use stige_wire::{AccessActor, AccessActorKind, AccessLogEntry, AccessLogQuery, Page};

/// Entries per page: a year of ordinary follow-up fits on one printed handout.
const PER_PAGE: i64 = 200;

const ACTORS: [AccessActorKind; 4] = [
    AccessActorKind::Staff,
    AccessActorKind::Partner,
    AccessActorKind::EmployerLink,
    AccessActorKind::System,
];

#[component]
pub fn ParticipantAccessLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id_param = super::use_id_param();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let actor = RwSignal::new(None::<AccessActorKind>);
    let page = RwSignal::new(1_i64);
    let name = super::use_person_name();
    let log = RwSignal::new(None::<ApiResult<Page<AccessLogEntry>>>);
    let error = RwSignal::new(None::<Failure>);

    let load = move || {
        let Some(pid) = id_param().map(ParticipantId) else {
            log.set(Some(Err(Failure {
                status: Some(404),
                problem: None,
            })));
            return;
        };
        let query = AccessLogQuery {
            from: format::parse_date(&from.get_untracked()),
            to: format::parse_date(&to.get_untracked()),
            actor: actor.get_untracked(),
            user_id: None,
            page: Some(page.get_untracked()),
            per_page: Some(PER_PAGE),
        };
        leptos::task::spawn_local(async move {
            let result = session
                .call(move |c| {
                    let query = query.clone();
                    async move { c.access_log(pid, &query).await }
                })
                .await;
            match result {
                Ok(found) => {
                    error.set(None);
                    log.set(Some(Ok(found)));
                }
                // A refused filter keeps the last answer on the screen.
                Err(f) if f.status == Some(422) => error.set(Some(f)),
                Err(f) => log.set(Some(Err(f))),
            }
        });
    };
    Effect::new(move |_| {
        id_param();
        load();
    });
    let on_filter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        page.set(1);
        load();
    };
    let go = move |to_page: i64| {
        page.set(to_page);
        load();
    };
    let back = move || {
        id_param()
            .map(|id| format!("/participants/{id}"))
            .unwrap_or_else(|| "/participants".into())
    };
    let print = move |_| crate::download::print();
    let exporting = RwSignal::new(false);
    let download = move |_| {
        let Some(pid) = id_param().map(ParticipantId) else {
            return;
        };
        exporting.set(true);
        leptos::task::spawn_local(async move {
            let result = session
                .call(move |c| async move { c.export_participant_text(pid).await })
                .await;
            exporting.set(false);
            match result {
                Ok(text) => {
                    let file = format!("stige-{pid}-{}.json", format::today());
                    if crate::download::save_text(&file, "application/json", &text).is_err() {
                        error.set(Some(Failure {
                            status: None,
                            problem: None,
                        }));
                    }
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let today = format::today();

    let body = move || match log.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(f)) => {
            let text = crate::components::failure_text(&f);
            view! { <p class="error" role="alert">{text}</p> }.into_any()
        }
        Some(Ok(found)) => {
            let total = found.total;
            let current = found.page;
            let last = (total + found.per_page - 1) / found.per_page.max(1);
            let rows = found
                .items
                .into_iter()
                .map(|e| entry_row(i18n, e))
                .collect_view();
            let pager = (last > 1).then(|| {
                view! {
                    <nav class="pager no-print" aria-label=move || i18n.t("access-log-pages")>
                        <button type="button" class="secondary" disabled=current <= 1 on:click=move |_| go(current - 1)>{t("previous")}</button>
                        <span>{move || i18n.t_with("access-log-page", &[("page", current.to_string()), ("pages", last.to_string())])}</span>
                        <button type="button" class="secondary" disabled=current >= last on:click=move |_| go(current + 1)>{t("next")}</button>
                    </nav>
                }
            });
            view! {
                <p data-testid="access-log-total">{move || i18n.t_with("access-log-total", &[("count", total.to_string())])}</p>
                <table class="table access-log" data-testid="access-log">
                    <caption class="sr-only">{t("access-log-title")} " " {move || name.get()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("access-log-when")}</th>
                            <th scope="col">{t("access-log-who")}</th>
                            <th scope="col">{t("access-log-what")}</th>
                            <th scope="col">{t("access-log-information")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                {pager}
            }
            .into_any()
        }
    };

    view! {
        <article class="access-log-page">
            <p class="no-print"><A href=back>{t("back-to-participant")}</A></p>
            <h1>{t("access-log-title")} " " <span data-testid="access-log-name">{move || name.get()}</span></h1>
            <p class="muted">{t("access-log-help")}</p>
            <p class="print-only">{move || i18n.t_with("access-log-printed", &[("date", format::date(i18n, today))])}</p>
            <form class="filters no-print" on:submit=on_filter>
                <label>{t("report-from")}
                    <input type="date" data-testid="access-log-from" prop:value=from on:input=move |ev| from.set(event_target_value(&ev))/>
                </label>
                <label>{t("report-to")}
                    <input type="date" data-testid="access-log-to" prop:value=to on:input=move |ev| to.set(event_target_value(&ev))/>
                </label>
                <label>{t("access-log-who")}
                    <select data-testid="access-log-actor" on:change=move |ev| actor.set(actor_of(&event_target_value(&ev)))>
                        <option value="" selected=true>{t("access-log-anyone")}</option>
                        {ACTORS.into_iter().map(|a| view! {
                            <option value=a.as_str()>{move || actor_kind(i18n, a)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit">{t("access-log-filter")}</button>
                <button type="button" class="secondary" data-testid="access-log-print" on:click=print>{t("report-print")}</button>
                <button type="button" class="secondary" data-testid="export-download" disabled=move || exporting.get() on:click=download>
                    {move || if exporting.get() { i18n.t("export-busy") } else { i18n.t("export-download") }}
                </button>
            </form>
            <ErrorBanner error=error.into()/>
            {body}
            <Show when=move || session.can(stige_domain::Capability::Administer)>
                {move || id_param().map(|id| view! { <ErasureForm participant=ParticipantId(id)/> })}
            </Show>
        </article>
    }
}

fn actor_of(value: &str) -> Option<AccessActorKind> {
    ACTORS.into_iter().find(|a| a.as_str() == value)
}

fn actor_kind(i: I18n, kind: AccessActorKind) -> String {
    i.t(&format!("access-actor-{}", kind.as_str().replace('_', "-")))
}

/// The actor as the person reads it: "Kari Nordmann (Coordinator)",
/// "Kristiansand kommune (partner)", "Employer: Bakeriet AS".
fn who(i: I18n, a: &AccessActor) -> String {
    let kind = actor_kind(i, a.kind);
    match (&a.name, a.role) {
        (Some(name), Some(role)) => format!("{name} ({})", format::role(i, role)),
        (Some(name), None) => format!("{name} ({kind})"),
        (None, _) => kind,
    }
}

/// The action in plain words; an action without its own text is told by its kind.
fn what(i: I18n, e: &AccessLogEntry) -> String {
    let key = format!("access-action-{}", e.action.replace(['.', '_'], "-"));
    i.try_t_with(&key, &[]).unwrap_or_else(|| {
        let kind = match e.kind {
            AccessKind::Read => "access-kind-read",
            AccessKind::Change => "access-kind-change",
            AccessKind::Refused => "access-kind-refused",
        };
        i.t(kind)
    })
}

fn category(i: I18n, c: PersonalDataCategory) -> String {
    i.t(&format!("data-category-{}", c.as_str().replace('_', "-")))
}

fn entry_row(i: I18n, e: AccessLogEntry) -> impl IntoView {
    let class = match e.kind {
        AccessKind::Read => "access-read",
        AccessKind::Change => "access-change",
        AccessKind::Refused => "access-refused warn",
    };
    let in_list = e.in_list;
    let reason = e.reason.clone();
    let categories = e.categories.clone();
    let entry = e.clone();
    view! {
        <tr class=class data-testid="access-log-entry" data-action=e.action.clone()>
            <td>{move || format::date_time(i, e.at)}</td>
            <td>{move || who(i, &e.actor)}</td>
            <td>
                {move || what(i, &entry)}
                {in_list.then(|| view! { <span class="muted">" · " {t("access-log-in-list")}</span> })}
                {reason.map(|r| view! { <span class="muted">" · " {r}</span> })}
            </td>
            <td>{move || categories.iter().map(|c| category(i, *c)).collect::<Vec<_>>().join(", ")}</td>
        </tr>
    }
}

/// For admins: anonymise the person now, on their request, with the reason.
#[component]
fn ErasureForm(participant: ParticipantId) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let sure = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<Failure>);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let body = stige_wire::ErasureRequest {
            reason: Some(reason.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let result = session
                .send_form(error, body, move |c, body| async move {
                    c.erase_participant(participant, &body).await
                })
                .await;
            busy.set(false);
            if result.is_some() {
                done.set(true);
            }
        });
    };
    view! {
        <section class="card no-print" data-testid="erasure">
            <h2>{t("erasure-title")}</h2>
            <p class="muted">{t("erasure-help")}</p>
            <Show when=move || !done.get() fallback=move || view! {
                <p role="status" data-testid="erasure-done">{move || i18n.t("erasure-done")}</p>
            }>
                <form on:submit=submit>
                    <label>{t("erasure-reason")}
                        <input type="text" data-testid="erasure-reason" prop:value=reason
                            on:input=move |ev| reason.set(event_target_value(&ev))/>
                    </label>
                    <label class="check">
                        <input type="checkbox" data-testid="erasure-sure" prop:checked=sure
                            on:change=move |ev| sure.set(event_target_checked(&ev))/>
                        {t("erasure-sure")}
                    </label>
                    <button type="submit" class="danger" data-testid="erasure-submit"
                        disabled=move || busy.get() || !sure.get()>{t("erasure-submit")}</button>
                </form>
            </Show>
            <ErrorBanner error=error.into()/>
        </section>
    }
}
