-- Retention (issue 20, item 3): each ladder keeps a person's identity and
-- free texts for a period after their exit (default 5 years), with the legal
-- basis as text; then they are anonymised and `anonymised_at` says when.
ALTER TABLE ladders ADD COLUMN retention_years INTEGER NOT NULL DEFAULT 5;
ALTER TABLE ladders ADD COLUMN retention_basis TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN anonymised_at TIMESTAMP;
