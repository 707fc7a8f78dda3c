//! Group commit for the audit events of reads.
//!
//! Every read of participant data records an audit event, so under load every
//! list or page is also a commit: a write lock on SQLite (in a file of its own,
//! see [`crate::read_events`]) and a flush of the log on PostgreSQL. Here
//! readers hand their event to one writer thread and wait; the writer takes
//! every event that is waiting, inserts them with one statement and one commit,
//! and only then lets each reader go on. No answer leaves before its
//! event is committed, as when each reader wrote its own.

use crate::audit;
use crate::{DbConnection, StoreError};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

pub use crate::audit::ReadEvent;

/// Events per INSERT: 7 parameters each, far under both databases' bounds.
const MOST_PER_COMMIT: usize = 500;

/// How long the writer waits, at most, for the events of reads that are still
/// running before it commits those it has (PostgreSQL's `commit_delay` for
/// this one writer). Only while reads are running: a lone read's event is
/// committed at once.
pub(crate) const GATHER: Duration = Duration::from_micros(500);

/// Opens the writer's own connection.
pub(crate) type Connect = Box<dyn Fn() -> Result<DbConnection, StoreError> + Send>;

/// How many reads are running now (connections taken from the pool), each
/// of which may hand in an event soon.
pub(crate) type Running = Box<dyn Fn() -> usize + Send>;

type Reply = Result<(), Failure>;

/// Why events were not recorded.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    message: String,
    /// The database could not be reached (the reader answers 503, not 500).
    unreachable: bool,
}

impl Failure {
    fn of(e: &StoreError) -> Self {
        let unreachable = match e {
            StoreError::Connect(_) => true,
            StoreError::Query(q) => crate::reachability::is_unreachable(q),
            _ => false,
        };
        Self {
            message: e.to_string(),
            unreachable,
        }
    }

    fn stopped() -> Self {
        Self {
            message: STOPPED.to_owned(),
            unreachable: false,
        }
    }
}

impl From<Failure> for StoreError {
    fn from(f: Failure) -> Self {
        if f.unreachable {
            Self::Connect(f.message)
        } else {
            Self::Audit(f.message)
        }
    }
}

struct Job {
    event: ReadEvent,
    done: oneshot::Sender<Reply>,
    /// When it was handed in (for the writer's lag).
    sent: Instant,
    /// The request that read (see [`crate::request`]).
    request_id: Option<String>,
}

/// The sending side; the writer thread stops when the last one is dropped.
pub(crate) struct ReadAudit {
    jobs: Sender<Job>,
    /// Events handed in and not yet committed (or failed).
    pending: Arc<AtomicUsize>,
}

impl ReadAudit {
    /// Starts the writer thread. It does not hold the store, so dropping every
    /// store stops it. It writes on a connection of its own, so a commit never
    /// waits behind the reads for one of the pool's. On SQLite it writes to
    /// the reads file (see [`crate::read_events`]), so it never waits for the
    /// main file's writers.
    pub(crate) fn start(
        window: Duration,
        connect: Connect,
        running: Running,
    ) -> std::io::Result<Self> {
        let (jobs, incoming) = mpsc::channel();
        let pending = Arc::new(AtomicUsize::new(0));
        let left = pending.clone();
        std::thread::Builder::new()
            .name("stige-read-audit".into())
            .spawn(move || write_until_closed(&incoming, window, &connect, &running, &left))?;
        Ok(Self { jobs, pending })
    }

    /// Hands `event` to the writer; the answer comes once it is committed.
    pub(crate) fn send(&self, event: ReadEvent) -> Result<oneshot::Receiver<Reply>, Failure> {
        let (done, answer) = oneshot::channel();
        self.jobs
            .send(Job {
                event,
                done,
                sent: Instant::now(),
                request_id: crate::request::current(),
            })
            .map_err(|_| Failure::stopped())?;
        self.pending.fetch_add(1, Ordering::SeqCst);
        metrics::gauge!("stige_audit_writer_queue").increment(1.0);
        Ok(answer)
    }

    /// Events handed in and not yet committed.
    pub(crate) fn pending(&self) -> usize {
        self.pending.load(Ordering::SeqCst)
    }
}

/// The answer when the writer thread is gone.
const STOPPED: &str = "the audit writer has stopped";

/// Waits on this thread for the commit of an event sent with [`ReadAudit::send`].
pub(crate) fn wait(answer: oneshot::Receiver<Reply>) -> Reply {
    answer.blocking_recv().map_err(|_| Failure::stopped())?
}

/// Waits without a thread for the commit of an event sent with [`ReadAudit::send`].
pub(crate) async fn wait_async(answer: oneshot::Receiver<Reply>) -> Reply {
    answer.await.map_err(|_| Failure::stopped())?
}

