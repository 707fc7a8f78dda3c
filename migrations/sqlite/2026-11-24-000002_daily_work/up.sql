-- Goals in the participant's own words, with scaling scores over time.
CREATE TABLE goals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    text TEXT NOT NULL,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX goals_participant ON goals(participant_id, id);

CREATE TABLE goal_scores (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    goal_id BIGINT NOT NULL REFERENCES goals(id),
    date DATE NOT NULL,
    score INTEGER NOT NULL,
    comment TEXT,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX goal_scores_goal ON goal_scores(goal_id, date);

-- Follow-up conversations; edits after 24 hours keep the earlier version.
CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    date DATE NOT NULL,
    attendees TEXT NOT NULL,
    what_works TEXT NOT NULL,
    scaling_score INTEGER,
    next_small_step TEXT NOT NULL,
    next_due DATE,
    confidential BOOLEAN NOT NULL,
    written_by BIGINT NOT NULL REFERENCES users(id),
    written_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX follow_ups_participant ON follow_ups(participant_id, date);
CREATE INDEX follow_ups_due ON follow_ups(next_due);

CREATE TABLE follow_up_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    follow_up_id BIGINT NOT NULL REFERENCES follow_ups(id),
    content TEXT NOT NULL,
    replaced_by BIGINT NOT NULL REFERENCES users(id),
    replaced_at TIMESTAMP NOT NULL
);
CREATE INDEX follow_up_versions_follow_up ON follow_up_versions(follow_up_id, id);

CREATE TABLE follow_up_actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    follow_up_id BIGINT NOT NULL REFERENCES follow_ups(id),
    position INTEGER NOT NULL,
    owner TEXT NOT NULL,
    what TEXT NOT NULL,
    by_when DATE,
    done BOOLEAN NOT NULL
);
CREATE INDEX follow_up_actions_follow_up ON follow_up_actions(follow_up_id, position);
CREATE INDEX follow_up_actions_open ON follow_up_actions(done, by_when);

-- One mark per participant per working day; corrections keep the earlier mark.
CREATE TABLE attendance_marks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    date DATE NOT NULL,
    mark TEXT NOT NULL,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL,
    UNIQUE (participant_id, date)
);
CREATE INDEX attendance_marks_date ON attendance_marks(date, participant_id);

CREATE TABLE attendance_corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    date DATE NOT NULL,
    previous_mark TEXT NOT NULL,
    new_mark TEXT NOT NULL,
    corrected_by BIGINT NOT NULL REFERENCES users(id),
    corrected_at TIMESTAMP NOT NULL
);
CREATE INDEX attendance_corrections_participant ON attendance_corrections(participant_id, date);

-- Planned participation (days or hours per week) and its changes over time.
CREATE TABLE planned_participation (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    valid_from DATE NOT NULL,
    days_per_week INTEGER,
    hours_per_week INTEGER,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX planned_participation_participant ON planned_participation(participant_id, valid_from);
