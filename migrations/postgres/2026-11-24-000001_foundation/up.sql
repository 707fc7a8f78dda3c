CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE sessions (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    refresh_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL,
    ip TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_username ON login_failures(username, at);
CREATE INDEX login_failures_ip ON login_failures(ip, at);

CREATE TABLE ladders (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE steps (
    id BIGSERIAL PRIMARY KEY,
    ladder_id BIGINT NOT NULL REFERENCES ladders(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    demand_level TEXT NOT NULL,
    capacity BIGINT,
    typical_duration_days BIGINT,
    position INTEGER NOT NULL
);
CREATE INDEX steps_ladder ON steps(ladder_id, position);

CREATE TABLE activities (
    id BIGSERIAL PRIMARY KEY,
    ladder_id BIGINT NOT NULL REFERENCES ladders(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL
);
CREATE INDEX activities_ladder ON activities(ladder_id);

CREATE TABLE participants (
    id BIGSERIAL PRIMARY KEY,
    ladder_id BIGINT NOT NULL REFERENCES ladders(id),
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    search_name TEXT NOT NULL,
    birth_date DATE,
    national_id_cipher TEXT,
    national_id_masked TEXT,
    national_id_kind TEXT,
    status TEXT NOT NULL,
    status_since DATE NOT NULL,
    current_step_id BIGINT REFERENCES steps(id),
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX participants_name ON participants(family_name, given_name, id);
CREATE INDEX participants_status ON participants(status, family_name, given_name, id);
CREATE INDEX participants_step ON participants(current_step_id, family_name, given_name, id);
CREATE INDEX participants_ladder ON participants(ladder_id, family_name, given_name, id);

CREATE TABLE participant_mentors (
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    PRIMARY KEY (participant_id, user_id)
);
CREATE INDEX participant_mentors_user ON participant_mentors(user_id, participant_id);

CREATE TABLE status_changes (
    id BIGSERIAL PRIMARY KEY,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    date DATE NOT NULL,
    reason TEXT,
    planned_return DATE,
    outcome TEXT,
    outcome_text TEXT,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX status_changes_participant ON status_changes(participant_id, id);

CREATE TABLE step_moves (
    id BIGSERIAL PRIMARY KEY,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    from_step_id BIGINT REFERENCES steps(id),
    to_step_id BIGINT NOT NULL REFERENCES steps(id),
    direction TEXT NOT NULL,
    date DATE NOT NULL,
    reason TEXT NOT NULL,
    override_reason TEXT,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX step_moves_participant ON step_moves(participant_id, id);

-- No foreign key to participants: the audit trail outlives erasure.
CREATE TABLE audit_events (
    id BIGSERIAL PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id BIGINT,
    action TEXT NOT NULL,
    participant_id BIGINT,
    ip TEXT,
    detail TEXT
);
CREATE INDEX audit_events_participant ON audit_events(participant_id, at);
CREATE INDEX audit_events_at ON audit_events(at);
