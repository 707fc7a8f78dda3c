DROP TABLE early_warning_notices;
