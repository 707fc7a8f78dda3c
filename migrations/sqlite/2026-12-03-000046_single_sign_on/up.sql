-- OpenID Connect sign-in for staff (issue 21): a user signed in through an
-- identity provider is matched by the issuer and its subject; a sign-in under
-- way keeps its state, nonce and PKCE verifier here until the provider sends
-- the browser back, and a finished one is handed to the web app by a
-- one-time code.
ALTER TABLE users ADD COLUMN oidc_issuer TEXT;
ALTER TABLE users ADD COLUMN oidc_subject TEXT;
CREATE UNIQUE INDEX users_oidc_subject ON users (oidc_issuer, oidc_subject);
CREATE TABLE oidc_sign_ins (
    state TEXT PRIMARY KEY NOT NULL,
    browser_hash TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE oidc_handoffs (
    code_hash TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
