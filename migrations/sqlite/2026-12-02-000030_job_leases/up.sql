-- Jobs that must run on one server at a time (the outbox round, the daily
-- maintenance), however many Stige servers share the database: a server runs
-- a job only while it holds the job's lease (see crates/store/src/jobs.rs).
CREATE TABLE job_leases (
    name TEXT PRIMARY KEY NOT NULL,
    holder TEXT,
    held_until TIMESTAMP NOT NULL
);
INSERT INTO job_leases (name, holder, held_until) VALUES
    ('outbox', NULL, '1970-01-01 00:00:00'),
    ('daily', NULL, '1970-01-01 00:00:00');
