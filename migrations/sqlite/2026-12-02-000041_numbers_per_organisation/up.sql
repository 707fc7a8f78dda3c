-- An organisation number is unique within an organisation, not across the
-- installation: two social enterprises may both work with Kalmar kommun or with
-- the same employer, and neither may learn that the other does. SQLite keeps a
-- column's UNIQUE with the table, so both tables are rebuilt (the procedure of
-- https://www.sqlite.org/lang_altertable.html#otheralter).
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE partners_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    organisation_number TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    organisation_id BIGINT NOT NULL DEFAULT 0
);
INSERT INTO partners_rebuilt (id, name, kind, organisation_number, created_at, organisation_id)
    SELECT id, name, kind, organisation_number, created_at, organisation_id FROM partners;
DROP TABLE partners;
ALTER TABLE partners_rebuilt RENAME TO partners;
CREATE INDEX partners_organisation ON partners(organisation_id);
CREATE UNIQUE INDEX partners_number_per_organisation ON partners(organisation_id, organisation_number);

CREATE TABLE employers_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    organisation_number TEXT NOT NULL,
    address TEXT NOT NULL,
    association_member BOOLEAN NOT NULL,
    language TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    organisation_id BIGINT NOT NULL DEFAULT 0
);
INSERT INTO employers_rebuilt (id, name, organisation_number, address, association_member, language, created_at, organisation_id)
    SELECT id, name, organisation_number, address, association_member, language, created_at, organisation_id FROM employers;
DROP TABLE employers;
ALTER TABLE employers_rebuilt RENAME TO employers;
CREATE INDEX employers_organisation ON employers(organisation_id);
CREATE UNIQUE INDEX employers_number_per_organisation ON employers(organisation_id, organisation_number);
COMMIT;
PRAGMA foreign_keys = ON;
