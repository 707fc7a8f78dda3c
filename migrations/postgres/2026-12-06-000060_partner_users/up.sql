-- Partner users: people at a municipality or agency who sign in to the web
-- app's partner view. They are users with the role 'partner' and the one
-- cooperation agreement they follow; they belong to no organisation's staff.
ALTER TABLE users ADD COLUMN agreement_id BIGINT REFERENCES agreements(id);
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

-- A referral a partner user sends from the partner view comes in by the
-- channel 'partner_view'.
ALTER TABLE referrals DROP CONSTRAINT referrals_channel;
ALTER TABLE referrals ADD CONSTRAINT referrals_channel
    CHECK (channel IN ('api', 'partner_view', 'phone', 'letter', 'email', 'meeting', 'self_referral'));
