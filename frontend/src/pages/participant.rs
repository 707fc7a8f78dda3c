//! A participant's page: personal details, the ladder picture, actions and history.

use super::participant_actions::{MentorForm, MoveForm, StatusForm};
use super::participant_attendance::Attendance;
use super::participant_consents::Consents;
use super::participant_follow_ups::FollowUps;
use super::participant_goals::Goals;
use super::participant_history::History;
use super::participant_research::ResearchConsentPanel;
use crate::components::{Done, DoneNotice, ErrorBanner, LadderPicture, Loading, failure_text};
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::session::{ApiResult, Failure, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use stige_domain::Capability;
use stige_domain::{EnrolmentStatus, ParticipantId, StepId};
use stige_wire::{Ladder, ParticipantDetail};

#[component]
pub fn ParticipantPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id_param = super::use_id_param();
    let id = move || id_param().map(ParticipantId);
    let detail = RwSignal::new(None::<ApiResult<ParticipantDetail>>);
    let ladder = RwSignal::new(None::<Ladder>);
    // The person's enrolments in activities: the card fills them, the ladder
    // picture shows the running ones beside the step.
    let enrolments = RwSignal::new(None::<Vec<stige_wire::ActivityEnrolment>>);

    let load_ladder = move |d: &ParticipantDetail| {
        let lid = d.ladder.id;
        leptos::task::spawn_local(async move {
            if let Ok(l) = session.ladder(lid).await {
                ladder.set(Some(l));
            }
        });
    };
    Effect::new(move |_| {
        let Some(pid) = id() else {
            detail.set(Some(Err(Failure {
                status: Some(404),
                problem: None,
            })));
            return;
        };
        detail.set(None);
        // Another person's page: their own activities, not the last person's.
        enrolments.set(None);
        leptos::task::spawn_local(async move {
            let result = session
                .call(move |c| async move { c.participant(pid).await })
                .await;
            if let Ok(d) = &result {
                load_ladder(d);
            }
            detail.set(Some(result));
        });
    });
    // What the last change did, said with the person's name.
    let done = RwSignal::new(None::<Done>);
    let on_change = Callback::new(move |d: ParticipantDetail| {
        let before = detail.with_untracked(|x| {
            x.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|b| (b.status, b.current_step.as_ref().map(|s| s.id)))
        });
        done.set(change_done(i18n, before, &d));
        // The ladder is loaded again only when the participant changed ladder:
        // loading it anyway would rebuild the move form a moment after this
        // change and lose what the user had begun to enter there.
        if ladder.with_untracked(|l| l.as_ref().map(|l| l.id)) != Some(d.ladder.id) {
            load_ladder(&d);
        }
        detail.set(Some(Ok(d)));
    });

    move || match detail.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(f)) => {
            let text = failure_text(&f);
            view! { <p class="error" role="alert">{text}</p> }.into_any()
        }
        Some(Ok(d)) => {
            let status = d.status;
            let edit_href = format!("/participants/{}/edit", d.id);
            let picture = move || {
                ladder.get().map(|l| {
                    let d = detail.get().and_then(Result::ok);
                    let (current, days) = d
                        .map(|d| (d.current_step.map(|s| s.id), d.days_per_step))
                        .unwrap_or_default();
                    let beside: Vec<String> = enrolments.with(|list| {
                        list.iter()
                            .flatten()
                            .filter(|e| e.running)
                            .map(|e| e.activity_name.clone())
                            .collect()
                    });
                    view! { <LadderPicture steps=l.steps current=current days=days beside=beside/> }
                })
            };
            let days_here = d.days_in_current_step;
            let for_mentors = d.clone();
            view! {
                <article class="participant">
                    <header class="participant-head">
                        <h1 data-testid="participant-name">{d.given_name.clone()} " " {d.family_name.clone()}</h1>
                        <span class=format!("badge status-{}", status.as_str()) data-testid="participant-status">
                            {move || format::status(i18n, status)}
                        </span>
                        {returns_on(i18n, &d)}
                        <A href=edit_href>{t("edit")}</A>
                        <Show when=move || session.can(Capability::AnswerParticipantRequests)>
                            <A href=format!("/participants/{}/access-log", d.id) attr:data-testid="access-log-link">{t("access-log-link")}</A>
                        </Show>
                    </header>
                    <DoneNotice done=done.into()/>
                    <div class="columns">
                        <section class="card">
                            <h2>{t("ladder")} ": " {d.ladder.name.clone()}</h2>
                            <p data-testid="current-step">
                                {t("current-step")} ": "
                                <strong>{d.current_step.as_ref().map(|s| s.name.clone()).unwrap_or_else(|| "–".into())}</strong>
                                {move || days_here.map(|n| format!(" · {}", i18n.t_with("days-count", &[("days", n.to_string())])))}
                            </p>
                            {picture}
                        </section>
                        <section class="card">
                            <h2>{t("details")}</h2>
                            <PersonalDetails detail=d.clone()/>
                        </section>
                    </div>
                    <div class="columns">
                        {move || ladder.get().map(|l| {
                            let d = detail.get().and_then(Result::ok);
                            d.map(|d| view! { <MoveForm detail=d ladder=l on_change=on_change/> })
                        })}
                        <StatusForm detail=d.clone() on_change=on_change/>
                        <Show when=move || session.can(Capability::AssignMentors)>
                            <MentorForm detail=for_mentors.clone() on_change=on_change/>
                        </Show>
                    </div>
                    <Show when=move || session.can(Capability::ReachParticipants)>
                        <super::participant_contact::ContactCard participant=d.id/>
                        <super::participant_plan::PlanCard participant=d.id/>
                        {move || ladder.get().map(|l| view! {
                            <super::participant_activities::ActivitiesCard participant=d.id
                                activities=l.activities enrolments=enrolments/>
                        })}
                    </Show>
                    <div class="columns">
                        <Goals participant=d.id/>
                        <Attendance participant=d.id/>
                    </div>
                    <super::participant_work::WorkCapacityCard participant=d.id/>
                    <super::participant_peers::PeersCard participant=d.id ladder=d.ladder.id/>
                    <super::participant_agreements::AgreementLinksCard participant=d.id ladder=d.ladder.id/>
                    <FollowUps participant=d.id/>
                    <Consents participant=d.id/>
                    <Show when=move || session.can(Capability::WorkWithParticipants)>
                        <ResearchConsentPanel participant=d.id/>
                    </Show>
                    <super::participant_outcomes::OutcomesPanel participant=d.id/>
                    <super::placements::ParticipantPlacements participant=d.id/>
                    <History detail=d.clone()/>
                    <Show when=move || session.can(Capability::Administer)>
                        <super::participant_rectifications::RectificationTrail participant=d.id/>
                    </Show>
                </article>
            }
            .into_any()
        }
    }
}

