-- Nothing on SQLite: its appends take the database's write lock and read the
-- last hash in-process, where a statement costs no round trip (see
-- crates/store/src/audit_chain.rs). The folder keeps both backends' migrations alike.
SELECT 1;
