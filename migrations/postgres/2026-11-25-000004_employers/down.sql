DROP TABLE employer_token_failures;
DROP TABLE outbox;
DROP TABLE employer_feedback;
DROP TABLE employer_invitations;
DROP TABLE placement_changes;
DROP TABLE placements;
DROP TABLE employer_contacts;
DROP TABLE employers;
