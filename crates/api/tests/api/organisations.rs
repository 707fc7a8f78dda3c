//! Need to know across organisations and programmes (issue 27): nobody reaches
//! the people, programmes, users, employers, partners or reports of an
//! organisation they do not belong to, nor the people of a programme they hold
//! no role in; the platform admin creates organisations and sees no one.

use crate::helpers::{Sent, TestApp, assert_problem, fields, spawn_app, status_of};
use crate::placements::employer_input;
use reqwest::Method;
use stige_client::{
    NewOrganisation, NewUser, ParticipantQuery, ProgrammeRole, RegisterQuery, UserUpdate,
};
use stige_domain::{LadderId, Role, UserId};

/// A platform admin, made the way `stige create-user --role platform_admin` does.
pub(crate) fn add_platform_admin(app: &TestApp) {
    let hash = stige_secrets::password::hash("correct horse battery").expect("hash");
    stige_store::users::insert(
        &mut app.conn(),
        &stige_store::users::NewUserRow {
            username: "platform",
            display_name: "Platform",
            password_hash: &hash,
            role: Role::PlatformAdmin.as_str(),
            active: true,
            created_at: stige_store::now(),
            organisation_id: None,
            agreement_id: None,
        },
    )
    .expect("platform admin");
}

#[actix_web::test]
async fn another_organisation_s_staff_reach_nothing_of_ours_and_change_nothing() {
    let app = spawn_app().await;
    let p = app.active_participant("Kari", "Nordmann").await;
    let employer = app
        .coordinator()
        .await
        .create_employer(&employer_input())
        .await
        .expect("employer");
    for stranger in ["other-admin", "other-coordinator", "other-mentor"] {
        let c = app.as_user(stranger).await;
        // Reads: 404 on the objects, nothing of ours in any list.
        assert_eq!(
            status_of(&c.participant(p.id).await.unwrap_err()),
            404,
            "{stranger}"
        );
        assert_eq!(status_of(&c.goals(p.id).await.unwrap_err()), 404);
        assert_eq!(status_of(&c.follow_ups(p.id).await.unwrap_err()), 404);
        assert_eq!(status_of(&c.ladder(app.ladder).await.unwrap_err()), 404);
        let listed = c.participants(&ParticipantQuery::default()).await;
        if let Ok(page) = listed {
            assert_eq!(page.total, 0, "{stranger} lists none of ours");
        }
        let register = c.register(&RegisterQuery::default()).await;
        if let Ok(r) = register {
            assert!(r.lines.iter().all(|l| l.participant_id != p.id));
        }
        let ladders = c.ladders().await.expect("ladders");
        assert_eq!(
            ladders.iter().map(|l| l.id).collect::<Vec<_>>(),
            vec![app.stranger.ladder],
            "{stranger} sees only their own programme"
        );
        if stranger != "other-mentor" {
            let today = c.today().await.expect("today");
            let json = serde_json::to_string(&today).expect("json");
            assert!(!json.contains("Nordmann"), "{stranger}'s Today");
            let employers = c.employers().await.expect("employers");
            assert!(employers.iter().all(|e| e.id != employer.id));
            assert_eq!(status_of(&c.employer(employer.id).await.unwrap_err()), 404);
            let board =
                serde_json::to_string(&c.placement_board().await.expect("board")).expect("json");
            assert!(!board.contains("Nordmann"));
            let users = c.users().await.expect("users");
            assert!(users.iter().all(|u| u.id != app.users.coordinator));
            assert!(c.partners().await.expect("partners").is_empty());
            assert!(c.agreements().await.expect("agreements").is_empty());
        }
        // Writes: 404, and nothing changed.
        let response = app
            .send_json(
                &c,
                Method::PUT,
                &format!("/api/v1/participants/{}", p.id),
                serde_json::json!({"given_name": "Changed", "family_name": "Name"}),
            )
            .await;
        assert!(
            [404, 428].contains(&response.status().as_u16()),
            "{stranger}: {}",
            response.status()
        );
        let response = app
            .send_json(
                &c,
                Method::POST,
                &format!("/api/v1/participants/{}/status", p.id),
                serde_json::json!({"action": "pause", "date": chrono::Utc::now().date_naive(), "reason": "x"}),
            )
            .await;
        assert_problem(response, 404).await;
        let response = app
            .send_json(
                &c,
                Method::PUT,
                &format!("/api/v1/ladders/{}", app.ladder),
                serde_json::json!({"name": "Taken over", "description": ""}),
            )
            .await;
        assert!([403, 404].contains(&response.status().as_u16()));
        let response = app
            .send_json(
                &c,
                Method::PATCH,
                &format!("/api/v1/users/{}", app.users.coordinator),
                serde_json::json!({"display_name": "Taken over"}),
            )
            .await;
        assert!([403, 404].contains(&response.status().as_u16()));
    }
    let after = app
        .coordinator()
        .await
        .participant(p.id)
        .await
        .expect("ours");
    assert_eq!(
        (after.given_name.as_str(), after.status),
        ("Kari", p.status)
    );
    let ladder = app.admin().await.ladder(app.ladder).await.expect("ladder");
    assert_eq!(ladder.name, "Porten");
    let users = app.admin().await.users().await.expect("users");
    let coordinator = users
        .iter()
        .find(|u| u.id == app.users.coordinator)
        .expect("ours");
    assert_eq!(coordinator.display_name, "coordinator display");
    // The refused attempts on our participant are in our audit.
    assert!(
        app.audit_actions(p.id)
            .iter()
            .any(|a| a == "participant.read.refused")
    );
}

