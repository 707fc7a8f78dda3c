-- Row-level security (issue 27): a request's transaction runs as role
-- stige_app with `stige.organisation` set to the principal's organisation, and
-- these policies return and accept only that organisation's rows, so a query
-- that forgot the store's filter still returns nothing of another
-- organisation. Work outside requests (migrations, the seed, the audit writer,
-- jobs) runs as the connecting user, which owns the tables and is not limited.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stige_app') THEN
        BEGIN
            CREATE ROLE stige_app NOLOGIN;
        EXCEPTION
            -- Made meanwhile by another database's migration on this server.
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'row-level security needs role stige_app: CREATE ROLE stige_app NOLOGIN; GRANT stige_app TO <the user Stige connects as>';
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stige_app') THEN
        IF NOT pg_has_role(current_user, 'stige_app', 'MEMBER') THEN
            BEGIN
                EXECUTE format('GRANT stige_app TO %I', current_user);
            EXCEPTION
                -- No right to grant, or granted meanwhile by another migration.
                WHEN insufficient_privilege OR duplicate_object OR unique_violation
                    OR object_in_use OR serialization_failure THEN NULL;
            END;
        END IF;
        EXECUTE 'GRANT USAGE ON SCHEMA public TO stige_app';
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO stige_app';
        EXECUTE 'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO stige_app';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO stige_app';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO stige_app';
    END IF;
END
$$;

-- The organisation of the current transaction; NULL (no rows) when unset.
CREATE FUNCTION stige_organisation() RETURNS BIGINT LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('stige.organisation', true), '')::BIGINT $$;

ALTER TABLE ladders ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON ladders
    USING (organisation_id = stige_organisation())
    WITH CHECK (organisation_id = stige_organisation());

ALTER TABLE partners ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON partners
    USING (organisation_id = stige_organisation())
    WITH CHECK (organisation_id = stige_organisation());

ALTER TABLE employers ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON employers
    USING (organisation_id = stige_organisation())
    WITH CHECK (organisation_id = stige_organisation());

-- Rows of a programme: through its ladder (limited above).
ALTER TABLE participants ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON participants
    USING (ladder_id IN (SELECT id FROM ladders))
    WITH CHECK (ladder_id IN (SELECT id FROM ladders));

ALTER TABLE agreements ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON agreements
    USING (ladder_id IN (SELECT id FROM ladders))
    WITH CHECK (ladder_id IN (SELECT id FROM ladders));

ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_organisation ON referrals
    USING (agreement_id IN (SELECT id FROM agreements))
    WITH CHECK (agreement_id IN (SELECT id FROM agreements));

-- A person's records: through the person (limited above).
DO $$
DECLARE t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['goals', 'follow_ups', 'status_changes', 'step_moves',
        'consents', 'research_consents', 'planned_participation', 'participant_mentors',
        'placements', 'attendance_marks', 'attendance_corrections']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY of_organisation ON %I
            USING (participant_id IN (SELECT id FROM participants))
            WITH CHECK (participant_id IN (SELECT id FROM participants))', t);
    END LOOP;
END
$$;

-- Whether a person exists at all, whoever's they are: only so that an attempt
-- on someone outside the caller's reach is recorded in the audit log as
-- refused (an id that exists nowhere is not). Runs as its owner, past the
-- policies, and says nothing but yes or no.
CREATE FUNCTION stige_participant_exists(person BIGINT) RETURNS BOOLEAN
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT EXISTS (SELECT 1 FROM participants WHERE id = person) $$;
