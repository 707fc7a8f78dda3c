-- The outbox keeps an employer link only sealed (AES-256-GCM with the data key)
-- for the mailer; the body shows it as `/employer/…`. Messages stored before this
-- held the token in the body: take it out (tokens are 43 characters). Those not
-- yet sent cannot reach the employer with a usable link any more, so they are kept
-- for staff, who send a new invitation.
ALTER TABLE outbox ADD COLUMN sealed_link TEXT;

UPDATE outbox
SET state = CASE WHEN state IN ('pending', 'failed') THEN 'kept' ELSE state END,
    last_error = CASE WHEN state IN ('pending', 'failed', 'kept')
        THEN 'The link was taken out of the stored message; send a new invitation.'
        ELSE last_error END,
    body = substr(body, 1, strpos(body, '/employer/') + 9) || '…'
        || substr(body, strpos(body, '/employer/') + 10 + 43)
WHERE strpos(body, '/employer/') > 0
  AND substr(body, strpos(body, '/employer/') + 10, 1) <> '…';
