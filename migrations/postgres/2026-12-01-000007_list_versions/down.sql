DROP TRIGGER participant_mentors_list_change ON participant_mentors;
DROP TRIGGER participants_list_truncate ON participants;
DROP TRIGGER participants_list_change ON participants;
DROP FUNCTION bump_participants_list_version();
DROP TABLE list_versions;
