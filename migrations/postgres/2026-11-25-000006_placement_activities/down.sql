DROP TABLE placement_activities;
