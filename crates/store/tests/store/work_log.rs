//! The work log and peer supports in the store, on both backends.

use super::{day, ladder_with_steps, on_each_backend, person, user};
use stige_domain::work::{Independence, StepDemand, WorkDay};
use stige_store::{peers, work_log};

fn work(minutes: u32, tasks: Vec<i64>, note: Option<&str>) -> WorkDay {
    WorkDay {
        minutes,
        independence: Independence::WorksAlone,
        tasks,
        note: note.map(str::to_owned),
        peer_support: false,
    }
}

#[test]
fn a_day_of_work_is_replaced_not_added_and_the_last_day_is_found() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let by = user(&mut conn, "kari", "coordinator");
        let (ladder, steps) = ladder_with_steps(&mut conn, 2);
        let anna = person(&mut conn, ladder, "Anna", "Arbeid", by);
        let bo = person(&mut conn, ladder, "Bo", "Borte", by);
        let now = stige_store::now();
        let place = work_log::add_workplace(
            &mut conn,
            ladder.0,
            "Verkstedet",
            &["Pussing".into(), "Maling".into()],
            now,
        )
        .expect("workplace");
        assert!(work_log::workplace_taken(&mut conn, ladder.0, "Verkstedet").expect("taken"));
        assert!(work_log::task_taken(&mut conn, place, "Maling").expect("taken"));
        let tasks = work_log::task_ids_of_ladder(&mut conn, ladder.0).expect("tasks");
        assert_eq!(tasks.len(), 2);

        let replaced = work_log::record_day(
            &mut conn,
            anna,
            day(4),
            &work(240, tasks.clone(), Some("Godt")),
            by,
            now,
        )
        .expect("record");
        assert!(!replaced);
        let replaced = work_log::record_day(
            &mut conn,
            anna,
            day(4),
            &work(120, vec![tasks[0]], None),
            by,
            now,
        )
        .expect("again");
        assert!(replaced);
        work_log::record_day(&mut conn, anna, day(1), &work(60, vec![], None), by, now)
            .expect("earlier");
        work_log::record_day(
            &mut conn,
            bo,
            day(2),
            &work(90, vec![], Some("Kort dag")),
            by,
            now,
        )
        .expect("bo");

        let on_the_day = work_log::days_on(&mut conn, &[anna.0, bo.0], day(4)).expect("on");
        assert_eq!(on_the_day.len(), 1);
        assert_eq!(on_the_day[0].minutes, 120);
        let day_tasks = work_log::tasks_of_days(&mut conn, &[on_the_day[0].id]).expect("tasks");
        assert_eq!(day_tasks, vec![(on_the_day[0].id, tasks[0])]);
        let last = work_log::last_before(&mut conn, &[anna.0, bo.0], day(4), day(1)).expect("last");
        let last: Vec<(i64, chrono::NaiveDate)> =
            last.iter().map(|r| (r.participant_id, r.day)).collect();
        assert_eq!(last, vec![(anna.0, day(1)), (bo.0, day(2))]);
        assert_eq!(work_log::days_of(&mut conn, anna).expect("all").len(), 2);

        // What a step expects, only through its own ladder.
        let demand = StepDemand {
            minutes_a_week: Some(600),
            independence: Some(Independence::SomeGuidance),
        };
        assert!(work_log::set_step_demand(&mut conn, ladder.0, steps[1].0, demand).expect("set"));
        assert!(
            !work_log::set_step_demand(&mut conn, ladder.0 + 99, steps[1].0, demand)
                .expect("other")
        );
        let rows = work_log::step_demands(&mut conn, &[ladder.0]).expect("demands");
        let row = rows.iter().find(|r| r.id == steps[1].0).expect("step");
        assert_eq!(row.expected_minutes_a_week, Some(600));
        assert_eq!(
            row.expected_independence,
            Some(stige_domain::work::Independence::SomeGuidance)
        );

        // Anonymisation clears the notes and keeps the hours.
        assert_eq!(work_log::clear_notes(&mut conn, bo).expect("clear"), 1);
        let bo_days = work_log::days_of(&mut conn, bo).expect("bo");
        assert_eq!((bo_days[0].minutes, bo_days[0].note.clone()), (90, None));
    });
}

#[test]
fn a_peer_support_runs_from_its_start_until_it_ends() {
    on_each_backend(|store| {
        let mut conn = store.conn().expect("conn");
        let by = user(&mut conn, "kari", "coordinator");
        let (ladder, _) = ladder_with_steps(&mut conn, 1);
        let peer = person(&mut conn, ladder, "Per", "Fadder", by);
        let newcomer = person(&mut conn, ladder, "Nina", "Ny", by);
        let now = stige_store::now();
        assert!(!peers::has_running(&mut conn, newcomer).expect("none"));
        let id = peers::start(&mut conn, peer, newcomer, day(3), by, now).expect("start");
        assert!(peers::has_running(&mut conn, newcomer).expect("running"));
        assert!(
            peers::peers_on(&mut conn, &[peer.0], day(2))
                .expect("before")
                .is_empty()
        );
        assert_eq!(
            peers::peers_on(&mut conn, &[peer.0], day(9))
                .expect("on")
                .len(),
            1
        );
        peers::end(&mut conn, id, day(10), by, now).expect("end");
        assert!(!peers::has_running(&mut conn, newcomer).expect("ended"));
        assert_eq!(
            peers::peers_on(&mut conn, &[peer.0], day(10))
                .expect("last day")
                .len(),
            1
        );
        assert!(
            peers::peers_on(&mut conn, &[peer.0], day(11))
                .expect("after")
                .is_empty()
        );
        for who in [peer, newcomer] {
            assert_eq!(peers::of_person(&mut conn, who).expect("of").len(), 1);
        }
        assert_eq!(
            peers::of_ladder(&mut conn, ladder.0).expect("ladder").len(),
            1
        );
        let names = peers::names(&mut conn, &[newcomer.0]).expect("names");
        assert_eq!(
            names,
            vec![(newcomer.0, "Nina".to_owned(), "Ny".to_owned())]
        );
        assert!(peers::get(&mut conn, id + 1).expect("none").is_none());
    });
}
