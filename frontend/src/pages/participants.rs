//! The participant list: filters, search and paging.

use crate::components::{ErrorBanner, Loading};
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::programme::use_current_programme;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use stige_domain::Capability;
use stige_domain::{EnrolmentStatus, LadderId, Role, StepId, UserId};
use stige_wire::{Ladder, ParticipantQuery, User};

const PER_PAGE: i64 = 25;

#[component]
pub fn ParticipantsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let status = RwSignal::new(None::<EnrolmentStatus>);
    // The programme chosen in the header, if any, is the first filter.
    let ladder = RwSignal::new(use_current_programme().untracked());
    let step = RwSignal::new(None::<StepId>);
    let mentor = RwSignal::new(None::<UserId>);
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(1i64);

    let ladders = LocalResource::new(move || async move {
        let list = session.ladders().await.unwrap_or_default();
        let mut full: Vec<Ladder> = vec![];
        for l in list {
            if let Ok(detail) = session.ladder(l.id).await {
                full.push(detail);
            }
        }
        full
    });
    let mentors = LocalResource::new(move || async move {
        if !session.can(Capability::ListStaff) {
            return Vec::<User>::new();
        }
        session
            .users()
            .await
            .map(|u| u.into_iter().filter(|u| u.role != Role::Viewer).collect())
            .unwrap_or_default()
    });
    let results = LocalResource::new(move || {
        let query = ParticipantQuery {
            status: status.get(),
            ladder_id: ladder.get(),
            step_id: step.get(),
            mentor_id: mentor.get(),
            q: Some(search.get()).filter(|q| !q.trim().is_empty()),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
        };
        async move {
            session
                .call(move |c| {
                    let query = query.clone();
                    async move { c.participants(&query).await }
                })
                .await
        }
    });
    // Any filter change goes back to the first page.
    let reset = move || page.set(1);

    let steps_of_ladder = move || {
        let chosen = ladder.get();
        ladders
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|l| chosen.is_none_or(|c| c == l.id))
            .flat_map(|l| {
                l.steps
                    .into_iter()
                    .map(move |s| (s.id, format!("{} – {}", l.name, s.name)))
            })
            .collect::<Vec<_>>()
    };

    let list = move || {
        results.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(p) => {
                let first = (p.page - 1) * p.per_page + 1;
                let last = first + i64::try_from(p.items.len()).unwrap_or(0) - 1;
                let has_next = last < p.total;
                let rows = p
                    .items
                    .into_iter()
                    .map(|item| {
                        let href = format!("/participants/{}", item.id);
                        let st = item.status;
                        let mentors: Vec<String> = item.mentors.iter().map(|m| m.display_name.clone()).collect();
                        view! {
                            <tr data-testid="participant-row" data-status=st.as_str()>
                                <td>
                                    <A href=href attr:data-testid="participant-link">
                                        {item.family_name} ", " {item.given_name}
                                    </A>
                                </td>
                                <td>{item.ladder.name}</td>
                                <td>{item.current_step.map(|s| s.name).unwrap_or_else(|| "–".into())}</td>
                                <td><span class=format!("badge status-{}", st.as_str())>{move || format::status(i18n, st)}</span></td>
                                <td>{mentors.join(", ")}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <table class="list">
                        <thead>
                            <tr>
                                <th>{t("name")}</th>
                                <th>{t("ladder")}</th>
                                <th>{t("step")}</th>
                                <th>{t("status")}</th>
                                <th>{t("mentors")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <div class="pager">
                        <button disabled=move || page.get() <= 1 on:click=move |_| page.update(|p| *p -= 1)>{t("previous")}</button>
                        <span data-testid="page-info">
                            {move || {
                                if p.total == 0 {
                                    i18n.t("no-participants")
                                } else {
                                    i18n.t_with("page-info", &[("first", first.to_string()), ("last", last.to_string()), ("total", p.total.to_string())])
                                }
                            }}
                        </span>
                        <button disabled=!has_next on:click=move |_| page.update(|p| *p += 1)>{t("next")}</button>
                    </div>
                }
                .into_any()
            }
        })
    };

    view! {
        <section>
            <h1>{t("participants-title")}</h1>
            <form class="filters" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                <label>
                    {t("search-name")}
                    <input type="search" data-testid="filter-search" prop:value=search
                        on:input=move |ev| { search.set(event_target_value(&ev)); reset(); }/>
                </label>
                <label>
                    {t("status")}
                    <select data-testid="filter-status" on:change=move |ev| {
                        status.set(EnrolmentStatus::parse(&event_target_value(&ev)));
                        reset();
                    }>
                        <option value="">{t("all")}</option>
                        {EnrolmentStatus::ALL
                            .iter()
                            .copied()
                            .map(|s| view! { <option value=s.as_str()>{move || format::status(i18n, s)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    {t("ladder")}
                    <select data-testid="filter-ladder" on:change=move |ev| {
                        ladder.set(event_target_value(&ev).parse().ok().map(LadderId));
                        step.set(None);
                        reset();
                    }>
                        <option value="">{t("all")}</option>
                        {move || ladders.get().unwrap_or_default().into_iter()
                            .map(|l| {
                                let id = l.id;
                                view! { <option value=id.0.to_string() selected=move || ladder.get() == Some(id)>{l.name}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    {t("step")}
                    <select on:change=move |ev| {
                        step.set(event_target_value(&ev).parse().ok().map(StepId));
                        reset();
                    }>
                        <option value="">{t("all")}</option>
                        {move || steps_of_ladder().into_iter()
                            .map(|(id, name)| view! { <option value=id.0.to_string() selected=move || step.get() == Some(id)>{name}</option> })
                            .collect_view()}
                    </select>
                </label>
                <Show when=move || !mentors.get().unwrap_or_default().is_empty()>
                    <label>
                        {t("mentor")}
                        <select on:change=move |ev| {
                            mentor.set(event_target_value(&ev).parse().ok().map(UserId));
                            reset();
                        }>
                            <option value="">{t("all")}</option>
                            {move || mentors.get().unwrap_or_default().into_iter()
                                .map(|u| view! { <option value=u.id.0.to_string()>{u.display_name}</option> })
                                .collect_view()}
                        </select>
                    </label>
                </Show>
            </form>
            <Transition fallback=|| view! { <Loading/> }>{list}</Transition>
        </section>
    }
}
