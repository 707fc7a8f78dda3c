DROP INDEX employers_number_per_organisation;
ALTER TABLE employers ADD CONSTRAINT employers_organisation_number_key UNIQUE (organisation_number);
DROP INDEX partners_number_per_organisation;
ALTER TABLE partners ADD CONSTRAINT partners_organisation_number_key UNIQUE (organisation_number);
