use crate::helpers::{assert_problem, fields, spawn_app, status_of};
use reqwest::Method;
use stige_client::{NewUser, UserUpdate};
use stige_domain::Role;

#[actix_web::test]
async fn an_admin_creates_a_user_who_can_then_log_in() {
    let app = spawn_app().await;
    let user = NewUser {
        username: Some("sara".into()),
        display_name: Some("Sara Coach".into()),
        password: Some("long enough password".into()),
        role: Some(Role::Mentor),
        programmes: None,
    };
    let created = app.admin().await.create_user(&user).await.expect("create");
    assert_eq!(
        (created.username.as_str(), created.role),
        ("sara", Role::Mentor)
    );
    let me = app
        .client
        .logged_in("sara", "long enough password")
        .await
        .expect("login")
        .me()
        .await
        .expect("me");
    assert_eq!(me.display_name, "Sara Coach");
}

#[actix_web::test]
async fn a_user_with_bad_fields_gets_422_naming_each_field_and_nothing_is_written() {
    let app = spawn_app().await;
    let before = stige_store::users::count(&mut app.conn()).expect("count");
    let admin = app.admin().await;
    let response = app
        .send_json(
            &admin,
            Method::POST,
            "/api/v1/users",
            serde_json::json!({"username": "A B", "password": "short"}),
        )
        .await;
    let problem = assert_problem(response, 422).await;
    assert_eq!(
        fields(&problem),
        vec!["username", "display_name", "password", "role"]
    );
    assert_eq!(
        stige_store::users::count(&mut app.conn()).expect("count"),
        before
    );
}

#[actix_web::test]
async fn a_taken_username_is_refused() {
    let app = spawn_app().await;
    let user = NewUser {
        username: Some("mentor".into()),
        display_name: Some("Copy".into()),
        password: Some("long enough password".into()),
        role: Some(Role::Mentor),
        programmes: None,
    };
    let err = app.admin().await.create_user(&user).await.unwrap_err();
    assert_eq!(status_of(&err), 422);
    assert_eq!(
        err.problem().map(|p| p.errors[0].field.as_str()),
        Some("username")
    );
}

#[actix_web::test]
async fn only_admins_create_or_change_users() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let err = coordinator
        .create_user(&NewUser::default())
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 403);
    let err = coordinator
        .update_user(
            app.users.mentor,
            &UserUpdate {
                role: Some(Role::Admin),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 403);
    assert_eq!(
        status_of(&app.mentor().await.users().await.unwrap_err()),
        403
    );
}

#[actix_web::test]
async fn coordinators_list_users_to_assign_mentors() {
    let app = spawn_app().await;
    let users = app.coordinator().await.users().await.expect("users");
    assert!(
        users
            .iter()
            .any(|u| u.id == app.users.mentor && u.role == Role::Mentor)
    );
    let json = serde_json::to_string(&users).expect("json");
    assert!(!json.contains("argon2"), "no password hashes in responses");
}

#[actix_web::test]
async fn changing_an_unknown_user_is_404() {
    let app = spawn_app().await;
    let err = app
        .admin()
        .await
        .update_user(
            stige_domain::UserId(9999),
            &UserUpdate {
                display_name: Some("X".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);
}

#[actix_web::test]
async fn a_too_short_new_password_gets_422_and_the_old_one_still_works() {
    let app = spawn_app().await;
    let update = UserUpdate {
        password: Some("short".into()),
        ..Default::default()
    };
    let err = app
        .admin()
        .await
        .update_user(app.users.mentor, &update)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 422);
    assert!(
        app.client
            .login("mentor", crate::helpers::PASSWORD)
            .await
            .is_ok()
    );
}
