//! Placements (admins, coordinators): the board, a new placement, one placement
//! with its history, invitations and actions, and the outbox. An invitation's
//! link is shown once, where it was sent; the outbox shows it without its token.

use super::placement_activity::PlacementActivity;
use crate::components::{Done, DoneNotice, ErrorBanner, FieldError, Loading, OnceLink};
use crate::format::{opt_text, parse_date};
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use stige_domain::Capability;
use stige_domain::placement::{PlacementKind, PlacementStatus};
use stige_domain::{DemandLevel, EnrolmentStatus, ParticipantId};
use stige_wire::{
    InvitationPurpose, InvitationRequest, MoveRequestBody, ParticipantQuery, Placement,
    PlacementAction, PlacementActionRequest, PlacementInput,
};

pub fn status_text(i: crate::i18n::I18n, s: PlacementStatus) -> String {
    i.t(&format!("placement-{}", s.as_str().replace('_', "-")))
}

pub fn kind_text(i: crate::i18n::I18n, k: PlacementKind) -> String {
    i.t(&format!("placement-kind-{}", k.as_str().replace('_', "-")))
}

/// A placement in a list: who, where, when, status.
#[component]
pub fn PlacementLine(placement: Placement) -> impl IntoView {
    let i18n = use_i18n();
    let status = placement.status;
    let href = format!("/placements/{}", placement.id);
    view! {
        <li data-testid="placement-line">
            <A href=href>{placement.participant_name.clone()} " · " {placement.employer_name.clone()}</A>
            " " <span class="badge">{move || status_text(i18n, status)}</span>
            <span class="muted">" " {crate::format::period(i18n, placement.start_date, Some(placement.end_date))}</span>
        </li>
    }
}

#[component]
pub fn PlacementsPage() -> impl IntoView {
    let session = use_session();
    let version = RwSignal::new(0u32);
    let board = LocalResource::new(move || {
        version.track();
        async move {
            session
                .call(|c| async move { c.placement_board().await })
                .await
        }
    });
    let column = |title: &'static str, testid: &'static str, list: Vec<Placement>| {
        view! {
            <section class="card" data-testid=testid>
                <h2>{t(title)}</h2>
                {if list.is_empty() {
                    view! { <p class="muted">{t("nothing-now")}</p> }.into_any()
                } else {
                    view! { <ul class="plain">{list.into_iter().map(|p| view! { <PlacementLine placement=p/> }).collect_view()}</ul> }.into_any()
                }}
            </section>
        }
    };
    let content = move || {
        board.get().map(|r| match r {
            Err(f) => {
                view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any()
            }
            Ok(b) => view! {
                <div class="columns">
                    {column("board-awaiting", "board-awaiting", b.awaiting_employer)}
                    {column("board-starting", "board-starting", b.starting_this_week)}
                    {column("board-confirmed", "board-confirmed", b.confirmed_starting_soon)}
                    {column("board-active", "board-active", b.active)}
                    {column("board-ending", "board-ending", b.ending_within_14_days)}
                    {column("board-proposed", "board-proposed", b.proposed)}
                </div>
            }
            .into_any(),
        })
    };
    view! {
        <h1>{t("placements-title")}</h1>
        <p><A href="/employers">{t("nav-employers")}</A> " · " <A href="/outbox">{t("nav-outbox")}</A></p>
        <Transition fallback=|| view! { <Loading/> }>{content}</Transition>
        <NewPlacementForm on_change=Callback::new(move |_| version.update(|v| *v += 1))/>
    }
}

