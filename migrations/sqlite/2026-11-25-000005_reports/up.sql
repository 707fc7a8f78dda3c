-- Reports: a ladder's annual throughput target, the step each attendance mark
-- was made on (so attendance per step is one indexed aggregate, not a join over
-- every participant's moves), and consent to research.
ALTER TABLE ladders ADD COLUMN annual_target INTEGER;

ALTER TABLE attendance_marks ADD COLUMN step_id BIGINT REFERENCES steps(id);
UPDATE attendance_marks SET step_id = (
    SELECT m.to_step_id FROM step_moves m
    WHERE m.participant_id = attendance_marks.participant_id
      AND m.date <= attendance_marks.date
    ORDER BY m.date DESC, m.id DESC
    LIMIT 1
);
CREATE INDEX attendance_marks_step ON attendance_marks(step_id, date, mark, participant_id);

-- Consent to take part, pseudonymised, in research: one row per participant,
-- kept when revoked so the ledger shows both dates.
CREATE TABLE research_consents (
    participant_id BIGINT PRIMARY KEY REFERENCES participants(id),
    given_on DATE NOT NULL,
    revoked_on DATE,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL
);
