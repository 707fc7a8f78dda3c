//! One cooperation agreement: its terms and place usage, its API clients (admin;
//! a new secret is shown once, with a copy button) and its report.

use super::partners::PlaceUsage;
use crate::components::{ErrorBanner, Loading};
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use stige_domain::Capability;
use stige_domain::small_cells::Disclosure;
use stige_wire::{Agreement, AgreementReport, ApiClient, ApiClientSecret, Contact, NewApiClient};

fn contact_line(c: &Contact) -> String {
    [c.name.as_str(), c.phone.as_str(), c.email.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

#[component]
pub fn AgreementPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let id_param = super::use_id_param();
    let agreement = LocalResource::new(move || async move {
        match id_param() {
            Some(id) => session
                .call(move |c| async move { c.agreement(id).await })
                .await
                .map(Some),
            None => Ok(None),
        }
    });
    let body = move || {
        agreement.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(None) => view! { <p>{t("not-found")}</p> }.into_any(),
            Ok(Some(a)) => {
                let a: Agreement = a;
                let id = a.id;
                let scope = a
                    .sharing_scope
                    .iter()
                    .map(|c| format::category(i18n, *c))
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <section class="card">
                        <h1>{a.partner.name.clone()}</h1>
                        <p class="muted">{a.ladder.name.clone()} " · " {crate::format::period(i18n, a.valid_from, a.valid_to)}</p>
                        <PlaceUsage used=a.places_used places=a.places/>
                        <dl class="facts">
                            <dt>{t("sharing-scope")}</dt><dd data-testid="sharing-scope">{if scope.is_empty() { "–".to_owned() } else { scope }}</dd>
                            <dt>{t("agreement-contact")}</dt><dd>{contact_line(&a.contact)}</dd>
                            <dt>{t("follow-up-service")}</dt><dd>{contact_line(&a.follow_up_service)}</dd>
                        </dl>
                        <p><A href=format!("/agreements/{id}/report")>{t("report-open")}</A> " · " <A href="/referrals">{t("nav-referrals")}</A></p>
                    </section>
                    <Show when=move || session.can(Capability::Administer)>
                        <ApiClients agreement=id/>
                        <crate::pages::agreement_users::PartnerUsers agreement=id/>
                    </Show>
                    <Report agreement=id/>
                }
                .into_any()
            }
        })
    };
    view! { <Transition fallback=|| view! { <Loading/> }>{body}</Transition> }
}

/// The report alone, at `/agreements/:id/report`.
#[component]
pub fn AgreementReportPage() -> impl IntoView {
    let id_param = super::use_id_param();
    move || match id_param() {
        Some(id) => view! {
            <p><A href=format!("/agreements/{id}")>{t("back-to-agreement")}</A></p>
            <Report agreement=id/>
        }
        .into_any(),
        None => view! { <p>{t("not-found")}</p> }.into_any(),
    }
}

