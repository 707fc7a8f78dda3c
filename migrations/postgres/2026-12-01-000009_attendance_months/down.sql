DROP TRIGGER attendance_months_count ON attendance_marks;
DROP FUNCTION count_attendance_month();
DROP TABLE attendance_months;
