DROP INDEX login_failures_account;
DROP INDEX login_failures_address;
UPDATE login_failures SET username = 'client:' || username WHERE door = 'partner';
ALTER TABLE login_failures DROP COLUMN door;
CREATE INDEX login_failures_username ON login_failures (username, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);
