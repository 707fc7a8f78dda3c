//! Demo data: both reference programmes' ladders, about 30 fictional participants
//! with 18 months of history, and one user per role (password `demo`).
//!
//! Every person here is invented. No national identity numbers are generated, since
//! a valid-looking number could belong to a real person.

use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use stige_domain::AuditAction;
use stige_domain::Direction;
use stige_domain::{
    DemandLevel, EnrolmentStatus, ExitOutcome, LadderId, OrganisationId, ParticipantId, Role,
    StepDraft, StepId, UserId,
};
use stige_secrets::password;
use stige_store::DbConnection;
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::participants::{self, NewStatusChange, NewStepMove, PersonalDetails};
use stige_store::{Store, ladders, organisations, users};

/// The demo's users: username, name, role, and organisation (0: Kirkens
/// Bymisjon, which runs Portalen; 1: Arbetsgivarringen, which runs Porten;
/// none: the platform admin).
pub const DEMO_USERS: [(&str, &str, &str, Option<usize>); 10] = [
    ("admin", "Ada Admin", "admin", Some(0)),
    ("coordinator", "Kari Koordinator", "coordinator", Some(0)),
    ("mentor", "Morten Mentor", "mentor", Some(0)),
    ("mentor2", "Maja Mentor", "mentor", Some(0)),
    ("viewer", "Vera Viewer", "viewer", Some(0)),
    ("researcher", "Rita Researcher", "researcher", Some(0)),
    ("porten-admin", "Per Andersson", "admin", Some(1)),
    (
        "porten-coordinator",
        "Karin Lindqvist",
        "coordinator",
        Some(1),
    ),
    ("porten-mentor", "Måns Berg", "mentor", Some(1)),
    ("platform", "Pia Plattform", "platform_admin", None),
];

/// The demo's two organisations: name, organisation number, country,
/// language, the word for a participant.
pub const DEMO_ORGANISATIONS: [(&str, &str, &str, &str, &str); 2] = [
    (
        "Kirkens Bymisjon Kristiansand",
        "971589493",
        "NO",
        "nb",
        "medarbeider",
    ),
    (
        "Arbetsgivarringen Kalmar",
        "8024650122",
        "SE",
        "sv",
        "deltagare",
    ),
];
pub const DEMO_PASSWORD: &str = "demo";

/// What seeding did.
#[derive(Debug, PartialEq, Eq)]
pub enum Seeded {
    /// The database already held data; nothing was added.
    AlreadyHadData,
    Created {
        participants: usize,
    },
}

type StepSpec = (
    &'static str,
    &'static str,
    DemandLevel,
    Option<i64>,
    Option<i64>,
);

const PORTALEN: [StepSpec; 4] = [
    (
        "Bli kjent",
        "Lavterskel start: kom når du kan, bli kjent med huset og en mentor.",
        DemandLevel::Low,
        Some(15),
        Some(60),
    ),
    (
        "Produksjon",
        "Ekte arbeid i verkstedet og kafeen, med produkter av god kvalitet.",
        DemandLevel::Moderate,
        Some(20),
        Some(180),
    ),
    (
        "Ansvar i huset",
        "Ansvar for et arbeidslag eller en produktlinje; faste arbeidstider.",
        DemandLevel::WorkLike,
        Some(10),
        Some(180),
    ),
    (
        "Veien videre",
        "Videre til nye tiltak, utdanning eller arbeid.",
        DemandLevel::OrdinaryWork,
        None,
        Some(90),
    ),
];

const PORTEN: [StepSpec; 4] = [
    (
        "Mylla",
        "Sysselsättning med låga krav, i din egen takt.",
        DemandLevel::Low,
        Some(15),
        Some(90),
    ),
    (
        "Porten soppkök",
        "Soppköket: produktionskrav och riktiga kunder.",
        DemandLevel::Moderate,
        Some(12),
        Some(120),
    ),
    (
        "Praktik",
        "Praktik eller arbete hos ett medlemsföretag; kraven ökar igen.",
        DemandLevel::WorkLike,
        Some(12),
        Some(120),
    ),
    (
        "Arbete eller studier",
        "Anställning eller studier: stegens mål.",
        DemandLevel::OrdinaryWork,
        None,
        None,
    ),
];

pub(crate) const NORWEGIAN: [(&str, &str); 15] = [
    ("Ola", "Haugen"),
    ("Ingrid", "Berg"),
    ("Jonas", "Lie"),
    ("Silje", "Dahl"),
    ("Per", "Moen"),
    ("Marte", "Strand"),
    ("Knut", "Solberg"),
    ("Hanne", "Bakken"),
    ("Emil", "Eide"),
    ("Tone", "Lunde"),
    ("Geir", "Nilsen"),
    ("Line", "Aas"),
    ("Rune", "Holm"),
    ("Camilla", "Vik"),
    ("Stian", "Rød"),
];

