CREATE TABLE employer_token_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ip TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX employer_token_failures_ip ON employer_token_failures(ip, at);
INSERT INTO employer_token_failures (ip, at)
SELECT ip, at FROM login_failures WHERE door = 'employer_link';
DELETE FROM login_failures WHERE door = 'employer_link';
