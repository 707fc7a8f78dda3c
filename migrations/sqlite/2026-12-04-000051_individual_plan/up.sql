-- The individual plan (issue 24; IP in Norway, SIP in Sweden): one plan per
-- participant with its coordinator and review interval, and per life area
-- the goal in the person's words, who is responsible, the next step and by
-- when.
CREATE TABLE plans (
    participant_id BIGINT PRIMARY KEY REFERENCES participants(id),
    coordinator TEXT NOT NULL,
    review_every_weeks INTEGER NOT NULL,
    made_on DATE NOT NULL,
    last_reviewed_on DATE,
    updated_by BIGINT NOT NULL REFERENCES users(id),
    updated_at TIMESTAMP NOT NULL
);
CREATE TABLE plan_areas (
    participant_id BIGINT NOT NULL REFERENCES participants(id),
    area TEXT NOT NULL,
    goal TEXT NOT NULL,
    responsible TEXT NOT NULL,
    responsible_name TEXT,
    next_step TEXT,
    next_step_by DATE,
    PRIMARY KEY (participant_id, area)
);
