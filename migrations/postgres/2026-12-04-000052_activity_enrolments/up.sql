-- A person's enrolments in the ladder's parallel activities (issue 24: ALUP,
-- a course, treatment), with attendance beside the steps and how each ended.
-- A placement recorded as an activity (issue 4's placement_activities) is one
-- kind of enrolment: its rows move here.
CREATE TABLE activity_enrolments (
    id BIGSERIAL PRIMARY KEY,
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    activity_id BIGINT NOT NULL REFERENCES activities(id),
    kind TEXT NOT NULL,
    placement_id BIGINT UNIQUE REFERENCES placements(id),
    starts_on DATE NOT NULL,
    planned_end_on DATE,
    ending TEXT,
    ended_on DATE,
    ending_reason TEXT,
    result TEXT,
    enrolled_by BIGINT NOT NULL REFERENCES users(id),
    enrolled_at TIMESTAMP NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES users(id),
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX activity_enrolments_participant ON activity_enrolments(participant_id);
CREATE INDEX activity_enrolments_activity ON activity_enrolments(activity_id);

CREATE TABLE activity_attendance (
    enrolment_id BIGINT NOT NULL REFERENCES activity_enrolments(id),
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    day DATE NOT NULL,
    mark TEXT NOT NULL,
    marked_by BIGINT NOT NULL REFERENCES users(id),
    marked_at TIMESTAMP NOT NULL,
    PRIMARY KEY (enrolment_id, day)
);
CREATE INDEX activity_attendance_participant ON activity_attendance(participant_id);

INSERT INTO activity_enrolments (participant_id, activity_id, kind, placement_id,
    starts_on, planned_end_on, enrolled_by, enrolled_at, updated_by, updated_at)
SELECT p.participant_id, pa.activity_id, 'placement', pa.placement_id,
    p.start_date, p.end_date, pa.recorded_by, pa.recorded_at, pa.recorded_by, pa.recorded_at
FROM placement_activities pa JOIN placements p ON p.id = pa.placement_id;
DROP TABLE placement_activities;

ALTER TABLE activity_enrolments ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON activity_enrolments
    USING (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id))
    WITH CHECK (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id));
ALTER TABLE activity_attendance ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON activity_attendance
    USING (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id))
    WITH CHECK (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id));
