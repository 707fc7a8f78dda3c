//! `GET /participants/{id}/access-log`: who has seen the person's information.

use crate::helpers::{Sent, TestApp, assert_problem, fields, spawn_app, status_of};
use crate::partner_helpers::PartnerSetup;
use reqwest::Method;
use stige_client::{AccessActorKind, AccessLogQuery, ParticipantQuery};
use stige_domain::access_log::{AccessKind, PersonalDataCategory};
use stige_domain::consent::SharingCategory;
use stige_domain::{ParticipantId, Role};

#[actix_web::test]
async fn the_log_names_who_read_changed_and_was_refused_newest_first() {
    let app = spawn_app().await;
    let setup = app
        .kristiansand_kommune(&[SharingCategory::CurrentStep])
        .await;
    let (_, id) = app.accepted(&setup, "Anna", "Lind").await;
    let coordinator = app.coordinator().await;
    coordinator.participant(id).await.expect("read");
    coordinator
        .participants(&ParticipantQuery::default())
        .await
        .expect("list");
    setup
        .api
        .partner_participant(id)
        .await
        .expect("partner read");
    // A mentor not assigned to Anna tries to open her record.
    let mentor = app.mentor().await;
    assert_eq!(status_of(&mentor.participant(id).await.unwrap_err()), 404);

    let log = app
        .admin()
        .await
        .access_log(id, &AccessLogQuery::default())
        .await
        .expect("log");
    let newest = &log.items[0];
    assert_eq!(newest.action, "participant.read.refused");
    assert_eq!(newest.kind, AccessKind::Refused);
    assert_eq!(newest.actor.kind, AccessActorKind::Staff);
    assert_eq!(newest.actor.user_id, Some(app.users.mentor));
    assert_eq!(newest.actor.role, Some(Role::Mentor));

    let partner = &log.items[1];
    assert_eq!(partner.action, "participant.read");
    assert_eq!(partner.actor.kind, AccessActorKind::Partner);
    assert_eq!(partner.actor.name.as_deref(), Some("Kristiansand kommune"));
    assert_eq!(partner.actor.agreement_id, Some(setup.agreement));

    let listed = &log.items[2];
    assert_eq!(listed.action, "participant.list");
    assert!(listed.in_list);
    assert_eq!(listed.actor.user_id, Some(app.users.coordinator));

    let read = log
        .items
        .iter()
        .find(|e| e.action == "participant.read" && e.actor.user_id == Some(app.users.coordinator))
        .expect("the coordinator's read");
    assert_eq!(read.kind, AccessKind::Read);
    assert!(!read.in_list);
    assert_eq!(read.actor.role, Some(Role::Coordinator));
    assert!(read.categories.contains(&PersonalDataCategory::Identity));
    let oldest = log.items.last().expect("events");
    assert_eq!(oldest.kind, AccessKind::Change);
    assert!(log.items.windows(2).all(|w| w[0].at >= w[1].at));
    assert_eq!(log.total, i64::try_from(log.items.len()).expect("small"));
}

#[actix_web::test]
async fn reading_the_log_is_itself_recorded_and_shows_next_time() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let coordinator = app.coordinator().await;
    let first = coordinator
        .access_log(p.id, &AccessLogQuery::default())
        .await
        .expect("log");
    assert!(
        first
            .items
            .iter()
            .all(|e| e.action != "participant.access_log.read")
    );
    let second = coordinator
        .access_log(p.id, &AccessLogQuery::default())
        .await
        .expect("log");
    let own = &second.items[0];
    assert_eq!(own.action, "participant.access_log.read");
    assert_eq!(own.categories, vec![PersonalDataCategory::AccessLog]);
    assert_eq!(second.total, first.total + 1);
    assert!(
        app.audit_actions(p.id)
            .contains(&"participant.access_log.read".to_owned())
    );
}

