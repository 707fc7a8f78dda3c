//! The app shell: language, session, header and routes.

use crate::components::{DatabaseNotice, Header, IdleWarning, Loading};
use crate::i18n::{I18n, t};
use crate::pages::{
    employer_link::{EmployerLinkPage, token_in_path},
    login::LoginPage,
    reset_password::{ResetPasswordPage, reset_token_in_location},
};
use crate::programme::CurrentProgramme;
use crate::routes::*;
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute, path};

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
    // Nothing shows before the reader's language has come: no flash of keys.
    view! { <Show when=move || i18n.ready()><Shell/></Show> }
}

/// The app once its texts are here.
#[component]
fn Shell() -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let session = Session::provide();
    // The organisation's word for a participant, on every screen.
    Effect::new(move |_| {
        let word = session.auth.with(|a| {
            let org = a.me.as_ref()?.organisation.as_ref()?;
            Some((
                crate::i18n::Lang::from_code(&org.default_language)?,
                org.participant_word.clone(),
            ))
        });
        i18n.set_participant_word(word);
    });
    CurrentProgramme::provide(session);
    // An employer's invitation link, or a password reset link: no login, no
    // staff navigation.
    if Outside::here().is_some() {
        return view! {
            <header class="topbar"><span class="brand">"Stige"</span></header>
            <main class="page">
                <Router>
                    <Routes fallback=|| ()>
                        <Route path=path!("/*any") view={Lazy::<OutsideRoute>::new()}/>
                    </Routes>
                </Router>
            </main>
        }
        .into_any();
    }
    let logged_in = move || session.auth.with(|a| a.me.is_some());
    let restoring = move || session.auth.with(|a| a.restoring);
    // While a page's module (on its area's first visit) or data is on its way.
    let (routing, set_routing) = signal(false);
    view! {
        <Router set_is_routing=set_routing>
            <Header/>
            <DatabaseNotice/>
            <main class="page">
                <IdleWarning/>
                <Show when=move || routing.get()>
                    <p class="loading" role="status" data-testid="page-loading">{t("loading")}</p>
                </Show>
                <Show when=move || !restoring() fallback=|| view! { <Loading/> }>
                    <Show when=logged_in fallback=|| view! { <LoginPage/> }>
                        <Routes fallback=|| view! { <p>{t("not-found")}</p> }>
                            <Route path=path!("/") view={Lazy::<TodayRoute>::new()}/>
                            <Route path=path!("/exit-checks") view={Lazy::<ExitChecksRoute>::new()}/>
                            <Route path=path!("/attendance") view={Lazy::<AttendanceRoute>::new()}/>
                            <Route path=path!("/work-log") view={Lazy::<WorkLogRoute>::new()}/>
                            <Route path=path!("/production") view={Lazy::<ProductionRoute>::new()}/>
                            <Route path=path!("/participants") view={Lazy::<ParticipantsRoute>::new()}/>
                            <Route path=path!("/participants/new") view={Lazy::<ParticipantsNewRoute>::new()}/>
                            <Route path=path!("/participants/:id") view={Lazy::<ParticipantsIdRoute>::new()}/>
                            <Route path=path!("/participants/:id/access-log") view={Lazy::<ParticipantsIdAccessLogRoute>::new()}/>
                            <Route path=path!("/participants/:id/contact") view={Lazy::<ParticipantsIdContactRoute>::new()}/>
                            <Route path=path!("/participants/:id/plan") view={Lazy::<ParticipantsIdPlanRoute>::new()}/>
                            <Route path=path!("/participants/:id/edit") view={Lazy::<ParticipantsIdEditRoute>::new()}/>
                            <Route path=path!("/ladders") view={Lazy::<LaddersRoute>::new()}/>
                            <Route path=path!("/ladders/:id") view={Lazy::<LaddersIdRoute>::new()}/>
                            <Route path=path!("/referrals") view={Lazy::<ReferralsRoute>::new()}/>
                            <Route path=path!("/partners") view={Lazy::<PartnersRoute>::new()}/>
                            <Route path=path!("/agreements/:id") view={Lazy::<AgreementsIdRoute>::new()}/>
                            <Route path=path!("/agreements/:id/report") view={Lazy::<AgreementsIdReportRoute>::new()}/>
                            <Route path=path!("/placements") view={Lazy::<PlacementsRoute>::new()}/>
                            <Route path=path!("/placements/:id") view={Lazy::<PlacementsIdRoute>::new()}/>
                            <Route path=path!("/employers") view={Lazy::<EmployersRoute>::new()}/>
                            <Route path=path!("/employers/:id") view={Lazy::<EmployersIdRoute>::new()}/>
                            <Route path=path!("/outbox") view={Lazy::<OutboxRoute>::new()}/>
                            <Route path=path!("/reports") view={Lazy::<ReportsRoute>::new()}/>
                            <Route path=path!("/organisations") view={Lazy::<OrganisationsRoute>::new()}/>
                            <Route path=path!("/privacy") view={Lazy::<PrivacyRoute>::new()}/>
                            <Route path=path!("/users") view={Lazy::<UsersRoute>::new()}/>
                            <Route path=path!("/account") view={Lazy::<AccountRoute>::new()}/>
                            <Route path=path!("/partner") view={Lazy::<PartnerRoute>::new()}/>
                            <Route path=path!("/reports/organisation") view={Lazy::<ReportsOrganisationRoute>::new()}/>
                        </Routes>
                    </Show>
                </Show>
            </main>
        </Router>
    }
    .into_any()
}

/// A page reached by a link from outside, without signing in.
#[derive(Clone)]
enum Outside {
    /// The employer's invitation page, with the link's token.
    EmployerLink(String),
    /// The page that sets a new password, with the reset link's token.
    ResetPassword(String),
}

impl Outside {
    /// The outside page the address names, if any.
    fn here() -> Option<Outside> {
        match (token_in_path(), reset_token_in_location()) {
            (Some(token), _) => Some(Outside::EmployerLink(token)),
            (None, Some(token)) => Some(Outside::ResetPassword(token)),
            (None, None) => None,
        }
    }
}

/// The outside pages as a lazy route: loaded only when such a link is opened.
struct OutsideRoute(Option<Outside>);

impl LazyRoute for OutsideRoute {
    fn data() -> Self {
        OutsideRoute(Outside::here())
    }

    async fn view(this: Self) -> AnyView {
        match this.0 {
            Some(page) => outside_page(page).await,
            None => ().into_any(),
        }
    }
}

/// The outside pages: one split point.
#[lazy]
fn outside_page(page: Outside) -> AnyView {
    match page {
        Outside::EmployerLink(token) => view! { <EmployerLinkPage token=token/> }.into_any(),
        Outside::ResetPassword(token) => view! { <ResetPasswordPage token=token/> }.into_any(),
    }
}
