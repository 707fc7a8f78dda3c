//! One connection type over SQLite and PostgreSQL, chosen by the URL's scheme.

use crate::list_memory::ListMemory;
use crate::reachability::Reachability;
use crate::read_audit::{self, ReadAudit, ReadEvent};
use crate::read_events;
use crate::row_security::{self, RowScope};
use diesel::connection::TransactionManager;
use diesel::prelude::*;
use diesel::r2d2::{
    ConnectionManager, CustomizeConnection, ManageConnection, Pool, PooledConnection,
};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A connection to either backend.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

/// Which database a URL points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// A file path (created on first use).
    Sqlite(PathBuf),
    Postgres(String),
}

/// Opening or migrating the database failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got \"{0}\")")]
    UnknownScheme(String),
    #[error("could not create the folder {path} for the SQLite database: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("could not connect to the database: {0}")]
    Connect(String),
    #[error("a database migration failed, so Stige did not start: {0}")]
    Migration(String),
    #[error("could not record the audit event of a read: {0}")]
    Audit(String),
    #[error(
        "the read log {reads} is missing beside the database {main}, so Stige did not start: \
         it holds the audit events of reads, and making it again empty would lose them unnoticed. \
         Restore it from the backup taken with the database. If it is lost for good, record that, \
         and create an empty file at that path to start a new read log."
    )]
    ReadLogMissing { main: String, reads: String },
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

impl Backend {
    /// Parses `sqlite://path/to/file.db`, `sqlite::memory:`-free paths, or `postgres://…`.
    pub fn from_url(url: &str) -> Result<Self, StoreError> {
        if let Some(path) = url.strip_prefix("sqlite://") {
            Ok(Self::Sqlite(PathBuf::from(path)))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres(url.to_owned()))
        } else {
            // Never echo a password that may be in the URL.
            let scheme = url.split("://").next().unwrap_or("").to_owned();
            Err(StoreError::UnknownScheme(scheme))
        }
    }

    /// The folder where demo-mode keys are kept: next to the SQLite file, or `data/`.
    pub fn data_dir(&self) -> PathBuf {
        match self {
            Self::Sqlite(path) => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from(".")),
            Self::Postgres(_) => PathBuf::from("data"),
        }
    }

    fn connection_url(&self) -> String {
        match self {
            Self::Sqlite(path) => path.to_string_lossy().into_owned(),
            Self::Postgres(url) => url.clone(),
        }
    }

    /// A connection of its own, outside any pool, set up as the pool's are.
    pub(crate) fn connect(&self) -> Result<DbConnection, StoreError> {
        let mut conn = DbConnection::establish(&self.connection_url())
            .map_err(|e| StoreError::Connect(redact(&e.to_string())))?;
        self.pragmas()
            .on_acquire(&mut conn)
            .map_err(|e| StoreError::Connect(redact(&e.to_string())))?;
        Ok(conn)
    }

    fn pragmas(&self) -> Pragmas {
        Pragmas {
            attach_reads: match self {
                Self::Sqlite(path) => Some(read_events::attach_sql(path)),
                Self::Postgres(_) => None,
            },
        }
    }
}

/// SQLite's page cache per connection, in KiB (32 MiB).
const CACHE_KIB: i64 = 32 * 1024;

/// Sets a SQLite connection's page cache to `kib` KiB.
pub(crate) fn cache_size_sql(kib: i64) -> String {
    format!("PRAGMA cache_size = -{kib}")
}

/// Sets a SQLite connection's page cache back to the usual size.
pub(crate) fn usual_cache_size_sql() -> String {
    cache_size_sql(CACHE_KIB)
}

/// Set on every new connection: on SQLite its pragmas and the reads file.
#[derive(Debug)]
struct Pragmas {
    /// SQLite: the `ATTACH` of the reads file (see [`crate::read_events`]).
    attach_reads: Option<String>,
}

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for Pragmas {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if let DbConnection::Sqlite(c) = conn {
            // journal_mode = WAL is set once in `Store::open` (it is kept in the file);
            // the busy timeout comes first so the others wait for a lock if needed.
            let reads = (self.attach_reads.as_deref())
                .map(|attach| [attach, "PRAGMA reads.synchronous = NORMAL"]);
            let cache_size = usual_cache_size_sql();
            let pragmas = [
                "PRAGMA busy_timeout = 5000",
                "PRAGMA synchronous = NORMAL",
                "PRAGMA foreign_keys = ON",
                // No memory map: after a commit by another connection SQLite unmaps
                // the whole map, which stalls every thread of the process (measured
                // when read audit events were still committed to this file). Plain
                // reads from the OS cache cost less.
                "PRAGMA mmap_size = 0",
                &cache_size,
                "PRAGMA temp_store = MEMORY",
            ];
            for pragma in pragmas.into_iter().chain(reads.into_iter().flatten()) {
                diesel::sql_query(pragma)
                    .execute(c)
                    .map_err(diesel::r2d2::Error::QueryError)?;
            }
        }
        Ok(())
    }
}

