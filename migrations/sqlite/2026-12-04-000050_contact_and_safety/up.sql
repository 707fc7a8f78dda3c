-- Contact and safety (issue 24): a participant's phone, e-mail, address,
-- emergency contacts and safety note, sealed together with the data key
-- (AES-256-GCM, like the national id) in one value per person; and the
-- attempts to reach a person (tried, reached) with their time.
CREATE TABLE participant_contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id BIGINT NOT NULL UNIQUE REFERENCES participants(id),
    sealed TEXT NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES users(id),
    updated_at TIMESTAMP NOT NULL
);
CREATE TABLE reach_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    outcome TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX reach_attempts_of_participant ON reach_attempts (participant_id, at);
