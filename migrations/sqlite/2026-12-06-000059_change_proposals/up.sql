-- Change proposals (issue 22, part 4): a partner following a person proposes a
-- change (extend its link, change the planned participation, pause, end with a
-- reason); staff accept it, which carries it out, or decline it, with a comment.
CREATE TABLE change_proposals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agreement_id BIGINT NOT NULL REFERENCES agreements(id),
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    kind TEXT NOT NULL
        CHECK (kind IN ('extend', 'change_participation', 'pause', 'end')),
    until DATE,
    from_date DATE,
    weekdays INTEGER,
    hours_per_week INTEGER,
    planned_return DATE,
    end_reason TEXT,
    text TEXT,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined')),
    comment TEXT,
    decided_by BIGINT REFERENCES users(id),
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX change_proposals_participant ON change_proposals(participant_id, id);
CREATE INDEX change_proposals_agreement ON change_proposals(agreement_id, id);
CREATE INDEX change_proposals_status ON change_proposals(status, id);