/// diesel's connection manager, which also drops every connection given
/// back while the database is unreachable (see [`crate::reachability`]).
#[derive(Debug)]
pub struct Manager {
    inner: ConnectionManager<DbConnection>,
    reachability: Arc<Reachability>,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        self.inner.connect()
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        self.inner.is_valid(conn)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        self.inner.has_broken(conn) || self.reachability.is_down()
    }
}

/// How long a request waits at most for a connection (a new one is opened
/// when none is free): short, so an unreachable database is answered with
/// 503 within a few seconds.
pub const CONNECTION_TIMEOUT: Duration = Duration::from_millis(2_000);

/// The pool's connections now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolState {
    pub in_use: u32,
    pub idle: u32,
    /// Requests waiting for their turn to use a connection.
    pub waiting: usize,
}

/// A pool of connections to one database.
#[derive(Clone)]
pub struct Store {
    pool: Pool<Manager>,
    backend: Backend,
    /// SQLite takes one writer at a time. Writers of this process queue here
    /// instead of in SQLite's busy handler, which sleeps for milliseconds between
    /// retries and so turns every collision into a long tail of latency.
    sqlite_writer: Arc<Mutex<()>>,
    /// The writer of read audit events, started at the first read.
    read_audit: Arc<OnceLock<Result<ReadAudit, String>>>,
    /// One turn per pooled connection, handed out first come, first served
    /// (see [`Store::turn`]).
    turns: Arc<Semaphore>,
    /// Totals and page starts of the participant list by filter.
    list_memory: Arc<ListMemory>,
    /// Whether the database answers (see [`crate::reachability`]).
    reachability: Arc<Reachability>,
    /// Requests waiting in [`Store::turn`].
    waiting: Arc<AtomicUsize>,
    /// Whether PostgreSQL's row-level security can be used (see
    /// [`crate::row_security`]), found out at the first limited request.
    row_security: Arc<OnceLock<bool>>,
}

/// The right to use one of the store's connections, until dropped.
#[derive(Debug)]
pub struct Turn {
    _permit: OwnedSemaphorePermit,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        };
        f.debug_struct("Store").field("backend", &kind).finish()
    }
}

pub type Conn = PooledConnection<Manager>;

impl Store {
    /// Opens (and for SQLite creates) the database with the default number of
    /// connections ([`default_pool_size`]). Does not migrate.
    pub fn open(url: &str) -> Result<Self, StoreError> {
        Self::open_with(url, None)
    }

    /// Opens the database with at most `pool_size` connections (the default when
    /// `None`). Does not migrate.
    pub fn open_with(url: &str, pool_size: Option<u32>) -> Result<Self, StoreError> {
        Self::open_with_timeout(url, pool_size, CONNECTION_TIMEOUT)
    }

