//! The staff pages as lazy routes, loaded when they are first visited.
//!
//! The pages come in nine areas (the daily work, the participants, the
//! ladders, partners, placements, reports, administration, the own account,
//! and the partner users' view), and each area is one split point: the build cuts the wasm into the app shell with the login
//! form, one module per area, which the router fetches the first time it shows
//! one of its pages, and modules for the code several areas share. So the
//! first screen downloads only what it needs, and a page what its area needs,
//! in some tens of small files, fetched in parallel (`cargo xtask build-web`
//! prints the sizes). One split point per page made hundreds of small shared
//! modules, and a page fetched hundreds of them.

use crate::components::Gate;
use crate::pages::{
    account::AccountPage,
    agreement::{AgreementPage, AgreementReportPage},
    employers::{EmployerPage, EmployersPage},
    ladders::{LadderPage, LaddersPage},
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
    today::TodayPage,
    users::UsersPage,
};
use leptos::prelude::*;
use leptos_router::LazyRoute;
use stige_domain::Capability;

/// Every staff page, named for its route.
#[derive(Clone, Copy, Debug)]
pub enum Page {
    Today,
    ExitChecks,
    Attendance,
    WorkLog,
    Participants,
    ParticipantsNew,
    ParticipantsId,
    ParticipantsIdAccessLog,
    ParticipantsIdContact,
    ParticipantsIdPlan,
    ParticipantsIdEdit,
    Ladders,
    LaddersId,
    Referrals,
    Partners,
    AgreementsId,
    AgreementsIdReport,
    Partner,
    Placements,
    PlacementsId,
    Employers,
    EmployersId,
    Outbox,
    Reports,
    ReportsOrganisation,
    Production,
    Organisations,
    Privacy,
    Users,
    Account,
}

/// A page as a lazy route: its area's module is loaded, then the page shown.
macro_rules! lazy_page {
    ($route:ident, $area:ident, $page:ident) => {
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                $area(Page::$page).await
            }
        }
    };
}

/// The pages of the daily work: Today, exit checks, the register, the work log: one split point.
#[lazy]
fn daily_page(page: Page) -> AnyView {
    match page {
        Page::Today => view! { <Gate may=Capability::WorkWithParticipants><TodayPage/></Gate> }.into_any(),
        Page::ExitChecks => view! { <Gate may=Capability::WorkWithParticipants><crate::pages::exit_checks::ExitChecksPage/></Gate> }.into_any(),
        Page::Attendance => view! { <Gate may=Capability::WorkWithParticipants><RegisterPage/></Gate> }.into_any(),
        Page::WorkLog => view! { <Gate may=Capability::WorkWithParticipants><crate::pages::work_log::WorkLogPage/></Gate> }.into_any(),
        _ => ().into_any(),
    }
}

/// The pages of the participants: the list, a participant and their own pages: one split point.
#[lazy]
fn participant_page(page: Page) -> AnyView {
    match page {
        Page::Participants => view! { <Gate may=Capability::WorkWithParticipants><ParticipantsPage/></Gate> }.into_any(),
        Page::ParticipantsNew => view! { <Gate may=Capability::TriageReferrals><NewParticipantPage/></Gate> }.into_any(),
        Page::ParticipantsId => view! { <Gate may=Capability::WorkWithParticipants><ParticipantPage/></Gate> }.into_any(),
        Page::ParticipantsIdAccessLog => view! { <Gate may=Capability::AnswerParticipantRequests><crate::pages::ParticipantAccessLogPage/></Gate> }.into_any(),
        Page::ParticipantsIdContact => view! { <Gate may=Capability::ReachParticipants><crate::pages::participant_contact::ParticipantContactPage/></Gate> }.into_any(),
        Page::ParticipantsIdPlan => view! { <Gate may=Capability::ReachParticipants><crate::pages::participant_plan::ParticipantPlanPage/></Gate> }.into_any(),
        Page::ParticipantsIdEdit => view! { <Gate may=Capability::WorkWithParticipants><EditParticipantPage/></Gate> }.into_any(),
        _ => ().into_any(),
    }
}

/// The pages of the ladders: one split point.
#[lazy]
fn ladder_page(page: Page) -> AnyView {
    match page {
        Page::Ladders => view! { <LaddersPage/> }.into_any(),
        Page::LaddersId => view! { <LadderPage/> }.into_any(),
        _ => ().into_any(),
    }
}

/// The pages of referrals, partners and cooperation agreements: one split point.
#[lazy]
fn partner_page(page: Page) -> AnyView {
    match page {
        Page::Referrals => {
            view! { <Gate may=Capability::TriageReferrals><ReferralsPage/></Gate> }.into_any()
        }
        Page::Partners => {
            view! { <Gate may=Capability::TriageReferrals><PartnersPage/></Gate> }.into_any()
        }
        Page::AgreementsId => view! { <AgreementPage/> }.into_any(),
        Page::AgreementsIdReport => view! { <AgreementReportPage/> }.into_any(),
        _ => ().into_any(),
    }
}