#[actix_web::test]
async fn the_log_pages_and_filters_by_period_and_actor() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let admin = app.admin().await;
    for _ in 0..3 {
        admin.participant(p.id).await.expect("read");
    }
    let everything = admin
        .access_log(p.id, &AccessLogQuery::default())
        .await
        .expect("log");
    let page2 = admin
        .access_log(
            p.id,
            &AccessLogQuery {
                page: Some(2),
                per_page: Some(2),
                ..Default::default()
            },
        )
        .await
        .expect("page 2");
    assert_eq!(page2.items.len(), 2);
    assert_eq!((page2.page, page2.per_page), (2, 2));
    // The log grew by the first read of it.
    assert_eq!(page2.total, everything.total + 1);

    let by_admin = admin
        .access_log(
            p.id,
            &AccessLogQuery {
                user_id: Some(app.users.admin),
                ..Default::default()
            },
        )
        .await
        .expect("by admin");
    assert!(by_admin.items.len() >= 3);
    assert!(
        by_admin
            .items
            .iter()
            .all(|e| e.actor.user_id == Some(app.users.admin))
    );
    let by_partners = admin
        .access_log(
            p.id,
            &AccessLogQuery {
                actor: Some(AccessActorKind::Partner),
                ..Default::default()
            },
        )
        .await
        .expect("by partners");
    assert_eq!(by_partners.total, 0);
    let today = chrono::Utc::now().date_naive();
    let yesterday = today.pred_opt().expect("a day");
    let before = admin
        .access_log(
            p.id,
            &AccessLogQuery {
                to: Some(yesterday),
                ..Default::default()
            },
        )
        .await
        .expect("before today");
    assert_eq!(before.total, 0);
    let this_day = admin
        .access_log(
            p.id,
            &AccessLogQuery {
                from: Some(today),
                to: Some(today),
                ..Default::default()
            },
        )
        .await
        .expect("today");
    assert!(this_day.total > 0);
}

#[actix_web::test]
async fn bad_filters_are_refused_with_each_field_named_and_nothing_recorded() {
    let app = spawn_app().await;
    let p = app.active_participant("Anna", "Lind").await;
    let admin = app.admin().await;
    let before = app.audit_actions(p.id).len();
    let problem = assert_problem(
        admin
            .request(
                Method::GET,
                &format!(
                    "/api/v1/participants/{}/access-log?page=0&per_page=500&from=2026-05-02&to=2026-05-01&actor=partner&user_id=1",
                    p.id
                ),
            )
            .sent().await,
        422,
    )
    .await;
    let mut named = fields(&problem);
    named.sort();
    assert_eq!(named, vec!["page", "per_page", "to", "user_id"]);
    let malformed = admin
        .request(
            Method::GET,
            &format!("/api/v1/participants/{}/access-log?from=yesterday", p.id),
        )
        .sent()
        .await;
    assert_problem(malformed, 400).await;
    assert_eq!(app.audit_actions(p.id).len(), before);
}

/// Anna, referred by a partner and accepted, with the test mentor assigned.
pub async fn referred_and_mentored(app: &TestApp) -> (PartnerSetup, ParticipantId) {
    let setup = app
        .kristiansand_kommune(&[SharingCategory::CurrentStep])
        .await;
    let (_, id) = app.accepted(&setup, "Anna", "Lind").await;
    app.assign_the_mentor(&app.coordinator().await, id).await;
    (setup, id)
}

#[actix_web::test]
async fn mentors_viewers_partners_and_other_organisations_get_404() {
    let app = spawn_app().await;
    let (setup, id) = referred_and_mentored(&app).await;
    let mentor = app.mentor().await;
    // The mentor sees Anna, but not who else has.
    mentor.participant(id).await.expect("own participant");
    let q = AccessLogQuery::default();
    assert_eq!(
        status_of(&mentor.access_log(id, &q).await.unwrap_err()),
        404
    );
    let viewer = app.viewer().await;
    assert_eq!(
        status_of(&viewer.access_log(id, &q).await.unwrap_err()),
        404
    );
    assert_eq!(
        status_of(&setup.api.access_log(id, &q).await.unwrap_err()),
        404
    );
    let other = app.as_user("other-admin").await;
    assert_eq!(status_of(&other.access_log(id, &q).await.unwrap_err()), 404);
    let admin = app.admin().await;
    assert_eq!(
        status_of(&admin.access_log(ParticipantId(9999), &q).await.unwrap_err()),
        404
    );
    let not_a_number = admin
        .request(Method::GET, "/api/v1/participants/anna/access-log")
        .sent()
        .await;
    assert_problem(not_a_number, 404).await;
    assert!(
        !app.audit_actions(id)
            .contains(&"participant.access_log.read".to_owned())
    );
}
