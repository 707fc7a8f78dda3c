-- Row-level security is PostgreSQL's (issue 27); on SQLite the store's typed
-- reach alone limits every query. Nothing to change here.
SELECT 1;