/// The pages of placements, employers and the outbox: one split point.
#[lazy]
fn placement_page(page: Page) -> AnyView {
    match page {
        Page::Placements => {
            view! { <Gate may=Capability::ArrangePlacements><PlacementsPage/></Gate> }.into_any()
        }
        Page::PlacementsId => {
            view! { <Gate may=Capability::WorkWithParticipants><PlacementPage/></Gate> }.into_any()
        }
        Page::Employers => {
            view! { <Gate may=Capability::ArrangePlacements><EmployersPage/></Gate> }.into_any()
        }
        Page::EmployersId => {
            view! { <Gate may=Capability::ArrangePlacements><EmployerPage/></Gate> }.into_any()
        }
        Page::Outbox => {
            view! { <Gate may=Capability::ArrangePlacements><OutboxPage/></Gate> }.into_any()
        }
        _ => ().into_any(),
    }
}

/// The pages of the reports and production: one split point.
#[lazy]
fn report_page(page: Page) -> AnyView {
    match page {
        Page::Reports => view! { <Gate may=Capability::ReadReports><ReportsPage/></Gate> }.into_any(),
        Page::ReportsOrganisation => view! { <Gate may=Capability::ReadReports><OrganisationReportPage/></Gate> }.into_any(),
        Page::Production => view! { <Gate may=Capability::ReadReports><crate::pages::production::ProductionPage/></Gate> }.into_any(),
        _ => ().into_any(),
    }
}

/// The pages of administration: one split point.
#[lazy]
fn admin_page(page: Page) -> AnyView {
    match page {
        Page::Organisations => {
            view! { <Gate may=Capability::AdministerPlatform><OrganisationsPage/></Gate> }
                .into_any()
        }
        Page::Privacy => {
            view! { <Gate may=Capability::Administer><crate::pages::privacy::PrivacyPage/></Gate> }
                .into_any()
        }
        Page::Users => view! { <Gate may=Capability::Administer><UsersPage/></Gate> }.into_any(),
        _ => ().into_any(),
    }
}

/// The partner user's page: one split point.
#[lazy]
fn partner_view_page(_page: Page) -> AnyView {
    view! { <Gate may=Capability::FollowAgreement><crate::pages::partner_view::PartnerViewPage/></Gate> }
        .into_any()
}

/// The own account's page: one split point.
#[lazy]
fn account_page(_page: Page) -> AnyView {
    view! { <AccountPage/> }.into_any()
}

lazy_page!(TodayRoute, daily_page, Today);
lazy_page!(ExitChecksRoute, daily_page, ExitChecks);
lazy_page!(AttendanceRoute, daily_page, Attendance);
lazy_page!(WorkLogRoute, daily_page, WorkLog);
lazy_page!(ParticipantsRoute, participant_page, Participants);
lazy_page!(ParticipantsNewRoute, participant_page, ParticipantsNew);
lazy_page!(ParticipantsIdRoute, participant_page, ParticipantsId);
lazy_page!(
    ParticipantsIdAccessLogRoute,
    participant_page,
    ParticipantsIdAccessLog
);
lazy_page!(
    ParticipantsIdContactRoute,
    participant_page,
    ParticipantsIdContact
);
lazy_page!(
    ParticipantsIdPlanRoute,
    participant_page,
    ParticipantsIdPlan
);
lazy_page!(
    ParticipantsIdEditRoute,
    participant_page,
    ParticipantsIdEdit
);
lazy_page!(LaddersRoute, ladder_page, Ladders);
lazy_page!(LaddersIdRoute, ladder_page, LaddersId);
lazy_page!(ReferralsRoute, partner_page, Referrals);
lazy_page!(PartnersRoute, partner_page, Partners);
lazy_page!(AgreementsIdRoute, partner_page, AgreementsId);
lazy_page!(AgreementsIdReportRoute, partner_page, AgreementsIdReport);
lazy_page!(PartnerRoute, partner_view_page, Partner);
lazy_page!(PlacementsRoute, placement_page, Placements);
lazy_page!(PlacementsIdRoute, placement_page, PlacementsId);
lazy_page!(EmployersRoute, placement_page, Employers);
lazy_page!(EmployersIdRoute, placement_page, EmployersId);
lazy_page!(OutboxRoute, placement_page, Outbox);
lazy_page!(ReportsRoute, report_page, Reports);
lazy_page!(ReportsOrganisationRoute, report_page, ReportsOrganisation);
lazy_page!(ProductionRoute, report_page, Production);
lazy_page!(OrganisationsRoute, admin_page, Organisations);
lazy_page!(PrivacyRoute, admin_page, Privacy);
lazy_page!(UsersRoute, admin_page, Users);
lazy_page!(AccountRoute, account_page, Account);
