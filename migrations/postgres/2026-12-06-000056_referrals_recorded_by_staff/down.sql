DROP POLICY of_organisation ON referrals;
DELETE FROM partner_events WHERE referral_id IN (SELECT id FROM referrals WHERE agreement_id IS NULL);
DELETE FROM referrals WHERE agreement_id IS NULL;
CREATE POLICY of_organisation ON referrals
    USING (agreement_id IN (SELECT id FROM agreements))
    WITH CHECK (agreement_id IN (SELECT id FROM agreements));
DROP INDEX referrals_ladder;
ALTER TABLE referrals DROP CONSTRAINT referrals_partner_or_self;
ALTER TABLE referrals DROP CONSTRAINT referrals_channel;
ALTER TABLE referrals DROP COLUMN recorded_by;
ALTER TABLE referrals DROP COLUMN channel;
ALTER TABLE referrals ALTER COLUMN agreement_id SET NOT NULL;
ALTER TABLE referrals DROP COLUMN ladder_id;
