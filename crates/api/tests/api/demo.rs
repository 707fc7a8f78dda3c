use stige_demo::programmes::{Seeded, seed_if_empty};
use stige_store::testing::TestDatabase;
use stige_store::{Store, migrate, participants};

#[test]
fn demo_data_fills_an_empty_database_once_with_realistic_histories() {
    let backend = std::env::var("STIGE_TEST_DATABASE").unwrap_or_else(|_| "sqlite".into());
    let db = TestDatabase::new(&backend).expect("database");
    let store = Store::open(&db.url).expect("open");
    migrate::run(&store).expect("migrate");
    let today = chrono::Utc::now().date_naive();
    assert_eq!(
        seed_if_empty(&store, today).expect("seed"),
        Seeded::Created { participants: 32 }
    );
    assert_eq!(
        seed_if_empty(&store, today).expect("again"),
        Seeded::AlreadyHadData
    );

    let mut conn = store.conn().expect("conn");
    // 30 with 18 months of history, 2 accepted from demo referrals (one per
    // country: Søgne and Songdalen, merged into Kristiansand, refer no one).
    assert_eq!(participants::count(&mut conn).expect("count"), 32);
    let all = participants::ListFilter {
        limit: 100,
        ..participants::ListFilter::within(stige_store::within::PeopleReached::Installation)
    };
    let (rows, _) = participants::list(&mut conn, &all).expect("list");
    let active = rows
        .iter()
        .filter(|r| r.participant.status == stige_domain::EnrolmentStatus::Active)
        .count();
    assert!(
        active >= 5,
        "enough active participants to work with ({active})"
    );
    let mut downs = 0;
    let mut exits = 0;
    for r in &rows {
        let h = participants::history(&mut conn, stige_domain::ParticipantId(r.participant.id))
            .expect("history");
        downs += h
            .moves
            .iter()
            .filter(|(m, _)| m.direction == stige_domain::Direction::Down)
            .count();
        exits += h
            .status_changes
            .iter()
            .filter(|(c, _)| c.to_status == stige_domain::EnrolmentStatus::Exited)
            .count();
        assert!(h.moves.iter().all(|(m, _)| m.date <= today));
        let earliest = today - chrono::Duration::days(19 * 30);
        assert!(
            h.status_changes
                .iter()
                .all(|(c, _)| c.date >= earliest && c.date <= today)
        );
    }
    assert!(
        downs > 0 && exits > 0,
        "moves down ({downs}) and exits ({exits}) are part of the story"
    );
}

#[test]
fn demo_partners_have_agreements_clients_referrals_in_every_state_and_consents() {
    use stige_domain::referral::{ReferralChannel, ReferralStatus};
    use stige_store::{consents, partners, referrals};
    let backend = std::env::var("STIGE_TEST_DATABASE").unwrap_or_else(|_| "sqlite".into());
    let db = TestDatabase::new(&backend).expect("database");
    let store = Store::open(&db.url).expect("open");
    migrate::run(&store).expect("migrate");
    let today = chrono::Utc::now().date_naive();
    seed_if_empty(&store, today).expect("seed");
    let mut conn = store.conn().expect("conn");
    let ladders = every_ladder(&mut conn);
    let agreements = partners::agreements(&mut conn, &ladders, None).expect("agreements");
    assert_eq!(agreements.len(), 8);
    let mut client_ids = vec![];
    for a in &agreements {
        for c in partners::clients(&mut conn, a.agreement.id).expect("clients") {
            client_ids.push(c.client_id);
        }
        assert!(a.places_used <= i64::from(a.agreement.places) + 3, "{a:?}");
    }
    client_ids.sort();
    // Kristiansand's caseworker follows Kristiansand's agreement in the partner view.
    let caseworker =
        stige_store::users::by_username(&mut conn, stige_demo::partners::DEMO_PARTNER_USER.0)
            .expect("read")
            .expect("the demo partner user");
    assert_eq!(caseworker.role, stige_domain::Role::Partner);
    assert_eq!(caseworker.organisation_id, None);
    let followed = agreements
        .iter()
        .find(|a| Some(a.agreement.id) == caseworker.agreement_id)
        .expect("their agreement");
    assert_eq!(followed.partner_name, "Kristiansand kommune");
    let mut expected: Vec<String> = stige_demo::partners::DEMO_PARTNERS
        .iter()
        .map(|p| p.0.to_owned())
        .collect();
    expected.sort();
    assert_eq!(client_ids, expected);
    let (all, total) = referrals::list(
        &mut conn,
        &referrals::ReferralFilter {
            limit: 100,
            ..referrals::ReferralFilter::to(ladders.clone())
        },
    )
    .expect("referrals");
    // Three per running agreement (Søgne's and Songdalen's ended in 2019), the
    // third of each by phone and recorded by the coordinator; and one
    // self-referral per programme.
    assert_eq!(total, 18 + 2);
    let channel = |c| all.iter().filter(|r| r.referral.channel() == c).count();
    assert_eq!(channel(ReferralChannel::Phone), 6);
    assert_eq!(channel(ReferralChannel::SelfReferral), 2);
    assert!(
        all.iter()
            .filter(|r| r.referral.channel() != ReferralChannel::Api)
            .all(|r| r.recorded_by_name.is_some())
    );
    for status in ReferralStatus::ALL.iter().copied() {
        assert!(
            all.iter().any(|r| r.referral.status() == status),
            "a referral that is {status:?}"
        );
    }
    let (people, _) = participants::list(
        &mut conn,
        &participants::ListFilter {
            limit: 100,
            ..participants::ListFilter::within(stige_store::within::PeopleReached::Installation)
        },
    )
    .expect("list");
    let mut revoked = 0;
    let mut given = 0;
    for p in &people {
        for c in consents::for_participant(&mut conn, stige_domain::ParticipantId(p.participant.id))
            .expect("consents")
        {
            given += 1;
            revoked += usize::from(c.consent.revoked_on.is_some());
        }
    }
    assert!(
        given > 30 && revoked > 0,
        "given {given}, revoked {revoked}"
    );
}

