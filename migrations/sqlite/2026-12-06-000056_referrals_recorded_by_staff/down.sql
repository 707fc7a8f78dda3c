PRAGMA foreign_keys = OFF;
BEGIN;
DELETE FROM partner_events WHERE referral_id IN (SELECT id FROM referrals WHERE agreement_id IS NULL);
CREATE TABLE referrals_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agreement_id BIGINT NOT NULL REFERENCES agreements(id),
    status TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    search_name TEXT NOT NULL,
    birth_date DATE,
    national_id_cipher TEXT,
    national_id_masked TEXT,
    national_id_kind TEXT,
    national_id_lookup TEXT,
    phone TEXT,
    email TEXT,
    reason TEXT NOT NULL,
    partner_contact_name TEXT NOT NULL,
    partner_contact_phone TEXT,
    partner_contact_email TEXT,
    consent_collected BOOLEAN NOT NULL,
    waiting_since TIMESTAMP,
    decline_reason TEXT,
    decline_text TEXT,
    participant_id BIGINT REFERENCES participants(id),
    received_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO referrals_rebuilt SELECT id, agreement_id, status, given_name, family_name,
    search_name, birth_date, national_id_cipher, national_id_masked, national_id_kind,
    national_id_lookup, phone, email, reason, partner_contact_name, partner_contact_phone,
    partner_contact_email, consent_collected, waiting_since, decline_reason, decline_text,
    participant_id, received_at, updated_at
    FROM referrals WHERE agreement_id IS NOT NULL;
DROP TABLE referrals;
ALTER TABLE referrals_rebuilt RENAME TO referrals;
CREATE INDEX referrals_agreement ON referrals(agreement_id, id);
CREATE INDEX referrals_status ON referrals(status, id);
CREATE INDEX referrals_lookup ON referrals(national_id_lookup);
CREATE INDEX referrals_name ON referrals(search_name, birth_date);
CREATE INDEX referrals_participant ON referrals(participant_id, id);
COMMIT;
PRAGMA foreign_keys = ON;
