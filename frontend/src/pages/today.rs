//! Today: the staff home page.

use crate::components::{ErrorBanner, Loading};
use crate::i18n::{t, use_i18n};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use stige_wire::PersonRef;

fn person_link(p: &PersonRef) -> impl IntoView + use<> {
    let href = format!("/participants/{}", p.id);
    let name = format!("{} {}", p.given_name, p.family_name);
    view! { <A href=href>{name}</A> }
}

#[component]
fn Section(
    title: &'static str,
    testid: &'static str,
    empty: &'static str,
    items: Vec<AnyView>,
) -> impl IntoView {
    let count = items.len();
    view! {
        <section class="card" data-testid=testid>
            <h2>{t(title)} " " <span class="count">{count}</span></h2>
            {if items.is_empty() {
                view! { <p class="muted">{t(empty)}</p> }.into_any()
            } else {
                view! { <ul class="plain">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn TodayPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let page = LocalResource::new(move || async move {
        session.call(|c| async move { c.today().await }).await
    });
    let content = move || {
        page.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(p) => {
                let marked = p.register_total - i64::try_from(p.not_marked.len()).unwrap_or(0);
                let total = p.register_total;
                let not_marked: Vec<AnyView> = p.not_marked.iter().map(|x| person_link(x).into_any()).collect();
                let due: Vec<AnyView> = p
                    .follow_ups_due
                    .iter()
                    .map(|f| {
                        let when = crate::format::date(i18n, f.next_due);
                        view! { {person_link(&f.participant)} " · " <time>{when}</time> }.into_any()
                    })
                    .collect();
                let actions: Vec<AnyView> = p
                    .overdue_actions
                    .iter()
                    .map(|a| {
                        let text = format!(" · {}: {} ({})", a.owner, a.what, a.by_when);
                        view! { {person_link(&a.participant)} {text} }.into_any()
                    })
                    .collect();
                // The section's figure counts its names only: the inbox of
                // partners' referrals is its own figure, on its own line.
                let waiting: Vec<AnyView> = p.referrals_waiting.iter().map(|x| person_link(x).into_any()).collect();
                let open_referrals = p.open_referrals;
                let placements: Vec<AnyView> = p
                    .placements_awaiting_employer
                    .iter()
                    .map(|a| {
                        let text = format!(" · {} · {}", a.employer_name, crate::format::date(i18n, a.start_date));
                        view! { {person_link(&a.participant)} {text} }.into_any()
                    })
                    .collect();
                let returns: Vec<AnyView> = p
                    .returns_due
                    .iter()
                    .map(|r| {
                        let when = r.planned_return.to_string();
                        view! { {person_link(&r.participant)} " · " <time>{when}</time> }.into_any()
                    })
                    .collect();
                let answers: Vec<AnyView> = p
                    .employer_answers
                    .iter()
                    .map(|a| {
                        let status = a.status;
                        let href = format!("/placements/{}", a.placement_id);
                        let employer = format!(" · {} · ", a.employer_name);
                        view! {
                            {person_link(&a.participant)} {employer}
                            <A href=href>{move || super::placements::status_text(i18n, status)}</A>
                        }
                        .into_any()
                    })
                    .collect();
                let exit_checks: Vec<AnyView> = p
                    .exit_checks_due
                    .iter()
                    .map(|c| {
                        let moment = c.moment;
                        let due = crate::format::date(i18n, c.due_on);
                        view! {
                            {person_link(&c.participant)} " · "
                            {move || i18n.t(&super::participant_outcomes::code_key("moment", moment.as_str()))}
                            " · " <time>{due}</time>
                        }
                        .into_any()
                    })
                    .collect();
                let warnings: Vec<AnyView> = p
                    .early_warnings
                    .iter()
                    .map(|w| {
                        let days = w.days;
                        let reach = format!("/participants/{}/contact", w.participant.id);
                        let last = w.last_reach_attempt.clone();
                        let told = w.follow_up_service_told.clone();
                        view! {
                            {person_link(&w.participant)} " · "
                            <span class="warn">{move || i18n.t_with("absent-days", &[("days", days.to_string())])}</span>
                            " · " <A href=reach attr:data-testid="reach-link">{t("reach-link")}</A>
                            {last.map(|a| view! {
                                " · " <span data-testid="reach-last">{t("reach-last")} ": " {super::participant_contact::attempt_text(i18n, &a)}</span>
                            })}
                            {told.map(|n| {
                                let at = crate::format::date_time(i18n, n.at);
                                view! {
                                    " · " <span data-testid="follow-up-told">{move || i18n.t_with("follow-up-told", &[
                                        ("partner", n.partner_name.clone()),
                                        ("at", at.clone()),
                                    ])}</span>
                                }
                            })}
                        }
                        .into_any()
                    })
                    .collect();
                let reviews: Vec<AnyView> = p
                    .plan_reviews_due
                    .iter()
                    .map(|r| {
                        let when = crate::format::date(i18n, r.due_on);
                        view! { {person_link(&r.participant)} " · " <time>{when}</time> }.into_any()
                    })
                    .collect();
                view! {
                    <section class="card" data-testid="today-register">
                        <h2>{t("today-register")}</h2>
                        <p>
                            <strong data-testid="today-marked">{move || i18n.t_with("marked-of", &[("marked", marked.to_string()), ("total", total.to_string())])}</strong>
                            " " <A href="/attendance">{t("open-register")}</A>
                        </p>
                    </section>
                    <div class="columns">
                        <Section title="today-warnings" testid="today-warnings" empty="nothing-now" items=warnings/>
                        <Section title="today-not-marked" testid="today-not-marked" empty="nothing-now" items=not_marked/>
                        <Section title="today-follow-ups-due" testid="today-follow-ups" empty="nothing-now" items=due/>
                        <Section title="today-overdue-actions" testid="today-actions" empty="nothing-now" items=actions/>
                        <div>
                            <Section title="today-referrals" testid="today-referrals" empty="nothing-now" items=waiting/>
                            {(open_referrals > 0).then(|| view! {
                                <p data-testid="today-inbox"><A href="/referrals">{move || i18n.t_with("inbox-count", &[("count", open_referrals.to_string())])}</A></p>
                            })}
                        </div>
                        <Section title="today-placements" testid="today-placements" empty="nothing-now" items=placements/>
                        <Section title="today-employer-answers" testid="today-employer-answers" empty="nothing-now" items=answers/>
                        <Section title="today-pauses-due" testid="today-returns" empty="nothing-now" items=returns/>
                        <Section title="today-plan-reviews" testid="today-plan-reviews" empty="nothing-now" items=reviews/>
                        <div>
                            <Section title="today-exit-checks" testid="today-exit-checks" empty="nothing-now" items=exit_checks/>
                            <p><A href="/exit-checks" attr:data-testid="exit-checks-link">{t("exit-checks-all")}</A></p>
                        </div>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <h1>{t("today-title")}</h1>
        <Transition fallback=|| view! { <Loading/> }>{content}</Transition>
    }
}