#[component]
fn PersonalDetails(detail: ParticipantDetail) -> impl IntoView {
    let session = use_session();
    let revealed = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<Failure>);
    let id = detail.id;
    let reveal = move |_| {
        leptos::task::spawn_local(async move {
            match session
                .call(move |c| async move { c.reveal_national_id(id).await })
                .await
            {
                Ok(r) => revealed.set(Some(r.national_id)),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let has_number = detail.national_id_masked.is_some();
    let i18n = use_i18n();
    let masked = detail
        .national_id_masked
        .clone()
        .unwrap_or_else(|| "–".into());
    let mentors: Vec<String> = detail
        .mentors
        .iter()
        .map(|m| m.display_name.clone())
        .collect();
    view! {
        <dl class="facts">
            <dt>{t("birth-date")}</dt>
            <dd>{detail.birth_date.map(|b| crate::format::date(i18n, b)).unwrap_or_else(|| "–".into())}</dd>
            <dt>{t("national-id")}</dt>
            <dd>
                <span data-testid="national-id">{move || revealed.get().unwrap_or_else(|| masked.clone())}</span>
                <Show when=move || has_number && revealed.get().is_none() && session.can(Capability::RevealNationalId)>
                    " " <button class="link" on:click=reveal>{t("reveal-number")}</button>
                </Show>
            </dd>
            <dt>{t("mentors")}</dt>
            <dd data-testid="mentor-list">{if mentors.is_empty() { "–".to_owned() } else { mentors.join(", ") }}</dd>
            <dt>{t("status-since")}</dt>
            <dd>{crate::format::date(i18n, detail.status_since)}</dd>
            {detail.referral.clone().map(|r| view! {
                <dt>{t("referred-by")}</dt>
                <dd data-testid="referred-by">{r.partner_name.unwrap_or_else(|| i18n.t("channel-self-referral"))} " · " {crate::format::date(i18n, r.received_at.date())}</dd>
                <dt>{t("referral-reason")}</dt>
                <dd data-testid="referral-reason">{r.reason}</dd>
            })}
        </dl>
        <ErrorBanner error=error.into()/>
    }
}

/// The confirmation of a status change or a move, by comparing the participant
/// before and after.
fn change_done(
    i18n: crate::i18n::I18n,
    before: Option<(EnrolmentStatus, Option<StepId>)>,
    after: &ParticipantDetail,
) -> Option<Done> {
    let (status, step) = before?;
    let name = format!("{} {}", after.given_name, after.family_name);
    let text = if after.status != status {
        i18n.t_with(
            "done-status",
            &[
                ("name", name),
                ("status", format::status(i18n, after.status)),
            ],
        )
    } else if after.current_step.as_ref().map(|s| s.id) != step {
        let to = after
            .current_step
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default();
        i18n.t_with("done-moved", &[("name", name), ("step", to)])
    } else {
        return None;
    };
    Some(Done { text, href: None })
}

/// A pause's planned return, beside the status badge.
fn returns_on(i18n: crate::i18n::I18n, d: &ParticipantDetail) -> Option<impl IntoView + use<>> {
    let date = planned_return(d)?;
    let overdue = date <= format::today();
    Some(view! {
        <span class=if overdue { "badge returns due" } else { "badge returns" } data-testid="planned-return">
            {move || i18n.t_with("returns-on", &[("date", date.to_string())])}
        </span>
    })
}

/// While paused: the planned return of the pause, if one was given.
pub fn planned_return(d: &ParticipantDetail) -> Option<chrono::NaiveDate> {
    if d.status != EnrolmentStatus::Paused {
        return None;
    }
    d.status_history
        .iter()
        .rev()
        .find(|c| c.to_status == EnrolmentStatus::Paused)
        .and_then(|c| c.planned_return)
}
