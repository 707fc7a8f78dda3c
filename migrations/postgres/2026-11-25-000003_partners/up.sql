CREATE TABLE partners (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    organisation_number TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE agreements (
    id BIGSERIAL PRIMARY KEY,
    partner_id BIGINT NOT NULL REFERENCES partners(id),
    ladder_id BIGINT NOT NULL REFERENCES ladders(id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    places INTEGER NOT NULL,
    -- The sharing scope: categories separated by commas.
    sharing_scope TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    follow_up_name TEXT NOT NULL,
    follow_up_phone TEXT NOT NULL,
    follow_up_email TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX agreements_partner ON agreements(partner_id);

CREATE TABLE api_clients (
    id BIGSERIAL PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements(id),
    client_id TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    rotated_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_clients_agreement ON api_clients(agreement_id);

ALTER TABLE participants ADD COLUMN agreement_id BIGINT REFERENCES agreements(id);
CREATE INDEX participants_agreement ON participants(agreement_id, family_name, given_name, id);

CREATE TABLE referrals (
    id BIGSERIAL PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements(id),
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
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX referrals_agreement ON referrals(agreement_id, id);
CREATE INDEX referrals_status ON referrals(status, id);
CREATE INDEX referrals_lookup ON referrals(national_id_lookup);
CREATE INDEX referrals_name ON referrals(search_name, birth_date);

ALTER TABLE participants ADD COLUMN national_id_lookup TEXT;
CREATE INDEX participants_lookup ON participants(national_id_lookup);
CREATE INDEX participants_search_birth ON participants(search_name, birth_date);

-- Idempotency keys of partner POSTs, kept at least 24 hours.
CREATE TABLE idempotency_keys (
    api_client_id BIGINT NOT NULL REFERENCES api_clients(id),
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (api_client_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);

CREATE TABLE consents (
    id BIGSERIAL PRIMARY KEY,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    partner_id BIGINT NOT NULL REFERENCES partners(id),
    category TEXT NOT NULL,
    purpose TEXT NOT NULL,
    given_on DATE NOT NULL,
    given_recorded_by BIGINT NOT NULL REFERENCES users(id),
    revoked_on DATE,
    revoked_recorded_by BIGINT REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX consents_participant ON consents(participant_id, partner_id);

-- What partners' change feeds show: one row per change, in commit order.
CREATE TABLE partner_events (
    id BIGSERIAL PRIMARY KEY,
    agreement_id BIGINT NOT NULL REFERENCES agreements(id),
    kind TEXT NOT NULL,
    referral_id BIGINT REFERENCES referrals(id),
    participant_id BIGINT REFERENCES participants(id),
    -- The sharing category a partner needs to see this event; none for its referrals.
    category TEXT,
    data TEXT NOT NULL,
    occurred_at TIMESTAMP NOT NULL
);
CREATE INDEX partner_events_agreement ON partner_events(agreement_id, id);
