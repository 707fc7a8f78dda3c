//! `GET /participants/{id}/export`: everything Stige holds about a person.

use crate::attendance::workday;
use crate::helpers::{Sent, action, assert_problem, content_type, move_to, spawn_app, status_of};
use crate::partner_helpers::referral_body;
use crate::placements::{confirm_by_employer, employer_post, invite, placement};
use reqwest::Method;
use serde_json::json;
use stige_client::{
    FollowUpInput, InvitationPurpose, MarkInput, NewGoal, NewPlannedParticipation, NewScore,
    RegisterUpdate, ResearchConsentChange,
};
use stige_domain::attendance::AttendanceMark;
use stige_domain::consent::SharingCategory;
use stige_domain::enrolment::EnrolmentAction;
use stige_domain::goal::GoalCategory;
use stige_domain::{ParticipantId, Role};

/// A person with every kind of data Stige holds, made through the API.
async fn everything(app: &crate::helpers::TestApp) -> (ParticipantId, i64) {
    let setup = app
        .kristiansand_kommune(&[
            SharingCategory::CurrentStep,
            SharingCategory::EnrolmentStatus,
        ])
        .await;
    let referral = setup
        .api
        .refer(
            &stige_client::NewReferral {
                national_id: Some("15076500565".into()),
                birth_date: chrono::NaiveDate::from_ymd_opt(1965, 7, 15),
                phone: Some("+47 912 34 567".into()),
                email: Some("kari@example.no".into()),
                ..referral_body("Kari", "Nordmann")
            },
            "key-export",
        )
        .await
        .expect("refer");
    let c = app.coordinator().await;
    let accepted = c
        .triage(
            referral.id,
            &stige_client::TriageRequest {
                action: Some(stige_client::TriageAction::Accept),
                ..Default::default()
            },
        )
        .await
        .expect("accept");
    let id = accepted.participant_id.expect("a participant");
    let purpose = "Oppfølging i kommunen";
    setup
        .consented(&c, id, &[SharingCategory::CurrentStep], purpose)
        .await;
    c.change_status(id, &action(EnrolmentAction::Activate))
        .await
        .expect("activate");
    c.move_participant(id, &move_to(app.steps[0], "Starter i verkstedet"))
        .await
        .expect("start");
    let goal = c
        .add_goal(
            id,
            &NewGoal {
                text: Some("Komme hver tirsdag".into()),
                category: Some(GoalCategory::Structure),
            },
        )
        .await
        .expect("goal");
    c.add_score(
        id,
        goal.id,
        &NewScore {
            date: None,
            score: Some(4),
            comment: Some("God uke".into()),
        },
    )
    .await
    .expect("score");
    c.add_follow_up(
        id,
        &FollowUpInput {
            attendees: vec![stige_domain::follow_up::Attendee::Mentor],
            what_works: Some("Fortrolig: sover bedre".into()),
            scaling_score: Some(5),
            confidential: true,
            ..Default::default()
        },
    )
    .await
    .expect("follow-up");
    c.save_register(&RegisterUpdate {
        date: Some(workday()),
        step_id: None,
        ladder_id: None,
        marks: vec![MarkInput {
            participant_id: id,
            mark: AttendanceMark::Present,
        }],
        activity_marks: vec![],
    })
    .await
    .expect("attendance");
    c.add_planned_participation(
        id,
        &NewPlannedParticipation {
            valid_from: None,
            weekdays: Some(vec![2, 4]),
            hours_per_week: None,
        },
    )
    .await
    .expect("plan");
    c.set_research_consent(
        id,
        &ResearchConsentChange {
            given: Some(true),
            date: None,
        },
    )
    .await
    .expect("research consent");
    c.record_situation(
        id,
        stige_domain::situation::Moment::Start,
        &stige_client::SituationInput {
            income_source: Some(stige_domain::situation::IncomeSource::NoKvalifiseringsstonad),
            occupation: Some(stige_domain::situation::Occupation::None),
            ..Default::default()
        },
    )
    .await
    .expect("situation at start");
    c.set_outcome_preferences(
        id,
        &stige_client::OutcomePreferences {
            gender: Some(stige_domain::situation::Gender::Woman),
            after_exit_checks_declined: true,
        },
    )
    .await
    .expect("gender");
    let (_, placement_id) = placement(app, id, -3).await;
    confirm_by_employer(app, placement_id).await;
    let token = invite(app, placement_id, InvitationPurpose::Completion).await;
    let done = employer_post(
        app,
        &token,
        "complete",
        json!({"outcome": "completed", "attendance": 4, "punctuality": 3, "cooperation": 4, "quality": 3, "comment": "Stødig og presis"}),
    )
    .await;
    assert_eq!(done.status(), 200);
    (id, setup.partner)
}

