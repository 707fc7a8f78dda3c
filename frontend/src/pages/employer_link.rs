//! The employer's page behind an invitation link: no account, in the employer's
//! language. Shows the programme's contact, the participant's name, the role,
//! period and hours, and takes one decision: confirm (with the supervisor) or
//! decline, or near the end how the placement went.

use crate::components::FieldError;
use crate::format::{opt_text, parse_date};
use crate::i18n::{Lang, t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::placement::Language;
use stige_wire::{
    CompletionOutcome, ContactInput, EmployerCompletion, EmployerConfirmation, EmployerDecline,
    EmployerReceipt, EmployerView, InvitationPurpose,
};

/// The token of `/employer/{token}`, if this is such a page.
pub fn token_in_path() -> Option<String> {
    let path = web_sys::window()?.location().pathname().ok()?;
    path.strip_prefix("/employer/")
        .map(|t| t.trim_end_matches('/').to_owned())
        .filter(|t| !t.is_empty() && !t.contains('/'))
}

fn lang_of(l: Language) -> Lang {
    match l {
        Language::Nb => Lang::Nb,
        Language::Sv => Lang::Sv,
        Language::En => Lang::En,
    }
}

#[component]
pub fn EmployerLinkPage(token: String) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let view_state = RwSignal::new(None::<Result<EmployerView, Failure>>);
    let done = RwSignal::new(None::<EmployerReceipt>);
    let token = StoredValue::new(token);
    leptos::task::spawn_local(async move {
        let client = session.anonymous_client();
        let r = client
            .employer_view(&token.get_value())
            .await
            .map_err(Failure::from);
        if let Ok(v) = &r {
            // The form shows in the employer's language, not before it: a
            // switch afterwards would draw the form again, empty.
            i18n.switch(lang_of(v.language)).await;
        }
        view_state.set(Some(r));
    });
    let body = move || match (view_state.get(), done.get()) {
        (_, Some(receipt)) => {
            let status = receipt.status;
            view! {
                <section class="card" data-testid="employer-done">
                    <h2>{t("employer-thanks")}</h2>
                    <p>{move || i18n.t(&format!("placement-{}", status.as_str().replace('_', "-")))}</p>
                    <p class="muted">{t("employer-contact")} ": " {receipt.programme_contact.name.clone()}</p>
                </section>
            }
            .into_any()
        }
        (None, _) => view! { <p class="loading">{t("loading")}</p> }.into_any(),
        (Some(Err(f)), _) => {
            let key = match f.status {
                Some(410) => "employer-link-used",
                Some(429) => "employer-link-slow-down",
                _ => "employer-link-unknown",
            };
            view! { <section class="card" data-testid="employer-link-error"><h2>{t(key)}</h2><p>{t("employer-link-help")}</p></section> }.into_any()
        }
        (Some(Ok(v)), None) => {
            let purpose = v.purpose;
            view! {
                <section class="card" data-testid="employer-placement">
                    <h1>{v.employer_name.clone()}</h1>
                    <dl class="facts">
                        <dt>{t("employer-participant")}</dt><dd data-testid="employer-participant">{v.participant_name.clone()}</dd>
                        <dt>{t("placement-role")}</dt><dd>{v.role.clone()}</dd>
                        <dt>{t("placement-tasks")}</dt><dd>{v.tasks.clone()}</dd>
                        <dt>{t("placement-period")}</dt><dd>{crate::format::period(i18n, v.start_date, Some(v.end_date))}</dd>
                        <dt>{t("placement-hours")}</dt><dd>{v.hours_per_week}</dd>
                        <dt>{t("employer-contact")}</dt><dd>{v.programme_contact.name.clone()}</dd>
                    </dl>
                </section>
                {match purpose {
                    InvitationPurpose::Confirm => view! { <ConfirmForms token=token done=done/> }.into_any(),
                    InvitationPurpose::Completion => view! { <CompletionForm token=token done=done/> }.into_any(),
                }}
            }
            .into_any()
        }
    };
    view! { <div class="employer-page">{body}</div> }
}

