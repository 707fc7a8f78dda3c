-- Referrals recorded by staff (issue 22, part 1): how a referral came in (the API,
-- or a phone call, letter, e-mail or meeting staff record on a partner's behalf,
-- or a self-referral with no partner), who recorded it, and the programme it is
-- to, so that a self-referral (no agreement) still belongs to one organisation.
-- agreement_id loses its NOT NULL, so the table is rebuilt (the procedure of
-- https://www.sqlite.org/lang_altertable.html#otheralter).
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE referrals_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agreement_id BIGINT REFERENCES agreements(id),
    status TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    search_name TEXT NOT NULL,
    birth_date DATE,
    national_id_cipher TEXT,
    national_id_masked TEXT,
    national_id_kind TEXT,
    -- A keyed hash of the national id, to find duplicates without decrypting.
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
    updated_at TIMESTAMP NOT NULL,
    ladder_id BIGINT NOT NULL REFERENCES ladders(id),
    channel TEXT NOT NULL DEFAULT 'api'
        CHECK (channel IN ('api', 'phone', 'letter', 'email', 'meeting', 'self_referral')),
    recorded_by BIGINT REFERENCES users(id),
    -- A partner's referral names its agreement; a self-referral none.
    CHECK ((agreement_id IS NULL) = (channel = 'self_referral'))
);
INSERT INTO referrals_rebuilt (id, agreement_id, status, given_name, family_name, search_name,
    birth_date, national_id_cipher, national_id_masked, national_id_kind, national_id_lookup,
    phone, email, reason, partner_contact_name, partner_contact_phone, partner_contact_email,
    consent_collected, waiting_since, decline_reason, decline_text, participant_id,
    received_at, updated_at, ladder_id, channel, recorded_by)
    SELECT r.id, r.agreement_id, r.status, r.given_name, r.family_name, r.search_name,
        r.birth_date, r.national_id_cipher, r.national_id_masked, r.national_id_kind,
        r.national_id_lookup, r.phone, r.email, r.reason, r.partner_contact_name,
        r.partner_contact_phone, r.partner_contact_email, r.consent_collected,
        r.waiting_since, r.decline_reason, r.decline_text, r.participant_id,
        r.received_at, r.updated_at, a.ladder_id, 'api', NULL
    FROM referrals r JOIN agreements a ON a.id = r.agreement_id;
DROP TABLE referrals;
ALTER TABLE referrals_rebuilt RENAME TO referrals;
CREATE INDEX referrals_agreement ON referrals(agreement_id, id);
CREATE INDEX referrals_status ON referrals(status, id);
CREATE INDEX referrals_lookup ON referrals(national_id_lookup);
CREATE INDEX referrals_name ON referrals(search_name, birth_date);
CREATE INDEX referrals_participant ON referrals(participant_id, id);
CREATE INDEX referrals_ladder ON referrals(ladder_id, id);
COMMIT;
PRAGMA foreign_keys = ON;
