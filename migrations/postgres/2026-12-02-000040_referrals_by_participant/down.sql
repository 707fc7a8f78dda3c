DROP INDEX referrals_participant;
