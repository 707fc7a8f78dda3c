-- A password reset an admin starts for a user (issue 21, item 5): a one-time
-- link whose token is kept only as its SHA-256 hash, valid for a while, spent
-- on use. One per user: a new reset replaces the old.
CREATE TABLE password_resets (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
