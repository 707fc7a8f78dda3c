//! The person's enrolments in the ladder's parallel activities (ALUP, a
//! course, treatment): a card on the participant's page to enrol them, see
//! their attendance in each, and record how it ended with its result.

use crate::components::{ErrorBanner, FieldError, Loading};
use crate::format;
use crate::i18n::{I18n, t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::ParticipantId;
use stige_domain::activity::{ActivityEnding, EnrolmentKind};
use stige_wire::{Activity, ActivityEnrolment, EnrolmentEndInput, EnrolmentInput};

fn state(i: I18n, e: &ActivityEnrolment) -> String {
    match (e.ending, e.ended_on) {
        (Some(ending), Some(on)) => format!(
            "{} {}",
            i.t(&format!("activity-ending-{}", ending.as_str())),
            format::date(i, on)
        ),
        _ if e.running => i.t("activity-running"),
        _ => i.t("activity-not-started"),
    }
}

fn period(i: I18n, e: &ActivityEnrolment) -> String {
    let end = e
        .planned_end_on
        .map(|d| format::date(i, d))
        .unwrap_or_default();
    format!("{} – {end}", format::date(i, e.starts_on))
}

/// The activities card. `enrolments` is shared with the ladder picture, which
/// shows the running ones beside the step.
#[component]
pub fn ActivitiesCard(
    participant: ParticipantId,
    activities: Vec<Activity>,
    enrolments: RwSignal<Option<Vec<ActivityEnrolment>>>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let error = RwSignal::new(None::<Failure>);
    let done = RwSignal::new(None::<String>);
    let ending = RwSignal::new(None::<i64>);
    let load = move || {
        session.load(enrolments, error, move |c| async move {
            c.enrolments(participant).await
        });
    };
    load();
    let has_activities = !activities.is_empty();
    let rows = move || {
        enrolments.get().map(|list| {
            if list.is_empty() {
                return view! { <p class="muted">{t("activities-none")}</p> }.into_any();
            }
            let rows = list
                .into_iter()
                .map(|e| {
                    let id = e.id;
                    let open = e.ending.is_none();
                    let name = e.activity_name.clone();
                    let kind = (e.kind == EnrolmentKind::Placement)
                        .then(|| view! { " " <span class="badge">{t("activity-placement")}</span> });
                    let attendance = i18n.t_with(
                        "activity-days-present",
                        &[
                            ("present", e.days_present.to_string()),
                            ("marked", e.days_marked.to_string()),
                        ],
                    );
                    let outcome = [e.result.clone(), e.reason.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                    view! {
                        <tr data-testid="activity-enrolment" data-activity=name.clone()
                            data-running=e.running.to_string()>
                            <th scope="row">{name.clone()} {kind}</th>
                            <td>{period(i18n, &e)}</td>
                            <td data-testid="activity-state">{state(i18n, &e)}</td>
                            <td data-testid="activity-attendance">{attendance}</td>
                            <td data-testid="activity-outcome">{outcome}</td>
                            <td>
                                {open.then(|| view! {
                                    <button type="button" class="secondary" data-testid="activity-end"
                                        on:click=move |_| ending.set(Some(id))>{t("activity-end")}</button>
                                })}
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="table" data-testid="activity-enrolments">
                    <thead><tr>
                        <th scope="col">{t("activity")}</th>
                        <th scope="col">{t("activity-period")}</th>
                        <th scope="col">{t("activity-state")}</th>
                        <th scope="col">{t("activity-attendance")}</th>
                        <th scope="col">{t("activity-result")}</th>
                        <th scope="col"><span class="sr-only">{t("activity-end")}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        })
    };
    let on_enrolled = Callback::new(move |e: ActivityEnrolment| {
        done.set(Some(
            i18n.t_with("activity-enrolled", &[("activity", e.activity_name)]),
        ));
        load();
    });
    let on_ended = Callback::new(move |e: ActivityEnrolment| {
        ending.set(None);
        done.set(Some(
            i18n.t_with("activity-ended", &[("activity", e.activity_name)]),
        ));
        load();
    });
    let end_form = move || {
        let id = ending.get()?;
        let e = enrolments.with(|l| l.iter().flatten().find(|e| e.id == id).cloned())?;
        Some(view! { <EndForm participant=participant enrolment=e on_ended=on_ended/> })
    };
    view! {
        <section class="card" data-testid="activities">
            <h2>{t("activities-title")}</h2>
            <ErrorBanner error=error.into()/>
            {move || done.get().map(|d| view! { <p class="notice" role="status" data-testid="activity-done">{d}</p> })}
            <Transition fallback=|| view! { <Loading/> }>{rows}</Transition>
            {end_form}
            {if has_activities {
                view! { <EnrolForm participant=participant activities=activities on_enrolled=on_enrolled/> }.into_any()
            } else {
                view! { <p class="muted">{t("activities-ladder-none")}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn EnrolForm(
    participant: ParticipantId,
    activities: Vec<Activity>,
    on_enrolled: Callback<ActivityEnrolment>,
) -> impl IntoView {
    let session = use_session();
    let chosen = RwSignal::new(
        activities
            .first()
            .map(|a| a.id.0.to_string())
            .unwrap_or_default(),
    );
    let starts = RwSignal::new(format::today().to_string());
    let planned = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let body = EnrolmentInput {
            activity_id: chosen
                .get_untracked()
                .parse()
                .ok()
                .map(stige_domain::ActivityId),
            starts_on: format::parse_date(&starts.get_untracked()),
            planned_end_on: format::parse_date(&planned.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .send_form(error, body, move |c, body| async move {
                    c.enrol(participant, &body).await
                })
                .await;
            busy.set(false);
            if let Some(e) = r {
                planned.set(String::new());
                on_enrolled.run(e);
            }
        });
    };
    let options = activities
        .into_iter()
        .map(|a| view! { <option value=a.id.0.to_string()>{a.name}</option> })
        .collect_view();
    view! {
        <form class="grid-form" on:submit=submit data-testid="activity-enrol-form">
            <label>{t("activity")}
                <select data-testid="activity-choice" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {options}
                </select>
                <FieldError error=error.into() field="activity_id"/>
            </label>
            <label>{t("activity-starts-on")}
                <input type="date" data-testid="activity-starts-on" prop:value=move || starts.get()
                    on:input=move |ev| starts.set(event_target_value(&ev))/>
                <FieldError error=error.into() field="starts_on"/>
            </label>
            <label>{t("activity-planned-end")}
                <input type="date" data-testid="activity-planned-end" prop:value=move || planned.get()
                    on:input=move |ev| planned.set(event_target_value(&ev))/>
                <FieldError error=error.into() field="planned_end_on"/>
            </label>
            <FieldError error=error.into() field="participant"/>
            <button type="submit" data-testid="activity-enrol" disabled=move || busy.get()>{t("activity-enrol")}</button>
        </form>
    }
}

#[component]
fn EndForm(
    participant: ParticipantId,
    enrolment: ActivityEnrolment,
    on_ended: Callback<ActivityEnrolment>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let how = RwSignal::new(ActivityEnding::Completed);
    let on = RwSignal::new(format::today().to_string());
    let reason = RwSignal::new(String::new());
    let result = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let id = enrolment.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        let body = EnrolmentEndInput {
            ending: Some(how.get_untracked()),
            ended_on: format::parse_date(&on.get_untracked()),
            reason: text(reason),
            result: text(result),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.end_enrolment(participant, id, &body).await
                })
                .await;
            match r {
                Ok(e) => on_ended.run(e),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let options = ActivityEnding::ALL
        .iter()
        .map(|&e| {
            view! {
                <option value=e.as_str() selected=move || how.get() == e>
                    {move || i18n.t(&format!("activity-ending-{}", e.as_str()))}
                </option>
            }
        })
        .collect_view();
    view! {
        <form class="grid-form" on:submit=submit data-testid="activity-end-form">
            <h3>{enrolment.activity_name.clone()}</h3>
            <label>{t("activity-ending")}
                <select data-testid="activity-ending" on:change=move |ev| {
                    if let Some(e) = ActivityEnding::parse(&event_target_value(&ev)) { how.set(e) }
                }>{options}</select>
            </label>
            <label>{t("activity-ended-on")}
                <input type="date" data-testid="activity-ended-on" prop:value=move || on.get()
                    on:input=move |ev| on.set(event_target_value(&ev))/>
                <FieldError error=error.into() field="ended_on"/>
            </label>
            <label>{t("activity-reason")}
                <input data-testid="activity-reason" prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))/>
                <FieldError error=error.into() field="reason"/>
            </label>
            <label>{t("activity-result")}
                <input data-testid="activity-result" prop:value=move || result.get()
                    on:input=move |ev| result.set(event_target_value(&ev))/>
                <FieldError error=error.into() field="result"/>
            </label>
            <ErrorBanner error=error.into()/>
            <button type="submit" data-testid="activity-save-end">{t("activity-save-end")}</button>
        </form>
    }
}
