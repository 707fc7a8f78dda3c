ALTER TABLE ladders DROP COLUMN whole_house_register;
ALTER TABLE planned_participation ADD COLUMN days_per_week INTEGER;
UPDATE planned_participation SET days_per_week =
    (weekdays & 1) + ((weekdays / 2) & 1) + ((weekdays / 4) & 1) + ((weekdays / 8) & 1)
    + ((weekdays / 16) & 1) + ((weekdays / 32) & 1) + ((weekdays / 64) & 1)
WHERE weekdays IS NOT NULL;
ALTER TABLE planned_participation DROP COLUMN weekdays;
