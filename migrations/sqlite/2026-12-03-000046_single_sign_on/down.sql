DROP TABLE oidc_handoffs;
DROP TABLE oidc_sign_ins;
DROP INDEX users_oidc_subject;
ALTER TABLE users DROP COLUMN oidc_subject;
ALTER TABLE users DROP COLUMN oidc_issuer;
