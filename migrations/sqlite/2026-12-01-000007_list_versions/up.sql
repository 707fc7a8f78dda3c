-- A counter that changes whenever anything the participant list filters on
-- changes, so a server can keep the list's totals per filter and know, with
-- one read, when they are stale. Kept by the database itself, so every
-- process and server writing to it is counted.
CREATE TABLE list_versions (
    name TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO list_versions (name, version) VALUES ('participants', 0);

CREATE TRIGGER participants_list_insert AFTER INSERT ON participants
BEGIN
    UPDATE list_versions SET version = version + 1 WHERE name = 'participants';
END;
CREATE TRIGGER participants_list_update
AFTER UPDATE OF status, ladder_id, current_step_id, given_name, family_name, search_name
ON participants
BEGIN
    UPDATE list_versions SET version = version + 1 WHERE name = 'participants';
END;
CREATE TRIGGER participants_list_delete AFTER DELETE ON participants
BEGIN
    UPDATE list_versions SET version = version + 1 WHERE name = 'participants';
END;
CREATE TRIGGER participant_mentors_list_insert AFTER INSERT ON participant_mentors
BEGIN
    UPDATE list_versions SET version = version + 1 WHERE name = 'participants';
END;
CREATE TRIGGER participant_mentors_list_update AFTER UPDATE ON participant_mentors
BEGIN
    UPDATE list_versions SET version = version + 1 WHERE name = 'participants';
END;
CREATE TRIGGER participant_mentors_list_delete AFTER DELETE ON participant_mentors
BEGIN
    UPDATE list_versions SET version = version + 1 WHERE name = 'participants';
END;
