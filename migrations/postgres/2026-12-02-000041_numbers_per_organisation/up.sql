-- An organisation number is unique within an organisation, not across the
-- installation: two social enterprises may both work with Kalmar kommun or with
-- the same employer, and neither may learn that the other does.
ALTER TABLE partners DROP CONSTRAINT partners_organisation_number_key;
CREATE UNIQUE INDEX partners_number_per_organisation ON partners(organisation_id, organisation_number);
ALTER TABLE employers DROP CONSTRAINT employers_organisation_number_key;
CREATE UNIQUE INDEX employers_number_per_organisation ON employers(organisation_id, organisation_number);
