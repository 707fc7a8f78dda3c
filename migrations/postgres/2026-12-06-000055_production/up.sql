-- Production and the enterprise's economy (issue 26, part 4): what each
-- workplace's output is counted in, and per workplace and day the units made,
-- the orders and customers, and the sales in minor units (øre, öre), entered
-- by staff or imported from the till's CSV. Not personal data.
ALTER TABLE workplaces ADD COLUMN output_unit TEXT NOT NULL DEFAULT 'items';

CREATE TABLE production_days (
    id BIGSERIAL PRIMARY KEY,
    workplace_id BIGINT NOT NULL REFERENCES workplaces(id),
    day DATE NOT NULL,
    units INTEGER,
    orders INTEGER,
    customers INTEGER,
    sales_minor BIGINT,
    source TEXT NOT NULL,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at TIMESTAMP NOT NULL,
    UNIQUE (workplace_id, day)
);

ALTER TABLE production_days ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON production_days
    USING (workplace_id IN (SELECT id FROM workplaces))
    WITH CHECK (workplace_id IN (SELECT id FROM workplaces));
