-- Back to one number per installation (fails if two organisations share one).
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX partners_number_per_organisation;
CREATE UNIQUE INDEX partners_number_unique ON partners(organisation_number);
DROP INDEX employers_number_per_organisation;
CREATE UNIQUE INDEX employers_number_unique ON employers(organisation_number);
COMMIT;
PRAGMA foreign_keys = ON;
