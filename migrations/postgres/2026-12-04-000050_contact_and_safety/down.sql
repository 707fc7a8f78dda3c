DROP TABLE reach_attempts;
DROP TABLE participant_contacts;
