-- Rectification trail (issue 20, item 5): a change of a person's identity
-- keeps what it replaced, who changed it and when. A national identity
-- number is kept as it was stored: encrypted, with its masked form.
CREATE TABLE identity_corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    field TEXT NOT NULL,
    old_value TEXT,
    old_cipher TEXT,
    corrected_by BIGINT NOT NULL REFERENCES users(id),
    corrected_at TIMESTAMP NOT NULL
);
CREATE INDEX identity_corrections_participant ON identity_corrections(participant_id, id);
