//! `stige seed`: realistic generated histories at scale, for benchmarks and for
//! trying the reports on more than the demo's handful of people.
//!
//! Deterministic: the same `--seed`, size and day give the same data on SQLite
//! and PostgreSQL, which the reports' equality test relies on.

mod history;
pub(crate) mod outcomes;

use anyhow::Context as _;
use chrono::NaiveDate;
use history::{Context, LadderPlan};
use indicatif::{ProgressBar, ProgressStyle};
use rand::SeedableRng;
use rand::rngs::StdRng;
use stige_domain::{LadderId, Role};
use stige_store::audit::{self, Actor, AuditEvent};
use stige_store::bulk::{self, SeedBatch};
use stige_store::{DbConnection, Store, ladders, users};

/// How much to generate.
#[derive(Debug, Clone, Copy)]
pub struct SeedOptions {
    pub participants: u32,
    pub years: u32,
    pub seed: u64,
    pub today: NaiveDate,
    /// Show a progress bar on standard error.
    pub progress: bool,
}

/// Participants per batch: big enough for fast inserts, small enough that
/// memory stays flat.
const BATCH: u32 = 500;

/// Generates `options.participants` participants with histories over the last
/// `options.years` years on the existing ladders. Needs users and ladders (the
/// demo data provides them). Returns the number generated.
pub fn run(store: &Store, options: SeedOptions) -> anyhow::Result<u32> {
    let (plans, recorded_by) = {
        let mut conn = store.conn()?;
        let all_users = users::all(&mut conn)?;
        let recorded_by = all_users
            .iter()
            .find(|u| u.role == Role::Coordinator || u.role == Role::Admin)
            .map(|u| u.id)
            .context("seeding needs an admin or coordinator user: run `stige serve --demo` once, or `stige create-user`")?;
        let ids: Vec<i64> = all_users.iter().map(|u| u.id).collect();
        let roles = users::programme_roles_of_users(&mut conn, &ids)?;
        let mut plans = Vec::new();
        for (i, (ladder, _)) in ladders::all(&mut conn)?.into_iter().enumerate() {
            let Some(full) = ladders::get(&mut conn, LadderId(ladder.id))? else {
                continue;
            };
            if full.steps.is_empty() {
                continue;
            }
            let agreements =
                stige_store::reports::ladder_agreements(&mut conn, LadderId(ladder.id))?
                    .into_iter()
                    .map(|(id, _, _)| id)
                    .collect();
            plans.push(LadderPlan {
                id: ladder.id,
                steps: full
                    .steps
                    .iter()
                    .map(|(s, _)| (s.id, s.typical_duration_days))
                    .collect(),
                agreements,
                mentors: (roles.iter())
                    .filter(|(_, l, role)| *l == ladder.id && *role == Role::Mentor)
                    .map(|(user, ..)| *user)
                    .collect(),
                names: if i % 2 == 0 {
                    &crate::programmes::NORWEGIAN
                } else {
                    &crate::programmes::SWEDISH
                },
                country: stige_store::outcomes::country_of_ladder(&mut conn, ladder.id)?,
            });
        }
        anyhow::ensure!(
            !plans.is_empty(),
            "seeding needs a ladder with steps: run `stige serve --demo` once, or create one"
        );
        (plans, recorded_by)
    };
    let ctx = Context {
        ladders: &plans,
        today: options.today,
        years: options.years,
        seed: options.seed,
    };
    let bar = if options.progress {
        let bar = ProgressBar::new(u64::from(options.participants));
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} participants ({per_sec}, {eta} left) {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let (first_participant, first_goal) = {
        let mut conn = store.conn()?;
        bulk::next_ids(&mut conn)?
    };
    // One thread generates the next batch while this one inserts the last (with
    // `put`): the same batches in the same order as one thread would make them.
    let total = options.participants;
    let insert_all = |put: &mut dyn FnMut(&SeedBatch) -> anyhow::Result<()>| {
        std::thread::scope(|scope| -> anyhow::Result<u32> {
            let (batches, incoming) = std::sync::mpsc::sync_channel::<(u32, SeedBatch)>(2);
            let ctx = &ctx;
            scope.spawn(move || {
                let mut rng = StdRng::seed_from_u64(options.seed);
                let (mut next_participant, mut next_goal) = (first_participant, first_goal);
                let mut made = 0;
                while made < total {
                    let n = BATCH.min(total - made);
                    let mut batch = SeedBatch::default();
                    for _ in 0..n {
                        history::generate(
                            &mut rng,
                            ctx,
                            next_participant,
                            &mut next_goal,
                            &mut batch,
                        );
                        next_participant += 1;
                    }
                    made += n;
                    // The inserting side stopped (an insert failed): stop too.
                    if batches.send((n, batch)).is_err() {
                        return;
                    }
                }
            });
            let mut done = 0;
            for (n, batch) in incoming {
                put(&batch)?;
                done += n;
                bar.inc(u64::from(n));
            }
            Ok(done)
        })
    };
    let wrap_up = |conn: &mut DbConnection| -> anyhow::Result<()> {
        bulk::sync_sequences(conn)?;
        audit::record(
            conn,
            AuditEvent {
                actor: Actor::System,
                action: stige_domain::AuditAction::SeedSynthetic,
                participant: None,
                ip: None,
                detail: Some(format!(
                    "participants={} years={} seed={}",
                    options.participants, options.years, options.seed
                )),
            },
        )?;
        Ok(())
    };
    // One transaction on both databases: the attendance marks' keys, indexes
    // and counting come off while they load and go back on once at the end
    // (see `bulk::Load`), and a failure, or Ctrl-C, leaves nothing of the seed
    // behind. SQLite loads with a larger page cache.
    let mut conn = store.conn()?;
    let done = bulk::with_load_cache(&mut conn, |conn| {
        store.transaction_on(conn, |conn| -> anyhow::Result<u32> {
            let load = bulk::Load::begin(conn).context(
                "could not take the attendance marks' keys and indexes off for the load \
                 (the seed needs the database user that owns the tables, as migrations do)",
            )?;
            let done = insert_all(&mut |batch| Ok(load.insert(conn, batch, recorded_by)?))?;
            bar.set_message("building the attendance marks' indexes and checking their references");
            load.complete(conn).context(
                "could not put the attendance marks' indexes and keys back after the load \
                 (a generated mark refers to a row that does not exist?); nothing was seeded",
            )?;
            wrap_up(conn)?;
            Ok(done)
        })
    })?;
    bar.finish_and_clear();
    // Outside a transaction: SQLite's checkpoint and ANALYZE need it.
    bulk::finish(&mut conn)?;
    Ok(done)
}
