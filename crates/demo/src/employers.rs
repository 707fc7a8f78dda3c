//! Demo employers: ten workplaces in Kristiansand and Kalmar (some members of the
//! employers' association) and placements in every state. At each demo start a
//! fresh link for the placement awaiting its employer is printed.

use chrono::{Duration, NaiveDate};
use stige_domain::OrganisationId;
use stige_domain::placement::{
    EmployerDraft, EmployerInput, Feedback, InvitationPurpose, Language, PlacementDraft,
    PlacementKind, PlacementStatus,
};
use stige_domain::{EnrolmentStatus, ParticipantId, UserId};
use stige_secrets::token::new_token;
use stige_store::participants::{self, ListFilter};
use stige_store::{DbConnection, Store, invitations, placements};

/// `(name, organisation number, address, contact, e-mail, member, language)`.
const EMPLOYERS: [(&str, &str, &str, &str, &str, bool, Language); 10] = [
    (
        "Kalmar Verkstad AB",
        "5560125790",
        "Verkstadsgatan 4, Kalmar",
        "Anna Andersson",
        "anna@verkstad.example",
        true,
        Language::Sv,
    ),
    (
        "Kalmar Café & Bageri",
        "5565678900",
        "Storgatan 12, Kalmar",
        "Johan Berg",
        "johan@cafe.example",
        true,
        Language::Sv,
    ),
    (
        "Länets Lager AB",
        "5561234567",
        "Hamnvägen 2, Kalmar",
        "Lena Ek",
        "lena@lager.example",
        false,
        Language::Sv,
    ),
    (
        "Grönt & Skönt Trädgård",
        "5569876542",
        "Trädgårdsgatan 8, Kalmar",
        "Per Holm",
        "per@gront.example",
        true,
        Language::Sv,
    ),
    (
        "Kalmar Second Hand",
        "8020001239",
        "Södra vägen 30, Kalmar",
        "Eva Lind",
        "eva@secondhand.example",
        false,
        Language::Sv,
    ),
    (
        "Sørlandet Snekkeri AS",
        "923609016",
        "Industriveien 5, Kristiansand",
        "Ole Hansen",
        "ole@snekkeri.example",
        false,
        Language::Nb,
    ),
    (
        "Kafé Torvet",
        "963296746",
        "Torvet 1, Kristiansand",
        "Ingrid Dahl",
        "ingrid@torvet.example",
        false,
        Language::Nb,
    ),
    (
        "Kristiansand Bilpleie",
        "964965218",
        "Vestre Strandgate 40, Kristiansand",
        "Lars Moe",
        "lars@bilpleie.example",
        false,
        Language::Nb,
    ),
    (
        "Gjenbruk Sør",
        "964964998",
        "Markens gate 10, Kristiansand",
        "Nina Berg",
        "nina@gjenbruk.example",
        false,
        Language::Nb,
    ),
    (
        "Nordic IT Support",
        "964964610",
        "Tordenskjolds gate 9, Kristiansand",
        "Sam Taylor",
        "sam@nordicit.example",
        false,
        Language::En,
    ),
];

/// The states the demo placements are put in, one placement each.
const STATES: [PlacementStatus; 7] = [
    PlacementStatus::Proposed,
    PlacementStatus::AwaitingEmployer,
    PlacementStatus::Confirmed,
    PlacementStatus::Active,
    PlacementStatus::Completed,
    PlacementStatus::EndedEarly,
    PlacementStatus::Declined,
];