#[component]
fn ConfirmForms(
    token: StoredValue<String>,
    done: RwSignal<Option<EmployerReceipt>>,
) -> impl IntoView {
    let session = use_session();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = EmployerConfirmation {
            supervisor: ContactInput {
                name: opt_text(&name.get_untracked()),
                phone: opt_text(&phone.get_untracked()),
                email: opt_text(&email.get_untracked()),
            },
            proposed_start_date: parse_date(&start.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            match session
                .anonymous_client()
                .employer_confirm(&token.get_value(), &body)
                .await
            {
                Ok(r) => done.set(Some(r)),
                Err(e) => error.set(Some(e.into())),
            }
        });
    };
    let decline = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = EmployerDecline {
            reason: opt_text(&reason.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            match session
                .anonymous_client()
                .employer_decline(&token.get_value(), &body)
                .await
            {
                Ok(r) => done.set(Some(r)),
                Err(e) => error.set(Some(e.into())),
            }
        });
    };
    view! {
        <section class="card">
            <h2>{t("employer-confirm-title")}</h2>
            <form class="grid-form" on:submit=confirm>
                <label>{t("supervisor-name")}<input data-testid="supervisor-name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="supervisor.name"/></label>
                <label>{t("phone")}<input data-testid="supervisor-phone" prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="supervisor.phone"/></label>
                <label>{t("email")}<input type="email" prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="supervisor.email"/></label>
                <label>{t("proposed-start")}<input type="date" prop:value=start on:input=move |ev| start.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="proposed_start_date"/></label>
                <button type="submit" data-testid="employer-confirm">{t("employer-confirm")}</button>
            </form>
        </section>
        <section class="card">
            <h2>{t("employer-decline-title")}</h2>
            <form class="inline" on:submit=decline>
                <label>{t("decline-reason")}<input prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="reason"/></label>
                <button type="submit" class="secondary">{t("triage-decline")}</button>
            </form>
        </section>
    }
}

#[component]
fn CompletionForm(
    token: StoredValue<String>,
    done: RwSignal<Option<EmployerReceipt>>,
) -> impl IntoView {
    let session = use_session();
    let outcome = RwSignal::new(None::<CompletionOutcome>);
    let ratings: [RwSignal<Option<i64>>; 4] = std::array::from_fn(|_| RwSignal::new(None));
    let reason = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = EmployerCompletion {
            outcome: outcome.get_untracked(),
            reason: opt_text(&reason.get_untracked()),
            attendance: ratings[0].get_untracked(),
            punctuality: ratings[1].get_untracked(),
            cooperation: ratings[2].get_untracked(),
            quality: ratings[3].get_untracked(),
            comment: opt_text(&comment.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            match session
                .anonymous_client()
                .employer_complete(&token.get_value(), &body)
                .await
            {
                Ok(r) => done.set(Some(r)),
                Err(e) => error.set(Some(e.into())),
            }
        });
    };
    let fields = [
        ("rating-attendance", "attendance"),
        ("rating-punctuality", "punctuality"),
        ("rating-cooperation", "cooperation"),
        ("rating-quality", "quality"),
    ];
    view! {
        <section class="card">
            <h2>{t("employer-completion-title")}</h2>
            <form class="grid-form" on:submit=submit>
                <label>{t("completion-outcome")}
                    <select on:change=move |ev| outcome.set(match event_target_value(&ev).as_str() {
                        "completed" => Some(CompletionOutcome::Completed),
                        "ended_early" => Some(CompletionOutcome::EndedEarly),
                        _ => None,
                    })>
                        <option value="">"–"</option>
                        <option value="completed">{t("placement-completed")}</option>
                        <option value="ended_early">{t("placement-ended-early")}</option>
                    </select>
                    <FieldError error=error.into() field="outcome"/></label>
                {fields.into_iter().zip(ratings).map(|((label, field), signal)| view! {
                    <label>{t(label)}
                        <select on:change=move |ev| signal.set(event_target_value(&ev).parse().ok())>
                            <option value="">"–"</option>
                            {(1..=4).map(|n| view! { <option value=n.to_string()>{move || use_i18n().t(&format!("rating-{n}"))}</option> }).collect_view()}
                        </select>
                        <FieldError error=error.into() field=field/></label>
                }).collect_view()}
                <label>{t("end-reason")}<input prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="reason"/></label>
                <label>{t("comment")}<input prop:value=comment on:input=move |ev| comment.set(event_target_value(&ev))/></label>
                <button type="submit">{t("send")}</button>
            </form>
        </section>
    }
}