#[test]
fn demo_employers_have_placements_in_every_state_and_a_fresh_link() {
    use stige_domain::placement::PlacementStatus;
    use stige_store::placements;
    let backend = std::env::var("STIGE_TEST_DATABASE").unwrap_or_else(|_| "sqlite".into());
    let db = TestDatabase::new(&backend).expect("database");
    let store = Store::open(&db.url).expect("open");
    migrate::run(&store).expect("migrate");
    let today = chrono::Utc::now().date_naive();
    seed_if_empty(&store, today).expect("seed");
    let mut conn = store.conn().expect("conn");
    let employers = stige_store::organisations::list(&mut conn)
        .expect("organisations")
        .into_iter()
        .flat_map(|o| {
            placements::employers(&mut conn, stige_domain::OrganisationId(o.id)).expect("employers")
        })
        .collect::<Vec<_>>();
    assert_eq!(employers.len(), 10);
    assert!(
        employers.iter().any(|e| e.association_member)
            && employers.iter().any(|e| !e.association_member)
    );
    let all = placements::listed(&mut conn, None, None, None).expect("placements");
    for status in PlacementStatus::ALL.iter().copied() {
        assert!(
            all.iter().any(|p| p
                .placement
                .stored_status()
                .on(p.placement.start_date, today)
                == status),
            "a placement that is {status:?}"
        );
    }
    drop(conn);
    let link = stige_demo::employers::fresh_link(&store, "http://x", 14)
        .expect("link")
        .expect("one awaiting the employer");
    assert!(
        link.starts_with("http://x/employer/") && link.len() > 40,
        "{link}"
    );
}

fn every_ladder(conn: &mut stige_store::DbConnection) -> Vec<i64> {
    stige_store::ladders::all(conn)
        .expect("ladders")
        .iter()
        .map(|(l, _)| l.id)
        .collect()
}

#[test]
fn the_demo_speaks_each_programmes_language_and_keeps_its_history_right() {
    use stige_store::{ladders, partners, placements};
    let backend = std::env::var("STIGE_TEST_DATABASE").unwrap_or_else(|_| "sqlite".into());
    let db = TestDatabase::new(&backend).expect("database");
    let store = Store::open(&db.url).expect("open");
    migrate::run(&store).expect("migrate");
    seed_if_empty(&store, chrono::Utc::now().date_naive()).expect("seed");
    let mut conn = store.conn().expect("conn");
    let all: Vec<i64> = ladders::list(&mut conn, &[1, 2, 3, 4])
        .expect("ladders")
        .into_iter()
        .map(|(l, _)| l.id)
        .collect();
    assert_eq!(all.len(), 2);
    // Step descriptions in the programme's language: Portalen's Norwegian,
    // Porten's Swedish, none in English.
    for id in &all {
        let (ladder, steps) = ladders::with_steps(&mut conn, stige_domain::LadderId(*id))
            .expect("steps")
            .expect("ladder");
        let norwegian = ladder.name.starts_with("Portalen");
        for step in steps {
            let d = step.description.to_lowercase();
            for english in [" the ", " and ", " your ", " work or "] {
                assert!(!d.contains(english), "{}: {d}", ladder.name);
            }
            let own = if norwegian {
                ["og", "til", "for", "med", "i", "eller", "en"]
            } else {
                ["och", "till", "för", "med", "i", "eller", "ett"]
            };
            assert!(
                own.iter()
                    .any(|w| d.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w)),
                "{}: {d}",
                ladder.name
            );
        }
    }
    // Søgne and Songdalen merged into Kristiansand in 2020: their agreements
    // ended with 2019 and follow nobody.
    let agreements = partners::agreements(&mut conn, &all, None).expect("agreements");
    for merged in ["Søgne kommune", "Songdalen kommune"] {
        let a = agreements
            .iter()
            .find(|a| a.partner_name == merged)
            .expect("the old agreement");
        assert_eq!(
            a.agreement.valid_to,
            chrono::NaiveDate::from_ymd_opt(2019, 12, 31)
        );
        assert_eq!(a.places_used, 0, "{merged} follows nobody");
    }
    let kristiansand = agreements
        .iter()
        .find(|a| a.partner_name == "Kristiansand kommune")
        .expect("Kristiansand");
    assert!(kristiansand.places_used > 0);
    // Portalen's employers are not in an employers' association.
    let portalen = stige_store::organisations::list(&mut conn)
        .expect("organisations")
        .into_iter()
        .find(|o| o.country == stige_domain::organisation_number::Country::Norway)
        .expect("Portalen's organisation");
    let employers = placements::employers(&mut conn, stige_domain::OrganisationId(portalen.id))
        .expect("employers");
    assert!(!employers.is_empty());
    assert!(employers.iter().all(|e| !e.association_member));
}
