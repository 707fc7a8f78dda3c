-- A confirmed placement recorded as one of the ladder's parallel activities
-- (instead of, or as well as, a move to the internship step).
CREATE TABLE placement_activities (
    placement_id BIGINT PRIMARY KEY REFERENCES placements(id),
    activity_id BIGINT NOT NULL REFERENCES activities(id),
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX placement_activities_activity ON placement_activities(activity_id);
