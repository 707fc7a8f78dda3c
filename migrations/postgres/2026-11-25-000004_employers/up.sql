CREATE TABLE employers (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    organisation_number TEXT NOT NULL UNIQUE,
    address TEXT NOT NULL,
    association_member BOOLEAN NOT NULL,
    language TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE employer_contacts (
    id BIGSERIAL PRIMARY KEY,
    employer_id BIGINT NOT NULL REFERENCES employers(id),
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX employer_contacts_employer ON employer_contacts(employer_id, position);

CREATE TABLE placements (
    id BIGSERIAL PRIMARY KEY,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    employer_id BIGINT NOT NULL REFERENCES employers(id),
    contact_id BIGINT NOT NULL REFERENCES employer_contacts(id),
    kind TEXT NOT NULL,
    role TEXT NOT NULL,
    tasks TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    hours_per_week INTEGER NOT NULL,
    status TEXT NOT NULL,
    supervisor_name TEXT,
    supervisor_phone TEXT,
    supervisor_email TEXT,
    proposed_start_date DATE,
    decline_reason TEXT,
    end_reason TEXT,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX placements_participant ON placements(participant_id, id);
CREATE INDEX placements_employer ON placements(employer_id, id);
CREATE INDEX placements_status ON placements(status, start_date);

-- Every change of a placement: status changes and extensions, oldest first.
CREATE TABLE placement_changes (
    id BIGSERIAL PRIMARY KEY,
    placement_id BIGINT NOT NULL REFERENCES placements(id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    old_end_date DATE,
    new_end_date DATE,
    note TEXT,
    by_employer BOOLEAN NOT NULL,
    recorded_by BIGINT REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX placement_changes_placement ON placement_changes(placement_id, id);

-- Links sent to employers: only the hash of the token is kept.
CREATE TABLE employer_invitations (
    id BIGSERIAL PRIMARY KEY,
    placement_id BIGINT NOT NULL REFERENCES placements(id),
    purpose TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX employer_invitations_placement ON employer_invitations(placement_id, id);

CREATE TABLE employer_feedback (
    placement_id BIGINT PRIMARY KEY REFERENCES placements(id),
    attendance INTEGER NOT NULL,
    punctuality INTEGER NOT NULL,
    cooperation INTEGER NOT NULL,
    quality INTEGER NOT NULL,
    comment TEXT NOT NULL,
    given_at TIMESTAMP NOT NULL
);

-- Every message Stige sends, with its delivery state.
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    placement_id BIGINT REFERENCES placements(id),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    language TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

-- Failed token look-ups, for rate limiting by address.
CREATE TABLE employer_token_failures (
    id BIGSERIAL PRIMARY KEY,
    ip TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX employer_token_failures_ip ON employer_token_failures(ip, at);