#[component]
fn NewPlacementForm(on_change: Callback<()>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let options = LocalResource::new(move || async move {
        let people = session
            .call(|c| async move {
                c.participants(&ParticipantQuery {
                    status: Some(EnrolmentStatus::Active),
                    per_page: Some(200),
                    ..Default::default()
                })
                .await
            })
            .await?;
        let employers = session.call(|c| async move { c.employers().await }).await?;
        Ok::<_, Failure>((people.items, employers))
    });
    let participant = RwSignal::new(None::<ParticipantId>);
    let employer = RwSignal::new(None::<i64>);
    let kind = RwSignal::new(Some(PlacementKind::Internship));
    let role = RwSignal::new(String::new());
    let tasks = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let hours = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let done = RwSignal::new(None::<Done>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = PlacementInput {
            participant_id: participant.get_untracked(),
            employer_id: employer.get_untracked(),
            contact_id: None,
            kind: kind.get_untracked(),
            role: opt_text(&role.get_untracked()),
            tasks: opt_text(&tasks.get_untracked()),
            start_date: parse_date(&start.get_untracked()),
            end_date: parse_date(&end.get_untracked()),
            hours_per_week: hours.get_untracked().trim().parse().ok(),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.create_placement(&body).await
                })
                .await;
            match r {
                Ok(p) => {
                    error.set(None);
                    done.set(Some(Done {
                        text: i18n.t_with(
                            "done-placement-proposed",
                            &[("name", p.participant_name), ("employer", p.employer_name)],
                        ),
                        href: Some(format!("/placements/{}", p.id)),
                    }));
                    on_change.run(());
                }
                Err(f) => {
                    done.set(None);
                    error.set(Some(f));
                }
            }
        });
    };
    let selects = move || {
        options.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok((people, employers)) => view! {
                <label>{t("participant")}
                    <select on:change=move |ev| participant.set(event_target_value(&ev).parse().ok().map(ParticipantId))>
                        <option value="">"–"</option>
                        {people.into_iter().map(|p| view! { <option value=p.id.0.to_string()>{format!("{}, {}", p.family_name, p.given_name)}</option> }).collect_view()}
                    </select>
                    <FieldError error=error.into() field="participant_id"/></label>
                <label>{t("employer")}
                    <select on:change=move |ev| employer.set(event_target_value(&ev).parse().ok())>
                        <option value="">"–"</option>
                        {employers.into_iter().map(|e| view! { <option value=e.id.to_string()>{e.name}</option> }).collect_view()}
                    </select>
                    <FieldError error=error.into() field="employer_id"/></label>
            }
            .into_any(),
        })
    };
    view! {
        <section class="card">
            <h2>{t("new-placement")}</h2>
            <form class="grid-form" on:submit=submit>
                <Transition fallback=|| view! { <Loading/> }>{selects}</Transition>
                <label>{t("placement-kind")}
                    <select on:change=move |ev| kind.set(PlacementKind::parse(&event_target_value(&ev)))>
                        {PlacementKind::ALL.iter().copied().map(|k| view! { <option value=k.as_str()>{move || kind_text(i18n, k)}</option> }).collect_view()}
                    </select></label>
                <label>{t("placement-role")}<input prop:value=role on:input=move |ev| role.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="role"/></label>
                <label>{t("placement-tasks")}<input prop:value=tasks on:input=move |ev| tasks.set(event_target_value(&ev))/></label>
                <label>{t("placement-start")}<input type="date" prop:value=start on:input=move |ev| start.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="start_date"/></label>
                <label>{t("placement-end")}<input type="date" prop:value=end on:input=move |ev| end.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="end_date"/></label>
                <label>{t("placement-hours")}<input type="number" min="1" max="60" prop:value=hours on:input=move |ev| hours.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="hours_per_week"/></label>
                <button type="submit">{t("add")}</button>
            </form>
            <DoneNotice done=done.into()/>
        </section>
    }
}

