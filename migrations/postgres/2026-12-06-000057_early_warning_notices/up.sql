-- The early warning told to a partner's follow-up service (issue 22, part 5):
-- once per run of absences without notice (its first day), with the message
-- queued in the outbox, so staff see that it was sent and it is never sent twice.
CREATE TABLE early_warning_notices (
    id BIGSERIAL PRIMARY KEY,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    agreement_id BIGINT NOT NULL REFERENCES agreements(id),
    absent_since DATE NOT NULL,
    days INTEGER NOT NULL,
    outbox_id BIGINT REFERENCES outbox(id),
    recipient TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (participant_id, agreement_id, absent_since)
);
CREATE INDEX early_warning_notices_participant ON early_warning_notices(participant_id, created_at);

ALTER TABLE early_warning_notices ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON early_warning_notices
    USING (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id))
    WITH CHECK (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id));
