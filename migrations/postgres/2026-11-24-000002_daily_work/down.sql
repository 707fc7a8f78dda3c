DROP TABLE planned_participation;
DROP TABLE attendance_corrections;
DROP TABLE attendance_marks;
DROP TABLE follow_up_actions;
DROP TABLE follow_up_versions;
DROP TABLE follow_ups;
DROP TABLE goal_scores;
DROP TABLE goals;