pub(crate) const SWEDISH: [(&str, &str); 15] = [
    ("Anna", "Lindqvist"),
    ("Erik", "Sjöberg"),
    ("Sara", "Holmgren"),
    ("Johan", "Ek"),
    ("Elin", "Nyström"),
    ("Mikael", "Forsberg"),
    ("Linnea", "Åberg"),
    ("Oskar", "Blom"),
    ("Maria", "Sandberg"),
    ("Fredrik", "Lund"),
    ("Emma", "Hedlund"),
    ("Niklas", "Wallin"),
    ("Karin", "Björk"),
    ("Jonas", "Engström"),
    ("Sofia", "Dahlberg"),
];

/// The words staff write in the history, in each programme's own language.
struct Texts {
    start: &'static str,
    up: [&'static str; 3],
    down: [&'static str; 3],
    pause: [&'static str; 3],
}

const NORWEGIAN_TEXTS: Texts = Texts {
    start: "Startet i arbeidsfellesskapet",
    up: [
        "Stabilt oppmøte i flere uker; ønsker mer ansvar.",
        "Klar for mer krav, avtalt i oppfølgingssamtale.",
        "Eget ønske, støttet av mentor.",
    ],
    down: [
        "Trenger roligere tempo en periode; avtalt sammen.",
        "Mer struktur hjelper akkurat nå.",
        "Tilbake etter en tung periode; starter forsiktig.",
    ],
    pause: ["Behandlingsopphold", "Sykmeldt", "Familiesituasjon"],
};

const SWEDISH_TEXTS: Texts = Texts {
    start: "Började i Mylla",
    up: [
        "Stabil närvaro i flera veckor; vill ha mer ansvar.",
        "Redo för högre krav, överenskommet vid uppföljning.",
        "Egen önskan, med stöd av coachen.",
    ],
    down: [
        "Behöver lugnare tempo ett tag; överenskommet tillsammans.",
        "Mer struktur hjälper just nu.",
        "Tillbaka efter en tung period; börjar försiktigt.",
    ],
    pause: ["Behandling", "Sjukskriven", "Familjesituation"],
};

/// Whether the database has no users and no ladders (what the demo fills).
pub fn is_empty(store: &Store) -> anyhow::Result<bool> {
    let mut conn = store.conn()?;
    Ok(users::count(&mut conn)? == 0 && ladders::count(&mut conn)? == 0)
}

/// Seeds the demo data if the database has no users and no ladders.
pub fn seed_if_empty(store: &Store, today: NaiveDate) -> anyhow::Result<Seeded> {
    let hash = password::hash(DEMO_PASSWORD)?;
    store.transaction(|conn| -> anyhow::Result<Seeded> {
        if users::count(conn)? > 0 || ladders::count(conn)? > 0 {
            return Ok(Seeded::AlreadyHadData);
        }
        let mut orgs = Vec::new();
        for (name, number, country, language, word) in DEMO_ORGANISATIONS {
            let row = organisations::insert(
                conn,
                &organisations::NewOrganisation {
                    name,
                    organisation_number: number,
                    country,
                    default_language: language,
                    participant_word: word,
                    retention_years: 5,
                    created_at: stige_store::now(),
                },
            )?;
            orgs.push(OrganisationId(row.id));
        }
        let mut ids = Vec::new();
        for (username, display_name, role, org) in DEMO_USERS {
            let row = users::insert(
                conn,
                &users::NewUserRow {
                    username,
                    display_name,
                    password_hash: &hash,
                    role,
                    active: true,
                    created_at: stige_store::now(),
                    organisation_id: org.map(|o| orgs[o].0),
                    agreement_id: None,
                },
            )?;
            ids.push(UserId(row.id));
        }
        let (coordinator, mentors) = (ids[1], [ids[2], ids[3]]);
        let (porten_coordinator, porten_mentor) = (ids[7], ids[8]);
        let portalen = ladder(
            conn,
            orgs[0],
            "Portalen arbeidsfellesskap",
            "Kristiansand: arbeidsfellesskap for mennesker i aktiv rus som ønsker endring.",
            Targets {
                to_work_or_education: 15,
                throughput: 25,
            },
            &PORTALEN,
        )?;
        let talk_group = ladders::add_activity(
            conn,
            portalen.0,
            "Samtalegruppe",
            "Ukentlig samtalegruppe ledet av en mentor med egenerfaring.",
        )?;
        let porten = ladder(
            conn,
            orgs[1],
            "Porten / Mylla",
            "Kalmar: stege för personer med stressrelaterad psykisk ohälsa.",
            // Porten's stated target: a throughput of about 40 people a year.
            Targets {
                to_work_or_education: 20,
                throughput: 40,
            },
            &PORTEN,
        )?;
        let alup = ladders::add_activity(
            conn,
            porten.0,
            "ALUP",
            "Arbetslivsinriktat program parallellt med stegen, som slutar i ett tydligt mål.",
        )?;
        let mut rng = StdRng::seed_from_u64(2026);
        let mut n = 0;
        for (i, (given, family)) in NORWEGIAN.iter().enumerate() {
            history(
                conn,
                &mut rng,
                &portalen,
                &NORWEGIAN_TEXTS,
                (given, family),
                today,
                coordinator,
                mentors[i % 2],
                i,
            )?;
            n += 1;
        }
        let swedish_from = participants::count(conn)? + 1;
        for (i, (given, family)) in SWEDISH.iter().enumerate() {
            history(
                conn,
                &mut rng,
                &porten,
                &SWEDISH_TEXTS,
                (given, family),
                today,
                porten_coordinator,
                porten_mentor,
                i,
            )?;
            n += 1;
        }
        // Each staff member works in their organisation's programme in their role.
        for ((_, _, role, org), id) in DEMO_USERS.iter().zip(&ids) {
            let ladder = match org {
                Some(0) => portalen.0,
                Some(_) => porten.0,
                None => continue,
            };
            let role =
                Role::parse(role).ok_or_else(|| anyhow::anyhow!("unknown demo role {role}"))?;
            if role != Role::Admin {
                users::set_programme_roles(conn, *id, &[(ladder.0, role)])?;
            }
        }
        crate::daily::seed(conn, &mut rng, today, coordinator, swedish_from)?;
        crate::partners::seed(
            conn,
            &mut rng,
            today,
            (portalen.0, porten.0),
            (orgs[0], orgs[1]),
            (coordinator, porten_coordinator),
            &hash,
        )?;
        crate::employers::seed(
            conn,
            today,
            (orgs[0], orgs[1]),
            (coordinator, porten_coordinator),
        )?;
        crate::activities::seed(
            conn,
            today,
            &[
                (portalen.0.0, talk_group.id, false, coordinator),
                (porten.0.0, alup.id, true, porten_coordinator),
            ],
        )?;
        crate::work::seed(
            conn,
            today,
            &[
                (portalen.0.0, false, coordinator),
                (porten.0.0, true, porten_coordinator),
            ],
        )?;
        // With the participants accepted from demo referrals.
        let count = participants::count(conn)?;
        crate::outcomes::seed(
            conn,
            today,
            &[
                (portalen.0.0, coordinator),
                (porten.0.0, porten_coordinator),
            ],
            count,
        )?;
        let n = usize::try_from(count).unwrap_or(n);
        audit::record(
            conn,
            AuditEvent {
                actor: Actor::System,
                action: AuditAction::DemoSeed,
                participant: None,
                ip: None,
                detail: Some(format!("participants={n}")),
            },
        )?;
        Ok(Seeded::Created { participants: n })
    })
}

/// A demo ladder's annual targets.
struct Targets {
    to_work_or_education: i32,
    throughput: i32,
}

fn ladder(
    conn: &mut DbConnection,
    organisation: OrganisationId,
    name: &str,
    description: &str,
    targets: Targets,
    steps: &[StepSpec],
) -> anyhow::Result<(LadderId, Vec<StepId>)> {
    let row = ladders::create(
        conn,
        organisation,
        name,
        description,
        Some(targets.to_work_or_education),
    )?;
    let id = LadderId(row.id);
    ladders::set_throughput_target(conn, id, Some(targets.throughput))?;
    let mut step_ids = vec![];
    for (name, description, level, capacity, duration) in steps {
        let draft = StepDraft::parse(name, description, *level, *capacity, *duration)
            .map_err(|e| anyhow::anyhow!("demo step is invalid: {e}"))?;
        step_ids.push(StepId(ladders::add_step(conn, id, &draft)?.id));
    }
    Ok((id, step_ids))
}

/// Tracks one participant's state while their history is written.
struct Writer<'a> {
    conn: &'a mut DbConnection,
    id: ParticipantId,
    version: i64,
    status: EnrolmentStatus,
    by: UserId,
}

impl Writer<'_> {
    fn status(
        &mut self,
        to: EnrolmentStatus,
        date: NaiveDate,
        reason: Option<&str>,
        outcome: Option<ExitOutcome>,
    ) -> anyhow::Result<()> {
        participants::insert_status_change(
            self.conn,
            &NewStatusChange {
                participant: self.id,
                from_status: Some(self.status),
                to_status: to,
                date,
                reason: reason.map(str::to_owned),
                planned_return: (to == EnrolmentStatus::Paused).then(|| date + Duration::days(30)),
                outcome,
                outcome_text: None,
                recorded_by: self.by,
            },
        )?;
        participants::set_status(self.conn, self.id, self.version, to, date)?;
        self.version += 1;
        self.status = to;
        Ok(())
    }

    fn step(
        &mut self,
        from: Option<(usize, StepId)>,
        to: (usize, StepId),
        date: NaiveDate,
        reason: &str,
    ) -> anyhow::Result<()> {
        let direction = match from {
            None => Direction::Start,
            Some((f, _)) if to.0 > f => Direction::Up,
            Some(_) => Direction::Down,
        };
        participants::insert_move(
            self.conn,
            &NewStepMove {
                participant: self.id,
                from_step: from.map(|f| f.1),
                to_step: to.1,
                direction,
                date,
                reason: reason.into(),
                override_reason: None,
                recorded_by: self.by,
            },
        )?;
        participants::set_current_step(self.conn, self.id, self.version, to.1)?;
        self.version += 1;
        Ok(())
    }
}

#[expect(clippy::too_many_arguments, reason = "a private seeding helper")]
fn history(
    conn: &mut DbConnection,
    rng: &mut StdRng,
    (ladder, steps): &(LadderId, Vec<StepId>),
    texts: &Texts,
    (given, family): (&str, &str),
    today: NaiveDate,
    by: UserId,
    mentor: UserId,
    index: usize,
) -> anyhow::Result<()> {
    // The first few are recent referrals; the rest started up to 18 months ago.
    let age_days = if index < 2 {
        rng.gen_range(1..20)
    } else {
        rng.gen_range(40..540)
    };
    let start = today - Duration::days(age_days);
    let birth = NaiveDate::from_ymd_opt(
        rng.gen_range(1965..2004),
        rng.gen_range(1..13),
        rng.gen_range(1..29),
    );
    let row = participants::insert(
        conn,
        ladder.0,
        &PersonalDetails {
            given_name: given.into(),
            family_name: family.into(),
            birth_date: birth,
            national_id: None,
        },
        start,
        by,
    )?;
    let id = ParticipantId(row.id);
    if index % 3 != 2 {
        participants::set_mentors(conn, id, &[mentor])?;
    }
    let mut w = Writer {
        conn,
        id,
        version: row.version,
        status: EnrolmentStatus::Referred,
        by,
    };
    let mut day = start + Duration::days(rng.gen_range(2..8));
    if day >= today || index == 0 {
        return Ok(());
    }
    w.status(EnrolmentStatus::InAssessment, day, None, None)?;
    day += Duration::days(rng.gen_range(5..15));
    if day >= today || index == 1 {
        return Ok(());
    }
    w.status(EnrolmentStatus::Active, day, None, None)?;
    let mut at = 0usize;
    w.step(None, (0, steps[0]), day, texts.start)?;
    loop {
        day += Duration::days(rng.gen_range(30..110));
        if day >= today {
            break;
        }
        let roll: u32 = rng.gen_range(0..100);
        let exits_allowed = (day - start).num_days() > 200;
        if roll < 12 && exits_allowed {
            let outcome = if at + 1 >= steps.len() - 1 {
                [
                    ExitOutcome::WorkOrdinaryPartTime,
                    ExitOutcome::Education,
                    ExitOutcome::WorkSupportedFullTime,
                ][rng.gen_range(0..3)]
            } else {
                [
                    ExitOutcome::AnotherMeasure,
                    ExitOutcome::Treatment,
                    ExitOutcome::NoContact,
                    ExitOutcome::Moved,
                ][rng.gen_range(0..4)]
            };
            w.status(EnrolmentStatus::Exited, day, None, Some(outcome))?;
            break;
        } else if roll < 25 {
            let reason = texts.pause[rng.gen_range(0..texts.pause.len())];
            w.status(EnrolmentStatus::Paused, day, Some(reason), None)?;
            let back = day + Duration::days(rng.gen_range(14..60));
            if back >= today {
                break;
            }
            day = back;
            w.status(EnrolmentStatus::Active, day, None, None)?;
        } else if roll < 40 && at > 0 {
            let reason = texts.down[rng.gen_range(0..texts.down.len())];
            w.step(Some((at, steps[at])), (at - 1, steps[at - 1]), day, reason)?;
            at -= 1;
        } else if at + 2 < steps.len() {
            let reason = texts.up[rng.gen_range(0..texts.up.len())];
            w.step(Some((at, steps[at])), (at + 1, steps[at + 1]), day, reason)?;
            at += 1;
        }
    }
    Ok(())
}
