DROP TABLE plan_areas;
DROP TABLE plans;
