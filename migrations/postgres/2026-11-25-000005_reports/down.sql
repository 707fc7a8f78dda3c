DROP TABLE research_consents;
DROP INDEX attendance_marks_step;
ALTER TABLE attendance_marks DROP COLUMN step_id;
ALTER TABLE ladders DROP COLUMN annual_target;
