//! The database schema, kept by hand for both backends (the migrations in
//! `migrations/sqlite` and `migrations/postgres` must agree with it).

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        active -> Bool,
        created_at -> Timestamp,
        organisation_id -> Nullable<BigInt>,
        oidc_issuer -> Nullable<Text>,
        oidc_subject -> Nullable<Text>,
        agreement_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    oidc_sign_ins (state) {
        state -> Text,
        browser_hash -> Text,
        nonce -> Text,
        pkce_verifier -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    oidc_handoffs (code_hash) {
        code_hash -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    organisations (id) {
        id -> BigInt,
        name -> Text,
        organisation_number -> Text,
        country -> Text,
        default_language -> Text,
        participant_word -> Text,
        retention_years -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    programme_roles (user_id, ladder_id) {
        user_id -> BigInt,
        ladder_id -> BigInt,
        role -> Text,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        user_id -> BigInt,
        refresh_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        ends_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    spent_refresh_tokens (refresh_hash) {
        refresh_hash -> Text,
        session_id -> BigInt,
        spent_at -> Timestamp,
    }
}

diesel::table! {
    password_resets (user_id) {
        user_id -> BigInt,
        token_hash -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> BigInt,
        username -> Text,
        ip -> Text,
        at -> Timestamp,
        door -> Text,
    }
}

diesel::table! {
    ladders (id) {
        id -> BigInt,
        name -> Text,
        description -> Text,
        created_at -> Timestamp,
        annual_target -> Nullable<Integer>,
        whole_house_register -> Bool,
        organisation_id -> BigInt,
        retention_years -> Integer,
        retention_basis -> Text,
        throughput_target -> Nullable<Integer>,
    }
}

diesel::table! {
    steps (id) {
        id -> BigInt,
        ladder_id -> BigInt,
        name -> Text,
        description -> Text,
        demand_level -> Text,
        capacity -> Nullable<BigInt>,
        typical_duration_days -> Nullable<BigInt>,
        position -> Integer,
        expected_minutes_a_week -> Nullable<Integer>,
        expected_independence -> Nullable<Text>,
    }
}

diesel::table! {
    activities (id) {
        id -> BigInt,
        ladder_id -> BigInt,
        name -> Text,
        description -> Text,
    }
}

diesel::table! {
    activity_enrolments (id) {
        id -> BigInt,
        participant_id -> BigInt,
        activity_id -> BigInt,
        kind -> Text,
        placement_id -> Nullable<BigInt>,
        starts_on -> Date,
        planned_end_on -> Nullable<Date>,
        ending -> Nullable<Text>,
        ended_on -> Nullable<Date>,
        ending_reason -> Nullable<Text>,
        result -> Nullable<Text>,
        enrolled_by -> BigInt,
        enrolled_at -> Timestamp,
        updated_by -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    activity_attendance (enrolment_id, day) {
        enrolment_id -> BigInt,
        participant_id -> BigInt,
        day -> Date,
        mark -> Text,
        marked_by -> BigInt,
        marked_at -> Timestamp,
    }
}

diesel::table! {
    workplaces (id) {
        id -> BigInt,
        ladder_id -> BigInt,
        name -> Text,
        created_at -> Timestamp,
        output_unit -> Text,
    }
}

diesel::table! {
    production_days (id) {
        id -> BigInt,
        workplace_id -> BigInt,
        day -> Date,
        units -> Nullable<Integer>,
        orders -> Nullable<Integer>,
        customers -> Nullable<Integer>,
        sales_minor -> Nullable<BigInt>,
        source -> Text,
        recorded_by -> BigInt,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    work_tasks (id) {
        id -> BigInt,
        workplace_id -> BigInt,
        name -> Text,
    }
}

diesel::table! {
    work_days (id) {
        id -> BigInt,
        participant_id -> BigInt,
        day -> Date,
        minutes -> Integer,
        independence -> Text,
        note -> Nullable<Text>,
        recorded_by -> BigInt,
        recorded_at -> Timestamp,
        peer_support -> Bool,
    }
}

diesel::table! {
    change_proposals (id) {
        id -> BigInt,
        agreement_id -> BigInt,
        participant_id -> BigInt,
        kind -> Text,
        until -> Nullable<Date>,
        from_date -> Nullable<Date>,
        weekdays -> Nullable<Integer>,
        hours_per_week -> Nullable<Integer>,
        planned_return -> Nullable<Date>,
        end_reason -> Nullable<Text>,
        text -> Nullable<Text>,
        status -> Text,
        comment -> Nullable<Text>,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    agreement_links (id) {
        id -> BigInt,
        participant_id -> BigInt,
        agreement_id -> BigInt,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        pays -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    early_warning_notices (id) {
        id -> BigInt,
        participant_id -> BigInt,
        agreement_id -> BigInt,
        absent_since -> Date,
        days -> Integer,
        outbox_id -> Nullable<BigInt>,
        recipient -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    peer_supports (id) {
        id -> BigInt,
        peer_id -> BigInt,
        newcomer_id -> BigInt,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        recorded_by -> BigInt,
        recorded_at -> Timestamp,
        updated_by -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    work_day_tasks (work_day_id, task_id) {
        work_day_id -> BigInt,
        participant_id -> BigInt,
        task_id -> BigInt,
    }
}

diesel::joinable!(workplaces -> ladders (ladder_id));
diesel::joinable!(work_tasks -> workplaces (workplace_id));
diesel::joinable!(production_days -> workplaces (workplace_id));
diesel::joinable!(work_days -> participants (participant_id));
diesel::joinable!(early_warning_notices -> participants (participant_id));
diesel::joinable!(agreement_links -> participants (participant_id));
diesel::joinable!(change_proposals -> participants (participant_id));
diesel::joinable!(change_proposals -> agreements (agreement_id));
diesel::joinable!(agreement_links -> agreements (agreement_id));
diesel::joinable!(early_warning_notices -> agreements (agreement_id));
diesel::joinable!(work_day_tasks -> work_days (work_day_id));
diesel::joinable!(work_day_tasks -> work_tasks (task_id));
diesel::joinable!(activity_enrolments -> activities (activity_id));
diesel::joinable!(activity_enrolments -> participants (participant_id));
diesel::joinable!(activity_attendance -> activity_enrolments (enrolment_id));

diesel::table! {
    participants (id) {
        id -> BigInt,
        ladder_id -> BigInt,
        given_name -> Text,
        family_name -> Text,
        search_name -> Text,
        birth_date -> Nullable<Date>,
        national_id_cipher -> Nullable<Text>,
        national_id_masked -> Nullable<Text>,
        national_id_kind -> Nullable<Text>,
        status -> Text,
        status_since -> Date,
        current_step_id -> Nullable<BigInt>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        agreement_id -> Nullable<BigInt>,
        national_id_lookup -> Nullable<Text>,
        anonymised_at -> Nullable<Timestamp>,
        gender -> Nullable<Text>,
        after_exit_checks_declined -> Bool,
    }
}

diesel::table! {
    participant_mentors (participant_id, user_id) {
        participant_id -> BigInt,
        user_id -> BigInt,
    }
}

diesel::table! {
    status_changes (id) {
        id -> BigInt,
        participant_id -> BigInt,
        from_status -> Nullable<Text>,
        to_status -> Text,
        date -> Date,
        reason -> Nullable<Text>,
        planned_return -> Nullable<Date>,
        outcome -> Nullable<Text>,
        outcome_text -> Nullable<Text>,
        recorded_by -> BigInt,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    step_moves (id) {
        id -> BigInt,
        participant_id -> BigInt,
        from_step_id -> Nullable<BigInt>,
        to_step_id -> BigInt,
        direction -> Text,
        date -> Date,
        reason -> Text,
        override_reason -> Nullable<Text>,
        recorded_by -> BigInt,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (id) {
        id -> BigInt,
        at -> Timestamp,
        actor_kind -> Text,
        actor_id -> Nullable<BigInt>,
        action -> Text,
        participant_id -> Nullable<BigInt>,
        ip -> Nullable<Text>,
        detail -> Nullable<Text>,
        participant_ids -> Nullable<Text>,
        hash -> Nullable<Text>,
        request_id -> Nullable<Text>,
    }
}

diesel::table! {
    goals (id) {
        id -> BigInt,
        participant_id -> BigInt,
        text -> Text,
        category -> Text,
        status -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    goal_scores (id) {
        id -> BigInt,
        goal_id -> BigInt,
        date -> Date,
        score -> Integer,
        comment -> Nullable<Text>,
        recorded_by -> BigInt,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    follow_ups (id) {
        id -> BigInt,
        participant_id -> BigInt,
        date -> Date,
        attendees -> Text,
        what_works -> Text,
        scaling_score -> Nullable<Integer>,
        next_small_step -> Text,
        next_due -> Nullable<Date>,
        confidential -> Bool,
        written_by -> BigInt,
        written_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    follow_up_versions (id) {
        id -> BigInt,
        follow_up_id -> BigInt,
        content -> Text,
        replaced_by -> BigInt,
        replaced_at -> Timestamp,
    }
}

diesel::table! {
    follow_up_actions (id) {
        id -> BigInt,
        follow_up_id -> BigInt,
        position -> Integer,
        owner -> Text,
        what -> Text,
        by_when -> Nullable<Date>,
        done -> Bool,
    }
}

diesel::table! {
    attendance_marks (id) {
        id -> BigInt,
        participant_id -> BigInt,
        date -> Date,
        mark -> Text,
        recorded_by -> BigInt,
        recorded_at -> Timestamp,
        step_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    /// Attendance marks counted per step, month (its first day), participant
    /// and kind of mark; kept by triggers on `attendance_marks`.
    attendance_months (step_id, month, participant_id, mark) {
        step_id -> BigInt,
        month -> Date,
        participant_id -> BigInt,
        mark -> Text,
        days -> Integer,
    }
}

diesel::table! {
    research_consents (participant_id) {
        participant_id -> BigInt,
        given_on -> Date,
        revoked_on -> Nullable<Date>,
        recorded_by -> BigInt,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    attendance_corrections (id) {
        id -> BigInt,
        participant_id -> BigInt,
        date -> Date,
        previous_mark -> Text,
        new_mark -> Text,
        corrected_by -> BigInt,
        corrected_at -> Timestamp,
    }
}

diesel::table! {
    planned_participation (id) {
        id -> BigInt,
        participant_id -> BigInt,
        valid_from -> Date,
        hours_per_week -> Nullable<Integer>,
        recorded_by -> BigInt,
        recorded_at -> Timestamp,
        weekdays -> Nullable<Integer>,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(spent_refresh_tokens -> sessions (session_id));
diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(ladders -> organisations (organisation_id));
diesel::joinable!(programme_roles -> users (user_id));
diesel::joinable!(programme_roles -> ladders (ladder_id));
diesel::joinable!(steps -> ladders (ladder_id));
diesel::joinable!(activities -> ladders (ladder_id));
diesel::joinable!(participants -> ladders (ladder_id));
diesel::joinable!(participants -> steps (current_step_id));
diesel::joinable!(research_consents -> participants (participant_id));
diesel::joinable!(participant_mentors -> participants (participant_id));
diesel::joinable!(participant_mentors -> users (user_id));
diesel::joinable!(status_changes -> participants (participant_id));
diesel::joinable!(step_moves -> participants (participant_id));

diesel::table! {
    employers (id) {
        id -> BigInt,
        name -> Text,
        organisation_number -> Text,
        address -> Text,
        association_member -> Bool,
        language -> Text,
        created_at -> Timestamp,
        organisation_id -> BigInt,
    }
}

diesel::table! {
    employer_contacts (id) {
        id -> BigInt,
        employer_id -> BigInt,
        name -> Text,
        phone -> Text,
        email -> Text,
        position -> Integer,
    }
}

diesel::table! {
    placements (id) {
        id -> BigInt,
        participant_id -> BigInt,
        employer_id -> BigInt,
        contact_id -> BigInt,
        kind -> Text,
        role -> Text,
        tasks -> Text,
        start_date -> Date,
        end_date -> Date,
        hours_per_week -> Integer,
        status -> Text,
        supervisor_name -> Nullable<Text>,
        supervisor_phone -> Nullable<Text>,
        supervisor_email -> Nullable<Text>,
        proposed_start_date -> Nullable<Date>,
        decline_reason -> Nullable<Text>,
        end_reason -> Nullable<Text>,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    placement_changes (id) {
        id -> BigInt,
        placement_id -> BigInt,
        from_status -> Nullable<Text>,
        to_status -> Text,
        old_end_date -> Nullable<Date>,
        new_end_date -> Nullable<Date>,
        note -> Nullable<Text>,
        by_employer -> Bool,
        recorded_by -> Nullable<BigInt>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    employer_invitations (id) {
        id -> BigInt,
        placement_id -> BigInt,
        purpose -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    employer_feedback (placement_id) {
        placement_id -> BigInt,
        attendance -> Integer,
        punctuality -> Integer,
        cooperation -> Integer,
        quality -> Integer,
        comment -> Text,
        given_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        placement_id -> Nullable<BigInt>,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        language -> Text,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        sealed_link -> Nullable<Text>,
    }
}

diesel::joinable!(employer_contacts -> employers (employer_id));
diesel::joinable!(placements -> employers (employer_id));
diesel::joinable!(placements -> employer_contacts (contact_id));
diesel::joinable!(placements -> participants (participant_id));
diesel::joinable!(placement_changes -> placements (placement_id));
diesel::joinable!(employer_invitations -> placements (placement_id));

diesel::table! {
    identity_corrections (id) {
        id -> BigInt,
        participant_id -> BigInt,
        field -> Text,
        old_value -> Nullable<Text>,
        old_cipher -> Nullable<Text>,
        corrected_by -> BigInt,
        corrected_at -> Timestamp,
    }
}

diesel::joinable!(identity_corrections -> users (corrected_by));

diesel::table! {
    situations (participant_id, moment) {
        participant_id -> BigInt,
        moment -> Text,
        reached -> Bool,
        income_source -> Nullable<Text>,
        occupation -> Nullable<Text>,
        education -> Nullable<Text>,
        recorded_by -> BigInt,
        recorded_at -> Timestamp,
    }
}

diesel::joinable!(situations -> participants (participant_id));
diesel::joinable!(situations -> users (recorded_by));
diesel::joinable!(follow_up_versions -> follow_ups (follow_up_id));
diesel::joinable!(identity_corrections -> participants (participant_id));

diesel::table! {
    participant_contacts (id) {
        id -> BigInt,
        participant_id -> BigInt,
        sealed -> Text,
        updated_by -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    reach_attempts (id) {
        id -> BigInt,
        participant_id -> BigInt,
        outcome -> Text,
        at -> Timestamp,
        recorded_by -> BigInt,
        recorded_at -> Timestamp,
    }
}

diesel::joinable!(participant_contacts -> participants (participant_id));
diesel::joinable!(participant_contacts -> users (updated_by));
diesel::joinable!(reach_attempts -> participants (participant_id));
diesel::joinable!(reach_attempts -> users (recorded_by));

diesel::table! {
    plans (participant_id) {
        participant_id -> BigInt,
        coordinator -> Text,
        review_every_weeks -> Integer,
        made_on -> Date,
        last_reviewed_on -> Nullable<Date>,
        updated_by -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    plan_areas (participant_id, area) {
        participant_id -> BigInt,
        area -> Text,
        goal -> Text,
        responsible -> Text,
        responsible_name -> Nullable<Text>,
        next_step -> Nullable<Text>,
        next_step_by -> Nullable<Date>,
    }
}

diesel::joinable!(plans -> participants (participant_id));
diesel::joinable!(plans -> users (updated_by));
diesel::joinable!(plan_areas -> participants (participant_id));

diesel::allow_tables_to_appear_in_same_query!(
    plans,
    plan_areas,
    participant_contacts,
    reach_attempts,
    situations,
    identity_corrections,
    oidc_sign_ins,
    oidc_handoffs,
    users,
    organisations,
    programme_roles,
    attendance_months,
    sessions,
    spent_refresh_tokens,
    password_resets,
    login_failures,
    ladders,
    steps,
    activities,
    activity_attendance,
    activity_enrolments,
    workplaces,
    work_tasks,
    work_days,
    early_warning_notices,
    agreement_links,
    change_proposals,
    work_day_tasks,
    production_days,
    peer_supports,
    participants,
    participant_mentors,
    status_changes,
    step_moves,
    audit_events,
    goals,
    goal_scores,
    follow_ups,
    follow_up_versions,
    follow_up_actions,
    attendance_marks,
    attendance_corrections,
    planned_participation,
    partners,
    agreements,
    api_clients,
    referrals,
    idempotency_answers,
    consents,
    partner_events,
    employers,
    employer_contacts,
    placements,
    placement_changes,
    employer_invitations,
    research_consents,
    employer_feedback,
    outbox,
    list_versions,
);

diesel::joinable!(status_changes -> users (recorded_by));
diesel::joinable!(step_moves -> users (recorded_by));
diesel::joinable!(goals -> participants (participant_id));
diesel::joinable!(goal_scores -> goals (goal_id));
diesel::joinable!(goal_scores -> users (recorded_by));
diesel::joinable!(follow_ups -> participants (participant_id));
diesel::joinable!(follow_ups -> users (written_by));
diesel::joinable!(follow_up_actions -> follow_ups (follow_up_id));
diesel::joinable!(attendance_marks -> participants (participant_id));
diesel::joinable!(planned_participation -> participants (participant_id));

diesel::table! {
    partners (id) {
        id -> BigInt,
        name -> Text,
        kind -> Text,
        organisation_number -> Text,
        created_at -> Timestamp,
        organisation_id -> BigInt,
    }
}

diesel::table! {
    agreements (id) {
        id -> BigInt,
        partner_id -> BigInt,
        ladder_id -> BigInt,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        places -> Integer,
        sharing_scope -> Text,
        contact_name -> Text,
        contact_phone -> Text,
        contact_email -> Text,
        follow_up_name -> Text,
        follow_up_phone -> Text,
        follow_up_email -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    api_clients (id) {
        id -> BigInt,
        agreement_id -> BigInt,
        client_id -> Text,
        secret_hash -> Text,
        created_at -> Timestamp,
        rotated_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    referrals (id) {
        id -> BigInt,
        agreement_id -> Nullable<BigInt>,
        status -> Text,
        given_name -> Text,
        family_name -> Text,
        search_name -> Text,
        birth_date -> Nullable<Date>,
        national_id_cipher -> Nullable<Text>,
        national_id_masked -> Nullable<Text>,
        national_id_kind -> Nullable<Text>,
        national_id_lookup -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        reason -> Text,
        partner_contact_name -> Text,
        partner_contact_phone -> Nullable<Text>,
        partner_contact_email -> Nullable<Text>,
        consent_collected -> Bool,
        waiting_since -> Nullable<Timestamp>,
        decline_reason -> Nullable<Text>,
        decline_text -> Nullable<Text>,
        participant_id -> Nullable<BigInt>,
        received_at -> Timestamp,
        updated_at -> Timestamp,
        ladder_id -> BigInt,
        channel -> Text,
        recorded_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    idempotency_answers (owner, key) {
        owner -> Text,
        key -> Text,
        request_hash -> Text,
        status_code -> Integer,
        response_body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    consents (id) {
        id -> BigInt,
        participant_id -> BigInt,
        partner_id -> BigInt,
        category -> Text,
        purpose -> Text,
        given_on -> Date,
        given_recorded_by -> BigInt,
        revoked_on -> Nullable<Date>,
        revoked_recorded_by -> Nullable<BigInt>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    partner_events (id) {
        id -> BigInt,
        agreement_id -> BigInt,
        kind -> Text,
        referral_id -> Nullable<BigInt>,
        participant_id -> Nullable<BigInt>,
        category -> Nullable<Text>,
        data -> Text,
        occurred_at -> Timestamp,
    }
}

diesel::table! {
    list_versions (name) {
        name -> Text,
        version -> BigInt,
    }
}

diesel::joinable!(agreements -> partners (partner_id));
diesel::joinable!(agreements -> ladders (ladder_id));
diesel::joinable!(api_clients -> agreements (agreement_id));
diesel::joinable!(referrals -> agreements (agreement_id));
diesel::joinable!(referrals -> users (recorded_by));
diesel::joinable!(consents -> partners (partner_id));
diesel::joinable!(partner_events -> agreements (agreement_id));
