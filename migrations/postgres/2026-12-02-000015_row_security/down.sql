DO $$
DECLARE t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['ladders', 'partners', 'employers', 'participants', 'agreements',
        'referrals', 'goals', 'follow_ups', 'status_changes', 'step_moves', 'consents',
        'research_consents', 'planned_participation', 'participant_mentors', 'placements',
        'attendance_marks', 'attendance_corrections']
    LOOP
        EXECUTE format('DROP POLICY of_organisation ON %I', t);
        EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
    END LOOP;
END
$$;
DROP FUNCTION stige_participant_exists(BIGINT);
DROP FUNCTION stige_organisation();
