ALTER TABLE steps DROP COLUMN expected_independence;
ALTER TABLE steps DROP COLUMN expected_minutes_a_week;
DROP TABLE work_day_tasks;
DROP TABLE work_days;
DROP TABLE work_tasks;
DROP TABLE workplaces;
