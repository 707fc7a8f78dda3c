use crate::helpers::{action, move_to, spawn_app, status_of};
use stige_client::{MentorAssignment, NewParticipant, ParticipantQuery};
use stige_domain::enrolment::EnrolmentAction;
use stige_domain::{NationalIdKind, ParticipantId};

#[actix_web::test]
async fn a_mentor_gets_404_on_a_participant_not_assigned_to_them() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let mentor = app.mentor().await;
    assert_eq!(status_of(&mentor.participant(p.id).await.unwrap_err()), 404);
    assert_eq!(
        status_of(
            &mentor
                .move_participant(p.id, &move_to(app.steps[2], "x"))
                .await
                .unwrap_err()
        ),
        404
    );
    assert_eq!(
        status_of(
            &mentor
                .change_status(p.id, &action(EnrolmentAction::Resume))
                .await
                .unwrap_err()
        ),
        404
    );
    // The same answer as for a participant that does not exist.
    assert_eq!(
        status_of(&mentor.participant(ParticipantId(9999)).await.unwrap_err()),
        404
    );
    assert_eq!(
        mentor
            .participants(&ParticipantQuery::default())
            .await
            .expect("list")
            .total,
        0
    );
}

#[actix_web::test]
async fn an_assigned_mentor_sees_and_moves_their_participant_only() {
    let app = spawn_app().await;
    let mine = app.active_participant("Anna", "Lind").await;
    app.active_participant("Erik", "Ek").await;
    let assignment = MentorAssignment {
        mentor_ids: vec![app.users.mentor],
    };
    let assigned = app
        .coordinator()
        .await
        .assign_mentors(mine.id, &assignment)
        .await
        .expect("assign");
    assert_eq!(assigned.mentors[0].id, app.users.mentor);
    let mentor = app.mentor().await;
    let list = mentor
        .participants(&ParticipantQuery::default())
        .await
        .expect("list");
    assert_eq!(
        list.items.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![mine.id]
    );
    mentor
        .move_participant(mine.id, &move_to(app.steps[2], "Ready"))
        .await
        .expect("own participant");
    let other = app.as_user("mentor2").await;
    assert_eq!(
        status_of(&other.participant(mine.id).await.unwrap_err()),
        404
    );
}

#[actix_web::test]
async fn a_viewer_sees_no_personal_data() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let viewer = app.viewer().await;
    assert_eq!(status_of(&viewer.participant(p.id).await.unwrap_err()), 404);
    assert_eq!(
        status_of(
            &viewer
                .participants(&ParticipantQuery::default())
                .await
                .unwrap_err()
        ),
        403
    );
}

#[actix_web::test]
async fn only_mentor_capable_staff_can_be_assigned() {
    let app = spawn_app().await;
    let p = app.new_participant("Anna", "Lind").await;
    let assignment = MentorAssignment {
        mentor_ids: vec![app.users.viewer],
    };
    let err = app
        .coordinator()
        .await
        .assign_mentors(p.id, &assignment)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    let err = app
        .mentor()
        .await
        .assign_mentors(p.id, &MentorAssignment::default())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 403);
}

#[actix_web::test]
async fn a_national_id_is_stored_encrypted_shown_masked_and_revealed_only_on_an_audited_request() {
    let app = spawn_app().await;
    let body = NewParticipant {
        given_name: Some("Sven".into()),
        family_name: Some("Svensson".into()),
        national_id: Some("811218-9876".into()),
        ladder_id: Some(app.ladder),
        ..Default::default()
    };
    let c = app.coordinator().await;
    let p = c.create_participant(&body).await.expect("create");
    assert_eq!(p.national_id_masked.as_deref(), Some("19811218-****"));
    assert_eq!(p.national_id_kind, Some(NationalIdKind::SePersonnummer));
    assert_eq!(p.birth_date, chrono::NaiveDate::from_ymd_opt(1981, 12, 18));
    let row = stige_store::participants::get(
        &mut app.conn(),
        stige_store::within::Within::Installation,
        p.id,
    )
    .expect("get")
    .expect("row");
    let stored = row.national_id_cipher.expect("stored");
    assert!(!stored.contains("9876"), "the number is encrypted at rest");
    assert_eq!(
        app.cipher.decrypt(&stored).expect("decrypt"),
        "19811218-9876"
    );
    let read = serde_json::to_string(&c.participant(p.id).await.expect("read")).expect("json");
    assert!(!read.contains("9876"));

    let revealed = c.reveal_national_id(p.id).await.expect("reveal");
    assert_eq!(revealed.national_id, "19811218-9876");
    assert!(
        app.audit_actions(p.id)
            .contains(&"participant.national_id_reveal".to_owned())
    );

    app.assign_the_mentor(&c, p.id).await;
    assert_eq!(
        status_of(
            &app.mentor()
                .await
                .reveal_national_id(p.id)
                .await
                .unwrap_err()
        ),
        403
    );
}

#[actix_web::test]
async fn a_national_id_with_a_wrong_check_digit_gets_422_and_nothing_is_written() {
    let app = spawn_app().await;
    let body = NewParticipant {
        given_name: Some("Sven".into()),
        family_name: Some("Svensson".into()),
        national_id: Some("811218-9875".into()),
        ladder_id: Some(app.ladder),
        ..Default::default()
    };
    let err = app
        .coordinator()
        .await
        .create_participant(&body)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    assert_eq!(
        err.problem().map(|p| p.errors[0].field.as_str()),
        Some("national_id")
    );
    assert_eq!(app.participant_count(), 0);
}

#[actix_web::test]
async fn every_read_and_write_of_a_participant_leaves_an_audit_event() {
    let app = spawn_app().await;
    let p = app.new_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    c.participant(p.id).await.expect("read");
    c.change_status(p.id, &action(EnrolmentAction::Activate))
        .await
        .expect("activate");
    c.participants(&ParticipantQuery::default())
        .await
        .expect("list");
    let actions = app.audit_actions(p.id);
    assert_eq!(
        actions,
        vec![
            "participant.create",
            "participant.read",
            "participant.status"
        ]
    );
    let lists = stige_store::audit::with_action(
        &mut app.conn(),
        stige_domain::AuditAction::ParticipantList,
    )
    .expect("audit");
    assert_eq!(lists.last().map(|e| e.participants()), Some(vec![p.id]));
    assert_eq!(
        lists.last().and_then(|e| e.actor_id),
        Some(app.users.coordinator.0)
    );
}

#[actix_web::test]
async fn a_mentor_cannot_update_someone_elses_participant_and_unknown_ids_are_404() {
    let app = spawn_app().await;
    let p = app.new_participant("Anna", "Lind").await;
    let update = stige_client::ParticipantUpdate {
        given_name: Some("X".into()),
        family_name: Some("Y".into()),
        ..Default::default()
    };
    let err = app
        .mentor()
        .await
        .update_participant(p.id, &update, p.version)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);
    let c = app.coordinator().await;
    let missing = ParticipantId(9999);
    assert_eq!(
        status_of(
            &c.assign_mentors(missing, &MentorAssignment::default())
                .await
                .unwrap_err()
        ),
        404
    );
    assert_eq!(
        status_of(&c.reveal_national_id(missing).await.unwrap_err()),
        404
    );
    assert_eq!(
        status_of(&c.reveal_national_id(p.id).await.unwrap_err()),
        409,
        "no number stored: the participant exists, there is nothing to reveal"
    );
    assert_eq!(c.participant(p.id).await.expect("read").given_name, "Anna");
}
