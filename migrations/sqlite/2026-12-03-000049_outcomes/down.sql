DROP TABLE situations;
ALTER TABLE ladders DROP COLUMN throughput_target;
ALTER TABLE participants DROP COLUMN after_exit_checks_declined;
ALTER TABLE participants DROP COLUMN gender;
