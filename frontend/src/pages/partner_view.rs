//! The partner view: what someone at a municipality or agency (a partner
//! user) sees of the one cooperation agreement they follow: its people with
//! exactly what the agreement shares and each person agreed to (scope ∩
//! consent), their proposals and referrals with their status, a form to
//! refer someone, and the agreement's report under disclosure control.

use crate::components::{Done, DoneNotice, ErrorBanner, Loading};
use crate::format;
use crate::i18n::{I18n, t, use_i18n};
use crate::pages::agreement::Report;
use crate::pages::partner_view_forms::{ProposalForm, ReferralForm};
use crate::session::use_session;
use leptos::prelude::*;
use stige_domain::proposal::ProposalStatus;
use stige_wire::{ChangeProposal, PartnerParticipant, ProposalQuery, Referral, ReferralQuery};

#[component]
pub fn PartnerViewPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let followed = move || {
        session
            .auth
            .with(|a| a.me.as_ref().and_then(|m| m.followed_agreement.clone()))
    };
    let version = RwSignal::new(0u32);
    let done = RwSignal::new(None::<Done>);
    let on_done = Callback::new(move |d: Done| {
        done.set(Some(d));
        version.update(|v| *v += 1);
    });
    view! {
        <h1>{t("partner-view-title")}</h1>
        {move || followed().map(|a| view! {
            <p data-testid="followed-agreement">
                {a.partner_name} " · " {a.programme_name} " · " {format::period(i18n, a.valid_from, a.valid_to)}
            </p>
            <p class="hint">{t("partner-view-scope")} " "
                {a.sharing_scope.iter().map(|c| format::category(i18n, *c)).collect::<Vec<_>>().join(", ")}
            </p>
        })}
        <DoneNotice done=done.into()/>
        <People version=version on_done=on_done/>
        <Proposals version=version/>
        <Referrals version=version on_done=on_done/>
        {move || followed().map(|a| view! {
            <section class="card" data-testid="partner-report">
                <h2>{t("partner-view-report")}</h2>
                <Report agreement=a.agreement_id/>
            </section>
        })}
    }
}

/// The agreement's people, each with what is shared of them.
#[component]
fn People(version: RwSignal<u32>, on_done: Callback<Done>) -> impl IntoView {
    let session = use_session();
    let people = LocalResource::new(move || {
        version.track();
        async move {
            session
                .call(|c| async move { c.partner_participants(1, 100).await })
                .await
        }
    });
    let body = move || {
        people.get().map(|r| match r {
            Err(f) => {
                view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any()
            }
            Ok(page) if page.items.is_empty() => {
                view! { <p>{t("partner-view-nobody")}</p> }.into_any()
            }
            Ok(page) => page
                .items
                .into_iter()
                .map(|p| view! { <Person person=p on_done=on_done/> })
                .collect_view()
                .into_any(),
        })
    };
    view! {
        <section class="card">
            <h2>{t("partner-view-people")}</h2>
            <Transition fallback=|| view! { <Loading/> }>{body}</Transition>
        </section>
    }
}

/// One line of what is shared: the category's name and the value.
fn shared(label: String, value: String) -> impl IntoView {
    view! { <dt>{label}</dt><dd>{value}</dd> }
}

fn code(i18n: I18n, prefix: &str, value: &str) -> String {
    i18n.t(&format!("{prefix}-{}", value.replace('_', "-")))
}

