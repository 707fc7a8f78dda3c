use crate::helpers::spawn_app;

#[actix_web::test]
async fn health_answers_ok_without_authentication() {
    let app = spawn_app().await;
    let health = app.client.health().await.expect("health");
    assert_eq!(health.status, "ok");
}

#[actix_web::test]
async fn ready_answers_when_the_database_is_reachable() {
    let app = spawn_app().await;
    assert_eq!(app.client.ready().await.expect("ready").status, "ready");
}
