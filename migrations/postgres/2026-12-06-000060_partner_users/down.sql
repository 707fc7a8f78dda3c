UPDATE referrals SET channel = 'api' WHERE channel = 'partner_view';
ALTER TABLE referrals DROP CONSTRAINT referrals_channel;
ALTER TABLE referrals ADD CONSTRAINT referrals_channel
    CHECK (channel IN ('api', 'phone', 'letter', 'email', 'meeting', 'self_referral'));
CREATE TABLE idempotency_keys (
    api_client_id BIGINT NOT NULL REFERENCES api_clients(id),
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (api_client_id, key)
);
INSERT INTO idempotency_keys (api_client_id, key, request_hash, status_code, response_body, created_at)
    SELECT CAST(substr(owner, 8) AS BIGINT), key, request_hash, status_code, response_body, created_at
    FROM idempotency_answers WHERE owner LIKE 'client:%';
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
DROP TABLE idempotency_answers;
DROP INDEX users_agreement;
ALTER TABLE users DROP COLUMN agreement_id;
