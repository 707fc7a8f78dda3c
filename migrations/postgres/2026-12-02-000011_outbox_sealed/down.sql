ALTER TABLE outbox DROP COLUMN sealed_link;
