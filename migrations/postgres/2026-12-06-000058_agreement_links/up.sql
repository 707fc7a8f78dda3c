-- Several agreements per participant (issue 22, part 2): a participant is linked
-- to any number of cooperation agreements over time, each link with its period;
-- the paying link's agreement pays for the place (and is kept, as the place's
-- payer, in participants.agreement_id), the others follow. Each partner sees the
-- person through its own link, with its own scope and the person's consents to it.
-- The agreement a participant was accepted under becomes their first link.
CREATE TABLE agreement_links (
    id BIGSERIAL PRIMARY KEY,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    agreement_id BIGINT NOT NULL REFERENCES agreements(id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    pays BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX agreement_links_participant ON agreement_links(participant_id, valid_from);
CREATE INDEX agreement_links_agreement ON agreement_links(agreement_id, participant_id);
INSERT INTO agreement_links (participant_id, agreement_id, valid_from, valid_to, pays, created_at)
    SELECT id, agreement_id, created_at::date, NULL, TRUE, created_at
    FROM participants WHERE agreement_id IS NOT NULL;

ALTER TABLE agreement_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON agreement_links
    USING (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id))
    WITH CHECK (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id));
