//! The rectification trail: a correction of a person's identity or of a
//! follow-up keeps what it replaced, shown to admins and in the export.

use crate::helpers::{spawn_app, status_of};
use diesel::prelude::*;
use stige_client::{FollowUpInput, IdentityField, NewParticipant, ParticipantUpdate};
use stige_store::schema::follow_ups;

#[actix_web::test]
async fn a_corrected_identity_keeps_each_replaced_value_with_who_and_when() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let p = c
        .create_participant(&NewParticipant {
            given_name: Some("Kari".into()),
            family_name: Some("Nordman".into()),
            ladder_id: Some(app.ladder),
            birth_date: chrono::NaiveDate::from_ymd_opt(1965, 7, 15),
            national_id: Some("15076500565".into()),
        })
        .await
        .expect("create");
    // Only the family name changes; the national id is not sent, so it stays.
    let updated = c
        .update_participant(
            p.id,
            &ParticipantUpdate {
                given_name: Some("Kari".into()),
                family_name: Some("Nordmann".into()),
                birth_date: p.birth_date,
                national_id: None,
            },
            p.version,
        )
        .await
        .expect("update");
    // Then the national id is removed.
    c.update_participant(
        p.id,
        &ParticipantUpdate {
            given_name: Some("Kari".into()),
            family_name: Some("Nordmann".into()),
            birth_date: p.birth_date,
            national_id: Some(String::new()),
        },
        updated.version,
    )
    .await
    .expect("remove the national id");

    let admin = app.admin().await;
    let trail = admin.rectifications(p.id).await.expect("trail");
    let fields: Vec<IdentityField> = trail.identity.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        vec![IdentityField::FamilyName, IdentityField::NationalId]
    );
    let family = &trail.identity[0];
    assert_eq!(family.old_value.as_deref(), Some("Nordman"));
    assert_eq!(family.corrected_by, "coordinator display");
    // Masked for the admin's screen…
    let national_id = trail.identity[1].old_value.as_deref().expect("masked");
    assert!(!national_id.contains("15076500565"), "{national_id}");
    // …in full in the export.
    let export = admin.export_participant(p.id).await.expect("export");
    assert_eq!(
        export.rectifications.identity[1].old_value.as_deref(),
        Some("15076500565")
    );
    assert!(
        app.audit_actions(p.id)
            .contains(&"participant.rectifications.read".to_owned())
    );
}

#[actix_web::test]
async fn a_follow_up_corrected_after_its_day_keeps_the_earlier_version() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let c = app.coordinator().await;
    let input = |text: &str| FollowUpInput {
        attendees: vec![stige_domain::follow_up::Attendee::Mentor],
        what_works: Some(text.into()),
        scaling_score: Some(5),
        ..Default::default()
    };
    let f = c
        .add_follow_up(p.id, &input("Kommer hver dag"))
        .await
        .expect("create");
    let two_days_ago = chrono::Utc::now().naive_utc() - chrono::Duration::days(2);
    diesel::update(follow_ups::table.find(f.id))
        .set(follow_ups::written_at.eq(two_days_ago))
        .execute(&mut app.conn())
        .expect("age the follow-up");
    c.update_follow_up(p.id, f.id, &input("Kommer de fleste dager"))
        .await
        .expect("correct");
    let trail = app.admin().await.rectifications(p.id).await.expect("trail");
    assert_eq!(trail.follow_ups.len(), 1);
    let earlier = &trail.follow_ups[0];
    assert_eq!(earlier.follow_up_id, f.id);
    assert_eq!(earlier.replaced_by, "coordinator display");
    assert!(
        earlier.earlier.to_string().contains("Kommer hver dag"),
        "{}",
        earlier.earlier
    );
}

#[actix_web::test]
async fn only_admins_of_the_programme_see_the_trail() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    for user in ["coordinator", "mentor", "viewer", "other-admin"] {
        let client = app.as_user(user).await;
        assert_eq!(
            status_of(&client.rectifications(p.id).await.unwrap_err()),
            404,
            "{user}"
        );
    }
    let admin = app.admin().await;
    assert_eq!(
        status_of(
            &admin
                .rectifications(stige_domain::ParticipantId(9999))
                .await
                .unwrap_err()
        ),
        404
    );
    let nothing = admin.rectifications(p.id).await.expect("trail");
    assert!(nothing.identity.is_empty() && nothing.follow_ups.is_empty());
}
