//! Peers on the participant's page (issue 26): the newcomer's buddy, the
//! newcomers the person is buddy for, naming a buddy from the programme's
//! active people, and ending a pairing.

use crate::components::{ErrorBanner, FieldError};
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::{EnrolmentStatus, LadderId, ParticipantId};
use stige_wire::{NewPeerSupport, ParticipantQuery, PeerSupport, PeerSupportEnd, Peers};

#[component]
pub fn PeersCard(participant: ParticipantId, ladder: LadderId) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let peers = RwSignal::new(None::<Peers>);
    let error = RwSignal::new(None::<Failure>);
    let chosen = RwSignal::new(String::new());
    let load = move || {
        session.load(
            peers,
            error,
            move |c| async move { c.peers(participant).await },
        );
    };
    load();
    // The programme's active people, to choose a buddy from.
    let candidates = LocalResource::new(move || async move {
        let query = ParticipantQuery {
            status: Some(EnrolmentStatus::Active),
            ladder_id: Some(ladder),
            per_page: Some(100),
            ..Default::default()
        };
        session
            .call(move |c| {
                let query = query.clone();
                async move { c.participants(&query).await }
            })
            .await
            .map(|p| p.items)
            .unwrap_or_default()
    });
    let name_peer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewPeerSupport {
            peer_id: chosen.get_untracked().parse().ok().map(ParticipantId),
            starts_on: None,
        };
        leptos::task::spawn_local(async move {
            let r = session
                .send_form(error, body, move |c, body| async move {
                    c.name_peer(participant, &body).await
                })
                .await;
            if let Some(p) = r {
                chosen.set(String::new());
                peers.set(Some(p));
            }
        });
    };
    let end = move |support: i64| {
        let body = PeerSupportEnd {
            ends_on: Some(crate::format::today()),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .send_form(error, body, move |c, body| async move {
                    c.end_peer_support(participant, support, &body).await
                })
                .await;
            if let Some(p) = r {
                peers.set(Some(p));
            }
        });
    };
    let item = move |s: PeerSupport, other_is_peer: bool| {
        let other = if other_is_peer { &s.peer } else { &s.newcomer };
        let href = format!("/participants/{}", other.participant_id);
        let name = format!("{} {}", other.given_name, other.family_name);
        let period = format!(
            "{} – {}",
            crate::format::date(i18n, s.starts_on),
            s.ends_on
                .map(|d| crate::format::date(i18n, d))
                .unwrap_or_default()
        );
        let id = s.id;
        let open = s.ends_on.is_none();
        view! {
            <li data-testid="peer-support" data-running=s.running.to_string()>
                <a href=href>{name}</a> " " <span class="muted">{period}</span>
                {open.then(|| view! {
                    " " <button type="button" class="secondary" data-testid="peer-end" on:click=move |_| end(id)>{t("peer-end")}</button>
                })}
            </li>
        }
    };
    let body = move || {
        peers.get().map(|p| {
            let running_peer = p.peers.iter().any(|s| s.ends_on.is_none());
            let as_newcomer = p.peers.into_iter().map(|s| item(s, true)).collect_view();
            let as_peer = p.supports.into_iter().map(|s| item(s, false)).collect_view();
            let options = move || {
                candidates
                    .get()
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|c| c.id != participant)
                    .map(|c| view! { <option value=c.id.0.to_string()>{format!("{} {}", c.given_name, c.family_name)}</option> })
                    .collect_view()
            };
            view! {
                <h3>{t("peer-their-buddy")}</h3>
                <ul class="plain" data-testid="peer-peers">{as_newcomer}</ul>
                <h3>{t("peer-buddy-for")}</h3>
                <ul class="plain" data-testid="peer-supports">{as_peer}</ul>
                {(!running_peer).then(|| view! {
                    <form class="inline" on:submit=name_peer data-testid="peer-form">
                        <label>{t("peer-choose")}
                            <select data-testid="peer-choice" on:change=move |ev| chosen.set(event_target_value(&ev))>
                                <option value="">"–"</option>
                                {options}
                            </select>
                            <FieldError error=error.into() field="peer_id"/>
                        </label>
                        <button type="submit">{t("peer-name")}</button>
                    </form>
                })}
            }
        })
    };
    view! {
        <section class="card" data-testid="peers">
            <h2>{t("peer-title")}</h2>
            {body}
            <ErrorBanner error=error.into()/>
        </section>
    }
}
