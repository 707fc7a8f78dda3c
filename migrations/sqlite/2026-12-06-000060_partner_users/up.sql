-- Partner users (issue 22, part 3). A referral a partner user sends from the
-- partner view comes in by the channel 'partner_view'; the channel's CHECK
-- changes, so referrals are rebuilt (the procedure of
-- https://www.sqlite.org/lang_altertable.html#otheralter).
PRAGMA foreign_keys = OFF;
BEGIN;
-- Partner users: people at a municipality or agency who sign in to the web
-- app's partner view. They are users with the role 'partner' and the one
-- cooperation agreement they follow; they belong to no organisation's staff.
ALTER TABLE users ADD COLUMN agreement_id INTEGER REFERENCES agreements(id);
CREATE INDEX users_agreement ON users(agreement_id);

-- Idempotency keys belong to whoever sent them: an API client
-- ('client:<id>') or a partner user ('user:<id>'). Keys already kept move over.
CREATE TABLE idempotency_answers (
    owner TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (owner, key)
);
INSERT INTO idempotency_answers (owner, key, request_hash, status_code, response_body, created_at)
    SELECT 'client:' || CAST(api_client_id AS TEXT), key, request_hash, status_code, response_body, created_at
    FROM idempotency_keys;
DROP TABLE idempotency_keys;
CREATE INDEX idempotency_answers_created ON idempotency_answers(created_at);

CREATE TABLE referrals_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agreement_id BIGINT REFERENCES agreements(id),
    status TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    search_name TEXT NOT NULL,
    birth_date DATE,
    national_id_cipher TEXT,
    national_id_masked TEXT,
    national_id_kind TEXT,
    -- A keyed hash of the national id, to find duplicates without decrypting.
    national_id_lookup TEXT,
    phone TEXT,
    email TEXT,
    reason TEXT NOT NULL,
    partner_contact_name TEXT NOT NULL,
    partner_contact_phone TEXT,
    partner_contact_email TEXT,
    consent_collected BOOLEAN NOT NULL,
    waiting_since TIMESTAMP,
    decline_reason TEXT,
    decline_text TEXT,
    participant_id BIGINT REFERENCES participants(id),
    received_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    ladder_id BIGINT NOT NULL REFERENCES ladders(id),
    channel TEXT NOT NULL DEFAULT 'api'
        CHECK (channel IN ('api', 'partner_view', 'phone', 'letter', 'email', 'meeting', 'self_referral')),
    recorded_by BIGINT REFERENCES users(id),
    -- A partner's referral names its agreement; a self-referral none.
    CHECK ((agreement_id IS NULL) = (channel = 'self_referral'))
);
INSERT INTO referrals_rebuilt (id, agreement_id, status, given_name, family_name, search_name,
    birth_date, national_id_cipher, national_id_masked, national_id_kind, national_id_lookup,
    phone, email, reason, partner_contact_name, partner_contact_phone, partner_contact_email,
    consent_collected, waiting_since, decline_reason, decline_text, participant_id,
    received_at, updated_at, ladder_id, channel, recorded_by)
    SELECT id, agreement_id, status, given_name, family_name, search_name,
        birth_date, national_id_cipher, national_id_masked, national_id_kind,
        national_id_lookup, phone, email, reason, partner_contact_name,
        partner_contact_phone, partner_contact_email, consent_collected,
        waiting_since, decline_reason, decline_text, participant_id,
        received_at, updated_at, ladder_id, channel, recorded_by
    FROM referrals;
DROP TABLE referrals;
ALTER TABLE referrals_rebuilt RENAME TO referrals;
CREATE INDEX referrals_agreement ON referrals(agreement_id, id);
CREATE INDEX referrals_status ON referrals(status, id);
CREATE INDEX referrals_lookup ON referrals(national_id_lookup);
CREATE INDEX referrals_name ON referrals(search_name, birth_date);
CREATE INDEX referrals_participant ON referrals(participant_id, id);
CREATE INDEX referrals_ladder ON referrals(ladder_id, id);
COMMIT;
PRAGMA foreign_keys = ON;
