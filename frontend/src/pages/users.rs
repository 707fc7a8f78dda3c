//! The organisation's staff users, for its admins: the list with each user's
//! role and last sign-in, a form to add a user, and per user: a new role,
//! deactivate or reactivate, a one-time link to reset the password (shown
//! once), and sign them out everywhere.

use crate::components::{
    Done, DoneNotice, ErrorBanner, FieldError, Gate, Loading, OnceLink, RoleOptions, TextField,
};
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::session::{ApiResult, Failure, use_session};
use leptos::prelude::*;
use stige_client::{NewUser, User, UserUpdate};
use stige_domain::Role;

/// What the page has just done or shown.
#[derive(Clone, Copy)]
struct PageState {
    version: RwSignal<u32>,
    done: RwSignal<Option<Done>>,
    error: RwSignal<Option<Failure>>,
    /// The one-time link just made, with the name of whose it is.
    reset: RwSignal<Option<(String, String)>>,
}

impl PageState {
    /// Shows the outcome of a call: `text` on success, else the failure.
    fn settle<T>(self, result: ApiResult<T>, text: String) -> Option<T> {
        match result {
            Ok(v) => {
                self.error.set(None);
                self.done.set(Some(Done { text, href: None }));
                self.version.update(|v| *v += 1);
                Some(v)
            }
            Err(f) => {
                self.done.set(None);
                self.error.set(Some(f));
                None
            }
        }
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = PageState {
        version: RwSignal::new(0),
        done: RwSignal::new(None),
        error: RwSignal::new(None),
        reset: RwSignal::new(None),
    };
    let list = LocalResource::new(move || {
        state.version.track();
        async move { session.call(|c| async move { c.users().await }).await }
    });
    let me = move || session.auth.with_untracked(|a| a.me.as_ref().map(|m| m.id));
    let rows = move || {
        list.get().map(|r| match r {
            Err(f) => {
                view! { <ErrorBanner error=Signal::derive(move || Some(f.clone()))/> }.into_any()
            }
            Ok(users) => {
                let body = users
                    .into_iter()
                    .map(|u| {
                        let own = me() == Some(u.id);
                        view! { <UserRow user=u own=own state=state/> }
                    })
                    .collect_view();
                view! {
                    <table class="table" data-testid="users">
                        <thead><tr>
                            <th scope="col">{t("username")}</th>
                            <th scope="col">{t("name")}</th>
                            <th scope="col">{t("user-role")}</th>
                            <th scope="col">{t("user-active")}</th>
                            <th scope="col">{t("user-last-sign-in")}</th>
                            <th scope="col">{t("user-actions")}</th>
                        </tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                }
                .into_any()
            }
        })
    };
    view! {
        <Gate may=Role::administers>
        <section class="card">
            <h1>{t("users-title")}</h1>
            <DoneNotice done=state.done.into()/>
            <ErrorBanner error=state.error.into()/>
            {move || state.reset.get().map(|(name, link)| view! {
                <h2>{move || i18n.t_with("reset-link-for", &[("name", name.clone())])}</h2>
                <OnceLink link=link warning="reset-link-once" testid="reset-link"/>
            })}
            <Transition fallback=|| view! { <Loading/> }>{rows}</Transition>
        </section>
        <NewUserForm state=state/>
        </Gate>
    }
}

/// One user with what an admin can do to them (not demote or deactivate
/// themself).
#[component]
fn UserRow(user: User, own: bool, state: PageState) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let User {
        id,
        username,
        display_name,
        role,
        active,
        last_sign_in_at,
        ..
    } = user;
    let chosen = RwSignal::new(role.as_str().to_owned());
    let name = StoredValue::new(display_name.clone());
    let update = move |update: UserUpdate, key: &'static str| {
        let name = name.get_value();
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| {
                    let update = update.clone();
                    async move { c.update_user(id, &update).await }
                })
                .await;
            state.settle(r, i18n.t_with(key, &[("name", name)]));
        });
    };
    let save_role = move |_| {
        let role = Role::parse(&chosen.get_untracked());
        update(
            UserUpdate {
                role,
                ..Default::default()
            },
            "user-role-changed",
        );
    };
    let toggle_active = move |_| {
        let (active, key) = if active {
            (false, "user-deactivated")
        } else {
            (true, "user-reactivated")
        };
        update(
            UserUpdate {
                active: Some(active),
                ..Default::default()
            },
            key,
        );
    };
    let reset = move |_| {
        let name = name.get_value();
        leptos::task::spawn_local(async move {
            let r = session
                .call(|c| async move { c.reset_password(id).await })
                .await;
            state.reset.set(None);
            if let Some(link) =
                state.settle(r, i18n.t_with("reset-link-made", &[("name", name.clone())]))
            {
                state.reset.set(Some((name, link.link)));
            }
        });
    };
    let sign_out = move |_| {
        let name = name.get_value();
        leptos::task::spawn_local(async move {
            let r = session
                .call(|c| async move { c.end_user_sessions(id).await })
                .await;
            state.settle(r, i18n.t_with("user-signed-out", &[("name", name)]));
        });
    };
    let role_id = format!("role-{id}");
    view! {
        <tr data-testid="user-row" data-username=username.clone()>
            <th scope="row">{username.clone()}</th>
            <td>{display_name}</td>
            <td class="inline-form">
                <label class="sr-only" for=role_id.clone()>
                    {move || i18n.t_with("user-role-of", &[("name", name.get_value())])}
                </label>
                // One's own role stays admin: the server refuses a demotion of oneself.
                <select id=role_id data-testid="user-role" disabled=own
                    on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <RoleOptions selected=role/>
                </select>
                <button type="button" class="link" data-testid="user-role-save" disabled=own on:click=save_role>{t("save")}</button>
            </td>
            <td data-testid="user-active">{if active { t("yes") } else { t("no") }}</td>
            <td data-testid="user-last-sign-in">
                {move || last_sign_in_at.map_or_else(|| i18n.t("user-never-signed-in"), |at| format::date_time(i18n, at))}
            </td>
            <td class="actions">
                <button type="button" class="link" data-testid="user-toggle-active" disabled=own on:click=toggle_active>
                    {if active { t("user-deactivate") } else { t("user-reactivate") }}
                </button>
                <button type="button" class="link" data-testid="user-reset-password" on:click=reset>{t("user-reset-password")}</button>
                <button type="button" class="link" data-testid="user-sign-out" on:click=sign_out>{t("user-sign-out-everywhere")}</button>
            </td>
        </tr>
    }
}

