use crate::attendance::workday;
use crate::helpers::{spawn_app, status_of};
use stige_client::{AgreedActionInput, FollowUpInput, MarkInput, RegisterUpdate};
use stige_domain::attendance::{AttendanceMark, is_working_day, previous_working_day};

#[actix_web::test]
async fn today_shows_who_is_unmarked_what_is_due_and_repeated_absence() {
    let app = spawn_app().await;
    let anna = app.active_participant("Anna", "Lind").await;
    let erik = app.active_participant("Erik", "Ek").await;
    let waiting = app.new_participant("Sara", "Ny").await;
    let c = app.coordinator().await;
    let today = chrono::Utc::now().date_naive();
    let due = FollowUpInput {
        next_due: Some(today),
        actions: vec![AgreedActionInput {
            owner: Some("Kari".into()),
            what: Some("Søke bostøtte".into()),
            by_when: Some(today),
            done: false,
        }],
        date: Some(today - chrono::Duration::days(3)),
        ..Default::default()
    };
    c.add_follow_up(anna.id, &due).await.expect("follow-up");
    let day2 = workday();
    let day1 = previous_working_day(day2);
    for d in [day1, day2] {
        let update = RegisterUpdate {
            date: Some(d),
            step_id: None,
            ladder_id: None,
            marks: vec![MarkInput {
                participant_id: erik.id,
                mark: AttendanceMark::AbsentWithoutNotice,
            }],
            activity_marks: vec![],
        };
        c.save_register(&update).await.expect("marks");
    }
    let page = c.today().await.expect("today");
    // Nobody is expected on a weekend.
    let expected = |n: i64| if is_working_day(today) { n } else { 0 };
    assert_eq!(page.register_total, expected(2));
    assert_eq!(
        page.follow_ups_due
            .iter()
            .map(|f| f.participant.id)
            .collect::<Vec<_>>(),
        vec![anna.id]
    );
    assert!(page.referrals_waiting.iter().any(|p| p.id == waiting.id));
    assert_eq!(
        page.early_warnings
            .iter()
            .map(|w| (w.participant.id, w.days))
            .collect::<Vec<_>>(),
        vec![(erik.id, 2)]
    );
    if day2 == today {
        assert_eq!(
            page.not_marked.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![anna.id]
        );
    }
    assert!(
        page.overdue_actions.is_empty(),
        "due today is not overdue yet"
    );
}

#[actix_web::test]
async fn a_mentor_s_today_holds_only_their_participants_and_a_viewer_gets_403() {
    let app = spawn_app().await;
    let mine = app.active_participant("Anna", "Lind").await;
    app.active_participant("Erik", "Ek").await;
    let c = app.coordinator().await;
    app.assign_the_mentor(&c, mine.id).await;
    let page = app.mentor().await.today().await.expect("today");
    let today = chrono::Utc::now().date_naive();
    assert_eq!(
        page.register_total,
        if is_working_day(today) { 1 } else { 0 }
    );
    assert_eq!(
        status_of(&app.viewer().await.today().await.unwrap_err()),
        403
    );
}

#[actix_web::test]
async fn today_shows_placements_awaiting_the_employer_and_open_partner_referrals() {
    let app = spawn_app().await;
    let person = app.active_participant("Kari", "Nordmann").await;
    let c = app.coordinator().await;
    let employer = c
        .create_employer(&stige_client::EmployerInput {
            name: Some("Kalmar Verkstad AB".into()),
            organisation_number: Some("5560125790".into()),
            contacts: vec![stige_client::ContactInput {
                name: Some("Anna".into()),
                email: Some("anna@verkstad.example".into()),
                phone: None,
            }],
            language: Some(stige_domain::placement::Language::Sv),
            ..Default::default()
        })
        .await
        .expect("employer");
    let start = chrono::Utc::now().date_naive() + chrono::Duration::days(10);
    let placement = c
        .create_placement(&stige_client::PlacementInput {
            participant_id: Some(person.id),
            employer_id: Some(employer.id),
            kind: Some(stige_domain::placement::PlacementKind::Internship),
            role: Some("Lager".into()),
            start_date: Some(start),
            end_date: Some(start + chrono::Duration::days(30)),
            hours_per_week: Some(20),
            ..Default::default()
        })
        .await
        .expect("placement");
    assert!(
        c.today()
            .await
            .expect("today")
            .placements_awaiting_employer
            .is_empty()
    );
    c.invite_employer(
        placement.id,
        &stige_client::InvitationRequest {
            purpose: Some(stige_client::InvitationPurpose::Confirm),
        },
        placement.version,
    )
    .await
    .expect("invite");
    let setup = app.kristiansand_kommune(&[]).await;
    setup
        .api
        .refer(
            &crate::partner_helpers::referral_body("Ola", "Hansen"),
            "t-1",
        )
        .await
        .expect("refer");
    let page = c.today().await.expect("today");
    assert_eq!(page.placements_awaiting_employer.len(), 1);
    assert_eq!(
        page.placements_awaiting_employer[0].employer_name,
        "Kalmar Verkstad AB"
    );
    assert_eq!(page.open_referrals, 1);
    // A mentor not assigned to the participant sees neither.
    let mentor = app.mentor().await.today().await.expect("today");
    assert!(mentor.placements_awaiting_employer.is_empty());
    assert_eq!(mentor.open_referrals, 0);
}
