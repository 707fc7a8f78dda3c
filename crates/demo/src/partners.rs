//! Demo partners: Portalen's five municipalities and Kalmar's three partners, each
//! with a cooperation agreement and an API client `demo-<partner>` (secret `demo`);
//! referrals in every state; consents, some revoked. All people are invented.

use chrono::{Duration, NaiveDate};
use rand::Rng;
use rand::rngs::StdRng;
use stige_domain::OrganisationId;
use stige_domain::ValidationErrors;
use stige_domain::consent::SharingCategory;
use stige_domain::partner::PartnerEventKind;
use stige_domain::partner::{AgreementDraft, AgreementInput, PartnerDraft, PartnerKind};
use stige_domain::referral::{
    DeclineReason, ReferralChannel, ReferralDraft, ReferralInput, ReferralStatus,
};
use stige_domain::{LadderId, ParticipantId, UserId};
use stige_store::DbConnection;
use stige_store::participants::{self, ListFilter, PersonalDetails};
use stige_store::partner_feed;
use stige_store::referrals::{self, ReferralSource};
use stige_store::within::PeopleReached;
use stige_store::{consents, partners};

/// The demo clients' secret.
pub const DEMO_CLIENT_SECRET: &str = "demo";

/// A caseworker at Kristiansand kommune who signs in to the partner view
/// (password as the demo users').
pub const DEMO_PARTNER_USER: (&str, &str) = ("kristiansand-caseworker", "Kari Saksbehandler");

/// `(client id, partner name, kind, organisation number, Portalen?)`.
pub const DEMO_PARTNERS: [(&str, &str, PartnerKind, &str, bool); 8] = [
    (
        "demo-kristiansand",
        "Kristiansand kommune",
        PartnerKind::Municipality,
        "963296746",
        true,
    ),
    (
        "demo-sogne",
        "Søgne kommune",
        PartnerKind::Municipality,
        "964965218",
        true,
    ),
    (
        "demo-songdalen",
        "Songdalen kommune",
        PartnerKind::Municipality,
        "964964998",
        true,
    ),
    (
        "demo-vennesla",
        "Vennesla kommune",
        PartnerKind::Municipality,
        "964964610",
        true,
    ),
    (
        "demo-lillesand",
        "Lillesand kommune",
        PartnerKind::Municipality,
        "964964106",
        true,
    ),
    (
        "demo-kalmar",
        "Kalmar kommun",
        PartnerKind::Municipality,
        "2120000704",
        false,
    ),
    (
        "demo-arbetsformedlingen",
        "Arbetsförmedlingen",
        PartnerKind::PublicAgency,
        "2021005646",
        false,
    ),
    (
        "demo-forsakringskassan",
        "Försäkringskassan",
        PartnerKind::PublicAgency,
        "2021005521",
        false,
    ),
];

const REFERRED_NO: [(&str, &str); 8] = [
    ("Tobias", "Aune"),
    ("Mari", "Fjeld"),
    ("Eirik", "Haugland"),
    ("Silje", "Moen"),
    ("Kristoffer", "Nygård"),
    ("Hilde", "Rønning"),
    ("Anders", "Skaar"),
    ("Tone", "Vik"),
];

const REFERRED_SE: [(&str, &str); 8] = [
    ("Oskar", "Berglund"),
    ("Elin", "Dahl"),
    ("Viktor", "Ek"),
    ("Sara", "Holm"),
    ("Emil", "Lind"),
    ("Johanna", "Nyström"),
    ("Axel", "Sjöberg"),
    ("Linnea", "Wallin"),
];

/// The states the demo referrals of each agreement go through, in turn.
const STATES: [ReferralStatus; 6] = [
    ReferralStatus::Received,
    ReferralStatus::InAssessment,
    ReferralStatus::WaitingList,
    ReferralStatus::Declined,
    ReferralStatus::Withdrawn,
    ReferralStatus::Accepted,
];

/// Søgne and Songdalen merged into Kristiansand on 1 January 2020: their
/// agreements ended with 2019, and the people they followed are followed by
/// Kristiansand now.
const ENDED_IN_2019: [&str; 2] = ["demo-sogne", "demo-songdalen"];

/// The partners that share only enrolment status and outcome (the others
/// share every category but contact details).
const NARROW_SCOPE: [&str; 2] = ["demo-vennesla", "demo-kalmar"];