#[component]
fn NewUserForm(state: PageState) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Mentor.as_str().to_owned());
    let error = RwSignal::new(None::<Failure>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewUser {
            username: Some(username.get_untracked()),
            display_name: Some(display_name.get_untracked()),
            password: Some(password.get_untracked()),
            role: Role::parse(&role.get_untracked()),
            programmes: None,
        };
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| {
                    let body = body.clone();
                    async move { c.create_user(&body).await }
                })
                .await;
            match r {
                Ok(u) => {
                    for field in [username, display_name, password] {
                        field.set(String::new());
                    }
                    error.set(None);
                    state.settle(
                        Ok(()),
                        i18n.t_with("user-created", &[("name", u.display_name)]),
                    );
                }
                Err(f) => error.set(Some(f)),
            }
        });
    };
    view! {
        <section class="card">
            <h2>{t("new-user")}</h2>
            <form class="grid-form" on:submit=submit>
                <TextField label="username" value=username testid="new-user-username" error=error field="username" autocomplete="off"/>
                <TextField label="display-name" value=display_name testid="new-user-display-name" error=error field="display_name"/>
                <TextField label="user-first-password" value=password testid="new-user-password" error=error field="password"
                    kind="password" autocomplete="new-password"/>
                <label>{t("user-role")}
                    <select data-testid="new-user-role" on:change=move |ev| role.set(event_target_value(&ev))>
                        <RoleOptions selected=Role::Mentor/>
                    </select>
                    <FieldError error=error.into() field="role"/></label>
                <button type="submit" data-testid="new-user-create">{t("user-create")}</button>
            </form>
            <ErrorBanner error=error.into()/>
        </section>
    }
}
