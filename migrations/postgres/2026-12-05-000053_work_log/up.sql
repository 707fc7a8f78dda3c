-- The work itself (issue 26): each programme's workplaces (workshop, kitchen,
-- café, ...) with their tasks; per person and day the tasks done, the hours
-- worked and how independently; and what each step expects of a person's work.
CREATE TABLE workplaces (
    id BIGSERIAL PRIMARY KEY,
    ladder_id BIGINT NOT NULL REFERENCES ladders(id),
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX workplaces_name ON workplaces(ladder_id, name);

CREATE TABLE work_tasks (
    id BIGSERIAL PRIMARY KEY,
    workplace_id BIGINT NOT NULL REFERENCES workplaces(id),
    name TEXT NOT NULL
);
CREATE UNIQUE INDEX work_tasks_name ON work_tasks(workplace_id, name);

CREATE TABLE work_days (
    id BIGSERIAL PRIMARY KEY,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    day DATE NOT NULL,
    minutes INTEGER NOT NULL,
    independence TEXT NOT NULL,
    note TEXT,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL,
    UNIQUE (participant_id, day)
);

CREATE TABLE work_day_tasks (
    work_day_id BIGINT NOT NULL REFERENCES work_days(id),
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    task_id BIGINT NOT NULL REFERENCES work_tasks(id),
    PRIMARY KEY (work_day_id, task_id)
);
CREATE INDEX work_day_tasks_participant ON work_day_tasks(participant_id);

ALTER TABLE steps ADD COLUMN expected_minutes_a_week INTEGER;
ALTER TABLE steps ADD COLUMN expected_independence TEXT;

ALTER TABLE workplaces ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON workplaces
    USING (ladder_id IN (SELECT id FROM ladders))
    WITH CHECK (ladder_id IN (SELECT id FROM ladders));
ALTER TABLE work_tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON work_tasks
    USING (workplace_id IN (SELECT id FROM workplaces))
    WITH CHECK (workplace_id IN (SELECT id FROM workplaces));
ALTER TABLE work_days ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON work_days
    USING (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id))
    WITH CHECK (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id));
ALTER TABLE work_day_tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON work_day_tasks
    USING (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id))
    WITH CHECK (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id));