fn agreement_draft(
    norwegian: bool,
    today: NaiveDate,
    client_id: &str,
) -> anyhow::Result<AgreementDraft> {
    let scope: Vec<SharingCategory> = if NARROW_SCOPE.contains(&client_id) {
        vec![SharingCategory::EnrolmentStatus, SharingCategory::Outcome]
    } else {
        (SharingCategory::ALL.iter().copied())
            .filter(|c| *c != SharingCategory::ContactDetails)
            .collect()
    };
    let (valid_from, valid_to) = if ENDED_IN_2019.contains(&client_id) {
        (
            NaiveDate::from_ymd_opt(2016, 1, 1),
            NaiveDate::from_ymd_opt(2019, 12, 31),
        )
    } else {
        (
            Some(today - Duration::days(540)),
            Some(today + Duration::days(365)),
        )
    };
    let (contact, phone, service, email) = if norwegian {
        (
            "Saksbehandler NAV",
            "+47 38 00 00 00",
            "Oppfølgingstjenesten",
            "oppfolging@example.no",
        )
    } else {
        (
            "Handläggare",
            "+46 480 00 00 00",
            "Uppföljningsenheten",
            "uppfoljning@example.se",
        )
    };
    AgreementDraft::parse(&AgreementInput {
        valid_from,
        valid_to,
        places: Some(if norwegian { 10 } else { 12 }),
        sharing_scope: Some(&scope),
        contact: [Some(contact), Some(phone), None],
        follow_up_service: [Some(service), None, Some(email)],
    })
    .map_err(|e| anyhow::anyhow!("demo agreement is invalid: {e}"))
}

/// Seeds partners, agreements, clients (and Kristiansand's partner user),
/// consents and referrals; links the ladders' participants to the agreements
/// in turn. Returns the number of partners.
pub fn seed(
    conn: &mut DbConnection,
    rng: &mut StdRng,
    today: NaiveDate,
    ladders: (LadderId, LadderId),
    organisations: (OrganisationId, OrganisationId),
    coordinators: (UserId, UserId),
    secret_hash: &str,
) -> anyhow::Result<usize> {
    let mut agreements = (Vec::new(), Vec::new());
    for (client_id, name, kind, number, norwegian) in DEMO_PARTNERS.iter() {
        let draft = PartnerDraft::parse(Some(name), Some(*kind), Some(number))
            .map_err(|e| anyhow::anyhow!("demo partner is invalid: {e}"))?;
        let (ladder, organisation) = if *norwegian {
            (ladders.0, organisations.0)
        } else {
            (ladders.1, organisations.1)
        };
        let partner = partners::insert_partner(conn, organisation, &draft)?;
        let terms = agreement_draft(*norwegian, today, client_id)?;
        let agreement = partners::insert_agreement(conn, partner.id, ladder.0, &terms)?;
        partners::insert_client(conn, agreement.id, client_id, secret_hash)?;
        if *client_id == "demo-kristiansand" {
            let (username, display_name) = DEMO_PARTNER_USER;
            stige_store::users::insert(
                conn,
                &stige_store::users::NewUserRow {
                    username,
                    display_name,
                    password_hash: secret_hash,
                    role: stige_domain::Role::Partner.as_str(),
                    active: true,
                    created_at: stige_store::now(),
                    organisation_id: None,
                    agreement_id: Some(agreement.id),
                },
            )?;
        }
        if ENDED_IN_2019.contains(client_id) {
            // Ended: no people linked, no referrals.
            continue;
        }
        let list = if *norwegian {
            &mut agreements.0
        } else {
            &mut agreements.1
        };
        list.push((agreement.id, partner.id, ladder));
    }
    let sides = [
        (ladders.0, &agreements.0, coordinators.0),
        (ladders.1, &agreements.1, coordinators.1),
    ];
    for (ladder, list, coordinator) in sides {
        link_participants(conn, rng, today, ladder, list, coordinator)?;
    }
    let sides = [
        (&agreements.0, &REFERRED_NO, coordinators.0),
        (&agreements.1, &REFERRED_SE, coordinators.1),
    ];
    for (list, names, coordinator) in sides {
        for (i, (agreement, _, ladder)) in list.iter().enumerate() {
            for k in 0..3 {
                let state = STATES[(i * 3 + k) % STATES.len()];
                let (given, family) = names[(i * 3 + k) % names.len()];
                // Every third came by phone and was recorded by the coordinator.
                let channel = if k == 2 {
                    ReferralChannel::Phone
                } else {
                    ReferralChannel::Api
                };
                referral(
                    conn,
                    rng,
                    today,
                    (Some(*agreement), *ladder, channel),
                    (given, family),
                    state,
                    coordinator,
                )?;
            }
        }
    }
    // One person per programme asked to come themselves.
    let selves = [
        (ladders.0, ("Ingrid", "Selvik"), coordinators.0),
        (ladders.1, ("Elsa", "Självander"), coordinators.1),
    ];
    for (ladder, name, coordinator) in selves {
        let source = (None, ladder, ReferralChannel::SelfReferral);
        let state = ReferralStatus::Received;
        referral(conn, rng, today, source, name, state, coordinator)?;
    }
    Ok(DEMO_PARTNERS.len())
}