/// A person as the partner sees them; only the categories shared are there.
#[component]
fn Person(person: PartnerParticipant, on_done: Callback<Done>) -> impl IntoView {
    use stige_domain::consent::SharingCategory as C;
    let i18n = use_i18n();
    let name = format!("{} {}", person.given_name, person.family_name);
    let label = move |c: C| format::category(i18n, c);
    let mut lines = Vec::new();
    if let Some(s) = person.enrolment_status {
        lines.push(shared(label(C::EnrolmentStatus), format::status(i18n, s)).into_any());
    }
    if let Some(step) = &person.current_step {
        lines.push(shared(label(C::CurrentStep), step.name.clone()).into_any());
    }
    if let Some(rate) = person.attendance_rate {
        lines.push(shared(label(C::AttendanceRate), format::percent(i18n, rate)).into_any());
    }
    if let Some(g) = &person.goals_summary {
        let text = i18n.t_with(
            "partner-view-goals",
            &[
                ("active", g.active.to_string()),
                ("reached", g.reached.to_string()),
            ],
        );
        lines.push(shared(label(C::GoalsSummary), text).into_any());
    }
    if let Some(o) = person.outcome {
        lines.push(shared(label(C::Outcome), format::outcome(i18n, o)).into_any());
    }
    if let Some(situations) = &person.outcomes_after_exit {
        let text = situations
            .iter()
            .map(|s| {
                let what = if s.reached {
                    [
                        s.income_source.map(|v| code(i18n, "income", v.as_str())),
                        s.occupation.map(|v| code(i18n, "occupation", v.as_str())),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ")
                } else {
                    i18n.t("outcomes-not-reached")
                };
                format!("{}: {what}", code(i18n, "moment", s.moment.as_str()))
            })
            .collect::<Vec<_>>()
            .join("; ");
        lines.push(shared(label(C::OutcomesAfterExit), text).into_any());
    }
    if let Some(c) = &person.contact_details {
        let text = [c.phone.clone(), c.email.clone(), c.address.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        lines.push(shared(label(C::ContactDetails), text).into_any());
    }
    if let Some(plan) = &person.plan {
        let text = i18n.t_with(
            "partner-view-plan",
            &[
                ("areas", plan.areas.len().to_string()),
                ("review", format::opt_date(i18n, plan.next_review_on)),
            ],
        );
        lines.push(shared(label(C::Plan), text).into_any());
    }
    if let Some(weeks) = &person.work_capacity {
        let text = weeks
            .iter()
            .map(|w| {
                i18n.t_with(
                    "partner-view-week",
                    &[
                        ("week", format::date(i18n, w.week)),
                        ("hours", format::decimal(i18n, w.hours, 1)),
                        ("days", w.days.to_string()),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        lines.push(shared(label(C::WorkCapacity), text).into_any());
    }
    view! {
        <article class="person" data-testid="partner-person">
            <h3>{name.clone()}</h3>
            <dl class="facts">{lines}</dl>
            <ProposalForm participant=person.id name=name on_done=on_done/>
        </article>
    }
}

/// What a proposal asks, in words (as the staff's inbox says it).
fn proposal_text(i18n: I18n, p: &ChangeProposal) -> String {
    crate::pages::proposals::what(i18n, p)
}

fn proposal_status(i18n: I18n, s: ProposalStatus) -> String {
    code(i18n, "partner-view-proposal", s.as_str())
}

/// The partner's proposals, newest first, with the staff's decision.
#[component]
fn Proposals(version: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let proposals = LocalResource::new(move || {
        version.track();
        async move {
            session
                .call(|c| async move { c.proposals(&ProposalQuery::default()).await })
                .await
        }
    });
    let body = move || {
        proposals.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(list) if list.is_empty() => view! { <p>{t("partner-view-no-proposals")}</p> }.into_any(),
            Ok(list) => view! {
                <table>
                    <thead><tr>
                        <th scope="col">{t("name")}</th>
                        <th scope="col">{t("partner-view-proposal")}</th>
                        <th scope="col">{t("partner-view-status")}</th>
                        <th scope="col">{t("partner-view-comment")}</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|p| view! {
                            <tr data-testid="partner-proposal">
                                <td>{format!("{} {}", p.given_name, p.family_name)}</td>
                                <td>{proposal_text(i18n, &p)}</td>
                                <td data-testid="partner-proposal-status">{proposal_status(i18n, p.status)}</td>
                                <td>{p.comment.clone().unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
        })
    };
    view! {
        <section class="card">
            <h2>{t("partner-view-proposals")}</h2>
            <Transition fallback=|| view! { <Loading/> }>{body}</Transition>
        </section>
    }
}

/// The partner's referrals with their status, and the form to refer someone.
#[component]
fn Referrals(version: RwSignal<u32>, on_done: Callback<Done>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let referrals = LocalResource::new(move || {
        version.track();
        async move {
            session
                .call(|c| async move { c.referrals(&ReferralQuery::default()).await })
                .await
        }
    });
    let row = move |r: Referral| {
        view! {
            <tr data-testid="partner-referral">
                <td>{format!("{} {}", r.given_name, r.family_name)}</td>
                <td>{format::date(i18n, r.received_at.date())}</td>
                <td data-testid="partner-referral-status">{format::referral_status(i18n, r.status)}</td>
            </tr>
        }
    };
    let body = move || {
        referrals.get().map(|r| match r {
            Err(f) => {
                view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any()
            }
            Ok(page) if page.items.is_empty() => {
                view! { <p>{t("partner-view-no-referrals")}</p> }.into_any()
            }
            Ok(page) => view! {
                <table>
                    <thead><tr>
                        <th scope="col">{t("name")}</th>
                        <th scope="col">{t("referral-received")}</th>
                        <th scope="col">{t("partner-view-status")}</th>
                    </tr></thead>
                    <tbody>{page.items.into_iter().map(row).collect_view()}</tbody>
                </table>
            }
            .into_any(),
        })
    };
    view! {
        <section class="card">
            <h2>{t("partner-view-referrals")}</h2>
            <ReferralForm on_done=on_done/>
            <Transition fallback=|| view! { <Loading/> }>{body}</Transition>
        </section>
    }
}