#[actix_web::test]
async fn the_export_holds_every_kind_of_data_and_is_recorded() {
    let app = spawn_app().await;
    let (id, partner) = everything(&app).await;
    let admin = app.admin().await;
    let export = admin.export_participant(id).await.expect("export");

    let p = &export.participant;
    assert_eq!(
        (p.given_name.as_str(), p.family_name.as_str()),
        ("Kari", "Nordmann")
    );
    assert!(p.moves.iter().any(|m| m.reason == "Starter i verkstedet"));
    assert!(!p.status_history.is_empty());
    let national_id = export.national_id.as_ref().expect("the national id");
    assert_eq!(national_id.national_id, "15076500565");
    let goal = export.goals.first().expect("a goal");
    assert_eq!(goal.text, "Komme hver tirsdag");
    assert_eq!(goal.scores[0].comment.as_deref(), Some("God uke"));
    let follow_up = export
        .follow_ups
        .first()
        .expect("the confidential follow-up");
    assert!(follow_up.confidential);
    assert_eq!(follow_up.what_works, "Fortrolig: sover bedre");
    assert_eq!(export.attendance.days.len(), 1);
    assert_eq!(export.attendance.days[0].mark, AttendanceMark::Present);
    assert_eq!(export.attendance.summary.plans.len(), 1);
    let consent = export.consents.first().expect("a consent");
    assert_eq!(consent.partner.id, partner);
    assert_eq!(consent.purpose, "Oppfølging i kommunen");
    assert!(export.research_consent.in_force);
    let referral = export.referrals.first().expect("the referral");
    assert_eq!(referral.phone.as_deref(), Some("+47 912 34 567"));
    assert_eq!(referral.email.as_deref(), Some("kari@example.no"));
    let placement = export.placements.first().expect("the placement");
    let feedback = placement
        .feedback
        .as_ref()
        .expect("the employer's feedback");
    assert_eq!(feedback.comment, "Stødig og presis");
    assert!(!placement.history.is_empty());
    assert_eq!(
        export.outcomes.situations[0].income_source,
        Some(stige_domain::situation::IncomeSource::NoKvalifiseringsstonad)
    );
    assert_eq!(
        export.outcomes.gender,
        Some(stige_domain::situation::Gender::Woman)
    );
    assert!(export.outcomes.after_exit_checks_declined);
    assert!(
        export
            .partner_events
            .iter()
            .any(|e| e.kind == "participant.moved"),
        "{:?}",
        export
            .partner_events
            .iter()
            .map(|e| &e.kind)
            .collect::<Vec<_>>()
    );
    let actions: Vec<&str> = export
        .access_log
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    for expected in [
        "participant.move",
        "goal.create",
        "follow_up.create",
        "consent.give",
        "placement.employer_confirm",
        "outcome.record",
    ] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }
    // The export is recorded, and shows in the next one.
    assert!(
        app.audit_actions(id)
            .contains(&"participant.export".to_owned())
    );
    let again = admin.export_participant(id).await.expect("again");
    assert!(
        again
            .access_log
            .iter()
            .any(|e| e.action == "participant.export" && e.actor.role == Some(Role::Admin))
    );
}

#[actix_web::test]
async fn the_export_reads_as_a_printable_page_in_the_programmes_language() {
    let app = spawn_app().await;
    let (id, _) = everything(&app).await;
    let c = app.coordinator().await;
    let response = c
        .request(
            Method::GET,
            &format!("/api/v1/participants/{id}/export?format=html"),
        )
        .sent()
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let content_type = content_type(&response);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let page = response.text().await.expect("text");
    for expected in [
        "Kari Nordmann",
        "15076500565",
        "Komme hver tirsdag",
        "Fortrolig: sover bedre",
        "Stødig og presis",
        "kari@example.no",
    ] {
        assert!(page.contains(expected), "{expected} on the page");
    }
    // The test organisation works in Norwegian.
    assert!(page.contains("lang=\"nb\""));
    assert!(page.contains("Hvem har sett opplysningene"));
    // Text is escaped, never markup.
    assert!(!page.contains("<script"));
}

#[actix_web::test]
async fn a_bad_format_is_refused_and_nothing_recorded() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let admin = app.admin().await;
    let before = app.audit_actions(p.id).len();
    let bad = admin
        .request(
            Method::GET,
            &format!("/api/v1/participants/{}/export?format=pdf", p.id),
        )
        .sent()
        .await;
    assert_problem(bad, 400).await;
    assert_eq!(app.audit_actions(p.id).len(), before);
}

#[actix_web::test]
async fn mentors_viewers_partners_and_other_organisations_get_404_on_the_export() {
    let app = spawn_app().await;
    let (setup, id) = crate::access_log::referred_and_mentored(&app).await;
    let mentor = app.mentor().await;
    mentor.participant(id).await.expect("own participant");
    assert_eq!(
        status_of(&mentor.export_participant(id).await.unwrap_err()),
        404
    );
    let viewer = app.viewer().await;
    assert_eq!(
        status_of(&viewer.export_participant(id).await.unwrap_err()),
        404
    );
    assert_eq!(
        status_of(&setup.api.export_participant(id).await.unwrap_err()),
        404
    );
    let other = app.as_user("other-coordinator").await;
    assert_eq!(
        status_of(&other.export_participant(id).await.unwrap_err()),
        404
    );
    let admin = app.admin().await;
    assert_eq!(
        status_of(
            &admin
                .export_participant(ParticipantId(9999))
                .await
                .unwrap_err()
        ),
        404
    );
    assert!(
        !app.audit_actions(id)
            .contains(&"participant.export".to_owned())
    );
}
