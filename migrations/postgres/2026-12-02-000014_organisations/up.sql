-- Organisations and programme membership (issue 27): one installation, many
-- organisations; each owns its ladders (programmes), partners, employers and
-- users, and a staff member holds a role per programme they work in.
CREATE TABLE organisations (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    organisation_number TEXT NOT NULL,
    country TEXT NOT NULL,
    default_language TEXT NOT NULL,
    participant_word TEXT NOT NULL,
    retention_years INTEGER NOT NULL DEFAULT 5,
    created_at TIMESTAMP NOT NULL
);

-- Existing data (an installation from before organisations) belongs to one
-- organisation, which its admins can rename.
INSERT INTO organisations (id, name, organisation_number, country, default_language,
                           participant_word, retention_years, created_at)
SELECT 1, 'Organisation', '', 'NO', 'nb', 'deltaker', 5, CURRENT_TIMESTAMP
WHERE EXISTS (SELECT 1 FROM ladders) OR EXISTS (SELECT 1 FROM users)
   OR EXISTS (SELECT 1 FROM partners) OR EXISTS (SELECT 1 FROM employers);
SELECT setval(pg_get_serial_sequence('organisations', 'id'),
              GREATEST((SELECT COALESCE(MAX(id), 0) FROM organisations), 1),
              (SELECT COUNT(*) > 0 FROM organisations));

ALTER TABLE ladders ADD COLUMN organisation_id BIGINT;
ALTER TABLE partners ADD COLUMN organisation_id BIGINT;
ALTER TABLE employers ADD COLUMN organisation_id BIGINT;
-- NULL: a platform admin, who belongs to no organisation and sees no one's data.
ALTER TABLE users ADD COLUMN organisation_id BIGINT REFERENCES organisations(id);
UPDATE ladders SET organisation_id = 1;
UPDATE partners SET organisation_id = 1;
UPDATE employers SET organisation_id = 1;
UPDATE users SET organisation_id = 1;
ALTER TABLE ladders ALTER COLUMN organisation_id SET NOT NULL,
    ADD FOREIGN KEY (organisation_id) REFERENCES organisations(id);
ALTER TABLE partners ALTER COLUMN organisation_id SET NOT NULL,
    ADD FOREIGN KEY (organisation_id) REFERENCES organisations(id);
ALTER TABLE employers ALTER COLUMN organisation_id SET NOT NULL,
    ADD FOREIGN KEY (organisation_id) REFERENCES organisations(id);
CREATE INDEX ladders_organisation ON ladders(organisation_id);
CREATE INDEX partners_organisation ON partners(organisation_id);
CREATE INDEX employers_organisation ON employers(organisation_id);
CREATE INDEX users_organisation ON users(organisation_id);

-- The role a staff member holds in a programme. An organisation's admins hold
-- admin in every programme of their organisation without a row here.
CREATE TABLE programme_roles (
    user_id BIGINT NOT NULL REFERENCES users(id),
    ladder_id BIGINT NOT NULL REFERENCES ladders(id),
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, ladder_id)
);
CREATE INDEX programme_roles_ladder ON programme_roles(ladder_id);

-- Before organisations, every staff member worked in every ladder in their role.
INSERT INTO programme_roles (user_id, ladder_id, role)
SELECT users.id, ladders.id, users.role FROM users CROSS JOIN ladders
WHERE users.role <> 'admin';
