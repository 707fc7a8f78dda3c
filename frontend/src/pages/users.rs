//! The organisation's staff users, for its admins: the list with each user's
//! role and last log-in, a form to add a user, and per user: a new role,
//! deactivate or reactivate, a one-time link to reset the password (shown
//! once), and log them out everywhere.

use crate::components::{
    Done, DoneNotice, ErrorBanner, FieldError, Loading, OnceLink, RoleOptions, TextField,
};
use crate::format;
use crate::i18n::{I18n, t, use_i18n};
use crate::session::{Failure, Session, use_session};
use leptos::prelude::*;
use stige_domain::{Role, UserId};
use stige_wire::{NewUser, User, UserUpdate};

/// What an admin does on the page.
#[derive(Clone)]
enum Act {
    Create(NewUser),
    Change(UserUpdate),
    Reset,
    SignOut,
}

/// The page's list and what it has just done or shown.
#[derive(Clone, Copy)]
struct PageState {
    session: Session,
    i18n: I18n,
    list: RwSignal<Option<Vec<User>>>,
    done: RwSignal<Option<Done>>,
    /// The one-time link just made (the notice above it says whose).
    reset: RwSignal<Option<String>>,
}

impl PageState {
    fn reload(self) {
        leptos::task::spawn_local(async move {
            if let Ok(users) = self.session.users().await {
                self.list.set(Some(users));
            }
        });
    }

    /// Does `action` to user `id` (every action of the page in this one call,
    /// so its code is in the app once), then says `key` of `name`, or shows
    /// the failure in `error`; `on_done` runs after a success.
    fn act(
        self,
        id: UserId,
        action: Act,
        key: &'static str,
        name: String,
        error: RwSignal<Option<Failure>>,
        on_done: Option<Callback<()>>,
    ) {
        let i18n = self.i18n;
        leptos::task::spawn_local(async move {
            let r = self
                .session
                .call(move |c| {
                    let action = action.clone();
                    async move {
                        match action {
                            Act::Create(u) => c.create_user(&u).await.map(|_| None),
                            Act::Change(u) => c.update_user(id, &u).await.map(|_| None),
                            Act::SignOut => c.end_user_sessions(id).await.map(|()| None),
                            Act::Reset => c.reset_password(id).await.map(|l| Some(l.link)),
                        }
                    }
                })
                .await;
            self.reset.set(None);
            match r {
                Ok(link) => {
                    error.set(None);
                    let text = i18n.t_with(key, &[("name", name)]);
                    self.done.set(Some(Done { text, href: None }));
                    self.reset.set(link);
                    if let Some(f) = on_done {
                        f.run(());
                    }
                    self.reload();
                }
                Err(f) => {
                    self.done.set(None);
                    error.set(Some(f));
                }
            }
        });
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let session = use_session();
    let state = PageState {
        session,
        i18n: use_i18n(),
        list: RwSignal::new(None),
        done: RwSignal::new(None),
        reset: RwSignal::new(None),
    };
    state.reload();
    let error = RwSignal::new(None::<Failure>);
    let me = move || session.auth.with_untracked(|a| a.me.as_ref().map(|m| m.id));
    let rows = move || match state.list.get() {
        None => view! { <Loading/> }.into_any(),
        Some(users) => {
            let body = users
                .into_iter()
                .map(|u| {
                    let own = me() == Some(u.id);
                    view! { <UserRow user=u own=own state=state error=error/> }
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
    };
    view! {
        <section class="card">
            <h1>{t("users-title")}</h1>
            <DoneNotice done=state.done.into()/>
            <ErrorBanner error=error.into()/>
            {move || state.reset.get().map(|link| view! {
                <OnceLink link=link warning="reset-link-once" testid="reset-link"/>
            })}
            {rows}
        </section>
        <NewUserForm state=state/>
    }
}

/// One user with what an admin can do to them (not demote or deactivate
/// themself).
#[component]
fn UserRow(
    user: User,
    own: bool,
    state: PageState,
    error: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let i18n = use_i18n();
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
    let act = move |action: Act, key: &'static str| {
        state.act(id, action, key, name.get_value(), error, None);
    };
    let change = move |update: UserUpdate, key| act(Act::Change(update), key);
    let save_role = move |_| {
        let role = Role::parse(&chosen.get_untracked());
        change(
            UserUpdate {
                role,
                ..Default::default()
            },
            "user-role-changed",
        );
    };
    let toggle_active = move |_| {
        let key = if active {
            "user-deactivated"
        } else {
            "user-reactivated"
        };
        change(
            UserUpdate {
                active: Some(!active),
                ..Default::default()
            },
            key,
        );
    };
    let role_id = format!("role-{id}");
    let role_of = i18n.t_with("user-role-of", &[("name", display_name.clone())]);
    let last = last_sign_in_at.map_or_else(
        || i18n.t("user-never-signed-in"),
        |at| format::date_time(i18n, at),
    );
    view! {
        <tr data-testid="user-row" data-username=username.clone()>
            <th scope="row">{username.clone()}</th>
            <td>{display_name}</td>
            <td class="inline-form">
                <label class="sr-only" for=role_id.clone()>{role_of}</label>
                // One's own role stays admin: the server refuses a demotion of oneself.
                <select id=role_id data-testid="user-role" disabled=own
                    on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <RoleOptions selected=role/>
                </select>
                <button type="button" class="link" data-testid="user-role-save" disabled=own on:click=save_role>{t("save")}</button>
            </td>
            <td data-testid="user-active">{if active { t("yes") } else { t("no") }}</td>
            <td data-testid="user-last-sign-in">{last}</td>
            <td class="actions">
                <button type="button" class="link" data-testid="user-toggle-active" disabled=own on:click=toggle_active>
                    {if active { t("user-deactivate") } else { t("user-reactivate") }}
                </button>
                <button type="button" class="link" data-testid="user-reset-password"
                    on:click=move |_| act(Act::Reset, "reset-link-made")>{t("user-reset-password")}</button>
                <button type="button" class="link" data-testid="user-sign-out"
                    on:click=move |_| act(Act::SignOut, "user-signed-out")>{t("user-sign-out-everywhere")}</button>
            </td>
        </tr>
    }
}

#[component]
fn NewUserForm(state: PageState) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Mentor.as_str().to_owned());
    let error = RwSignal::new(None::<Failure>);
    let clear = Callback::new(move |()| {
        for field in [username, display_name, password] {
            field.set(String::new());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = display_name.get_untracked();
        let body = NewUser {
            username: Some(username.get_untracked()),
            display_name: Some(name.clone()),
            password: Some(password.get_untracked()),
            role: Role::parse(&role.get_untracked()),
            programmes: None,
        };
        state.act(
            UserId(0),
            Act::Create(body),
            "user-created",
            name,
            error,
            Some(clear),
        );
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
