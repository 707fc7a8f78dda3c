DROP TABLE programme_roles;
ALTER TABLE users DROP COLUMN organisation_id;
ALTER TABLE employers DROP COLUMN organisation_id;
ALTER TABLE partners DROP COLUMN organisation_id;
ALTER TABLE ladders DROP COLUMN organisation_id;
DROP TABLE organisations;
