#![expect(clippy::expect_used, reason = "test fixtures fail loudly")]

//! Store tests for goals, follow-ups and attendance, on SQLite and PostgreSQL.

use chrono::NaiveDate;
use stige_domain::attendance::{AttendanceMark, PlannedWeekdays};
use stige_domain::follow_up::{ActionInput, Attendee, FollowUpDraft, FollowUpInput};
use stige_domain::goal::{GoalCategory, GoalDraft, GoalStatus, ScoreEntry};
use stige_domain::{DemandLevel, EnrolmentStatus, LadderId, ParticipantId, StepDraft, UserId};
use stige_store::attendance::{self, RegisterGroup};
use stige_store::participants::{self, PersonalDetails};
use stige_store::testing::{TestDatabase, backends};
use stige_store::within::PeopleReached;
use stige_store::{DbConnection, Store, follow_ups, goals, ladders, migrate};

mod fixtures;
use fixtures::staff;

fn on_each_backend(test: impl Fn(&mut DbConnection, UserId, LadderId)) {
    for backend in backends() {
        let db = TestDatabase::new(backend).unwrap_or_else(|e| panic!("{backend}: {e}"));
        let store = Store::open(&db.url).expect("open");
        migrate::run(&store).expect("migrate");
        let mut conn = store.conn().expect("conn");
        let user = staff(&mut conn, "kari", "Kari", "coordinator");
        let ladder = LadderId(
            stige_store::testing::ladder(&mut conn, "Ladder", "", None)
                .expect("ladder")
                .id,
        );
        let draft = StepDraft::parse("Mylla", "", DemandLevel::Low, None, None).expect("draft");
        ladders::add_step(&mut conn, ladder, &draft).expect("step");
        test(&mut conn, user, ladder);
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

fn active_person(
    conn: &mut DbConnection,
    ladder: LadderId,
    family: &str,
    by: UserId,
) -> ParticipantId {
    let details = PersonalDetails {
        given_name: "Test".into(),
        family_name: family.into(),
        birth_date: None,
        national_id: None,
    };
    let id = ParticipantId(
        participants::insert(conn, ladder.0, &details, day(2), by)
            .expect("insert")
            .id,
    );
    assert!(
        participants::set_status(conn, id, 1, EnrolmentStatus::Active, day(2)).expect("activate")
    );
    id
}

/// Runs `sql` as it is, as someone editing the database by hand would.
fn by_hand(conn: &mut DbConnection, sql: &str) -> usize {
    let changed = match conn {
        DbConnection::Sqlite(c) => diesel::RunQueryDsl::execute(diesel::sql_query(sql), c),
        DbConnection::Pg(c) => diesel::RunQueryDsl::execute(diesel::sql_query(sql), c),
    };
    changed.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn an_optional_stored_code_reads_as_none_or_its_value_and_an_unknown_one_fails() {
    on_each_backend(|conn, by, ladder| {
        let p = active_person(conn, ladder, "Li", by);
        let read = |conn: &mut DbConnection| {
            participants::get(conn, stige_store::within::Within::Installation, p)
                .map(|row| row.and_then(|r| r.national_id_kind))
        };
        assert_eq!(read(conn).expect("none recorded"), None);
        let set = |kind: &str| {
            format!(
                "UPDATE participants SET national_id_kind = '{kind}' WHERE id = {}",
                p.0
            )
        };
        assert_eq!(by_hand(conn, &set("se_personnummer")), 1);
        assert_eq!(
            read(conn).expect("a known kind"),
            Some(stige_domain::NationalIdKind::SePersonnummer)
        );
        assert_eq!(by_hand(conn, &set("passport")), 1);
        let error = read(conn).expect_err("an unknown kind");
        assert!(
            error
                .to_string()
                .contains("unknown NationalIdKind \"passport\""),
            "{error}"
        );
    });
}

#[test]
fn a_stored_code_that_names_no_value_fails_the_read_naming_it() {
    on_each_backend(|conn, by, ladder| {
        let p = active_person(conn, ladder, "Dal", by);
        let goal = GoalDraft::parse(Some("Møte opp"), Some(GoalCategory::Structure)).expect("goal");
        let g = goals::insert(conn, p, &goal, by).expect("insert");
        // A row written by a newer Stige, or by hand: no default hides it.
        let sql = format!(
            "UPDATE goals SET status = 'paused-by-hand' WHERE id = {}",
            g.id
        );
        let changed = match conn {
            DbConnection::Sqlite(c) => diesel::RunQueryDsl::execute(diesel::sql_query(&sql), c),
            DbConnection::Pg(c) => diesel::RunQueryDsl::execute(diesel::sql_query(&sql), c),
        };
        assert_eq!(changed.expect("update"), 1);
        let error = goals::for_participant(conn, p).expect_err("an unknown status");
        assert!(
            error
                .to_string()
                .contains("unknown GoalStatus \"paused-by-hand\""),
            "{error}"
        );
    });
}

#[test]
fn goals_keep_their_scores_in_date_order() {
    on_each_backend(|conn, by, ladder| {
        let p = active_person(conn, ladder, "Berg", by);
        let goal = GoalDraft::parse(
            Some("Stå opp til avtalt tid"),
            Some(GoalCategory::Structure),
        )
        .expect("goal");
        let g = goals::insert(conn, p, &goal, by).expect("insert");
        for (d, s) in [(day(10), 5), (day(3), 2)] {
            let entry = ScoreEntry::parse(Some(d), Some(s), None, day(20)).expect("score");
            goals::add_score(conn, g.id, &entry, by).expect("score");
        }
        goals::set_status(conn, g.id, GoalStatus::Reached).expect("status");
        let all = goals::for_participant(conn, p).expect("goals");
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].0.status, stige_domain::goal::GoalStatus::Reached);
        let scores: Vec<i32> = all[0].1.iter().map(|(s, _)| s.score).collect();
        assert_eq!(scores, vec![2, 5]);
        assert_eq!(all[0].1[0].1, "Kari");
        assert!(
            goals::get(conn, ParticipantId(p.0 + 1000), g.id)
                .expect("get")
                .is_none()
        );
    });
}

#[test]
fn confidential_follow_ups_are_left_out_unless_asked_for_and_later_edits_keep_versions() {
    on_each_backend(|conn, by, ladder| {
        let p = active_person(conn, ladder, "Berg", by);
        let open = FollowUpInput {
            date: Some(day(10)),
            attendees: vec![Attendee::Mentor, Attendee::PartnerFollowUpService],
            what_works: Some("Kommer hver morgen"),
            scaling_score: Some(6),
            actions: vec![ActionInput {
                owner: Some("Kari"),
                what: Some("Ringe NAV"),
                by_when: Some(day(12)),
                done: false,
            }],
            next_due: Some(day(17)),
            ..Default::default()
        };
        let secret = FollowUpInput {
            confidential: true,
            date: Some(day(11)),
            ..Default::default()
        };
        let open_id = follow_ups::insert(
            conn,
            p,
            &FollowUpDraft::parse(&open, day(20)).expect("draft"),
            by,
        )
        .expect("insert");
        follow_ups::insert(
            conn,
            p,
            &FollowUpDraft::parse(&secret, day(20)).expect("draft"),
            by,
        )
        .expect("insert");
        assert_eq!(follow_ups::list(conn, p, false).expect("list").len(), 1);
        let all = follow_ups::list(conn, p, true).expect("list");
        assert_eq!(all.len(), 2);
        let first = follow_ups::get(conn, p, open_id)
            .expect("get")
            .expect("some");
        assert_eq!(
            follow_ups::attendees(&first.row),
            vec![Attendee::Mentor, Attendee::PartnerFollowUpService]
        );
        assert_eq!(first.actions[0].owner, "Kari");

        let edited = FollowUpInput {
            what_works: Some("Kommer hver morgen, også fredager"),
            ..open
        };
        let draft = FollowUpDraft::parse(&edited, day(20)).expect("draft");
        follow_ups::update(conn, &first, &draft, by, true).expect("update");
        let after = follow_ups::get(conn, p, open_id)
            .expect("get")
            .expect("some");
        assert_eq!(after.row.what_works, "Kommer hver morgen, også fredager");
        assert_eq!(after.versions, 1);
        let versions = follow_ups::versions(conn, open_id).expect("versions");
        assert!(versions[0].contains("Kommer hver morgen\""));
    });
}

#[test]
fn the_register_lists_active_participants_and_corrections_keep_the_earlier_mark() {
    on_each_backend(|conn, by, ladder| {
        let a = active_person(conn, ladder, "Aas", by);
        let b = active_person(conn, ladder, "Berg", by);
        let details = PersonalDetails {
            given_name: "Not".into(),
            family_name: "Active".into(),
            birth_date: None,
            national_id: None,
        };
        participants::insert(conn, ladder.0, &details, day(2), by).expect("referred");
        assert_eq!(
            attendance::set_mark(conn, a, day(23), AttendanceMark::Present, by).expect("mark"),
            None
        );
        let lines = attendance::register(
            conn,
            day(23),
            RegisterGroup {
                step: None,
                ladder: None,
                reach: PeopleReached::Installation,
            },
        )
        .expect("register");
        let marks: Vec<(i64, Option<AttendanceMark>)> =
            lines.iter().map(|l| (l.participant_id, l.mark)).collect();
        assert_eq!(
            marks,
            vec![(a.0, Some(AttendanceMark::Present)), (b.0, None)]
        );

        let earlier =
            attendance::set_mark(conn, a, day(23), AttendanceMark::SentHome, by).expect("correct");
        assert_eq!(earlier.as_deref(), Some("present"));
        let corrections = attendance::corrections(conn, a).expect("corrections");
        assert_eq!(
            (
                corrections[0].previous_mark.as_str(),
                corrections[0].new_mark.as_str()
            ),
            ("present", "sent_home")
        );
        assert_eq!(
            attendance::marks(conn, a, day(1), day(30)).expect("marks"),
            vec![(day(23), AttendanceMark::SentHome)]
        );

        let mon_wed = PlannedWeekdays::parse(&[1, 3]).expect("days");
        let fridays = PlannedWeekdays::parse(&[5]).expect("days");
        attendance::add_plan(conn, a, day(2), Some(mon_wed), None, by).expect("plan");
        attendance::add_plan(conn, a, day(16), Some(fridays), None, by).expect("plan");
        let plans = attendance::plans(conn, a).expect("plans");
        assert_eq!(
            plans.iter().map(|p| p.weekdays()).collect::<Vec<_>>(),
            vec![Some(mon_wed), Some(fridays)]
        );
    });
}

#[test]
fn the_day_plan_valid_on_a_date_decides_and_the_register_lists_paused_people_too() {
    on_each_backend(|conn, by, ladder| {
        let a = active_person(conn, ladder, "Berg", by);
        let b = active_person(conn, ladder, "Dahl", by);
        let mon_wed = PlannedWeekdays::parse(&[1, 3]).expect("days");
        let fridays = PlannedWeekdays::parse(&[5]).expect("days");
        attendance::add_plan(conn, a, day(2), Some(mon_wed), None, by).expect("plan");
        attendance::add_plan(conn, a, day(16), Some(fridays), None, by).expect("plan");
        attendance::add_plan(conn, b, day(2), None, Some(20), by).expect("hours only");
        let facts = |conn: &mut DbConnection, d| {
            attendance::day_facts(conn, &[a.0, b.0], d)
                .expect("facts")
                .into_iter()
                .map(|(_, f)| f.plan)
                .collect::<Vec<_>>()
        };
        assert_eq!(facts(conn, day(1)), vec![None, None], "before any plan");
        assert_eq!(facts(conn, day(9)), vec![Some(mon_wed), None]);
        assert_eq!(facts(conn, day(20)), vec![Some(fridays), None]);
        assert!(
            participants::set_status(conn, b, 2, EnrolmentStatus::Paused, day(20)).expect("pause")
        );
        let lines = attendance::register(
            conn,
            day(20),
            RegisterGroup {
                step: None,
                ladder: None,
                reach: PeopleReached::Installation,
            },
        )
        .expect("r");
        assert_eq!(
            lines
                .iter()
                .map(|l| (l.paused, l.day.plan))
                .collect::<Vec<_>>(),
            vec![(false, Some(fridays)), (true, None)]
        );
        attendance::set_mark(conn, a, day(20), AttendanceMark::Present, by).expect("mark");
        assert_eq!(
            attendance::clear_mark(conn, a, day(20))
                .expect("clear")
                .as_deref(),
            Some("present")
        );
        assert_eq!(
            attendance::clear_mark(conn, a, day(20)).expect("again"),
            None
        );
        assert!(
            attendance::marks(conn, a, day(1), day(30))
                .expect("m")
                .is_empty()
        );
    });
}

#[test]
fn a_ladder_lets_the_staff_on_duty_see_the_whole_house_in_the_register() {
    on_each_backend(|conn, by, ladder| {
        let a = active_person(conn, ladder, "Berg", by);
        let mentor_only = RegisterGroup {
            step: None,
            ladder: None,
            reach: PeopleReached::Programmes {
                everyone_in: vec![],
                assigned_in: vec![ladder.0],
                user: by.0,
            },
        };
        assert!(
            attendance::register(conn, day(20), mentor_only.clone())
                .expect("r")
                .is_empty()
        );
        assert!(!attendance::whole_house(conn, ladder.0).expect("setting"));
        ladders::set_whole_house_register(conn, ladder, true).expect("set");
        assert!(attendance::whole_house(conn, ladder.0).expect("setting"));
        let lines = attendance::register(conn, day(20), mentor_only).expect("r");
        assert_eq!(
            lines.iter().map(|l| l.participant_id).collect::<Vec<_>>(),
            vec![a.0]
        );
    });
}

#[test]
fn each_mark_is_counted_on_the_step_the_participant_stood_on_that_day() {
    on_each_backend(|conn, by, ladder| {
        let second =
            StepDraft::parse("Porten", "", DemandLevel::Moderate, None, None).expect("draft");
        let upper = ladders::add_step(conn, ladder, &second).expect("step").id;
        let lower = stige_store::reports::ladder_steps(conn, ladder).expect("steps")[0]
            .id
            .0;
        let p = active_person(conn, ladder, "Lie", by);
        let mv = |to: i64, from: Option<i64>, date: NaiveDate| participants::NewStepMove {
            participant: p,
            from_step: from.map(stige_domain::StepId),
            to_step: stige_domain::StepId(to),
            direction: if from.is_some() {
                stige_domain::Direction::Up
            } else {
                stige_domain::Direction::Start
            },
            date,
            reason: "test".into(),
            override_reason: None,
            recorded_by: by,
        };
        participants::insert_move(conn, &mv(lower, None, day(2))).expect("start");
        for d in [day(3), day(4), day(5)] {
            attendance::set_mark(conn, p, d, AttendanceMark::Present, by).expect("mark");
        }
        // A move dated 4 November: the marks from that day on belong to the new step.
        participants::insert_move(conn, &mv(upper, Some(lower), day(4))).expect("up");
        attendance::set_mark(conn, p, day(6), AttendanceMark::SentHome, by).expect("mark");
        let period = stige_domain::report::Period::parse(day(1), day(30)).expect("period");
        let (marks, people) =
            stige_store::reports::attendance_counts_of(conn, &[lower, upper], None, period)
                .expect("counts");
        let days_on = |step: i64| -> u64 {
            marks
                .iter()
                .filter(|m| m.step.0 == step)
                .map(|m| m.days)
                .sum()
        };
        assert_eq!((days_on(lower), days_on(upper)), (1, 3));
        assert_eq!(people.len(), 2);
        assert!(people.iter().all(|c| c.people == 1));
    });
}

/// An agreement on `ladder` with a partner of its organisation.
fn agreement(conn: &mut DbConnection, ladder: LadderId, number: &str) -> i64 {
    use stige_domain::partner::{AgreementDraft, AgreementInput, PartnerDraft, PartnerKind};
    let organisation = ladders::with_steps(conn, ladder)
        .expect("ladder")
        .expect("exists")
        .0
        .organisation_id;
    let partner = PartnerDraft::parse(
        Some("Kalmar kommun"),
        Some(PartnerKind::Municipality),
        Some(number),
    )
    .expect("partner");
    let partner = stige_store::partners::insert_partner(
        conn,
        stige_domain::OrganisationId(organisation),
        &partner,
    )
    .expect("insert partner");
    let terms = AgreementDraft::parse(&AgreementInput {
        valid_from: Some(day(1)),
        places: Some(5),
        sharing_scope: Some(&[]),
        contact: [Some("Kari"), Some("+46 480 450 000"), None],
        follow_up_service: [Some("Uppföljning"), Some("+46 480 450 000"), None],
        ..Default::default()
    })
    .expect("terms");
    stige_store::partners::insert_agreement(conn, partner.id, ladder.0, &terms)
        .expect("agreement")
        .id
}

#[test]
fn the_paying_link_in_force_holds_the_place_and_every_link_follows() {
    use stige_store::agreement_links::{self, NewLink};
    on_each_backend(|conn, by, ladder| {
        let paying = agreement(conn, ladder, "212000-0902");
        let following = agreement(conn, ladder, "202100-5489");
        let person = active_person(conn, ladder, "Lind", by);
        participants::link_agreement(conn, person, paying, day(2)).expect("first link");
        let link = |agreement, from, to, pays| NewLink {
            participant: person,
            agreement,
            valid_from: from,
            valid_to: to,
            pays,
        };
        let follows =
            agreement_links::insert(conn, link(following, day(5), None, false)).expect("follow");
        assert_eq!(
            agreement_links::places_used(conn, &[paying, following], day(10)).expect("used"),
            vec![(paying, 1)]
        );
        let mut both = agreement_links::in_force(conn, person, day(10)).expect("in force");
        both.sort();
        assert_eq!(both, [paying, following]);
        assert_eq!(
            agreement_links::in_force(conn, person, day(3)).expect("before"),
            [paying]
        );
        agreement_links::end(conn, follows, day(20)).expect("end");
        assert_eq!(
            agreement_links::in_force(conn, person, day(21)).expect("after"),
            [paying]
        );
        assert!(agreement_links::linked(conn, person.0, following).expect("linked"));
        let row = participants::get(conn, stige_store::within::Within::Installation, person)
            .expect("get")
            .expect("person");
        assert_eq!(row.agreement_id, Some(paying));
    });
}
