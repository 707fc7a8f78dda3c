-- A counter that changes whenever anything the participant list filters on
-- changes, so a server can keep the list's totals per filter and know, with
-- one read, when they are stale. Kept by the database itself, so every
-- process and server writing to it is counted.
CREATE TABLE list_versions (
    name TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO list_versions (name, version) VALUES ('participants', 0);

CREATE FUNCTION bump_participants_list_version() RETURNS trigger AS $$
BEGIN
    UPDATE list_versions SET version = version + 1 WHERE name = 'participants';
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER participants_list_change
AFTER INSERT OR DELETE OR UPDATE OF status, ladder_id, current_step_id, given_name, family_name, search_name
ON participants
FOR EACH STATEMENT EXECUTE FUNCTION bump_participants_list_version();
CREATE TRIGGER participants_list_truncate AFTER TRUNCATE ON participants
FOR EACH STATEMENT EXECUTE FUNCTION bump_participants_list_version();
CREATE TRIGGER participant_mentors_list_change
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON participant_mentors
FOR EACH STATEMENT EXECUTE FUNCTION bump_participants_list_version();