fn write_until_closed(
    incoming: &Receiver<Job>,
    window: Duration,
    connect: &Connect,
    running: &Running,
    pending: &AtomicUsize,
) {
    // Opened at the first event, and again after an error (it may be broken).
    let mut conn: Option<DbConnection> = None;
    // Waits for the first event, then gathers the others (see `gather`).
    while let Ok(first) = incoming.recv() {
        let running = if window.is_zero() { 0 } else { running() };
        let jobs = gather(incoming, first, running, window);
        let oldest = jobs.iter().map(|j| j.sent).min();
        let request_ids: Vec<Option<String>> = jobs.iter().map(|j| j.request_id.clone()).collect();
        let (events, replies): (Vec<ReadEvent>, Vec<oneshot::Sender<Reply>>) =
            jobs.into_iter().map(|j| (j.event, j.done)).unzip();
        let result = record(&mut conn, connect, &events, &request_ids).map_err(|e| Failure::of(&e));
        if let Err(e) = &result {
            conn = None;
            tracing::error!(error = %e.message, events = events.len(), "could not record read audit events");
        }
        // The writer's lag: from the oldest event's hand-in to its commit.
        if let Some(oldest) = oldest {
            metrics::histogram!("stige_audit_writer_lag_seconds")
                .record(oldest.elapsed().as_secs_f64());
        }
        metrics::gauge!("stige_audit_writer_queue").decrement(events.len() as f64);
        pending.fetch_sub(events.len(), Ordering::SeqCst);
        for done in replies {
            // A reader that went away needs no answer.
            let _ = done.send(result.clone());
        }
    }
}

/// The jobs of one commit: `first`, every job already waiting, and then,
/// while fewer than `running` more have come (the reads running when the
/// first came, each of which may hand in an event), those that come within
/// `window`. Under load one commit then takes the events of several reads
/// instead of one or two, and so commits (each a flush of the log to disk)
/// are fewer; with no other read running it takes what is there at once.
fn gather(incoming: &Receiver<Job>, first: Job, running: usize, window: Duration) -> Vec<Job> {
    let mut jobs = vec![first];
    while jobs.len() < MOST_PER_COMMIT {
        match incoming.try_recv() {
            Ok(job) => jobs.push(job),
            Err(_) => break,
        }
    }
    let wanted = (jobs.len() + running).min(MOST_PER_COMMIT);
    let until = Instant::now() + window;
    while jobs.len() < wanted {
        let left = until.saturating_duration_since(Instant::now());
        match incoming.recv_timeout(left) {
            Ok(job) => jobs.push(job),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
        }
    }
    jobs
}

/// Commits `events` on the writer's connection, opening it if needed.
fn record(
    conn: &mut Option<DbConnection>,
    connect: &Connect,
    events: &[ReadEvent],
    request_ids: &[Option<String>],
) -> Result<(), StoreError> {
    let conn = match conn {
        Some(c) => c,
        None => conn.insert(connect()?),
    };
    Ok(audit::record_reads_of(conn, events, request_ids)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Actor;
    use stige_domain::ParticipantId;

    fn job(n: i64) -> Job {
        let (done, _) = oneshot::channel();
        Job {
            sent: Instant::now(),
            request_id: None,
            event: ReadEvent {
                actor: Actor::System,
                action: stige_domain::AuditAction::ParticipantRead,
                participant: Some(ParticipantId(n)),
                participants: vec![],
                ip: None,
                detail: None,
            },
            done,
        }
    }

    fn participants(jobs: &[Job]) -> Vec<i64> {
        jobs.iter()
            .filter_map(|j| j.event.participant.map(|p| p.0))
            .collect()
    }

    #[test]
    fn with_no_other_read_running_the_waiting_events_are_taken_at_once() {
        let (jobs, incoming) = mpsc::channel();
        jobs.send(job(2)).unwrap();
        jobs.send(job(3)).unwrap();
        let started = Instant::now();
        let taken = gather(&incoming, job(1), 0, Duration::from_secs(30));
        assert_eq!(participants(&taken), vec![1, 2, 3]);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "did not wait for the window"
        );
    }

    #[test]
    fn the_events_of_reads_still_running_are_waited_for_and_taken_together() {
        let (jobs, incoming) = mpsc::channel();
        let late = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            jobs.send(job(2)).unwrap();
            std::thread::sleep(Duration::from_millis(20));
            jobs.send(job(3)).unwrap();
            // A read that came after the two: for the next commit.
            jobs.send(job(4)).unwrap();
            jobs
        });
        let started = Instant::now();
        let taken = gather(&incoming, job(1), 2, Duration::from_secs(30));
        assert_eq!(participants(&taken), vec![1, 2, 3]);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "returned once both came"
        );
        let _jobs = late.join().unwrap();
        assert_eq!(participants(&[incoming.recv().unwrap()]), vec![4]);
    }

    #[test]
    fn a_read_that_hands_in_nothing_delays_the_commit_by_the_window_only() {
        let (jobs, incoming) = mpsc::channel();
        jobs.send(job(2)).unwrap();
        let started = Instant::now();
        let taken = gather(&incoming, job(1), 3, Duration::from_millis(50));
        assert_eq!(participants(&taken), vec![1, 2]);
        assert!(started.elapsed() >= Duration::from_millis(50));
        drop(jobs);
        // And a writer whose readers are all gone stops waiting at once.
        let (jobs, incoming) = mpsc::channel::<Job>();
        drop(jobs);
        let started = Instant::now();
        assert_eq!(
            participants(&gather(&incoming, job(1), 3, Duration::from_secs(30))),
            vec![1]
        );
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn one_commit_takes_no_more_than_its_bound() {
        let (jobs, incoming) = mpsc::channel();
        for n in 2..=(MOST_PER_COMMIT as i64 + 10) {
            jobs.send(job(n)).unwrap();
        }
        let taken = gather(&incoming, job(1), 50, Duration::from_secs(30));
        assert_eq!(taken.len(), MOST_PER_COMMIT);
        assert_eq!(
            participants(&[incoming.recv().unwrap()]),
            vec![MOST_PER_COMMIT as i64 + 1]
        );
    }
}
