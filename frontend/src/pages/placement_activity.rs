//! A confirmed or active placement recorded as one of the ladder's parallel
//! activities: the choice staff have instead of moving the participant to the
//! internship step, so the ladder stays true.

use crate::components::{ErrorBanner, FieldError};
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::{ActivityId, ParticipantId};
use stige_wire::{Activity, ActivityRef, PlacementActivityRequest};

#[component]
pub fn PlacementActivity(
    placement: i64,
    /// The placement's version as read, sent back as `If-Match`.
    version: i64,
    participant: ParticipantId,
    recorded: Option<ActivityRef>,
    /// Runs after a successful change, to reload the placement.
    on_change: Callback<()>,
    /// Gets the failure when someone changed the placement meanwhile, to show
    /// it with the placement as it is now.
    on_stale: Callback<Failure>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let activities = RwSignal::new(None::<Vec<Activity>>);
    let chosen = RwSignal::new(recorded.as_ref().map(|a| a.id));
    let error = RwSignal::new(None::<Failure>);
    let busy = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        let r = session
            .call(move |c| async move { c.participant_and_ladder(participant).await })
            .await;
        match r {
            Ok((_, ladder)) => {
                if chosen.get_untracked().is_none() {
                    chosen.set(ladder.activities.first().map(|a| a.id));
                }
                activities.set(Some(ladder.activities));
            }
            Err(f) => error.set(Some(f)),
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let body = PlacementActivityRequest {
            activity_id: chosen.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.record_placement_activity(placement, &body, version).await
                })
                .await;
            busy.set(false);
            match r {
                Ok(_) => {
                    error.set(None);
                    on_change.run(());
                }
                Err(f) if f.status == Some(412) => on_stale.run(f),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let form = move || {
        activities.get().map(|list| {
            if list.is_empty() {
                return view! { <p class="muted">{t("no-parallel-activities")}</p> }.into_any();
            }
            let options = list
                .into_iter()
                .map(|a| {
                    let id = a.id;
                    view! { <option value=id.0.to_string() selected=move || chosen.get() == Some(id)>{a.name}</option> }
                })
                .collect_view();
            view! {
                <form class="inline" data-testid="placement-activity-form" on:submit=submit>
                    <label>{t("parallel-activity")}
                        <select on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok().map(ActivityId))>{options}</select>
                        <FieldError error=error.into() field="activity_id"/>
                    </label>
                    <button type="submit" class="secondary" data-testid="record-activity" disabled=move || busy.get()>{t("record-as-activity")}</button>
                </form>
            }
            .into_any()
        })
    };
    let current = recorded.map(|a| {
        view! { <p data-testid="placement-activity">{move || i18n.t_with("recorded-as-activity", &[("activity", a.name.clone())])}</p> }
    });
    view! {
        <div class="placement-activity">
            {current}
            {form}
            <ErrorBanner error=error.into()/>
        </div>
    }
}