#[actix_web::test]
async fn a_staff_member_reaches_only_the_programmes_they_hold_a_role_in() {
    let app = spawn_app().await;
    let here = app.active_participant("Ola", "Here").await;
    let admin = app.admin().await;
    let there = app
        .new_participant_on(app.other_ladder, "Eva", "There")
        .await;
    // The coordinator now works in the first programme only, and as a mentor
    // (of nobody yet) in the other.
    let update = UserUpdate {
        programmes: Some(vec![
            ProgrammeRole {
                ladder_id: app.ladder,
                role: Role::Coordinator,
            },
            ProgrammeRole {
                ladder_id: app.other_ladder,
                role: Role::Mentor,
            },
        ]),
        ..Default::default()
    };
    let user = admin
        .update_user(app.users.coordinator, &update)
        .await
        .expect("programmes");
    assert_eq!(user.programmes.len(), 2);
    let c = app.coordinator().await;
    assert_eq!(
        c.participant(here.id).await.expect("own programme").id,
        here.id
    );
    assert_eq!(status_of(&c.participant(there.id).await.unwrap_err()), 404);
    let page = c
        .participants(&ParticipantQuery::default())
        .await
        .expect("list");
    assert!(page.items.iter().any(|i| i.id == here.id));
    assert!(page.items.iter().all(|i| i.id != there.id));
    let me = c.me().await.expect("me");
    assert_eq!(
        me.programmes
            .iter()
            .map(|p| (p.ladder_id, p.role))
            .collect::<Vec<_>>(),
        vec![
            (app.ladder, Role::Coordinator),
            (app.other_ladder, Role::Mentor)
        ]
    );
    assert_eq!(
        me.organisation.map(|o| o.name),
        Some("Test organisation".to_owned())
    );
    // Assigned as the mentor of the person there, they reach them.
    admin
        .assign_mentors(
            there.id,
            &stige_client::MentorAssignment {
                mentor_ids: vec![app.users.coordinator],
            },
        )
        .await
        .expect("assign");
    assert_eq!(
        c.participant(there.id).await.expect("assigned").id,
        there.id
    );
}

#[actix_web::test]
async fn programmes_given_to_a_user_must_be_the_organisation_s() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let before = stige_store::users::count(&mut app.conn()).expect("count");
    let user = NewUser {
        username: Some("sneaky".into()),
        display_name: Some("Sneaky".into()),
        password: Some("long enough password".into()),
        role: Some(Role::Coordinator),
        programmes: Some(vec![ProgrammeRole {
            ladder_id: app.stranger.ladder,
            role: Role::Coordinator,
        }]),
    };
    let err = admin.create_user(&user).await.unwrap_err();
    assert_eq!(status_of(&err), 422);
    assert_eq!(
        stige_store::users::count(&mut app.conn()).expect("count"),
        before,
        "nothing written"
    );
    let platform = NewUser {
        role: Some(Role::PlatformAdmin),
        programmes: None,
        ..user.clone()
    };
    assert_eq!(
        status_of(&admin.create_user(&platform).await.unwrap_err()),
        422
    );
    let ok = NewUser {
        programmes: Some(vec![ProgrammeRole {
            ladder_id: app.other_ladder,
            role: Role::Mentor,
        }]),
        ..user
    };
    let created = admin.create_user(&ok).await.expect("created");
    assert_eq!(
        created.programmes,
        vec![ProgrammeRole {
            ladder_id: app.other_ladder,
            role: Role::Mentor
        }]
    );
    // Another organisation's admin cannot change our user.
    let other = app.as_user("other-admin").await;
    let err = other
        .update_user(created.id, &UserUpdate::default())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);
}