    /// Like [`Store::open_with`], waiting at most `timeout` for a connection.
    pub fn open_with_timeout(
        url: &str,
        pool_size: Option<u32>,
        timeout: Duration,
    ) -> Result<Self, StoreError> {
        let backend = Backend::from_url(url)?;
        if let Backend::Sqlite(path) = &backend
            && let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
        if let Backend::Sqlite(path) = &backend {
            check_read_log(path)?;
            let mut conn = diesel::SqliteConnection::establish(&path.to_string_lossy())
                .map_err(|e| StoreError::Connect(e.to_string()))?;
            // Waits for a lock like every pooled connection: connections of a
            // store just dropped may still be closing, or a pool's background
            // threads still opening theirs.
            diesel::sql_query("PRAGMA busy_timeout = 5000").execute(&mut conn)?;
            diesel::sql_query("PRAGMA journal_mode = WAL").execute(&mut conn)?;
            diesel::sql_query(read_events::attach_sql(path))
                .execute(&mut conn)
                .and_then(|_| read_events::prepare(&mut conn))
                .map_err(|e| {
                    StoreError::Connect(format!(
                        "could not open {}, where the audit events of reads are kept: {e}",
                        read_events::file_beside(path).display()
                    ))
                })?;
        }
        let max_size = pool_size
            .unwrap_or_else(|| default_pool_size(&backend))
            .max(1);
        let reachability = Arc::new(Reachability::default());
        let pool = build_pool(&backend, max_size, timeout, reachability.clone())?;
        Ok(Self {
            pool,
            backend,
            sqlite_writer: Arc::new(Mutex::new(())),
            read_audit: Arc::new(OnceLock::new()),
            turns: Arc::new(Semaphore::new(max_size as usize)),
            list_memory: Arc::new(ListMemory::default()),
            reachability,
            waiting: Arc::new(AtomicUsize::new(0)),
            row_security: Arc::new(OnceLock::new()),
        })
    }

    /// Waits, without holding a thread, for a turn to use a connection. There
    /// are as many turns as connections, given in the order they were asked
    /// for, so whoever holds one finds a connection free or soon free (a
    /// report's second connection borrows from the same pool for a moment; the
    /// read audit writer has a connection of its own). Requests that go
    /// through here queue in order: the pool alone lets a thread that just
    /// gave its connection back take it again before a waiting one wakes,
    /// which under load leaves some requests waiting far longer than the rest.
    ///
    /// While the database is unreachable, a request gets a turn only if one
    /// is free at once (it then probes the database), and those waiting are
    /// woken when it is found unreachable: no one waits behind probes that
    /// each take up to the connection timeout.
    pub async fn turn(&self) -> Result<Turn, StoreError> {
        if self.reachability.is_down() {
            return self.turn_now();
        }
        let mut down = self.reachability.subscribe();
        self.waiting.fetch_add(1, Ordering::Relaxed);
        let turn = tokio::select! {
            permit = self.turns.clone().acquire_owned() => permit
                .map(|permit| Turn { _permit: permit })
                .map_err(|_| StoreError::Connect("the store is closed".into())),
            // The borrow that `wait_for` answers with holds the channel's read
            // lock: it must be gone before `turn_now` reads the channel again,
            // or a writer marking the database down in between deadlocks both.
            _ = async { down.wait_for(|down| *down).await.is_ok() } => self.turn_now(),
        };
        self.waiting.fetch_sub(1, Ordering::Relaxed);
        turn
    }

    /// A turn if one is free now; else the database is unreachable.
    fn turn_now(&self) -> Result<Turn, StoreError> {
        self.turns
            .clone()
            .try_acquire_owned()
            .map(|permit| Turn { _permit: permit })
            .map_err(|_| StoreError::Connect(self.unreachable_reason()))
    }

    fn unreachable_reason(&self) -> String {
        self.reachability
            .why()
            .unwrap_or_else(|| "the database cannot be reached".into())
    }

    /// Whether the database answers (see [`crate::reachability`]).
    pub fn reachability(&self) -> &Reachability {
        &self.reachability
    }

    /// Notes that a query failed because the database cannot be reached.
    pub fn mark_unreachable(&self, why: &str) {
        self.reachability.mark_down(&redact(why));
    }

    /// The pool's connections in use and idle, and the requests waiting.
    pub fn pool_state(&self) -> PoolState {
        let state = self.pool.state();
        PoolState {
            in_use: state.connections.saturating_sub(state.idle_connections),
            idle: state.idle_connections,
            waiting: self.waiting.load(Ordering::Relaxed),
        }
    }

    /// Totals and page starts of the participant list, kept while the participants are unchanged.
    pub fn list_memory(&self) -> Arc<ListMemory> {
        self.list_memory.clone()
    }

    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    /// A connection from the pool.
    /// While the database is unreachable, the connection is probed first.
    pub fn conn(&self) -> Result<Conn, StoreError> {
        let mut conn = self.pool.get().map_err(|e| {
            let why = redact(&e.to_string());
            self.reachability.mark_down(&why);
            StoreError::Connect(why)
        })?;
        if self.reachability.is_down() {
            // Dropped on an error, and so closed: see `Manager::has_broken`.
            if let Err(e) = diesel::sql_query("SELECT 1").execute(&mut *conn) {
                let why = redact(&e.to_string());
                self.reachability.mark_down(&why);
                return Err(StoreError::Connect(why));
            }
            self.reachability.mark_up();
        }
        Ok(conn)
    }

