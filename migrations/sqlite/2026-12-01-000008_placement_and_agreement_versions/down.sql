ALTER TABLE agreements DROP COLUMN version;
ALTER TABLE placements DROP COLUMN version;
