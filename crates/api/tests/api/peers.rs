//! Peers (issue 26): a participant named peer support for a newcomer, shown
//! on both pages, recognised in the work log, counted in the report.

use crate::helpers::{TestApp, assert_problem, fields, spawn_app, status_of};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::json;
use stige_client::{
    MarkInput, NewPeerSupport, PeerSupportEnd, RegisterUpdate, ReportQuery, WorkDayInput,
    WorkLogQuery, WorkLogUpdate,
};
use stige_domain::ParticipantId;
use stige_domain::attendance::AttendanceMark;
use stige_domain::small_cells::ShownCount;
use stige_domain::work::Independence;
use stige_store::schema::peer_supports;

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn stored(app: &TestApp) -> i64 {
    peer_supports::table
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

fn naming(peer: ParticipantId) -> NewPeerSupport {
    NewPeerSupport {
        peer_id: Some(peer),
        starts_on: Some(today()),
    }
}

#[actix_web::test]
async fn a_peer_is_named_shown_both_ways_logged_as_work_and_counted() {
    let app = spawn_app().await;
    let peer = app.active_participant("Per", "Fadder").await;
    let newcomer = app.active_participant("Nina", "Ny").await;
    let c = app.coordinator().await;
    let named = c
        .name_peer(newcomer.id, &naming(peer.id))
        .await
        .expect("name");
    assert_eq!(named.peers.len(), 1);
    assert_eq!(named.peers[0].peer.given_name, "Per");
    assert!(named.peers[0].running);
    let theirs = c.peers(peer.id).await.expect("peer's");
    assert_eq!(theirs.supports.len(), 1);
    assert_eq!(theirs.supports[0].newcomer.participant_id, newcomer.id);
    assert!(theirs.peers.is_empty());

    // In the work log, the peer's line names the newcomer, and the day may
    // be recorded as peer support.
    let mut day = today();
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day -= Duration::days(1);
    }
    if day < today() {
        // The support started today; a weekday before it is no peer's day.
        day = today();
    }
    if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        c.save_register(&RegisterUpdate {
            date: Some(day),
            marks: vec![MarkInput {
                participant_id: peer.id,
                mark: AttendanceMark::Present,
            }],
            ..Default::default()
        })
        .await
        .expect("present");
        let log = c
            .work_log(&WorkLogQuery {
                date: Some(day),
                ladder_id: None,
            })
            .await
            .expect("log");
        let line = log
            .lines
            .iter()
            .find(|l| l.participant_id == peer.id)
            .expect("peer");
        assert_eq!(line.peer_for, vec!["Nina Ny".to_owned()]);
    }
    let saved = c
        .save_work_log(&WorkLogUpdate {
            date: Some(today()),
            ladder_id: None,
            entries: vec![WorkDayInput {
                participant_id: Some(peer.id),
                hours: Some(2.0),
                independence: Some(Independence::GuidesOthers),
                task_ids: vec![],
                note: None,
                peer_support: true,
            }],
        })
        .await
        .expect("peer support as work");
    let entry = saved
        .lines
        .iter()
        .find(|l| l.participant_id == peer.id)
        .and_then(|l| l.entry.clone())
        .expect("recorded");
    assert!(entry.peer_support);

    // The report counts the pair and the peer's share of the house.
    let report = c
        .programme_report(&ReportQuery {
            ladder: Some(app.ladder.0),
            from: NaiveDate::from_ymd_opt(today().year(), 1, 1),
            to: Some(today()),
            ..Default::default()
        })
        .await
        .expect("report");
    let figures = report.peers.expect("peers for staff");
    assert_eq!(figures.pairs, ShownCount::Number(1));
    assert_eq!(figures.peers_at_end, ShownCount::Number(1));
    assert_eq!(figures.share_of_house, Some(0.5));

    // Ended from the peer's page; once only.
    let support = theirs.supports[0].id;
    let end = PeerSupportEnd {
        ends_on: Some(today()),
    };
    let ended = c
        .end_peer_support(peer.id, support, &end)
        .await
        .expect("end");
    assert_eq!(ended.supports[0].ends_on, Some(today()));
    let again = c
        .end_peer_support(peer.id, support, &end)
        .await
        .unwrap_err();
    assert_eq!(status_of(&again), 409);
    // A new peer may follow.
    let other = app.active_participant("Ola", "Annen").await;
    c.name_peer(newcomer.id, &naming(other.id))
        .await
        .expect("a new peer");

    for who in [peer.id, newcomer.id] {
        let actions = app.audit_actions(who);
        for a in ["peer.name", "peer.end"] {
            assert!(actions.iter().any(|x| x == a), "{a} for {who}");
        }
    }
    assert!(app.audit_actions(peer.id).iter().any(|a| a == "peer.read"));
    // Reading the peer's supports showed the newcomer: in her access log.
    let log = app
        .admin()
        .await
        .access_log(newcomer.id, &stige_client::AccessLogQuery::default())
        .await
        .expect("access log");
    assert!(
        log.items
            .iter()
            .any(|e| e.action == "peer.read" && e.in_list)
    );
    let export = app.exported_by_admin(newcomer.id).await;
    assert_eq!(export.peer_supports.len(), 2);
}

