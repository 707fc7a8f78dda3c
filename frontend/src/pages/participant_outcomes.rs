//! The person's situation before, at and after: income source, occupation and
//! education at the start, at the exit and 3, 6 and 12 months after; gender
//! for statistics; declining the checks after the exit.

use crate::components::{ErrorBanner, FieldError};
use crate::i18n::{I18n, t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::ParticipantId;
use stige_domain::situation::{Education, Gender, IncomeSource, Moment, Occupation};
use stige_wire::{OutcomePreferences, Outcomes, SituationInput};

/// The translation key of a code: `prefix-code` with `_` as `-`.
pub fn code_key(prefix: &str, code: &str) -> String {
    format!("{prefix}-{}", code.replace('_', "-"))
}

fn moment_name(i: I18n, m: Moment) -> String {
    i.t(&code_key("moment", m.as_str()))
}

/// A labelled choice among codes (each shown in the reader's language as
/// `prefix-code`), with "–" for none and the field's error under it.
#[component]
pub fn CodeSelect(
    label: &'static str,
    testid: &'static str,
    prefix: &'static str,
    codes: Vec<&'static str>,
    on_pick: Callback<String>,
    error: RwSignal<Option<Failure>>,
    field: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label>
            {t(label)}
            <select data-testid=testid on:change=move |ev| on_pick.run(event_target_value(&ev))>
                <option value="">"–"</option>
                {codes.into_iter().map(|c| view! {
                    <option value=c>{move || i18n.t(&code_key(prefix, c))}</option>
                }).collect_view()}
            </select>
            <FieldError error=error.into() field=field/>
        </label>
    }
}

#[component]
pub fn OutcomesPanel(participant: ParticipantId) -> impl IntoView {
    let session = use_session();
    let outcomes = RwSignal::new(None::<Outcomes>);
    let error = RwSignal::new(None::<Failure>);
    session.load(outcomes, error, move |c| async move {
        c.outcomes(participant).await
    });
    view! {
        <section class="card" data-testid="outcomes">
            <h2>{t("outcomes-title")}</h2>
            <p class="muted">{t("outcomes-help")}</p>
            <ErrorBanner error=error.into()/>
            {move || outcomes.get().map(|o| view! {
                <Recorded outcomes=o.clone()/>
                <SituationForm participant=participant outcomes=o.clone() on_saved=Callback::new(move |o| outcomes.set(Some(o)))/>
                <PreferencesForm participant=participant outcomes=o on_saved=Callback::new(move |o| outcomes.set(Some(o)))/>
            })}
        </section>
    }
}

