-- Planned participation names the days of the week (issue 28): a bit per ISO weekday,
-- Monday = 1, Tuesday = 2, ..., Sunday = 64. "N days per week" becomes the first N
-- days of the week, so a plan of 3 days reads Monday, Tuesday, Wednesday.
ALTER TABLE planned_participation ADD COLUMN weekdays INTEGER;
UPDATE planned_participation SET weekdays = CASE days_per_week
    WHEN 1 THEN 1 WHEN 2 THEN 3 WHEN 3 THEN 7 WHEN 4 THEN 15
    WHEN 5 THEN 31 WHEN 6 THEN 63 WHEN 7 THEN 127 END
WHERE days_per_week IS NOT NULL;
ALTER TABLE planned_participation DROP COLUMN days_per_week;

-- A programme may let the staff on duty mark the whole house, not only their own people.
ALTER TABLE ladders ADD COLUMN whole_house_register BOOLEAN NOT NULL DEFAULT 0;
