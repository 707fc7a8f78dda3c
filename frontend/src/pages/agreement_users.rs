//! The agreement page's card of partner users (admin): invite someone at the
//! partner to the partner view, give a new sign-in link, deactivate.

use crate::components::{ErrorBanner, FieldError, Loading};
use crate::format::{self, opt_text};
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::UserId;
use stige_wire::{NewPartnerUser, PartnerUser, PasswordResetLink};

#[component]
pub fn PartnerUsers(agreement: i64) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    // The last link made, with whose it is: shown once.
    let shown = RwSignal::new(None::<(String, PasswordResetLink)>);
    let error = RwSignal::new(None::<Failure>);
    let users = LocalResource::new(move || {
        version.track();
        async move {
            session
                .call(move |c| async move { c.partner_users(agreement).await })
                .await
        }
    });
    let invite = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewPartnerUser {
            username: opt_text(&username.get_untracked()),
            display_name: opt_text(&display_name.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let r = session
                .send_form(error, body, move |c, body| async move {
                    c.invite_partner_user(agreement, &body).await
                })
                .await;
            if let Some(invited) = r {
                username.set(String::new());
                display_name.set(String::new());
                let link = PasswordResetLink {
                    link: invited.link,
                    expires_at: invited.expires_at,
                };
                shown.set(Some((invited.user.display_name, link)));
                version.update(|v| *v += 1);
            }
        });
    };
    let new_link = move |user: UserId, name: String| {
        leptos::task::spawn_local(async move {
            match session
                .call(move |c| async move { c.partner_user_link(agreement, user).await })
                .await
            {
                Ok(link) => {
                    error.set(None);
                    shown.set(Some((name, link)));
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let set_active = move |user: UserId, active: bool| {
        leptos::task::spawn_local(async move {
            match session
                .call(move |c| async move { c.set_partner_user_active(agreement, user, active).await })
                .await
            {
                Ok(_) => {
                    error.set(None);
                    version.update(|v| *v += 1);
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    let row = move |u: PartnerUser| {
        let (id, name) = (u.id, u.display_name.clone());
        let actions = if u.active {
            view! {
                <button class="link" data-testid="partner-user-link" on:click=move |_| new_link(id, name.clone())>{t("partner-user-new-link")}</button>
                " · "
                <button class="link danger" on:click=move |_| set_active(id, false)>{t("partner-user-deactivate")}</button>
            }
            .into_any()
        } else {
            view! {
                <span class="badge muted">{t("partner-user-inactive")}</span> " "
                <button class="link" on:click=move |_| set_active(id, true)>{t("partner-user-activate")}</button>
            }
            .into_any()
        };
        view! {
            <tr data-testid="partner-user">
                <td>{u.display_name.clone()}</td>
                <td><code>{u.username.clone()}</code></td>
                <td>{actions}</td>
            </tr>
        }
    };
    let rows = move || {
        users.get().map(|r| match r {
            Err(f) => view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any(),
            Ok(list) if list.is_empty() => view! { <p>{t("partner-users-none")}</p> }.into_any(),
            Ok(list) => view! {
                <table class="table"><tbody>{list.into_iter().map(row).collect_view()}</tbody></table>
            }
            .into_any(),
        })
    };
    view! {
        <section class="card" data-testid="partner-users">
            <h2>{t("partner-users-title")}</h2>
            <p class="hint">{t("partner-users-hint")}</p>
            <Transition fallback=|| view! { <Loading/> }>{rows}</Transition>
            {move || shown.get().map(|(name, link)| view! {
                <div class="secret" role="status" data-testid="partner-user-invitation">
                    <p>{i18n.t_with("partner-user-link", &[("name", name), ("expires", format::date_time(i18n, link.expires_at))])}</p>
                    <p><code data-testid="partner-user-link-value">{link.link.clone()}</code></p>
                </div>
            })}
            <form class="grid-form" data-testid="partner-user-form" on:submit=invite>
                <label>{t("partner-user-display-name")}
                    <input data-testid="partner-user-display-name" prop:value=display_name on:input=move |ev| display_name.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="display_name"/></label>
                <label>{t("partner-user-username")}
                    <input data-testid="partner-user-username" autocomplete="off" prop:value=username on:input=move |ev| username.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="username"/></label>
                <ErrorBanner error=error.into()/>
                <button type="submit" data-testid="partner-user-invite">{t("partner-user-invite")}</button>
            </form>
        </section>
    }
}