/// Seeds employers (the Swedish ones Porten's organisation's, the others
/// Portalen's) and one placement per state for active participants, each at
/// an employer of the participant's organisation, recorded by its coordinator.
pub fn seed(
    conn: &mut DbConnection,
    today: NaiveDate,
    organisations: (OrganisationId, OrganisationId),
    coordinators: (UserId, UserId),
) -> anyhow::Result<()> {
    let mut ids: Vec<(OrganisationId, i64)> = vec![];
    for (name, number, address, contact, email, member, language) in EMPLOYERS {
        let draft = EmployerDraft::parse(&EmployerInput {
            name: Some(name),
            organisation_number: Some(number),
            address: Some(address),
            contacts: vec![[Some(contact), None, Some(email)]],
            association_member: Some(member),
            language: Some(language),
        })
        .map_err(|e| anyhow::anyhow!("demo employer {name} is invalid: {e}"))?;
        let organisation = if matches!(language, Language::Sv) {
            organisations.1
        } else {
            organisations.0
        };
        ids.push((
            organisation,
            placements::insert_employer(conn, organisation, &draft)?,
        ));
    }
    // Each organisation's first active people, one placement per state.
    let mut placed = vec![];
    for organisation in [organisations.0, organisations.1] {
        let (active, _) = participants::list(
            conn,
            &ListFilter {
                status: Some(EnrolmentStatus::Active),
                limit: STATES.len() as i64,
                ..ListFilter::within(stige_store::within::PeopleReached::Organisation(
                    organisation.0,
                ))
            },
        )?;
        placed.extend(STATES.iter().zip(active).enumerate());
    }
    for (i, (state, row)) in placed {
        let organisation = stige_store::organisations::of_ladder(conn, row.participant.ladder_id)?
            .map(|o| OrganisationId(o.id))
            .ok_or_else(|| anyhow::anyhow!("demo participant without organisation"))?;
        let own: Vec<i64> = (ids.iter())
            .filter(|(o, _)| *o == organisation)
            .map(|(_, id)| *id)
            .collect();
        let employer = *own
            .get(i % own.len().max(1))
            .ok_or_else(|| anyhow::anyhow!("demo organisation without employers"))?;
        let by = if organisation == organisations.0 {
            coordinators.0
        } else {
            coordinators.1
        };
        let contact = placements::contacts(conn, employer)?
            .first()
            .map(|c| c.id)
            .ok_or_else(|| anyhow::anyhow!("demo employer without contact"))?;
        let (start, end) = match state {
            PlacementStatus::Proposed | PlacementStatus::AwaitingEmployer => {
                (today + Duration::days(14), today + Duration::days(100))
            }
            PlacementStatus::Confirmed => (today + Duration::days(3), today + Duration::days(90)),
            PlacementStatus::Active => (today - Duration::days(50), today + Duration::days(10)),
            _ => (today - Duration::days(150), today - Duration::days(20)),
        };
        let draft = PlacementDraft::parse(
            Some(if i % 3 == 2 {
                PlacementKind::WorkTrial
            } else {
                PlacementKind::Internship
            }),
            Some(["Lager", "Kafé", "Verksted", "Butikk", "Trädgård"][i % 5]),
            Some("Arbeid sammen med veileder, tre dager i uka."),
            Some(start),
            Some(end),
            Some(15 + 5 * (i as i64 % 3)),
        )
        .map_err(|e| anyhow::anyhow!("demo placement is invalid: {e}"))?;
        let id = placements::insert_placement(
            conn,
            ParticipantId(row.participant.id),
            employer,
            contact,
            &draft,
            by,
        )?;
        let path: &[PlacementStatus] = match state {
            PlacementStatus::Proposed => &[],
            PlacementStatus::AwaitingEmployer => &[PlacementStatus::AwaitingEmployer],
            PlacementStatus::Declined => {
                &[PlacementStatus::AwaitingEmployer, PlacementStatus::Declined]
            }
            PlacementStatus::Completed => &[
                PlacementStatus::AwaitingEmployer,
                PlacementStatus::Confirmed,
                PlacementStatus::Completed,
            ],
            PlacementStatus::EndedEarly => &[
                PlacementStatus::AwaitingEmployer,
                PlacementStatus::Confirmed,
                PlacementStatus::EndedEarly,
            ],
            _ => &[
                PlacementStatus::AwaitingEmployer,
                PlacementStatus::Confirmed,
            ],
        };
        let mut from = PlacementStatus::Proposed;
        // Each change raises the version (from 1), as through the API.
        for (version, next) in (1..).zip(path) {
            placements::claim(conn, id, version)?;
            let by_employer = matches!(
                next,
                PlacementStatus::Confirmed | PlacementStatus::Declined | PlacementStatus::Completed
            );
            let (decline, end_reason) = match next {
                PlacementStatus::Declined => (Some("Ingen veileder ledig i perioden"), None),
                PlacementStatus::EndedEarly => (None, Some("Flyttet fra kommunen")),
                _ => (None, None),
            };
            placements::set_status(conn, id, *next, decline, end_reason)?;
            placements::record_change(
                conn,
                id,
                Some(from),
                *next,
                None,
                decline.or(end_reason),
                (!by_employer).then_some(by),
            )?;
            if *next == PlacementStatus::Confirmed {
                placements::set_supervisor(
                    conn,
                    id,
                    ("Kontaktperson Demo", "+47 000 00 900", ""),
                    None,
                )?;
            }
            from = *next;
        }
        if *state == PlacementStatus::Completed {
            let feedback = Feedback::parse(
                [
                    ("attendance", Some(4)),
                    ("punctuality", Some(3)),
                    ("cooperation", Some(4)),
                    ("quality", Some(3)),
                ],
                Some("Stabil og hyggelig; vokste i rollen."),
            )
            .map_err(|e| anyhow::anyhow!("demo feedback is invalid: {e}"))?;
            placements::insert_feedback(conn, id, &feedback)?;
        }
    }
    Ok(())
}

/// A fresh link for the first placement awaiting its employer (older links for it
/// stop working), for the demo start banner.
pub fn fresh_link(store: &Store, public_url: &str, days: i64) -> anyhow::Result<Option<String>> {
    store.transaction(|conn| -> anyhow::Result<Option<String>> {
        let waiting = placements::open(conn)?
            .into_iter()
            .find(|p| p.placement.stored_status() == PlacementStatus::AwaitingEmployer);
        let Some(p) = waiting else {
            return Ok(None);
        };
        invitations::retire_open(conn, p.placement.id, InvitationPurpose::Confirm)?;
        let (token, hash) = new_token();
        let expires = stige_store::now() + Duration::days(days);
        invitations::insert(
            conn,
            p.placement.id,
            InvitationPurpose::Confirm,
            &hash,
            expires,
            UserId(p.placement.created_by),
        )?;
        Ok(Some(format!("{public_url}/employer/{token}")))
    })
}
