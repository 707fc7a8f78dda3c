-- Throttling that cannot be turned against users (issue 21): failures are
-- counted per door (staff sign-in or partner clients) and per account at an
-- address; partner clients no longer share the staff's counts by a prefix.
ALTER TABLE login_failures ADD COLUMN door TEXT NOT NULL DEFAULT 'staff';
UPDATE login_failures SET door = 'partner', username = substr(username, 8)
    WHERE username LIKE 'client:%';
DROP INDEX login_failures_username;
DROP INDEX login_failures_ip;
CREATE INDEX login_failures_account ON login_failures (door, username, ip, at);
CREATE INDEX login_failures_address ON login_failures (door, ip, at);
