-- Row-level security is PostgreSQL's (issue 27). Nothing to change here.
SELECT 1;
