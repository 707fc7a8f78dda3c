DROP TABLE production_days;
ALTER TABLE workplaces DROP COLUMN output_unit;