#[actix_web::test]
async fn the_platform_admin_creates_organisations_and_sees_no_one() {
    let app = spawn_app().await;
    add_platform_admin(&app);
    let p = app.new_participant("Kari", "Nordmann").await;
    let platform = app
        .client
        .logged_in("platform", "correct horse battery")
        .await
        .expect("platform login");
    assert_eq!(
        status_of(&platform.participant(p.id).await.unwrap_err()),
        404
    );
    assert!(platform.ladders().await.expect("ladders").is_empty());
    let listed = platform.participants(&ParticipantQuery::default()).await;
    assert!(listed.is_err() || listed.is_ok_and(|page| page.total == 0));
    let response = platform
        .request(Method::GET, "/api/v1/organisation")
        .sent()
        .await;
    assert_problem(response, 404).await;
    // Bad input: every field named, nothing written.
    let before = stige_store::organisations::list(&mut app.conn())
        .expect("list")
        .len();
    let response = app
        .send_json(
            &platform,
            Method::POST,
            "/api/v1/organisations",
            serde_json::json!({"name": "", "organisation_number": "123", "default_language": "de",
                "participant_word": "deltaker", "admin": {"username": "x", "password": "short"}}),
        )
        .await;
    let problem = assert_problem(response, 422).await;
    let named = fields(&problem);
    for field in [
        "name",
        "organisation_number",
        "default_language",
        "admin.username",
        "admin.display_name",
        "admin.password",
    ] {
        assert!(named.iter().any(|f| f == field), "{field} in {named:?}");
    }
    assert_eq!(
        stige_store::organisations::list(&mut app.conn())
            .expect("list")
            .len(),
        before
    );
    // Staff of an organisation may not create one.
    let body = NewOrganisation {
        name: Some("Kirkens Bymisjon Arendal".into()),
        organisation_number: Some("971589477".into()),
        default_language: Some("nb".into()),
        participant_word: Some("deltaker".into()),
        admin: Some(NewUser {
            username: Some("arendal-admin".into()),
            display_name: Some("Anne Admin".into()),
            password: Some("long enough password".into()),
            role: None,
            programmes: None,
        }),
    };
    let response = app
        .send_json(
            &app.admin().await,
            Method::POST,
            "/api/v1/organisations",
            serde_json::to_value(&body).expect("json"),
        )
        .await;
    assert_problem(response, 403).await;
    let response = app
        .send_json(
            &platform,
            Method::POST,
            "/api/v1/organisations",
            serde_json::to_value(&body).expect("json"),
        )
        .await;
    assert_eq!(response.status(), 201);
    // The new organisation's admin signs in, sees their organisation and
    // nobody else's people.
    let arendal = app
        .client
        .logged_in("arendal-admin", "long enough password")
        .await
        .expect("login");
    let me = arendal.me().await.expect("me");
    assert_eq!(
        me.organisation.map(|o| (o.name, o.country)),
        Some(("Kirkens Bymisjon Arendal".to_owned(), "NO".to_owned()))
    );
    assert!(arendal.ladders().await.expect("ladders").is_empty());
    assert_eq!(
        status_of(&arendal.participant(p.id).await.unwrap_err()),
        404
    );
    assert!(
        arendal
            .users()
            .await
            .expect("users")
            .iter()
            .all(|u| u.id != UserId(0))
    );
    let ladder = arendal
        .create_ladder(&stige_client::NewLadder {
            name: Some("Arbeidstrening".into()),
            description: Some(String::new()),
            ..Default::default()
        })
        .await
        .expect("their first programme");
    assert_eq!(
        arendal
            .ladders()
            .await
            .expect("ladders")
            .iter()
            .map(|l| l.id)
            .collect::<Vec<LadderId>>(),
        vec![ladder.id]
    );
    assert!(
        app.admin()
            .await
            .ladders()
            .await
            .expect("ours")
            .iter()
            .all(|l| l.id != ladder.id)
    );
}

#[actix_web::test]
async fn two_organisations_may_work_with_the_same_partner_and_employer_unknown_to_each_other() {
    let app = spawn_app().await;
    let partner = stige_client::PartnerInput {
        name: Some("Kristiansand kommune".into()),
        kind: Some(stige_domain::partner::PartnerKind::Municipality),
        organisation_number: Some("963 296 746".into()),
    };
    let ours = app.admin().await;
    let theirs = app.as_user("other-admin").await;
    ours.create_partner(&partner).await.expect("our partner");
    ours.create_employer(&employer_input())
        .await
        .expect("our employer");
    // The other organisation registers the same numbers under its own names.
    let their_partner = theirs
        .create_partner(&stige_client::PartnerInput {
            name: Some("Kommunen".into()),
            ..partner.clone()
        })
        .await
        .expect("the same partner in another organisation");
    theirs
        .create_employer(&employer_input())
        .await
        .expect("the same employer in another organisation");
    // Within one organisation a number is still registered once, and the
    // refusal names that organisation's own partner, never the other's.
    let again = theirs
        .request(Method::POST, "/api/v1/partners")
        .json(&partner)
        .sent()
        .await;
    let problem = assert_problem(again, 422).await;
    assert_eq!(fields(&problem), vec!["organisation_number".to_owned()]);
    let text = problem.to_string();
    assert!(text.contains("Kommunen"), "{text}");
    assert!(!text.contains("Kristiansand"), "{text}");
    let listed = theirs.partners().await.expect("partners");
    assert_eq!(
        listed.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![their_partner.id],
        "nothing was added by the refused request"
    );
    let again = ours
        .request(Method::POST, "/api/v1/employers")
        .json(&employer_input())
        .sent()
        .await;
    assert_problem(again, 422).await;
    assert_eq!(ours.employers().await.expect("employers").len(), 1);
}