#[component]
pub fn PlacementPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let id_param = super::use_id_param();
    let version = RwSignal::new(0u32);
    let placement = LocalResource::new(move || {
        version.track();
        async move {
            match id_param() {
                Some(id) => session
                    .call(move |c| async move { c.placement(id).await })
                    .await
                    .map(Some),
                None => Ok(None),
            }
        }
    });
    let error = RwSignal::new(None::<Failure>);
    let notice = RwSignal::new(None::<String>);
    // A placement action's confirmation, with a link to the participant.
    let done = RwSignal::new(None::<Done>);
    // The link of the invitation just sent: the server gives it this once.
    let new_link = RwSignal::new(None::<String>);
    let reload = move || version.update(|v| *v += 1);
    // A change names the version it was made from (If-Match): when someone
    // changed the placement meanwhile, the change is refused and the page
    // shows the placement as it is now.
    let failed = move |f: Failure| {
        if f.status == Some(412) {
            reload();
        }
        error.set(Some(f));
    };
    let invite = move |id: i64, at: i64, purpose: InvitationPurpose| {
        leptos::task::spawn_local(async move {
            let body = InvitationRequest {
                purpose: Some(purpose),
            };
            match session
                .call_with(body, move |c, body| async move {
                    c.invite_employer(id, &body, at).await
                })
                .await
            {
                Ok(sent) => {
                    notice.set(Some(i18n.t("invitation-sent")));
                    new_link.set(Some(sent.link));
                    error.set(None);
                    reload();
                }
                Err(f) => failed(f),
            }
        });
    };
    let act = move |id: i64, at: i64, body: PlacementActionRequest| {
        leptos::task::spawn_local(async move {
            match session
                .call_with(body, move |c, body| async move {
                    c.placement_action(id, &body, at).await
                })
                .await
            {
                Ok(p) => {
                    let text =
                        i18n.t_with("done-placement", &[("status", status_text(i18n, p.status))]);
                    notice.set(None);
                    done.set(Some(Done {
                        text: format!("{} · {}", p.participant_name, text),
                        href: Some(format!("/participants/{}", p.participant_id)),
                    }));
                    error.set(None);
                    reload();
                }
                Err(f) => failed(f),
            }
        });
    };
    // Confirmed: offer to move the participant to the ladder's first work-like step.
    let to_internship_step = move |participant: ParticipantId| {
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| async move { c.participant_and_ladder(participant).await })
                .await;
            let (detail, ladder) = match r {
                Ok(x) => x,
                Err(f) => return error.set(Some(f)),
            };
            let Some(step) = ladder
                .steps
                .iter()
                .find(|s| s.demand_level == DemandLevel::WorkLike)
            else {
                return notice.set(Some(i18n.t("no-internship-step")));
            };
            let body = MoveRequestBody {
                to_step_id: Some(step.id),
                reason: Some(i18n.t("moved-for-placement")),
                ..Default::default()
            };
            let step_name = step.name.clone();
            match session
                .call_with(body, move |c, body| async move {
                    c.move_participant(detail.id, &body).await
                })
                .await
            {
                Ok(_) => notice.set(Some(i18n.t_with("moved-to-step", &[("step", step_name)]))),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    // Only what the role may do is offered (a mentor reads the placement).
    let arranges = session.can(Capability::ArrangePlacements);
    let new_end = RwSignal::new(String::new());
    let end_reason = RwSignal::new(String::new());
    let body = move || {
        placement.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(None) => view! { <p>{t("not-found")}</p> }.into_any(),
            Ok(Some(p)) => {
                let p: Placement = p;
                let id = p.id;
                let at = p.version;
                let status = p.status;
                let participant = p.participant_id;
                let history = p
                    .history
                    .iter()
                    .map(|h| {
                        let to = h.to_status;
                        let who = if h.by_employer { i18n.t("by-employer") } else { i18n.t("by-staff") };
                        let end = h.new_end_date.map(|d| format!(" → {}", crate::format::date(i18n, d))).unwrap_or_default();
                        view! { <li>{crate::format::date(i18n, h.recorded_at.date())} " · " {move || status_text(i18n, to)} {end} " · " {who} " " {h.note.clone().unwrap_or_default()}</li> }
                    })
                    .collect_view();
                let feedback = p.feedback.clone().map(|f| view! {
                    <dl class="facts" data-testid="employer-feedback">
                        <dt>{t("rating-attendance")}</dt><dd>{f.attendance} " / 4"</dd>
                        <dt>{t("rating-punctuality")}</dt><dd>{f.punctuality} " / 4"</dd>
                        <dt>{t("rating-cooperation")}</dt><dd>{f.cooperation} " / 4"</dd>
                        <dt>{t("rating-quality")}</dt><dd>{f.quality} " / 4"</dd>
                        <dt>{t("comment")}</dt><dd>{f.comment}</dd>
                    </dl>
                });
                view! {
                    <section class="card" data-testid="placement">
                        <h1><A href=format!("/participants/{participant}")>{p.participant_name.clone()}</A> " · " {p.employer_name.clone()}</h1>
                        <p><span class="badge" data-testid="placement-status">{move || status_text(i18n, status)}</span>
                            " " {move || kind_text(i18n, p.kind)} " · " {p.role.clone()} " · " {crate::format::period(i18n, p.start_date, Some(p.end_date))} " · " {t("placement-hours")} ": " {p.hours_per_week}</p>
                        <dl class="facts">
                            <dt>{t("employer-contact-person")}</dt><dd>{p.contact.name.clone()} " " {p.contact.email.clone()} " " {p.contact.phone.clone()}</dd>
                            <dt>{t("supervisor-name")}</dt><dd data-testid="placement-supervisor">{p.supervisor.as_ref().map(|s| format!("{} {} {}", s.name, s.phone, s.email)).unwrap_or_else(|| "–".into())}</dd>
                            {p.proposed_start_date.map(|d| view! { <dt>{t("proposed-start")}</dt><dd>{crate::format::date(i18n, d)}</dd> })}
                            {p.decline_reason.clone().map(|r| view! { <dt>{t("decline-reason")}</dt><dd>{r}</dd> })}
                            {p.end_reason.clone().map(|r| view! { <dt>{t("end-reason")}</dt><dd>{r}</dd> })}
                        </dl>
                        {feedback}
                        <div class="actions">
                            <Show when=move || arranges && matches!(status, PlacementStatus::Proposed | PlacementStatus::AwaitingEmployer)>
                                <button type="button" data-testid="invite-confirm" on:click=move |_| invite(id, at, InvitationPurpose::Confirm)>{t("invite-confirm")}</button>
                            </Show>
                            <Show when=move || arranges && status == PlacementStatus::Active>
                                <button type="button" data-testid="invite-completion" on:click=move |_| invite(id, at, InvitationPurpose::Completion)>{t("invite-completion")}</button>
                                <button type="button" data-testid="placement-complete" on:click=move |_| act(id, at, PlacementActionRequest { action: Some(PlacementAction::Complete), ..Default::default() })>{t("placement-complete")}</button>
                            </Show>
                            <Show when=move || matches!(status, PlacementStatus::Confirmed | PlacementStatus::Active)>
                                <button type="button" data-testid="move-to-internship" on:click=move |_| to_internship_step(participant)>{t("move-to-internship")}</button>
                            </Show>
                        </div>
                        {(arranges && matches!(status, PlacementStatus::Confirmed | PlacementStatus::Active)).then(|| view! {
                            <PlacementActivity placement=id version=at participant=participant recorded=p.activity.clone() on_change=Callback::new(move |_| reload()) on_stale=Callback::new(failed)/>
                        })}
                        <Show when=move || arranges && matches!(status, PlacementStatus::Confirmed | PlacementStatus::Active)>
                            <form class="inline" data-testid="placement-extend" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); act(id, at, PlacementActionRequest { action: Some(PlacementAction::Extend), new_end_date: parse_date(&new_end.get_untracked()), reason: None }); }>
                                <label>{t("new-end-date")}<input type="date" prop:value=new_end on:input=move |ev| new_end.set(event_target_value(&ev))/>
                                    <FieldError error=error.into() field="new_end_date"/></label>
                                <button type="submit">{t("placement-extend")}</button>
                            </form>
                            <form class="inline" data-testid="placement-end-early" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); act(id, at, PlacementActionRequest { action: Some(PlacementAction::EndEarly), reason: opt_text(&end_reason.get_untracked()), new_end_date: None }); }>
                                <label>{t("end-reason")}<input prop:value=end_reason on:input=move |ev| end_reason.set(event_target_value(&ev))/>
                                    <FieldError error=error.into() field="reason"/></label>
                                <button type="submit" class="secondary">{t("placement-end-early")}</button>
                            </form>
                        </Show>
                        {move || notice.get().map(|n| view! { <p class="notice" role="status" data-testid="placement-notice">{n}</p> })}
                        <DoneNotice done=done.into()/>
                        {move || new_link.get().map(|link| view! { <InvitationLink link=link/> })}
                        <ErrorBanner error=error.into()/>
                        <h2>{t("history")}</h2>
                        <ul class="plain">{history}</ul>
                    </section>
                }
                .into_any()
            }
        })
    };
    view! { <Transition fallback=|| view! { <Loading/> }>{body}</Transition> }
}