    /// A connection from the pool if one is free now, without waiting.
    pub fn try_conn(&self) -> Option<Conn> {
        self.pool.try_get()
    }

    /// Runs `f` in one transaction: everything it writes, or nothing.
    pub fn transaction<T, E>(
        &self,
        f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<diesel::result::Error> + From<StoreError>,
    {
        let mut conn = self.conn()?;
        self.transaction_on(&mut conn, f)
    }

    /// Runs `f` in one transaction on a connection already taken from the pool
    /// (so a read and its audit event need one connection, not two). Always
    /// connection first, then the writer's turn: the same order everywhere, so
    /// waiting for one never blocks whoever holds the other.
    pub fn transaction_on<T, E>(
        &self,
        conn: &mut DbConnection,
        f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<diesel::result::Error> + From<StoreError>,
    {
        let _writer = self.writer_turn();
        // On SQLite the write lock is taken at the start, so two writers never
        // deadlock upgrading read locks.
        crate::immediate::immediate(conn, f)
    }

    /// Runs `f` in one transaction limited to `scope`'s rows (on PostgreSQL
    /// by row-level security; see [`crate::row_security`]).
    pub fn transaction_in<T, E>(
        &self,
        scope: RowScope,
        f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<diesel::result::Error> + From<StoreError>,
    {
        let mut conn = self.conn()?;
        let limited = self.limits_rows(&mut conn, scope);
        self.transaction_on(&mut conn, |conn| {
            if limited {
                row_security::enter(conn, scope)?;
            }
            f(conn)
        })
    }

    /// Runs the read `f` limited to `scope`'s rows: on PostgreSQL with
    /// row-level security in a transaction of its own (its settings end with
    /// it), elsewhere as it is.
    pub fn read_in<T, E>(
        &self,
        conn: &mut DbConnection,
        scope: RowScope,
        f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<diesel::result::Error> + From<StoreError>,
    {
        if !self.limits_rows(conn, scope) {
            return f(conn);
        }
        conn.transaction(|conn| {
            row_security::enter(conn, scope)?;
            f(conn)
        })
    }

    /// Whether requests in `scope` are limited by row-level security here.
    fn limits_rows(&self, conn: &mut DbConnection, scope: RowScope) -> bool {
        if scope == RowScope::Installation || !matches!(conn, DbConnection::Pg(_)) {
            return false;
        }
        *self.row_security.get_or_init(|| {
            let available = row_security::available(conn).unwrap_or(false);
            if !available {
                tracing::warn!(
                    "PostgreSQL row-level security is off: the database user may not act as role {} (see the README)",
                    row_security::ROLE
                );
            }
            available
        })
    }

    /// Records the audit event of a read and returns once it is committed. Events
    /// that arrive together are committed together (see [`crate::read_audit`]);
    /// call it after giving the read's connection back to the pool. It blocks
    /// the thread: from async code use [`Store::record_read_async`].
    pub fn record_read(&self, event: ReadEvent) -> Result<(), StoreError> {
        let answer = self.read_audit()?.send(event)?;
        Ok(read_audit::wait(answer)?)
    }

    /// Like [`Store::record_read`], waiting without holding a thread.
    pub async fn record_read_async(&self, event: ReadEvent) -> Result<(), StoreError> {
        let answer = self.read_audit()?.send(event)?;
        Ok(read_audit::wait_async(answer).await?)
    }

    /// Read audit events handed to the writer and not yet committed.
    pub fn read_audit_pending(&self) -> usize {
        self.read_audit
            .get()
            .and_then(|r| r.as_ref().ok())
            .map_or(0, ReadAudit::pending)
    }

    /// The writer of read audit events, started at the first read.
    fn read_audit(&self) -> Result<&ReadAudit, StoreError> {
        self.read_audit
            .get_or_init(|| {
                let pool = self.pool.clone();
                let running = Box::new(move || {
                    let state = pool.state();
                    state.connections.saturating_sub(state.idle_connections) as usize
                });
                let backend = self.backend.clone();
                let window = read_audit_window(&backend);
                let connect = Box::new(move || backend.connect());
                ReadAudit::start(window, connect, running).map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| StoreError::Audit(format!("could not start the audit writer: {e}")))
    }

    /// On SQLite, this process's turn to write; on PostgreSQL nothing to wait for.
    fn writer_turn(&self) -> Option<std::sync::MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite(_) => Some(
                self.sqlite_writer
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner),
            ),
            Backend::Postgres(_) => None,
        }
    }

    /// Checks that the database answers.
    pub fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        diesel::sql_query("SELECT 1")
            .execute(&mut *conn)
            .inspect_err(|e| {
                if crate::reachability::is_unreachable(e) {
                    self.mark_unreachable(&e.to_string());
                }
            })?;
        Ok(())
    }
}

/// On SQLite, the read log must be beside an existing database: it is made
/// only with the database itself, on its first start (see [`crate::read_events`]).
fn check_read_log(main: &Path) -> Result<(), StoreError> {
    let fresh = std::fs::metadata(main).map_or(true, |m| m.len() == 0);
    let reads = read_events::file_beside(main);
    if fresh || reads.exists() {
        return Ok(());
    }
    Err(StoreError::ReadLogMissing {
        main: main.display().to_string(),
        reads: reads.display().to_string(),
    })
}

/// The read audit's gathering window on `backend` (see `read_audit::gather`): on PostgreSQL every commit flushes the
/// log to disk, so fewer commits save work; SQLite commits the reads file
/// without a flush (`synchronous = NORMAL` in WAL mode), so nothing is gained
/// by waiting.
fn read_audit_window(backend: &Backend) -> Duration {
    match backend {
        Backend::Postgres(_) => crate::read_audit::GATHER,
        Backend::Sqlite(_) => Duration::ZERO,
    }
}

fn build_pool(
    backend: &Backend,
    max_size: u32,
    timeout: Duration,
    reachability: Arc<Reachability>,
) -> Result<Pool<Manager>, StoreError> {
    let manager = Manager {
        inner: ConnectionManager::<DbConnection>::new(backend.connection_url()),
        reachability,
    };
    Pool::builder()
        .max_size(max_size)
        // Open connections when they are needed, not all at start on background
        // threads (a test server or a short CLI command needs one or two).
        .min_idle(Some(1))
        // No `SELECT 1` before every use: a broken connection shows as an error
        // on its query and is replaced; the test would cost a round trip per request.
        .test_on_check_out(false)
        .connection_timeout(timeout)
        .connection_customizer(Box::new(backend.pragmas()))
        .build(manager)
        .map_err(|e| StoreError::Connect(redact(&e.to_string())))
}

/// Connections per store unless configured. SQLite's readers run in this
/// process: 8. PostgreSQL's each run as a server process on the same cores, and
/// more of them than about twice the cores only queue for CPU and stretch the
/// slowest answers: twice the cores, from 4 to 16.
pub fn default_pool_size(backend: &Backend) -> u32 {
    match backend {
        Backend::Sqlite(_) => 8,
        Backend::Postgres(_) => {
            let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
            u32::try_from(cores * 2).unwrap_or(16).clamp(4, 16)
        }
    }
}

/// Removes a password from connection error texts.
fn redact(message: &str) -> String {
    match (message.find("://"), message.find('@')) {
        (Some(start), Some(at)) if at > start => {
            format!("{}://***{}", &message[..start], &message[at..])
        }
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_postgresql_commits_wait_for_running_reads() {
        let postgres = Backend::Postgres("postgres://db".into());
        assert_eq!(read_audit_window(&postgres), crate::read_audit::GATHER);
        let sqlite = Backend::Sqlite("stige.db".into());
        assert_eq!(read_audit_window(&sqlite), Duration::ZERO);
    }

    #[test]
    fn the_backend_is_chosen_by_the_url_scheme() {
        assert_eq!(
            Backend::from_url("sqlite://data/stige.db").ok(),
            Some(Backend::Sqlite(PathBuf::from("data/stige.db")))
        );
        assert!(matches!(
            Backend::from_url("postgres://u@h/db"),
            Ok(Backend::Postgres(_))
        ));
        let err = Backend::from_url("mysql://root:secret@h/db").unwrap_err();
        assert!(!err.to_string().contains("secret"));
    }

    #[test]
    fn passwords_are_redacted_from_errors() {
        assert_eq!(redact("postgres://u:pw@host/db"), "postgres://***@host/db");
    }
}
