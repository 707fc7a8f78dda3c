//! A realistic example of every request body, by its schema's name: what a
//! partner or a script would send (partners copy them), valid as it stands
//! against the demo data (`stige serve --demo`).

use serde_json::{Value, json};

/// The example for a request body of the schema `name`, if it has one.
pub fn request_example(name: &str) -> Option<Value> {
    Some(match name {
        "LoginRequest" => json!({"username": "coordinator", "password": "demo"}),
        "ErasureRequest" => {
            json!({"reason": "The person asked to be forgotten (GDPR Art. 17), by letter of 1 December"})
        }
        "SituationInput" => json!({
            "income_source": "no_aap",
            "occupation": "another_measure",
            "education": "isced_2"
        }),
        "ParticipantContactInput" => json!({
            "phone": "+47 412 34 567",
            "email": "ola.nordmann@example.no",
            "address": "Storgata 1, 4611 Kristiansand",
            "emergency_contacts": [
                {"name": "Lise Nordmann", "relation": "sister", "phone": "+47 412 34 568", "may_contact": true}
            ],
            "safety_note": "Call the sister first. Do not contact the father."
        }),
        "PlanInput" => json!({
            "coordinator": "Karin Lindqvist",
            "review_every_weeks": 12,
            "areas": [
                {
                    "area": "housing",
                    "goal": "Ha en egen lägenhet till sommaren",
                    "responsible": "partner",
                    "responsible_name": "Socialtjänsten, Kalmar kommun",
                    "next_step": "Ansöka om bostad",
                    "next_step_by": "2027-01-15"
                },
                {
                    "area": "work",
                    "goal": "Klara fyra timmar om dagen i köket",
                    "responsible": "staff",
                    "responsible_name": "Måns Berg",
                    "next_step": "Öka till tre dagar i veckan"
                }
            ]
        }),
        "EnrolmentInput" => {
            json!({"activity_id": 2, "starts_on": "2026-12-07", "planned_end_on": "2027-03-26"})
        }
        "EnrolmentEndInput" => json!({
            "ending": "completed",
            "ended_on": "2027-03-26",
            "result": "Riktning: lagerarbete"
        }),
        "ActivityMarkInput" => json!({"date": "2026-12-07", "mark": "present"}),
        "NewWorkplace" => {
            json!({"name": "Snekkerverkstedet", "tasks": ["Pussing", "Maling", "Montering"]})
        }
        "NewWorkTask" => json!({"name": "Lakkering"}),
        "WorkplaceUpdate" => json!({"name": "Kafeen", "output_unit": "portions"}),
        "ProductionDayInput" => json!({"units": 42, "customers": 31, "sales": 4567.5}),
        "text/csv" => json!(
            "Dato;Kvitteringer;Beløp\n02.12.2026 11:40;1;89,00\n02.12.2026 12:05;2;1 234,50\n03.12.2026;1;145,00\n"
        ),
        "NewPeerSupport" => json!({"peer_id": 7, "starts_on": "2026-12-07"}),
        "PeerSupportEnd" => json!({"ends_on": "2027-02-26"}),
        "StepWorkDemand" => json!({"hours_a_week": 12.0, "independence": "some_guidance"}),
        "WorkLogUpdate" => json!({
            "date": "2026-12-07",
            "ladder_id": 1,
            "entries": [{
                "participant_id": 12,
                "hours": 4.5,
                "independence": "works_alone",
                "task_ids": [3, 5],
                "note": "Pusset ferdig to stoler"
            }]
        }),
        "ReachAttemptInput" => json!({"outcome": "reached", "at": "2026-12-04T09:30:00Z"}),
        "OutcomePreferences" => json!({"gender": "woman", "after_exit_checks_declined": false}),
        "SignInHandoff" => json!({"code": "pXh1b2Y0c2lnbi1pbi1jb2RlLW9uY2U"}),
        "RefreshRequest" => json!({"refresh_token": "Jm1dK0rQ3oVb7Q2m4hC2dVb3N9yZ1pXw"}),
        "ClientCredentialsForm" => json!({
            "grant_type": "client_credentials",
            "client_id": "demo-kristiansand",
            "client_secret": "demo"
        }),
        "NewUser" => json!({
            "username": "ingrid.coach",
            "display_name": "Ingrid Haugen",
            "role": "mentor",
            "password": "a long passphrase of words"
        }),
        "NewOrganisation" => json!({
            "name": "Kirkens Bymisjon Arendal",
            "organisation_number": "971589485",
            "default_language": "nb",
            "participant_word": "deltaker",
            "admin": {
                "username": "arendal-admin",
                "display_name": "Anne Admin",
                "role": "admin",
                "password": "a long passphrase of words"
            }
        }),
        "PasswordChange" => json!({
            "current_password": "demo",
            "new_password": "a long passphrase of words"
        }),
        "PasswordReset" => json!({
            "token": "k3J9Qm2xR8vN4tLp7wYz1aBcDeFgHiJkLmNoPqRsTuV",
            "new_password": "a long passphrase of words"
        }),
        "UserUpdate" => {
            json!({"display_name": "Ingrid Haugen", "role": "coordinator", "active": true})
        }
        "NewLadder" => json!({
            "name": "Verkstedet",
            "description": "From low-demand occupation in the workshop to ordinary work",
            "annual_target": 12,
            "throughput_target": 40,
            "whole_house_register": false
        }),
        "StepInput" => json!({
            "name": "Arbeidstrening",
            "description": "Work training four days a week with a supervisor",
            "demand_level": "work_like",
            "capacity": 8,
            "typical_duration_days": 120
        }),
        "StepOrder" => json!({"step_ids": [1, 2, 3, 4, 5]}),
        "NewActivity" => {
            json!({"name": "Norwegian course", "description": "Tuesdays and Thursdays, 10 to 12"})
        }
        "NewParticipant" => json!({
            "given_name": "Kari",
            "family_name": "Nordmann",
            "birth_date": "1988-04-12",
            "ladder_id": 1
        }),
        "ParticipantUpdate" => json!({
            "given_name": "Kari",
            "family_name": "Nordmann-Berg",
            "birth_date": "1988-04-12"
        }),
        "StatusChangeRequest" => json!({
            "action": "pause",
            "reason": "Inpatient treatment for six weeks",
            "date": "2026-11-30",
            "planned_return": "2027-01-11"
        }),
        "MoveRequestBody" => json!({
            "to_step_id": 2,
            "reason": "Comes every planned day and asks for more responsibility",
            "date": "2026-11-30"
        }),
        "MentorAssignment" => json!({"mentor_ids": [3]}),
        "NewGoal" => {
            json!({"text": "Get up in time for breakfast four days a week", "category": "structure"})
        }
        "GoalStatusChange" => json!({"status": "reached"}),
        "NewScore" => {
            json!({"score": 6, "date": "2026-11-30", "comment": "Up in time three days this week"})
        }
        "FollowUpInput" => json!({
            "date": "2026-11-30",
            "attendees": ["mentor"],
            "what_works": "The fixed start at nine; lunch with the others",
            "scaling_score": 6,
            "next_small_step": "Take the bus alone on Monday",
            "actions": [{"what": "Ask NAV about the bus card", "owner": "Mentor", "by_when": "2026-12-04", "done": false}],
            "next_due": "2026-12-14",
            "confidential": false
        }),
        "ActionDone" => json!({"done": true}),
        "RegisterUpdate" => json!({
            "date": "2026-11-30",
            "step_id": 1,
            "marks": [
                {"participant_id": 1, "mark": "present"},
                {"participant_id": 2, "mark": "absent_with_notice"}
            ],
            "activity_marks": [{"enrolment_id": 3, "mark": "present"}]
        }),
        "NewPlannedParticipation" => {
            json!({"weekdays": [1, 2, 4], "hours_per_week": 15, "valid_from": "2026-12-07"})
        }
        "ResearchConsentChange" => json!({"given": true, "date": "2026-11-30"}),
        "PartnerInput" => json!({
            "name": "Kristiansand kommune",
            "kind": "municipality",
            "organisation_number": "963 296 746"
        }),
        "AgreementInput" => json!({
            "partner_id": 1,
            "ladder_id": 1,
            "valid_from": "2026-01-01",
            "valid_to": "2027-12-31",
            "places": 10,
            "sharing_scope": ["enrolment_status", "current_step", "outcome"],
            "contact": {"name": "Per Saksbehandler", "phone": "+47 38 00 00 00", "email": "per@kristiansand.kommune.no"},
            "follow_up_service": {"name": "Oppfølgingstjenesten", "phone": "+47 38 07 50 00", "email": "oppfolging@kristiansand.kommune.no"}
        }),
        "NewApiClient" => json!({"client_id": "kristiansand-fagsystem"}),
        "NewPartnerUser" => {
            json!({"username": "per.saksbehandler", "display_name": "Per Saksbehandler"})
        }
        "PartnerUserActive" => json!({"active": false}),
        "NewReferral" => json!({
            "given_name": "Kari",
            "family_name": "Nordmann",
            "birth_date": "1988-04-12",
            "phone": "+47 912 34 567",
            "reason": "Wants a structured day after a long sick leave",
            "consent_collected": true,
            "partner_contact": {"name": "Per Saksbehandler", "phone": "+47 38 00 00 00", "email": "per@kristiansand.kommune.no"}
        }),
        "NewAgreementLink" => json!({
            "agreement_id": 2,
            "valid_from": "2026-12-01",
            "pays": false
        }),
        "AgreementLinkEnding" => json!({"valid_to": "2027-06-30"}),
        "NewProposal" => json!({
            "kind": "end",
            "end_reason": "got_job",
            "text": "Starts at the bakery on Monday"
        }),
        "ProposalDecision" => {
            json!({"accept": true, "comment": "Congratulations; we say goodbye on Friday"})
        }
        "RecordedReferral" => json!({
            "channel": "phone",
            "agreement_id": 1,
            "given_name": "Ola",
            "family_name": "Hansen",
            "birth_date": "1991-09-03",
            "phone": "+47 913 45 678",
            "reason": "Called by the caseworker: wants to try work in the café",
            "consent_collected": true,
            "partner_contact": {"name": "Per Saksbehandler", "phone": "+47 38 00 00 00"}
        }),
        "TriageRequest" => json!({
            "action": "accept",
            "first_step_id": 1,
            "mentor_id": 3,
            "start_date": "2026-11-30"
        }),
        "NewConsent" => json!({
            "partner_id": 1,
            "categories": ["enrolment_status", "current_step"],
            "purpose": "Follow-up under the cooperation agreement",
            "given_on": "2026-11-30"
        }),
        "ConsentRevocation" => json!({"revoked_on": "2026-11-30"}),
        "EmployerInput" => json!({
            "name": "Kalmar Verkstad AB",
            "organisation_number": "556036-0793",
            "address": "Verkstadsgatan 4, 392 39 Kalmar",
            "association_member": true,
            "language": "sv",
            "contacts": [{"name": "Lena Berg", "phone": "+46 480 12 34 56", "email": "lena.berg@kalmarverkstad.se"}]
        }),
        "PlacementInput" => json!({
            "participant_id": 1,
            "employer_id": 1,
            "kind": "internship",
            "role": "Warehouse assistant",
            "tasks": "Receiving goods, keeping the stock list",
            "start_date": "2027-01-04",
            "end_date": "2027-03-26",
            "hours_per_week": 20
        }),
        "InvitationRequest" => json!({"purpose": "confirm"}),
        "PlacementActionRequest" => json!({"action": "extend", "new_end_date": "2027-04-30"}),
        "PlacementActivityRequest" => json!({"activity_id": 1}),
        "EmployerConfirmation" => json!({
            "supervisor": {"name": "Lena Berg", "phone": "+46 480 12 34 56", "email": "lena.berg@kalmarverkstad.se"},
            "proposed_start_date": "2027-01-11"
        }),
        "EmployerDecline" => json!({"reason": "We have no supervisor free this spring"}),
        "EmployerCompletion" => json!({
            "outcome": "completed",
            "attendance": 4,
            "punctuality": 3,
            "cooperation": 4,
            "quality": 3,
            "comment": "Reliable and kind to customers; could ask more when unsure"
        }),
        _ => return None,
    })
}
