-- The participant page names the referral a participant came from: found by
-- the participant, without reading every referral.
CREATE INDEX referrals_participant ON referrals(participant_id, id);
