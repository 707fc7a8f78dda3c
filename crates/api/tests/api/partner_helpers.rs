//! Fixtures for partner tests: a partner with an agreement on the test ladder, an
//! API client and a partner token.

use crate::helpers::TestApp;
use stige_client::{
    AgreementInput, ApiClientSecret, Client, ContactInput, NewApiClient, NewConsent, NewReferral,
    PartnerInput, Referral, TriageAction, TriageRequest,
};
use stige_domain::ParticipantId;
use stige_domain::consent::SharingCategory;
use stige_domain::partner::PartnerKind;

pub struct PartnerSetup {
    pub partner: i64,
    pub agreement: i64,
    pub secret: ApiClientSecret,
    /// Carries a partner token.
    pub api: Client,
}

pub fn contact(name: &str) -> ContactInput {
    ContactInput {
        name: Some(name.into()),
        phone: Some("+47 38 07 50 00".into()),
        email: None,
    }
}

pub fn agreement_input(partner: i64, app: &TestApp, scope: &[SharingCategory]) -> AgreementInput {
    let today = chrono::Utc::now().date_naive();
    AgreementInput {
        partner_id: Some(partner),
        ladder_id: Some(app.ladder),
        valid_from: Some(today - chrono::Duration::days(30)),
        valid_to: Some(today + chrono::Duration::days(300)),
        places: Some(5),
        sharing_scope: Some(scope.to_vec()),
        contact: contact("Kari Kontakt"),
        follow_up_service: contact("Oppfølgingstjenesten"),
    }
}

pub fn referral_body(given: &str, family: &str) -> NewReferral {
    NewReferral {
        given_name: Some(given.into()),
        family_name: Some(family.into()),
        birth_date: chrono::NaiveDate::from_ymd_opt(1988, 4, 12),
        reason: Some("Wants a structured day and a way back to work".into()),
        partner_contact: contact("Per Saksbehandler"),
        consent_collected: Some(true),
        ..Default::default()
    }
}

/// The person's consent to share `categories` with `partner` for `purpose`,
/// given today.
pub fn consent_for(partner: i64, categories: &[SharingCategory], purpose: &str) -> NewConsent {
    NewConsent {
        partner_id: Some(partner),
        categories: Some(categories.to_vec()),
        purpose: Some(purpose.into()),
        given_on: None,
    }
}

/// The person's consent to share `categories` with `partner` for follow-up
/// under the cooperation agreement, given today.
pub fn consent(partner: i64, categories: &[SharingCategory]) -> NewConsent {
    consent_for(
        partner,
        categories,
        "Follow-up under the cooperation agreement",
    )
}

impl PartnerSetup {
    /// `by` records the person's consent to share `categories` with this
    /// partner for `purpose`.
    pub async fn consented(
        &self,
        by: &Client,
        id: ParticipantId,
        categories: &[SharingCategory],
        purpose: &str,
    ) {
        by.give_consent(id, &consent_for(self.partner, categories, purpose))
            .await
            .expect("consent");
    }
}

impl TestApp {
    /// A partner (organisation number `org`) with an agreement on the test ladder
    /// sharing `scope`, an API client and a token for it.
    pub async fn partner(&self, name: &str, org: &str, scope: &[SharingCategory]) -> PartnerSetup {
        let admin = self.admin().await;
        let partner = admin
            .create_partner(&PartnerInput {
                name: Some(name.into()),
                kind: Some(PartnerKind::Municipality),
                organisation_number: Some(org.into()),
            })
            .await
            .expect("partner");
        let agreement = admin
            .create_agreement(&agreement_input(partner.id, self, scope))
            .await
            .expect("agreement");
        let secret = admin
            .create_api_client(agreement.id, &NewApiClient::default())
            .await
            .expect("client");
        let token = self
            .client
            .client_credentials(&secret.client.client_id, &secret.client_secret)
            .await
            .expect("token");
        PartnerSetup {
            partner: partner.id,
            agreement: agreement.id,
            api: self.client.with_token(token.access_token),
            secret,
        }
    }

    /// Kristiansand kommune as a partner, its agreement sharing `scope`.
    pub async fn kristiansand_kommune(&self, scope: &[SharingCategory]) -> PartnerSetup {
        self.partner("Kristiansand kommune", "963296746", scope)
            .await
    }

    /// A referral by `setup`'s partner, accepted by the coordinator.
    pub async fn accepted(
        &self,
        setup: &PartnerSetup,
        given: &str,
        family: &str,
    ) -> (Referral, ParticipantId) {
        let referral = setup
            .api
            .refer(
                &referral_body(given, family),
                &format!("key-{given}-{family}"),
            )
            .await
            .expect("refer");
        let accepted = self
            .coordinator()
            .await
            .triage(referral.id, &triage(TriageAction::Accept))
            .await
            .expect("accept");
        let id = accepted.participant_id.expect("a participant");
        (accepted, id)
    }
}

/// A triage decision with nothing but its action.
pub fn triage(action: TriageAction) -> TriageRequest {
    TriageRequest {
        action: Some(action),
        ..Default::default()
    }
}

impl TestApp {
    /// How many referrals there are to both test programmes.
    pub fn referral_count(&self) -> i64 {
        stige_store::referrals::list(
            &mut self.conn(),
            &stige_store::referrals::ReferralFilter {
                limit: 1000,
                ..stige_store::referrals::ReferralFilter::to(vec![
                    self.ladder.0,
                    self.other_ladder.0,
                ])
            },
        )
        .expect("list")
        .1
    }

    /// The agreement and programme a participant is linked to, as stored.
    pub fn agreement_and_ladder_of(&self, id: ParticipantId) -> (Option<i64>, i64) {
        let row = stige_store::participants::get(
            &mut self.conn(),
            stige_store::within::Within::Installation,
            id,
        )
        .expect("row")
        .expect("participant");
        (row.agreement_id, row.ladder_id)
    }
}
