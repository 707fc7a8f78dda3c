-- One throttle (issue 18, part 4): failed look-ups of employers' links are
-- counted with the sign-in failures, by door ('employer_link'; no account).
INSERT INTO login_failures (door, username, ip, at)
SELECT 'employer_link', '', ip, at FROM employer_token_failures;
DROP TABLE employer_token_failures;
