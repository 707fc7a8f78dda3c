//! Group commit for the audit events of reads.
//!
//! Every read of participant data records an audit event, so under load every
//! list or page is also a commit: a write lock on SQLite (where each commit also
//! makes every other connection drop its page cache) and a flush of the log on
//! PostgreSQL. Here readers hand their event to one writer thread and wait; the
//! writer takes every event that is waiting, inserts them with one statement and
//! one commit, and only then lets each reader go on. No answer leaves before its
//! event is committed, as when each reader wrote its own.

use crate::DbConnection;
use crate::audit::{self, Actor};
use diesel::r2d2::{ConnectionManager, Pool};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};
use stige_domain::ParticipantId;

/// The audit event of one read, owned so it can cross to the writer thread.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadEvent {
    pub actor: Actor,
    /// A stable dotted name, e.g. `participant.read`.
    pub action: &'static str,
    pub participant: Option<ParticipantId>,
    pub ip: Option<String>,
    /// Short, non-sensitive context (ids; never health details).
    pub detail: Option<String>,
}

/// Events per INSERT: 7 parameters each, far under both databases' bounds.
const MOST_PER_COMMIT: usize = 500;

type Reply = Result<(), String>;

struct Job {
    event: ReadEvent,
    done: SyncSender<Reply>,
}

/// The sending side; the writer thread stops when the last one is dropped.
pub(crate) struct ReadAudit {
    jobs: Sender<Job>,
}

impl ReadAudit {
    /// Starts the writer thread. It holds the pool and the SQLite writer's turn,
    /// not the store, so dropping every store stops it.
    pub(crate) fn start(
        pool: Pool<ConnectionManager<DbConnection>>,
        sqlite_writer: Option<Arc<Mutex<()>>>,
    ) -> std::io::Result<Self> {
        let (jobs, incoming) = mpsc::channel();
        std::thread::Builder::new()
            .name("stige-read-audit".into())
            .spawn(move || write_until_closed(&incoming, &pool, sqlite_writer.as_deref()))?;
        Ok(Self { jobs })
    }

    /// Records `event` and returns once it is committed.
    pub(crate) fn record(&self, event: ReadEvent) -> Result<(), String> {
        let (done, answer) = mpsc::sync_channel(1);
        self.jobs
            .send(Job { event, done })
            .map_err(|_| "the audit writer has stopped".to_owned())?;
        answer
            .recv()
            .map_err(|_| "the audit writer has stopped".to_owned())?
    }
}

fn write_until_closed(
    incoming: &Receiver<Job>,
    pool: &Pool<ConnectionManager<DbConnection>>,
    sqlite_writer: Option<&Mutex<()>>,
) {
    // Waits for the first event, then takes all that came meanwhile.
    while let Ok(first) = incoming.recv() {
        let mut jobs = vec![first];
        while jobs.len() < MOST_PER_COMMIT {
            match incoming.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        let (events, replies): (Vec<ReadEvent>, Vec<SyncSender<Reply>>) =
            jobs.into_iter().map(|j| (j.event, j.done)).unzip();
        let result = match pool.get() {
            Ok(mut conn) => {
                let _turn = sqlite_writer.map(|m| m.lock().unwrap_or_else(PoisonError::into_inner));
                audit::record_reads(&mut conn, &events).map_err(|e| e.to_string())
            }
            Err(e) => Err(e.to_string()),
        };
        if let Err(e) = &result {
            tracing::error!(error = %e, events = events.len(), "could not record read audit events");
        }
        for done in replies {
            // A reader that went away needs no answer.
            let _ = done.send(result.clone());
        }
    }
}
