DO $$
DECLARE t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['goals', 'follow_ups', 'status_changes', 'step_moves',
        'consents', 'research_consents', 'planned_participation', 'participant_mentors',
        'placements', 'attendance_marks', 'attendance_corrections']
    LOOP
        EXECUTE format('DROP POLICY of_organisation ON %I', t);
        EXECUTE format('CREATE POLICY of_organisation ON %I
            USING (participant_id IN (SELECT id FROM participants))
            WITH CHECK (participant_id IN (SELECT id FROM participants))', t);
    END LOOP;
END
$$;
