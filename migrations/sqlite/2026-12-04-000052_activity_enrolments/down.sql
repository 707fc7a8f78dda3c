CREATE TABLE placement_activities (
    placement_id BIGINT PRIMARY KEY REFERENCES placements(id),
    activity_id BIGINT NOT NULL REFERENCES activities(id),
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX placement_activities_activity ON placement_activities(activity_id);
INSERT INTO placement_activities (placement_id, activity_id, recorded_by, recorded_at)
SELECT placement_id, activity_id, enrolled_by, enrolled_at
FROM activity_enrolments WHERE placement_id IS NOT NULL;
DROP TABLE activity_attendance;
DROP TABLE activity_enrolments;
