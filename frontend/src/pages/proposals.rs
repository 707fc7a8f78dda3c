//! Partners' change proposals in the inbox (issue 22, part 4): what the partner
//! proposes for whom and why; accepting carries the change out, declining says
//! why; both with a comment the partner sees.

use crate::components::{Done, ErrorBanner, FieldError};
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use stige_domain::proposal::{ProposalKind, ProposalStatus};
use stige_wire::{ChangeProposal, ProposalDecision, ProposalQuery};

/// The proposals waiting for a decision; `version` reloads them, `on_done`
/// confirms a decision.
#[component]
pub fn ProposalsInbox(version: RwSignal<u32>, on_done: Callback<Done>) -> impl IntoView {
    let session = use_session();
    let list = LocalResource::new(move || {
        version.track();
        async move {
            session
                .call(|c| async move {
                    c.proposals(&ProposalQuery {
                        status: Some(ProposalStatus::Proposed),
                    })
                    .await
                })
                .await
        }
    });
    let cards = move || {
        list.get().map(|r| match r {
            Err(f) => {
                view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any()
            }
            Ok(items) if items.is_empty() => {
                view! { <p class="muted">{t("no-proposals")}</p> }.into_any()
            }
            Ok(items) => items
                .into_iter()
                .map(|p| view! { <ProposalCard proposal=p on_done=on_done/> })
                .collect_view()
                .into_any(),
        })
    };
    view! {
        <section class="card" data-testid="proposals">
            <h2>{t("proposals-title")}</h2>
            <Transition fallback=|| ()>{cards}</Transition>
        </section>
    }
}

/// What a proposal asks for, in words.
pub(crate) fn what(i18n: crate::i18n::I18n, p: &ChangeProposal) -> String {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| format::date(i18n, d)).unwrap_or_default();
    match p.kind {
        ProposalKind::Extend => i18n.t_with("proposal-extend", &[("until", date(p.until))]),
        ProposalKind::ChangeParticipation => i18n.t_with(
            "proposal-change",
            &[
                ("from", date(p.from)),
                ("days", p.weekdays.len().to_string()),
                (
                    "hours",
                    p.hours_per_week
                        .map(|h| h.to_string())
                        .unwrap_or_else(|| "–".into()),
                ),
            ],
        ),
        ProposalKind::Pause => i18n.t_with("proposal-pause", &[("until", date(p.planned_return))]),
        ProposalKind::End => {
            let reason = p
                .end_reason
                .map(|r| i18n.t(&format!("end-reason-{}", r.as_str().replace('_', "-"))))
                .unwrap_or_default();
            i18n.t_with("proposal-end", &[("reason", reason)])
        }
    }
}

#[component]
fn ProposalCard(proposal: ChangeProposal, on_done: Callback<Done>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let error = RwSignal::new(None::<Failure>);
    let comment = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let id = proposal.id;
    let name = format!("{} {}", proposal.given_name, proposal.family_name);
    let who = StoredValue::new(name.clone());
    let decide = move |accept: bool| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let body = ProposalDecision {
            accept: Some(accept),
            comment: format::opt_text(&comment.get_untracked()),
            outcome: None,
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.decide_proposal(id, &body).await
                })
                .await;
            let _ = pending.try_set(false);
            match r {
                Ok(p) => {
                    let key = if accept {
                        "done-proposal-accepted"
                    } else {
                        "done-proposal-declined"
                    };
                    on_done.run(Done {
                        text: i18n.t_with(key, &[("name", who.get_value())]),
                        href: Some(format!("/participants/{}", p.participant_id)),
                    });
                }
                Err(f) => {
                    let _ = error.try_set(Some(f));
                }
            }
        });
    };
    let asked = what(i18n, &proposal);
    view! {
        <article class="card referral" data-testid="proposal" data-name=name>
            <h3><A href=format!("/participants/{}", proposal.participant_id)>{who.get_value()}</A></h3>
            <p class="muted">{proposal.partner_name.clone()} " · " {format::date(i18n, proposal.created_at.date())}</p>
            <p data-testid="proposal-what"><strong>{asked}</strong></p>
            {proposal.text.clone().map(|text| view! { <p>{text}</p> })}
            <form class="inline" on:submit=move |ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                <label>{t("proposal-comment")}
                    <input data-testid="proposal-comment" prop:value=comment on:input=move |ev| comment.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="comment"/>
                </label>
                <div class="actions" aria-busy=move || pending.get().to_string()>
                    <button type="button" data-testid="proposal-accept" disabled=move || pending.get() on:click=move |_| decide(true)>{t("proposal-accept")}</button>
                    <button type="button" class="secondary" data-testid="proposal-decline" disabled=move || pending.get() on:click=move |_| decide(false)>{t("proposal-decline")}</button>
                </div>
            </form>
            <ErrorBanner error=error.into()/>
        </article>
    }
}
