-- Referrals recorded by staff (issue 22, part 1): how a referral came in (the API,
-- or a phone call, letter, e-mail or meeting staff record on a partner's behalf,
-- or a self-referral with no partner), who recorded it, and the programme it is
-- to, so that a self-referral (no agreement) still belongs to one organisation.
ALTER TABLE referrals ADD COLUMN ladder_id BIGINT REFERENCES ladders(id);
UPDATE referrals SET ladder_id = (SELECT a.ladder_id FROM agreements a WHERE a.id = referrals.agreement_id);
ALTER TABLE referrals ALTER COLUMN ladder_id SET NOT NULL;
ALTER TABLE referrals ALTER COLUMN agreement_id DROP NOT NULL;
ALTER TABLE referrals ADD COLUMN channel TEXT NOT NULL DEFAULT 'api';
ALTER TABLE referrals ADD COLUMN recorded_by BIGINT REFERENCES users(id);
ALTER TABLE referrals ADD CONSTRAINT referrals_channel
    CHECK (channel IN ('api', 'phone', 'letter', 'email', 'meeting', 'self_referral'));
-- A partner's referral names its agreement; a self-referral none.
ALTER TABLE referrals ADD CONSTRAINT referrals_partner_or_self
    CHECK ((agreement_id IS NULL) = (channel = 'self_referral'));
CREATE INDEX referrals_ladder ON referrals(ladder_id, id);

DROP POLICY of_organisation ON referrals;
CREATE POLICY of_organisation ON referrals
    USING (ladder_id IN (SELECT id FROM ladders))
    WITH CHECK (ladder_id IN (SELECT id FROM ladders));
