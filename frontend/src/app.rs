//! The app shell: language, session, header and routes.

use crate::components::{DatabaseNotice, Gate, Header, IdleWarning, Loading};
use crate::i18n::{I18n, t};
use crate::pages::{
    account::AccountPage,
    agreement::{AgreementPage, AgreementReportPage},
    employer_link::{EmployerLinkPage, token_in_path},
    employers::{EmployerPage, EmployersPage},
    ladders::{LadderPage, LaddersPage},
    login::LoginPage,
    organisation_report::OrganisationReportPage,
    organisations::OrganisationsPage,
    participant::ParticipantPage,
    participant_form::{EditParticipantPage, NewParticipantPage},
    participants::ParticipantsPage,
    partners::PartnersPage,
    placements::{OutboxPage, PlacementPage, PlacementsPage},
    referrals::ReferralsPage,
    register::RegisterPage,
    reports::ReportsPage,
    reset_password::{ResetPasswordPage, reset_token_in_location},
    today::TodayPage,
    users::UsersPage,
};
use crate::programme::CurrentProgramme;
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use stige_domain::Capability;

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
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
    let outside = match (token_in_path(), reset_token_in_location()) {
        (Some(token), _) => Some(view! { <EmployerLinkPage token=token/> }.into_any()),
        (None, Some(token)) => Some(view! { <ResetPasswordPage token=token/> }.into_any()),
        (None, None) => None,
    };
    if let Some(page) = outside {
        return view! {
            <header class="topbar"><span class="brand">"Stige"</span></header>
            <main class="page">{page}</main>
        }
        .into_any();
    }
    let logged_in = move || session.auth.with(|a| a.me.is_some());
    let restoring = move || session.auth.with(|a| a.restoring);
    view! {
        <Router>
            <Header/>
            <DatabaseNotice/>
            <main class="page">
                <IdleWarning/>
                <Show when=move || !restoring() fallback=|| view! { <Loading/> }>
                    <Show when=logged_in fallback=|| view! { <LoginPage/> }>
                        <Routes fallback=|| view! { <p>{t("not-found")}</p> }>
                            <Route path=path!("/") view=|| view! { <Gate may=Capability::WorkWithParticipants><TodayPage/></Gate> }/>
                            <Route path=path!("/exit-checks") view=|| view! { <Gate may=Capability::WorkWithParticipants><crate::pages::exit_checks::ExitChecksPage/></Gate> }/>
                            <Route path=path!("/attendance") view=|| view! { <Gate may=Capability::WorkWithParticipants><RegisterPage/></Gate> }/>
                            <Route path=path!("/work-log") view=|| view! { <Gate may=Capability::WorkWithParticipants><crate::pages::work_log::WorkLogPage/></Gate> }/>
                            <Route path=path!("/production") view=|| view! { <Gate may=Capability::ReadReports><crate::pages::production::ProductionPage/></Gate> }/>
                            <Route path=path!("/participants") view=|| view! { <Gate may=Capability::WorkWithParticipants><ParticipantsPage/></Gate> }/>
                            <Route path=path!("/participants/new") view=|| view! { <Gate may=Capability::TriageReferrals><NewParticipantPage/></Gate> }/>
                            <Route path=path!("/participants/:id") view=|| view! { <Gate may=Capability::WorkWithParticipants><ParticipantPage/></Gate> }/>
                            <Route path=path!("/participants/:id/access-log") view=|| view! { <Gate may=Capability::AnswerParticipantRequests><crate::pages::ParticipantAccessLogPage/></Gate> }/>
                            <Route path=path!("/participants/:id/contact") view=|| view! { <Gate may=Capability::ReachParticipants><crate::pages::participant_contact::ParticipantContactPage/></Gate> }/>
                            <Route path=path!("/participants/:id/plan") view=|| view! { <Gate may=Capability::ReachParticipants><crate::pages::participant_plan::ParticipantPlanPage/></Gate> }/>
                            <Route path=path!("/participants/:id/edit") view=|| view! { <Gate may=Capability::WorkWithParticipants><EditParticipantPage/></Gate> }/>
                            <Route path=path!("/ladders") view=LaddersPage/>
                            <Route path=path!("/ladders/:id") view=LadderPage/>
                            <Route path=path!("/referrals") view=|| view! { <Gate may=Capability::TriageReferrals><ReferralsPage/></Gate> }/>
                            <Route path=path!("/partners") view=|| view! { <Gate may=Capability::TriageReferrals><PartnersPage/></Gate> }/>
                            <Route path=path!("/agreements/:id") view=AgreementPage/>
                            <Route path=path!("/agreements/:id/report") view=AgreementReportPage/>
                            <Route path=path!("/placements") view=|| view! { <Gate may=Capability::ArrangePlacements><PlacementsPage/></Gate> }/>
                            <Route path=path!("/placements/:id") view=|| view! { <Gate may=Capability::WorkWithParticipants><PlacementPage/></Gate> }/>
                            <Route path=path!("/employers") view=|| view! { <Gate may=Capability::ArrangePlacements><EmployersPage/></Gate> }/>
                            <Route path=path!("/employers/:id") view=|| view! { <Gate may=Capability::ArrangePlacements><EmployerPage/></Gate> }/>
                            <Route path=path!("/outbox") view=|| view! { <Gate may=Capability::ArrangePlacements><OutboxPage/></Gate> }/>
                            <Route path=path!("/reports") view=|| view! { <Gate may=Capability::ReadReports><ReportsPage/></Gate> }/>
                            <Route path=path!("/organisations") view=|| view! { <Gate may=Capability::AdministerPlatform><OrganisationsPage/></Gate> }/>
                            <Route path=path!("/privacy") view=|| view! { <Gate may=Capability::Administer><crate::pages::privacy::PrivacyPage/></Gate> }/>
                            <Route path=path!("/users") view=|| view! { <Gate may=Capability::Administer><UsersPage/></Gate> }/>
                            <Route path=path!("/account") view=AccountPage/>
                            <Route path=path!("/partner") view=|| view! { <Gate may=Capability::FollowAgreement><crate::pages::partner_view::PartnerViewPage/></Gate> }/>
                            <Route path=path!("/reports/organisation") view=|| view! { <Gate may=Capability::ReadReports><OrganisationReportPage/></Gate> }/>
                        </Routes>
                    </Show>
                </Show>
            </main>
        </Router>
    }
    .into_any()
}