/// The link of an invitation just sent, with a copy button: it is shown this
/// once, for staff who send the message themselves.
#[component]
fn InvitationLink(link: String) -> impl IntoView {
    view! { <OnceLink link=link warning="invitation-link-once" testid="invitation-link"/> }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let outbox = LocalResource::new(move || async move {
        session.call(|c| async move { c.outbox().await }).await
    });
    let list = move || {
        outbox.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(list) if list.is_empty() => view! { <p class="muted">{t("nothing-now")}</p> }.into_any(),
            Ok(list) => list
                .into_iter()
                .map(|m| {
                    let state_key = format!("outbox-{}", m.state);
                    view! {
                        <article class="card" data-testid="outbox-message">
                            <h2>{m.subject.clone()}</h2>
                            <p class="muted">{m.recipient.clone()} " · " {crate::format::date_time(i18n, m.created_at)} " · "
                                <span class="badge">{move || use_i18n().t(&state_key)}</span>
                                {m.last_error.clone().map(|e| format!(" · {e}"))}
                                // The e-mail names no participant: the placement does.
                                {m.placement_id.map(|p| view! { " · " <A href=format!("/placements/{p}")>{t("outbox-placement")}</A> })}</p>
                            <pre class="message">{m.body.clone()}</pre>
                        </article>
                    }
                })
                .collect_view()
                .into_any(),
        })
    };
    view! {
        <h1>{t("outbox-title")}</h1>
        <p class="muted">{t("outbox-help")}</p>
        <Transition fallback=|| view! { <Loading/> }>{list}</Transition>
    }
}

/// The participant's placements, on the participant page.
#[component]
pub fn ParticipantPlacements(participant: ParticipantId) -> impl IntoView {
    let session = use_session();
    let list = LocalResource::new(move || async move {
        session
            .call(move |c| async move { c.participant_placements(participant).await })
            .await
    });
    let body = move || {
        list.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(l) if l.is_empty() => view! { <p class="muted">{t("no-placements")}</p> }.into_any(),
            Ok(l) => view! { <ul class="plain">{l.into_iter().map(|p| view! { <PlacementLine placement=p/> }).collect_view()}</ul> }.into_any(),
        })
    };
    view! {
        <section class="card" data-testid="participant-placements">
            <h2>{t("placements-title")}</h2>
            <Transition fallback=|| view! { <Loading/> }>{body}</Transition>
        </section>
    }
}