#[actix_web::test]
async fn bad_peers_and_ends_name_their_fields_and_write_nothing() {
    let app = spawn_app().await;
    let newcomer = app.active_participant("Nina", "Ny").await;
    let referred = app.new_participant("Rita", "Henvist").await;
    let c = app.coordinator().await;
    let elsewhere = app.active_on_other_ladder("Eva", "Annensteds").await;
    let path = format!("/api/v1/participants/{}/peers", newcomer.id);

    let problem =
        assert_problem(app.send_json(&c, Method::POST, &path, json!({})).await, 422).await;
    assert_eq!(fields(&problem), ["peer_id"]);
    let body = json!({"peer_id": newcomer.id, "starts_on": today() + Duration::days(40)});
    let problem = assert_problem(app.send_json(&c, Method::POST, &path, body).await, 422).await;
    assert_eq!(fields(&problem), ["peer_id", "starts_on"]);
    assert_eq!(problem["errors"][0]["code"], "not-themselves");
    for who in [referred.id, elsewhere.id] {
        let body = json!({"peer_id": who});
        let problem = assert_problem(app.send_json(&c, Method::POST, &path, body).await, 422).await;
        assert_eq!(fields(&problem), ["peer_id"]);
    }
    assert_problem(
        app.send_json(&c, Method::POST, &path, json!({"peer_id": "Per"}))
            .await,
        400,
    )
    .await;
    assert_eq!(stored(&app), 0);

    let peer = app.active_participant("Per", "Fadder").await;
    let named = c
        .name_peer(newcomer.id, &naming(peer.id))
        .await
        .expect("name");
    let second = app.active_participant("Siv", "Andre").await;
    let problem = assert_problem(
        app.send_json(&c, Method::POST, &path, json!({"peer_id": second.id}))
            .await,
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "has-peer");
    assert_eq!(stored(&app), 1);

    let ending = format!("{path}/{}/ending", named.peers[0].id);
    for body in [
        json!({}),
        json!({"ends_on": today() + Duration::days(1)}),
        json!({"ends_on": today() - Duration::days(1)}),
    ] {
        let problem =
            assert_problem(app.send_json(&c, Method::PUT, &ending, body).await, 422).await;
        assert_eq!(fields(&problem), ["ends_on"]);
    }
    // Peer support in the work log only for someone who is a peer that day.
    let body = json!({"date": today(), "entries": [
        {"participant_id": second.id, "hours": 1.0, "independence": "works_alone", "peer_support": true}
    ]});
    let problem = assert_problem(
        app.send_json(&c, Method::PUT, "/api/v1/work-log", body)
            .await,
        422,
    )
    .await;
    assert_eq!(fields(&problem), ["entries[0].peer_support"]);
    assert_eq!(problem["errors"][0]["code"], "not-a-peer");
    let unchanged = c.peers(newcomer.id).await.expect("peers");
    assert_eq!(unchanged.peers[0].ends_on, None);
}

#[actix_web::test]
async fn only_those_who_follow_both_reach_their_peers() {
    let app = spawn_app().await;
    let peer = app.active_participant("Per", "Skjult").await;
    let newcomer = app.active_participant("Nina", "Skjult").await;
    let c = app.coordinator().await;
    let named = c
        .name_peer(newcomer.id, &naming(peer.id))
        .await
        .expect("name");
    let support = named.peers[0].id;
    let end = PeerSupportEnd {
        ends_on: Some(today()),
    };
    for user in ["other-coordinator", "mentor", "viewer"] {
        let client = app.as_user(user).await;
        assert_eq!(
            status_of(&client.peers(newcomer.id).await.unwrap_err()),
            404,
            "{user}"
        );
        let named = client
            .name_peer(newcomer.id, &naming(peer.id))
            .await
            .unwrap_err();
        assert_eq!(status_of(&named), 404, "{user}");
        let ended = client
            .end_peer_support(newcomer.id, support, &end)
            .await
            .unwrap_err();
        assert_eq!(status_of(&ended), 404, "{user}");
    }
    // A support reached through someone else's path, or one that does not exist.
    let other = app.active_participant("Ola", "Utenfor").await;
    assert_eq!(
        status_of(
            &c.end_peer_support(other.id, support, &end)
                .await
                .unwrap_err()
        ),
        404
    );
    assert_eq!(
        status_of(
            &c.end_peer_support(newcomer.id, 424_242, &end)
                .await
                .unwrap_err()
        ),
        404
    );
    assert_eq!(
        c.peers(newcomer.id).await.expect("peers").peers[0].ends_on,
        None
    );
    // A partner never reads them.
    let setup = app
        .kristiansand_kommune(stige_domain::consent::SharingCategory::ALL)
        .await;
    let (_, id) = app.accepted(&setup, "Nora", "Aktiv").await;
    assert_eq!(status_of(&setup.api.peers(id).await.unwrap_err()), 404);
}