/// Links the ladder's participants to its agreements in turn, with consents for
/// what each agreement covers; every fourth person later revoked the current step.
fn link_participants(
    conn: &mut DbConnection,
    rng: &mut StdRng,
    today: NaiveDate,
    ladder: LadderId,
    list: &[(i64, i64, LadderId)],
    coordinator: UserId,
) -> anyhow::Result<()> {
    let (rows, _) = participants::list(
        conn,
        &ListFilter {
            reach: PeopleReached::Installation,
            status: None,
            ladder: Some(ladder.0),
            step: None,
            mentor: None,
            name: None,
            limit: 1000,
            offset: 0,
        },
    )?;
    for (i, row) in rows.iter().enumerate() {
        // Half of the people came through the first (largest) agreement.
        let pick = if i % 2 == 0 {
            0
        } else {
            (i / 2) % list.len().max(1)
        };
        let Some((agreement, partner, _)) = list.get(pick) else {
            continue;
        };
        let id = ParticipantId(row.participant.id);
        // From before the demo's histories begin (18 months back).
        let since = today - Duration::days(600);
        participants::link_agreement(conn, id, *agreement, since)?;
        // The first agreement proposes new planned participation for one person.
        if i == 2 {
            let proposal = stige_domain::proposal::Proposal::ChangeParticipation {
                from: today,
                weekdays: stige_domain::attendance::PlannedWeekdays::parse(&[1, 2, 3]).ok(),
                hours_per_week: Some(15),
            };
            stige_store::proposals::insert(conn, *agreement, id, &proposal)?;
        }
        // Every fifth is also followed by the next agreement, which does not pay
        // (and sees only what the person consents to it).
        if i % 5 == 1
            && let Some((other, _, _)) = list.get((pick + 1) % list.len())
            && other != agreement
        {
            let link = stige_store::agreement_links::NewLink {
                participant: id,
                agreement: *other,
                valid_from: since,
                valid_to: None,
                pays: false,
            };
            stige_store::agreement_links::insert(conn, link)?;
        }
        let given_on = today - Duration::days(rng.gen_range(30..300));
        for category in [
            SharingCategory::EnrolmentStatus,
            SharingCategory::CurrentStep,
            SharingCategory::AttendanceRate,
            SharingCategory::Outcome,
            SharingCategory::EarlyWarning,
        ] {
            let consent = consents::insert(
                conn,
                id,
                *partner,
                category,
                "Oppfølging etter samarbeidsavtalen / Uppföljning enligt samverkansavtalet",
                given_on,
                coordinator,
            )?;
            if i % 4 == 3 && category == SharingCategory::CurrentStep {
                consents::revoke(conn, consent.id, today - Duration::days(7), coordinator)?;
            }
        }
        if let Some(p) = participants::get(conn, stige_store::within::Within::Installation, id)? {
            let status = p.status;
            partner_feed::participant_status(conn, &p, status, p.status_since, None)?;
        }
    }
    Ok(())
}

fn referral(
    conn: &mut DbConnection,
    rng: &mut StdRng,
    today: NaiveDate,
    (agreement, ladder, channel): (Option<i64>, LadderId, ReferralChannel),
    (given, family): (&str, &str),
    state: ReferralStatus,
    coordinator: UserId,
) -> anyhow::Result<()> {
    let born = NaiveDate::from_ymd_opt(
        rng.gen_range(1970..2002),
        rng.gen_range(1..13),
        rng.gen_range(1..29),
    )
    .unwrap_or(today - Duration::days(30 * 365));
    let draft = ReferralDraft::parse_from(
        channel,
        &ReferralInput {
            given_name: Some(given),
            family_name: Some(family),
            birth_date: Some(born),
            national_id: None,
            phone: Some("+47 900 00 000"),
            email: None,
            reason: Some("Ønsker struktur i hverdagen og en vei mot arbeid. / Vill ha struktur i vardagen och en väg mot arbete."),
            partner_contact: if channel.has_partner() {
                [Some("Saksbehandler / Handläggare"), Some("+47 38 00 00 00"), None]
            } else {
                [None; 3]
            },
            consent_collected: Some(true),
        },
        today,
        ValidationErrors::new(),
    )
    .map_err(|e| anyhow::anyhow!("demo referral is invalid: {e}"))?;
    let source = ReferralSource {
        agreement,
        ladder: ladder.0,
        channel,
        recorded_by: (channel != ReferralChannel::Api).then_some(coordinator.0),
    };
    let row = referrals::insert(conn, source, &draft, None)?;
    partner_feed::referral(conn, &row, PartnerEventKind::ReferralReceived)?;
    if state == ReferralStatus::Received {
        return Ok(());
    }
    let decline = (state == ReferralStatus::Declined).then_some((
        DeclineReason::NeedsOtherMeasure,
        Some("Behov for behandling først."),
    ));
    if state == ReferralStatus::Accepted {
        let p = participants::insert(
            conn,
            ladder.0,
            &PersonalDetails {
                given_name: given.to_owned(),
                family_name: family.to_owned(),
                birth_date: Some(born),
                national_id: None,
            },
            today,
            coordinator,
        )?;
        if let Some(agreement) = agreement {
            participants::link_agreement(conn, ParticipantId(p.id), agreement, today)?;
        }
        referrals::link_participant(conn, row.id, ParticipantId(p.id))?;
    }
    referrals::set_status(conn, row.id, state, decline)?;
    if let Some(listed) = referrals::get(conn, row.id)? {
        partner_feed::referral(
            conn,
            &listed.referral,
            PartnerEventKind::ReferralStatusChanged,
        )?;
    }
    Ok(())
}
