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
    PRIMARY KEY (step_id, month, participant_id, mark)
) WITHOUT ROWID;

INSERT INTO attendance_months (step_id, month, participant_id, mark, days)
SELECT step_id, date(date, 'start of month'), participant_id, mark, count(*)
FROM attendance_marks
WHERE step_id IS NOT NULL
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER attendance_months_insert
AFTER INSERT ON attendance_marks
WHEN NEW.step_id IS NOT NULL
BEGIN
    INSERT INTO attendance_months (step_id, month, participant_id, mark, days)
    VALUES (NEW.step_id, date(NEW.date, 'start of month'), NEW.participant_id, NEW.mark, 1)
    ON CONFLICT (step_id, month, participant_id, mark) DO UPDATE SET days = days + 1;
END;

CREATE TRIGGER attendance_months_delete
AFTER DELETE ON attendance_marks
WHEN OLD.step_id IS NOT NULL
BEGIN
    UPDATE attendance_months SET days = days - 1
    WHERE step_id = OLD.step_id
      AND month = date(OLD.date, 'start of month')
      AND participant_id = OLD.participant_id
      AND mark = OLD.mark;
    DELETE FROM attendance_months
    WHERE step_id = OLD.step_id
      AND month = date(OLD.date, 'start of month')
      AND participant_id = OLD.participant_id
      AND mark = OLD.mark
      AND days <= 0;
END;

CREATE TRIGGER attendance_months_update
AFTER UPDATE OF step_id, date, participant_id, mark ON attendance_marks
BEGIN
    UPDATE attendance_months SET days = days - 1
    WHERE OLD.step_id IS NOT NULL
      AND step_id = OLD.step_id
      AND month = date(OLD.date, 'start of month')
      AND participant_id = OLD.participant_id
      AND mark = OLD.mark;
    DELETE FROM attendance_months
    WHERE OLD.step_id IS NOT NULL
      AND step_id = OLD.step_id
      AND month = date(OLD.date, 'start of month')
      AND participant_id = OLD.participant_id
      AND mark = OLD.mark
      AND days <= 0;
    INSERT INTO attendance_months (step_id, month, participant_id, mark, days)
    SELECT NEW.step_id, date(NEW.date, 'start of month'), NEW.participant_id, NEW.mark, 1
    WHERE NEW.step_id IS NOT NULL
    ON CONFLICT (step_id, month, participant_id, mark) DO UPDATE SET days = days + 1;
END;
