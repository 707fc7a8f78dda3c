ALTER TABLE participants DROP COLUMN anonymised_at;
ALTER TABLE ladders DROP COLUMN retention_basis;
ALTER TABLE ladders DROP COLUMN retention_years;
