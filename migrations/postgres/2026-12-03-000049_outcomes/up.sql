-- Outcomes (issue 23): a person's situation (income source, occupation,
-- highest completed education) at the start, at the exit and 3, 6 and 12
-- months after it; gender, optional and only for statistics; a person may
-- decline the checks after the exit. Ladders get a throughput target
-- (people leaving in a planned way per year) beside the target for work or
-- education (`annual_target`).
ALTER TABLE participants ADD COLUMN gender TEXT;
ALTER TABLE participants ADD COLUMN after_exit_checks_declined BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE ladders ADD COLUMN throughput_target INTEGER;
CREATE TABLE situations (
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    moment TEXT NOT NULL,
    reached BOOLEAN NOT NULL,
    income_source TEXT,
    occupation TEXT,
    education TEXT,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (participant_id, moment)
);

ALTER TABLE situations ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON situations
    USING (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id))
    WITH CHECK (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id));
