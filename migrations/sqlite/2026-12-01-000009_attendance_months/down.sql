DROP TRIGGER attendance_months_update;
DROP TRIGGER attendance_months_delete;
DROP TRIGGER attendance_months_insert;
DROP TABLE attendance_months;
