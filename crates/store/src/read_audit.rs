//! Group commit for the audit events of reads.
//!
//! Every read of participant data records an audit event, so under load every
//! list or page is also a commit: a write lock on SQLite (in a file of its own,
//! see [`crate::read_events`]) and a flush of the log on PostgreSQL. Here
//! readers hand their event to one writer thread and wait; the writer takes
//! every event that is waiting, inserts them with one statement and one commit,
//! and only then lets each reader go on. No answer leaves before its
//! event is committed, as when each reader wrote its own.

use crate::audit::{self, Actor};
use crate::connection::Backend;
use crate::{DbConnection, StoreError};
use std::sync::mpsc::{self, Receiver, Sender};
use stige_domain::ParticipantId;
use tokio::sync::oneshot;

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
    done: oneshot::Sender<Reply>,
}

/// The sending side; the writer thread stops when the last one is dropped.
pub(crate) struct ReadAudit {
    jobs: Sender<Job>,
}

impl ReadAudit {
    /// Starts the writer thread. It does not hold the store, so dropping every
    /// store stops it. It writes on a connection of its own, so a commit never
    /// waits behind the reads for one of the pool's. On SQLite it writes to
    /// the reads file (see [`crate::read_events`]), so it never waits for the
    /// main file's writers.
    pub(crate) fn start(backend: Backend) -> std::io::Result<Self> {
        let (jobs, incoming) = mpsc::channel();
        std::thread::Builder::new()
            .name("stige-read-audit".into())
            .spawn(move || write_until_closed(&incoming, &backend))?;
        Ok(Self { jobs })
    }

    /// Hands `event` to the writer; the answer comes once it is committed.
    pub(crate) fn send(&self, event: ReadEvent) -> Result<oneshot::Receiver<Reply>, String> {
        let (done, answer) = oneshot::channel();
        self.jobs
            .send(Job { event, done })
            .map_err(|_| STOPPED.to_owned())?;
        Ok(answer)
    }
}

/// The answer when the writer thread is gone.
const STOPPED: &str = "the audit writer has stopped";

/// Waits on this thread for the commit of an event sent with [`ReadAudit::send`].
pub(crate) fn wait(answer: oneshot::Receiver<Reply>) -> Reply {
    answer.blocking_recv().map_err(|_| STOPPED.to_owned())?
}

/// Waits without a thread for the commit of an event sent with [`ReadAudit::send`].
pub(crate) async fn wait_async(answer: oneshot::Receiver<Reply>) -> Reply {
    answer.await.map_err(|_| STOPPED.to_owned())?
}

fn write_until_closed(incoming: &Receiver<Job>, backend: &Backend) {
    // Opened at the first event, and again after an error (it may be broken).
    let mut conn: Option<DbConnection> = None;
    // Waits for the first event, then takes all that came meanwhile.
    while let Ok(first) = incoming.recv() {
        let mut jobs = vec![first];
        while jobs.len() < MOST_PER_COMMIT {
            match incoming.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        let (events, replies): (Vec<ReadEvent>, Vec<oneshot::Sender<Reply>>) =
            jobs.into_iter().map(|j| (j.event, j.done)).unzip();
        let result = record(&mut conn, backend, &events).map_err(|e| e.to_string());
        if let Err(e) = &result {
            conn = None;
            tracing::error!(error = %e, events = events.len(), "could not record read audit events");
        }
        for done in replies {
            // A reader that went away needs no answer.
            let _ = done.send(result.clone());
        }
    }
}

/// Commits `events` on the writer's connection, opening it if needed.
fn record(
    conn: &mut Option<DbConnection>,
    backend: &Backend,
    events: &[ReadEvent],
) -> Result<(), StoreError> {
    let conn = match conn {
        Some(c) => c,
        None => conn.insert(backend.connect()?),
    };
    Ok(audit::record_reads(conn, events)?)
}
