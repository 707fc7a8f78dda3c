//! The top bar: navigation, language switch, who is logged in, logout.

use super::ProgrammeSwitcher;
use crate::format;
use crate::i18n::{Lang, t, use_i18n};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use stige_domain::Capability;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let me = move || session.auth.with(|a| a.me.clone());
    let on_lang = move |ev: leptos::ev::Event| {
        if let Some(lang) = Lang::from_code(&event_target_value(&ev)) {
            i18n.set(lang);
        }
    };
    let logout = move |_| leptos::task::spawn_local(async move { session.logout().await });
    view! {
        <header class="topbar">
            <a class="brand" href="/">"Stige"</a>
            <Show when=move || me().is_some()>
                <nav>
                    <Show when=move || session.can(Capability::WorkWithParticipants)>
                        <A href="/" exact=true>{t("nav-today")}</A>
                        <A href="/attendance">{t("nav-register")}</A>
                        <A href="/work-log">{t("nav-work-log")}</A>
                        <A href="/participants">{t("nav-participants")}</A>
                    </Show>
                    <Show when=move || session.can(Capability::TriageReferrals)>
                        <A href="/participants/new">{t("nav-new-participant")}</A>
                        <A href="/referrals">{t("nav-referrals")}</A>
                        <A href="/partners">{t("nav-partners")}</A>
                    </Show>
                    <Show when=move || session.can(Capability::ArrangePlacements)>
                        <A href="/placements">{t("nav-placements")}</A>
                    </Show>
                    // The platform admin sees no programme's ladders or figures.
                    <Show when=move || session.can(Capability::ReadReports)>
                        <A href="/ladders">{t("nav-ladders")}</A>
                        <A href="/production">{t("nav-production")}</A>
                        <A href="/reports">{t("nav-reports")}</A>
                    </Show>
                    <Show when=move || session.can(Capability::Administer)>
                        <A href="/users">{t("nav-users")}</A>
                        <A href="/privacy">{t("nav-privacy")}</A>
                    </Show>
                    <Show when=move || session.can(Capability::FollowAgreement)>
                        <A href="/partner">{t("nav-partner-view")}</A>
                    </Show>
                    <Show when=move || session.can(Capability::AdministerPlatform)>
                        <A href="/organisations">{t("nav-organisations")}</A>
                    </Show>
                </nav>
            </Show>
            <div class="topbar-right">
                <ProgrammeSwitcher/>
                <label class="lang">
                    <span class="sr-only">{t("language")}</span>
                    <select data-testid="language" on:change=on_lang prop:value=move || i18n.lang().code()>
                        {Lang::ALL
                            .iter()
                            .copied()
                            .map(|l| view! { <option value=l.code()>{l.native_name()}</option> })
                            .collect_view()}
                    </select>
                </label>
                {move || {
                    me().map(|m| {
                        view! {
                            {m.organisation.clone().map(|o| view! {
                                <span class="organisation" data-testid="organisation">{o.name}</span>
                            })}
                            {m.followed_agreement.clone().map(|a| view! {
                                <span class="organisation" data-testid="organisation">{a.partner_name}</span>
                            })}
                            // My account (the router takes the click).
                            <a href="/account" class="who" data-testid="my-account">
                                {m.display_name.clone()} " · " {format::role(i18n, m.role)}
                            </a>
                            <button class="link" data-testid="logout" on:click=logout>{t("logout")}</button>
                        }
                    })
                }}
            </div>
        </header>
    }
}
