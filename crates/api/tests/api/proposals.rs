//! Change proposals: a partner following a person proposes; staff accept (which
//! carries the change out) or decline; both sides see the outcome.

use crate::helpers::{Sent, TestApp, assert_problem, fields, spawn_app};
use crate::partner_helpers::PartnerSetup;
use reqwest::Method;
use serde_json::json;
use stige_client::{NewAgreementLink, NewProposal, ProposalDecision, ProposalQuery};
use stige_domain::consent::SharingCategory;
use stige_domain::proposal::{EndReason, ProposalKind, ProposalStatus};
use stige_domain::{EnrolmentStatus, ExitOutcome, ParticipantId};

const SCOPE: [SharingCategory; 1] = [SharingCategory::EnrolmentStatus];

fn end(reason: EndReason) -> NewProposal {
    NewProposal {
        kind: Some(ProposalKind::End),
        end_reason: Some(reason),
        text: Some("Starts at the bakery on Monday".into()),
        ..Default::default()
    }
}

fn accept(comment: &str) -> ProposalDecision {
    ProposalDecision {
        accept: Some(true),
        comment: Some(comment.into()),
        outcome: None,
    }
}

async fn followed(app: &TestApp, setup: &PartnerSetup) -> ParticipantId {
    let (_, id) = app.accepted(setup, "Kari", "Nordmann").await;
    app.start(id).await;
    id
}

fn proposals_stored(app: &TestApp) -> usize {
    stige_store::proposals::list(
        &mut app.conn(),
        &stige_store::proposals::Whose::Ladders(vec![app.ladder.0, app.other_ladder.0]),
        None,
        1000,
    )
    .expect("proposals")
    .len()
}

#[actix_web::test]
async fn a_proposed_end_accepted_by_the_coordinator_exits_the_person() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let id = followed(&app, &setup).await;
    let proposed = setup
        .api
        .propose(id, &end(EndReason::GotJob), "end-1")
        .await
        .expect("propose");
    assert_eq!(proposed.status, ProposalStatus::Proposed);
    // A retry with the same key gives the same proposal, not a second one.
    let again = setup
        .api
        .propose(id, &end(EndReason::GotJob), "end-1")
        .await
        .expect("retry");
    assert_eq!(again.id, proposed.id);
    assert_eq!(proposals_stored(&app), 1);
    let c = app.coordinator().await;
    let inbox = c
        .proposals(&ProposalQuery {
            status: Some(ProposalStatus::Proposed),
        })
        .await
        .expect("inbox");
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].given_name, "Kari");
    // The list is in the person's access log.
    let touched: Vec<String> = stige_store::audit::touching(&mut app.conn(), id)
        .expect("touching")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(touched.contains(&"proposal.list".to_owned()), "{touched:?}");
    let decided = c
        .decide_proposal(proposed.id, &accept("Congratulations"))
        .await
        .expect("accept");
    assert_eq!(decided.status, ProposalStatus::Accepted);
    let detail = c.participant(id).await.expect("detail");
    assert_eq!(detail.status, EnrolmentStatus::Exited);
    assert_eq!(
        detail.status_history.last().and_then(|s| s.outcome),
        Some(ExitOutcome::WorkOrdinaryFullTime)
    );
    // The partner sees the decision in its list and its feed.
    let theirs = setup
        .api
        .proposals(&ProposalQuery::default())
        .await
        .expect("partner list");
    assert_eq!(
        (theirs[0].status, theirs[0].comment.as_deref()),
        (ProposalStatus::Accepted, Some("Congratulations"))
    );
    let feed = setup.api.events(None, None).await.expect("feed");
    assert!(feed.events.iter().any(|e| e.kind == "proposal.decided"));
    // Decided once.
    let err = c
        .decide_proposal(proposed.id, &accept("again"))
        .await
        .expect_err("twice");
    assert_eq!(err.status(), Some(409));
    assert!(
        app.audit_actions(id)
            .contains(&"proposal.accepted".to_owned())
    );
}