#[component]
fn Recorded(outcomes: Outcomes) -> impl IntoView {
    let i18n = use_i18n();
    let code = |prefix: &'static str, value: Option<&'static str>| {
        value
            .map(|v| i18n.t(&code_key(prefix, v)))
            .unwrap_or_else(|| "–".into())
    };
    let rows = outcomes
        .situations
        .iter()
        .map(|s| {
            let (income, occupation) = if s.reached {
                (
                    code("income", s.income_source.map(IncomeSource::as_str)),
                    code("occupation", s.occupation.map(Occupation::as_str)),
                )
            } else {
                (i18n.t("outcomes-not-reached"), String::new())
            };
            view! {
                <tr data-testid=format!("situation-{}", s.moment.as_str())>
                    <th scope="row">{moment_name(i18n, s.moment)}</th>
                    <td>{income}</td>
                    <td>{occupation}</td>
                    <td>{code("education", s.education.map(Education::as_str))}</td>
                    <td>{s.recorded_by.clone()} ", " {crate::format::date_time(i18n, s.recorded_at)}</td>
                </tr>
            }
        })
        .collect_view();
    let checks = outcomes
        .checks_to_do
        .iter()
        .map(|c| {
            view! {
                <li>{moment_name(i18n, c.moment)} ": " {i18n.t_with("outcomes-due", &[("date", crate::format::date(i18n, c.due_on))])}</li>
            }
        })
        .collect_view();
    let empty = outcomes.situations.is_empty();
    let has_checks = !outcomes.checks_to_do.is_empty();
    let table = (!empty).then(move || {
        view! {
            <div class="table-wrap">
                <table class="table" data-testid="situations">
                    <thead><tr>
                        <th scope="col">{t("outcomes-moment")}</th>
                        <th scope="col">{t("outcomes-income-source")}</th>
                        <th scope="col">{t("outcomes-occupation")}</th>
                        <th scope="col">{t("outcomes-education")}</th>
                        <th scope="col">{t("outcomes-recorded")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let to_do = has_checks.then(move || {
        view! {
            <h3>{t("outcomes-checks-to-do")}</h3>
            <ul data-testid="checks-to-do">{checks}</ul>
        }
    });
    view! {
        {empty.then(|| view! { <p data-testid="outcomes-none">{t("outcomes-none")}</p> })}
        {table}
        {to_do}
    }
}

#[component]
fn SituationForm(
    participant: ParticipantId,
    outcomes: Outcomes,
    on_saved: Callback<Outcomes>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let exited = outcomes.exited_on.is_some();
    let moments: Vec<Moment> = Moment::ALL
        .iter()
        .copied()
        .filter(|m| *m == Moment::Start || exited)
        .collect();
    // The first moment not yet recorded, else the start.
    let first = moments
        .iter()
        .copied()
        .find(|m| !outcomes.situations.iter().any(|s| s.moment == *m))
        .unwrap_or(Moment::Start);
    let moment = RwSignal::new(first);
    let reached = RwSignal::new(true);
    let income = RwSignal::new(None::<IncomeSource>);
    let occupation = RwSignal::new(None::<Occupation>);
    let education = RwSignal::new(None::<Education>);
    let error = RwSignal::new(None::<Failure>);
    let busy = RwSignal::new(false);
    let sources = outcomes.income_sources.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let at = moment.get_untracked();
        let is_reached = reached.get_untracked() || at.months_after_exit().is_none();
        let body = if is_reached {
            SituationInput {
                reached: None,
                income_source: income.get_untracked(),
                occupation: occupation.get_untracked(),
                education: education.get_untracked(),
            }
        } else {
            SituationInput {
                reached: Some(false),
                ..Default::default()
            }
        };
        leptos::task::spawn_local(async move {
            let r = session
                .send_form(error, body, move |c, body| async move {
                    c.record_situation(participant, at, &body).await
                })
                .await;
            busy.set(false);
            if let Some(o) = r {
                on_saved.run(o);
            }
        });
    };
    let after_exit = move || moment.get().months_after_exit().is_some();
    let asks = move || reached.get() || !after_exit();
    view! {
        <form class="situation-form" on:submit=submit data-testid="situation-form">
            <h3>{t("outcomes-record")}</h3>
            <label>
                {t("outcomes-moment")}
                <select data-testid="situation-moment" on:change=move |ev| {
                    if let Some(m) = Moment::parse(&event_target_value(&ev)) { moment.set(m) }
                }>
                    {moments.into_iter().map(|m| view! {
                        <option value=m.as_str() selected=m == first>{moment_name(i18n, m)}</option>
                    }).collect_view()}
                </select>
            </label>
            <Show when=after_exit>
                <label class="check">
                    <input type="checkbox" data-testid="situation-not-reached"
                        prop:checked=move || !reached.get()
                        on:change=move |ev| reached.set(!event_target_checked(&ev))/>
                    {t("outcomes-not-reached")}
                </label>
            </Show>
            <Show when=asks>
                <CodeSelect label="outcomes-income-source" testid="situation-income-source" prefix="income"
                    codes=sources.iter().map(|s| s.as_str()).collect()
                    on_pick=Callback::new(move |c: String| income.set(IncomeSource::parse(&c)))
                    error=error field="income_source"/>
                <CodeSelect label="outcomes-occupation" testid="situation-occupation" prefix="occupation"
                    codes=Occupation::ALL.iter().map(|o| o.as_str()).collect()
                    on_pick=Callback::new(move |c: String| occupation.set(Occupation::parse(&c)))
                    error=error field="occupation"/>
                <CodeSelect label="outcomes-education" testid="situation-education" prefix="education"
                    codes=Education::ALL.iter().map(|e| e.as_str()).collect()
                    on_pick=Callback::new(move |c: String| education.set(Education::parse(&c)))
                    error=error field="education"/>
            </Show>
            <ErrorBanner error=error.into()/>
            <button type="submit" data-testid="situation-save" disabled=move || busy.get()>{t("save")}</button>
        </form>
    }
}

#[component]
fn PreferencesForm(
    participant: ParticipantId,
    outcomes: Outcomes,
    on_saved: Callback<Outcomes>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let gender = RwSignal::new(outcomes.gender);
    let declined = RwSignal::new(outcomes.after_exit_checks_declined);
    let error = RwSignal::new(None::<Failure>);
    let busy = RwSignal::new(false);
    let current = outcomes.gender;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let body = OutcomePreferences {
            gender: gender.get_untracked(),
            after_exit_checks_declined: declined.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .send_form(error, body, move |c, body| async move {
                    c.set_outcome_preferences(participant, &body).await
                })
                .await;
            busy.set(false);
            if let Some(o) = r {
                on_saved.run(o);
            }
        });
    };
    view! {
        <form class="outcome-preferences" on:submit=submit>
            <label>
                {t("outcomes-gender")}
                <select data-testid="outcomes-gender" on:change=move |ev| gender.set(Gender::parse(&event_target_value(&ev)))>
                    <option value="" selected=current.is_none()>{t("gender-not-given")}</option>
                    {Gender::ALL.iter().map(|g| view! {
                        <option value=g.as_str() selected=Some(*g) == current>{i18n.t(&code_key("gender", g.as_str()))}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input type="checkbox" data-testid="outcomes-declined"
                    prop:checked=move || declined.get()
                    on:change=move |ev| declined.set(event_target_checked(&ev))/>
                {t("outcomes-declined")}
            </label>
            <ErrorBanner error=error.into()/>
            <button type="submit" class="secondary" data-testid="outcomes-preferences-save" disabled=move || busy.get()>{t("save")}</button>
        </form>
    }
}
