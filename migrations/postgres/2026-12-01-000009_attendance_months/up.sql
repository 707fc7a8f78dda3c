-- Attendance marks counted per step, month, participant and kind of mark, for
-- the reports: a year of a large programme holds millions of marks, and the
-- report's attendance per step and month then reads these counts (about one
-- row for every five marks) instead of the marks. Kept by the database
-- itself, one mark at a time, so every process writing marks is counted.
-- Derived data: no foreign keys of its own (the marks have them).
CREATE TABLE attendance_months (
    step_id BIGINT NOT NULL,
    month DATE NOT NULL,
    participant_id BIGINT NOT NULL,
    mark TEXT NOT NULL,
    days INTEGER NOT NULL,
    PRIMARY KEY (step_id, month, participant_id, mark) INCLUDE (days)
);

INSERT INTO attendance_months (step_id, month, participant_id, mark, days)
SELECT step_id, date_trunc('month', date)::date, participant_id, mark, count(*)
FROM attendance_marks
WHERE step_id IS NOT NULL
GROUP BY 1, 2, 3, 4;

CREATE FUNCTION count_attendance_month() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.step_id IS NOT NULL THEN
        UPDATE attendance_months SET days = days - 1
        WHERE step_id = OLD.step_id
          AND month = date_trunc('month', OLD.date)::date
          AND participant_id = OLD.participant_id
          AND mark = OLD.mark;
        DELETE FROM attendance_months
        WHERE step_id = OLD.step_id
          AND month = date_trunc('month', OLD.date)::date
          AND participant_id = OLD.participant_id
          AND mark = OLD.mark
          AND days <= 0;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.step_id IS NOT NULL THEN
        INSERT INTO attendance_months (step_id, month, participant_id, mark, days)
        VALUES (NEW.step_id, date_trunc('month', NEW.date)::date, NEW.participant_id, NEW.mark, 1)
        ON CONFLICT (step_id, month, participant_id, mark)
        DO UPDATE SET days = attendance_months.days + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER attendance_months_count
AFTER INSERT OR DELETE OR UPDATE OF step_id, date, participant_id, mark
ON attendance_marks
FOR EACH ROW EXECUTE FUNCTION count_attendance_month();

-- Planner statistics for the counts just added (the report chooses its plan by them).
ANALYZE attendance_months;