#[actix_web::test]
async fn an_extension_moves_the_links_last_day_and_a_declined_pause_changes_nothing() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let other = app
        .partner("Arbeidsformidlingen", "964964106", &SCOPE)
        .await;
    let id = followed(&app, &setup).await;
    let c = app.coordinator().await;
    let today = chrono::Utc::now().date_naive();
    // The second agreement follows until a day; it proposes to follow longer.
    c.link_agreement(
        id,
        &NewAgreementLink {
            agreement_id: Some(other.agreement),
            valid_to: Some(today + chrono::Duration::days(30)),
            ..Default::default()
        },
    )
    .await
    .expect("link");
    let until = today + chrono::Duration::days(120);
    let extend = NewProposal {
        kind: Some(ProposalKind::Extend),
        until: Some(until),
        ..Default::default()
    };
    // A last day before or on the current one would shorten the link.
    let shorter = NewProposal {
        until: Some(today + chrono::Duration::days(30)),
        ..extend.clone()
    };
    let err = other
        .api
        .propose(id, &shorter, "ext-0")
        .await
        .expect_err("shorter");
    let codes: Vec<_> = err
        .problem()
        .map(|p| {
            p.errors
                .iter()
                .map(|e| (e.field.clone(), e.code.clone()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(codes, [("until".to_owned(), "after-link-end".to_owned())]);
    assert!(
        other
            .api
            .proposals(&ProposalQuery::default())
            .await
            .expect("none")
            .is_empty()
    );
    let proposed = other
        .api
        .propose(id, &extend, "ext-1")
        .await
        .expect("propose");
    c.decide_proposal(proposed.id, &accept("Yes"))
        .await
        .expect("accept");
    let links = c.agreement_links(id).await.expect("links");
    let theirs = links
        .iter()
        .find(|l| l.agreement_id == other.agreement)
        .expect("link");
    assert_eq!(theirs.valid_to, Some(until));
    // The paying link runs until further notice: nothing to extend.
    let response = app
        .send_json(
            &setup.api,
            Method::POST,
            &format!("/api/v1/participants/{id}/proposals"),
            json!({"kind": "extend", "until": until}),
        )
        .await;
    assert_problem(response, 400).await; // no Idempotency-Key
    let err = setup
        .api
        .propose(id, &extend, "ext-2")
        .await
        .expect_err("open-ended");
    assert_eq!(err.status(), Some(422));
    // A pause declined leaves the person active.
    let pause = NewProposal {
        kind: Some(ProposalKind::Pause),
        text: Some("Needs a few weeks off".into()),
        ..Default::default()
    };
    let proposed = setup
        .api
        .propose(id, &pause, "pause-1")
        .await
        .expect("pause");
    let declined = c
        .decide_proposal(
            proposed.id,
            &ProposalDecision {
                accept: Some(false),
                comment: Some("We keep the place open; let us talk".into()),
                outcome: None,
            },
        )
        .await
        .expect("decline");
    assert_eq!(declined.status, ProposalStatus::Declined);
    assert_eq!(
        c.participant(id).await.expect("detail").status,
        EnrolmentStatus::Active
    );
}

#[actix_web::test]
async fn bad_proposals_name_their_fields_and_write_nothing() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let id = followed(&app, &setup).await;
    let path = format!("/api/v1/participants/{id}/proposals");
    let cases = [
        (json!({}), vec!["kind"]),
        (json!({"kind": "end"}), vec!["end_reason"]),
        (json!({"kind": "end", "end_reason": "other"}), vec!["text"]),
        (json!({"kind": "pause"}), vec!["text"]),
        (
            json!({"kind": "change_participation", "hours_per_week": 99}),
            vec!["hours_per_week"],
        ),
        (
            json!({"kind": "extend", "until": "2000-01-01"}),
            vec!["until"],
        ),
    ];
    for (i, (body, expected)) in cases.into_iter().enumerate() {
        let response = setup
            .api
            .request(Method::POST, &path)
            .header("Idempotency-Key", format!("bad-{i}"))
            .json(&body)
            .sent()
            .await;
        let problem = assert_problem(response, 422).await;
        assert_eq!(fields(&problem), expected, "{body}");
    }
    assert_eq!(proposals_stored(&app), 0);
    let proposed = setup
        .api
        .propose(id, &end(EndReason::Moved), "ok-1")
        .await
        .expect("propose");
    let response = app
        .send_json(
            &app.coordinator().await,
            Method::POST,
            &format!("/api/v1/proposals/{}/decision", proposed.id),
            json!({"comment": "no decision"}),
        )
        .await;
    assert_eq!(fields(&assert_problem(response, 422).await), ["accept"]);
}

#[actix_web::test]
async fn only_a_following_partner_proposes_and_only_the_programmes_staff_decide() {
    let app = spawn_app().await;
    let setup = app.partner("Vennesla kommune", "963296746", &SCOPE).await;
    let stranger = app.partner("Iveland kommune", "964965218", &SCOPE).await;
    let id = followed(&app, &setup).await;
    let err = stranger
        .api
        .propose(id, &end(EndReason::Moved), "s-1")
        .await
        .expect_err("not following");
    assert_eq!(err.status(), Some(404));
    assert_eq!(proposals_stored(&app), 0);
    let proposed = setup
        .api
        .propose(id, &end(EndReason::Moved), "p-1")
        .await
        .expect("propose");
    // Another partner does not see it; another organisation's coordinator
    // cannot decide it; a mentor may not.
    assert!(
        stranger
            .api
            .proposals(&ProposalQuery::default())
            .await
            .expect("list")
            .is_empty()
    );
    let other = app.as_user("other-coordinator").await;
    let err = other
        .decide_proposal(proposed.id, &accept("no"))
        .await
        .expect_err("other organisation");
    assert_eq!(err.status(), Some(404));
    assert!(
        other
            .proposals(&ProposalQuery::default())
            .await
            .expect("list")
            .is_empty()
    );
    let err = app
        .mentor()
        .await
        .decide_proposal(proposed.id, &accept("no"))
        .await
        .expect_err("mentor");
    assert_eq!(err.status(), Some(403));
    let still = app
        .coordinator()
        .await
        .proposals(&ProposalQuery::default())
        .await
        .expect("list");
    assert_eq!(still[0].status, ProposalStatus::Proposed);
}
