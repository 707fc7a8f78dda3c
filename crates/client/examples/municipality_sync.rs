//! A municipality's integration with Stige, end to end:
//!
//! 1. get a token with the API client's credentials (renewed before it expires);
//! 2. refer a person with an `Idempotency-Key`, retrying safely on network errors
//!    (a retry with the same key can never make a second referral);
//! 3. follow the events feed, resuming from the last cursor, and print what happens
//!    to the referral;
//! 4. once the person is a participant, propose new planned participation (three
//!    days, 15 hours a week), idempotently, and print the programme's decision.
//!
//! Run it against a demo server (`cargo xtask run`):
//!
//! ```text
//! cargo run -p stige-client --example municipality_sync -- --simulate-staff
//! ```
//!
//! Settings: `STIGE_URL` (default `http://127.0.0.1:8080`), `STIGE_CLIENT_ID`
//! (default `demo-kristiansand`), `STIGE_CLIENT_SECRET` (default `demo`).
//! `--simulate-staff` logs in as the demo coordinator, triages the referral and
//! decides the proposal, so
//! the journey shows without anyone at the web app; without it the example waits
//! (up to `--wait SECONDS`, default 120) for staff to triage it in the web app.

use std::time::{Duration, Instant};
use stige_client::{
    Client, ClientError, ContactInput, NewProposal, NewReferral, PartnerSession, ProposalDecision,
    ProposalQuery, TriageAction, TriageRequest,
};
use stige_domain::ParticipantId;
use stige_domain::proposal::{ProposalKind, ProposalStatus};

fn setting(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// Refers with one key, retrying transport errors and 409 (the same key in flight);
/// the server answers a retry with the original referral.
async fn refer_safely(
    session: &PartnerSession,
    referral: &NewReferral,
) -> Result<stige_client::Referral, ClientError> {
    let key = uuid::Uuid::new_v4().to_string();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let api = session.client().await?;
        match api.refer(referral, &key).await {
            Ok(r) => return Ok(r),
            Err(e) if attempt < 5 && matches!(e.status(), None | Some(409) | Some(503)) => {
                eprintln!("  attempt {attempt} failed ({e}); retrying with the same key");
                tokio::time::sleep(Duration::from_millis(500 * attempt)).await;
            }
            Err(e) => return Err(e),
        }
    }
}

async fn simulate_staff(base: &Client, referral: i64) -> Result<(), ClientError> {
    let staff = base.logged_in("coordinator", "demo").await?;
    for action in [TriageAction::StartAssessment, TriageAction::Accept] {
        tokio::time::sleep(Duration::from_millis(300)).await;
        staff
            .triage(
                referral,
                &TriageRequest {
                    action: Some(action),
                    ..Default::default()
                },
            )
            .await?;
    }
    Ok(())
}

/// Proposes three days and 15 hours a week for `participant`, and waits (up to
/// `wait` seconds) for the programme's decision.
async fn propose_participation(
    session: &PartnerSession,
    base: &Client,
    participant: ParticipantId,
    simulate: bool,
    wait: u64,
) -> Result<(), Box<dyn std::error::Error>> {
    let api = session.client().await?;
    let key = format!("participation-{participant}");
    let proposal = api
        .propose(
            participant,
            &NewProposal {
                kind: Some(ProposalKind::ChangeParticipation),
                weekdays: Some(vec![1, 2, 3]),
                hours_per_week: Some(15),
                text: Some("Agreed with the person at our follow-up meeting".into()),
                ..Default::default()
            },
            &key,
        )
        .await?;
    println!("Proposed three days a week as proposal {}.", proposal.id);
    if simulate {
        let staff = base.logged_in("coordinator", "demo").await?;
        let accept = ProposalDecision {
            accept: Some(true),
            comment: Some("Fine by us".into()),
            outcome: None,
        };
        staff.decide_proposal(proposal.id, &accept).await?;
    }
    let deadline = Instant::now() + Duration::from_secs(wait);
    loop {
        let api = session.client().await?;
        let mine = api.proposals(&ProposalQuery::default()).await?;
        if let Some(p) = mine
            .iter()
            .find(|p| p.id == proposal.id && p.status != ProposalStatus::Proposed)
        {
            println!(
                "The programme {:?} the proposal: {}",
                p.status,
                p.comment.as_deref().unwrap_or("(no comment)")
            );
            return Ok(());
        }
        if Instant::now() > deadline {
            println!("No decision on the proposal yet.");
            return Ok(());
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let simulate = args.iter().any(|a| a == "--simulate-staff");
    let wait = args
        .iter()
        .position(|a| a == "--wait")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(120);
    let base = Client::new(setting("STIGE_URL", "http://127.0.0.1:8080"));
    let client_id = setting("STIGE_CLIENT_ID", "demo-kristiansand");
    let session = PartnerSession::new(&base, &client_id, &setting("STIGE_CLIENT_SECRET", "demo"));

    // Start the feed after what already happened, so only this run's events show.
    let mut cursor = {
        let api = session.client().await?;
        let mut cursor = None;
        loop {
            let page = api.events(cursor.as_deref(), Some(500)).await?;
            cursor = Some(page.next_cursor);
            if !page.has_more {
                break;
            }
        }
        cursor
    };

    let referral = refer_safely(
        &session,
        &NewReferral {
            given_name: Some("Ola".into()),
            family_name: Some("Eksempel".into()),
            birth_date: chrono::NaiveDate::from_ymd_opt(1990, 5, 17),
            reason: Some("Wants structure in the day and a way back to work.".into()),
            partner_contact: ContactInput {
                name: Some("Per Saksbehandler".into()),
                phone: Some("+47 38 00 00 00".into()),
                email: None,
            },
            consent_collected: Some(true),
            ..Default::default()
        },
    )
    .await?;
    println!(
        "Referred {} {} as referral {} ({:?}) under agreement {} as {client_id}.",
        referral.given_name,
        referral.family_name,
        referral.id,
        referral.status,
        referral.agreement_id.unwrap_or_default()
    );
    if simulate {
        println!("Simulating staff: the demo coordinator triages the referral.");
        simulate_staff(&base, referral.id).await?;
    } else {
        println!("Waiting up to {wait} s for staff to triage it in the web app…");
    }

    let deadline = Instant::now() + Duration::from_secs(wait);
    loop {
        let api = session.client().await?;
        let page = api.events(cursor.as_deref(), Some(100)).await?;
        cursor = Some(page.next_cursor.clone());
        let mut decided = false;
        for event in page
            .events
            .iter()
            .filter(|e| e.referral_id == Some(referral.id))
        {
            println!(
                "  {}  {:<26} {}",
                event.occurred_at.format("%Y-%m-%d %H:%M:%S"),
                event.kind,
                event.data
            );
            let status = event.data["status"].as_str().unwrap_or_default();
            decided |= matches!(status, "accepted" | "declined" | "withdrawn");
        }
        if decided {
            let final_state = api.referral(referral.id).await?;
            println!(
                "Journey done: {:?}{}. Resume the feed later with after={}.",
                final_state.status,
                final_state
                    .participant_id
                    .map(|p| format!(", participant {p}"))
                    .unwrap_or_default(),
                page.next_cursor
            );
            if let Some(participant) = final_state.participant_id {
                propose_participation(&session, &base, participant, simulate, wait).await?;
            }
            return Ok(());
        }
        if Instant::now() > deadline {
            println!(
                "No decision yet; resume later with after={}.",
                page.next_cursor
            );
            return Ok(());
        }
        if !page.has_more {
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}