#[component]
fn ApiClients(agreement: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let version = RwSignal::new(0u32);
    let shown = RwSignal::new(None::<ApiClientSecret>);
    let copied = RwSignal::new(false);
    let error = RwSignal::new(None::<Failure>);
    let clients = LocalResource::new(move || {
        version.track();
        async move {
            session
                .call(move |c| async move { c.api_clients(agreement).await })
                .await
        }
    });
    let show_secret = move |r: Result<ApiClientSecret, Failure>| match r {
        Ok(s) => {
            shown.set(Some(s));
            copied.set(false);
            error.set(None);
            version.update(|v| *v += 1);
        }
        Err(f) => error.set(Some(f)),
    };
    let create = move |_| {
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| async move {
                    c.create_api_client(agreement, &NewApiClient::default())
                        .await
                })
                .await;
            show_secret(r);
        });
    };
    let rotate = move |id: i64| {
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| async move { c.rotate_api_client(id).await })
                .await;
            show_secret(r);
        });
    };
    let revoke = move |id: i64| {
        leptos::task::spawn_local(async move {
            match session
                .call(move |c| async move { c.revoke_api_client(id).await })
                .await
            {
                Ok(_) => version.update(|v| *v += 1),
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let copy = move |_| {
        if let Some(s) = shown.get_untracked()
            && let Some(w) = web_sys::window()
        {
            let _ = w.navigator().clipboard().write_text(&s.client_secret);
            copied.set(true);
        }
    };
    let rows = move || {
        clients.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(list) => list
                .into_iter()
                .map(|c: ApiClient| {
                    let id = c.id;
                    let revoked = c.revoked_at.is_some();
                    view! {
                        <tr data-testid="api-client">
                            <td><code>{c.client_id.clone()}</code></td>
                            <td>{crate::format::date(i18n, c.created_at.date())}</td>
                            <td>{if revoked { view! { <span class="badge muted">{t("client-revoked")}</span> }.into_any() } else { view! {
                                <button class="link" on:click=move |_| rotate(id)>{t("client-rotate")}</button>
                                " · "
                                <button class="link danger" on:click=move |_| revoke(id)>{t("client-revoke")}</button>
                            }.into_any() }}</td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any(),
        })
    };
    view! {
        <section class="card" data-testid="api-clients">
            <h2>{t("api-clients")}</h2>
            <table class="table"><tbody><Transition fallback=|| view! { <tr><td><Loading/></td></tr> }>{rows}</Transition></tbody></table>
            {move || shown.get().map(|s| view! {
                <div class="secret" role="status" data-testid="client-secret">
                    <p><strong>{t("client-secret-once")}</strong></p>
                    <p><code>{s.client.client_id.clone()}</code> " / " <code data-testid="client-secret-value">{s.client_secret.clone()}</code></p>
                    <button type="button" on:click=copy>{move || if copied.get() { t("copied")() } else { t("copy")() }}</button>
                </div>
            })}
            <ErrorBanner error=error.into()/>
            <button type="button" data-testid="new-client" on:click=create>{t("client-new")}</button>
        </section>
    }
}

#[component]
pub fn Report(agreement: i64) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let report = LocalResource::new(move || async move {
        session
            .call(move |c| async move { c.agreement_report(agreement).await })
            .await
    });
    let body = move || {
        report.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(r) => {
                let r: AgreementReport = r;
                let steps = r
                    .people_per_step
                    .iter()
                    .flatten()
                    .map(|s| view! { <tr><td>{s.step.name.clone()}</td><td>{format::shown(s.count)}</td></tr> })
                    .collect_view();
                let exits = r
                    .exits_by_outcome
                    .iter()
                    .flatten()
                    .map(|e| view! { <tr><td>{format::outcome(i18n, e.outcome)}</td><td>{format::shown(e.count)}</td></tr> })
                    .collect_view();
                let median = r
                    .median_days_to_first_step_up
                    .map(|d| i18n.t_with("days-count", &[("days", format!("{d:.0}"))]))
                    .unwrap_or_else(|| i18n.t("too-few-to-show"));
                let controlled = (r.disclosure == Disclosure::Controlled)
                    .then(|| view! { <p class="muted">{t("report-small-cells")}</p> });
                view! {
                    <dl class="facts">
                        <dt>{t("places")}</dt><dd>{format::shown_opt(r.places_used)} " / " {r.places}</dd>
                        <dt>{t("report-starts")}</dt><dd data-testid="report-starts">{format::shown_opt(r.starts)}</dd>
                        <dt>{t("report-median")}</dt><dd>{median}</dd>
                    </dl>
                    <h3>{t("report-per-step")}</h3>
                    <table class="table"><tbody>{steps}</tbody></table>
                    <h3>{t("report-exits")}</h3>
                    <table class="table"><tbody>{exits}</tbody></table>
                    {controlled}
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="card" data-testid="report">
            <h2>{t("report-title")}</h2>
            <Transition fallback=|| view! { <Loading/> }>{body}</Transition>
        </section>
    }
}
