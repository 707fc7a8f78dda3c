//! Client methods for reports, the research extract and consent to research.

use crate::client::{Client, ClientError};
use stige_domain::ParticipantId;
use stige_wire::reports::*;

fn query(q: &ReportQuery, extra: &[(&str, String)]) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if let Some(l) = q.ladder {
        pairs.push(("ladder", l.to_string()));
    }
    if let Some(d) = q.from {
        pairs.push(("from", d.to_string()));
    }
    if let Some(d) = q.to {
        pairs.push(("to", d.to_string()));
    }
    if let Some(a) = q.agreement {
        pairs.push(("agreement", a.to_string()));
    }
    if let Some(p) = q.as_partner {
        pairs.push(("as_partner", p.to_string()));
    }
    pairs.extend(extra.iter().cloned());
    let joined: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
    if joined.is_empty() {
        String::new()
    } else {
        format!("?{}", joined.join("&"))
    }
}

impl Client {
    /// The programme report (staff, viewers, and partners for their agreement).
    pub async fn programme_report(&self, q: &ReportQuery) -> Result<ProgrammeReport, ClientError> {
        Self::send(self.get(&format!("/api/v1/reports/programme{}", query(q, &[])))).await
    }

    /// The organisation's report across all its programmes (staff with a role
    /// in every one of them).
    pub async fn organisation_report(
        &self,
        q: &OrganisationReportQuery,
    ) -> Result<OrganisationReport, ClientError> {
        let q = ReportQuery {
            from: q.from,
            to: q.to,
            ..ReportQuery::default()
        };
        Self::send(self.get(&format!("/api/v1/reports/organisation{}", query(&q, &[])))).await
    }

    /// One table of the programme report as CSV text.
    pub async fn programme_report_csv(
        &self,
        q: &ReportQuery,
        table: ReportTable,
    ) -> Result<String, ClientError> {
        let path = format!(
            "/api/v1/reports/programme.csv{}",
            query(q, &[("table", table.as_str().to_owned())])
        );
        self.text(self.get(&path)).await
    }

    /// The anonymised research extract (admin, coordinator, viewer).
    pub async fn research_extract(&self, q: &ReportQuery) -> Result<ResearchExtract, ClientError> {
        Self::send(self.get(&format!(
            "/api/v1/reports/research-extract{}",
            query(q, &[])
        )))
        .await
    }

    /// The research extract as CSV text.
    pub async fn research_extract_csv(&self, q: &ReportQuery) -> Result<String, ClientError> {
        let path = format!("/api/v1/reports/research-extract.csv{}", query(q, &[]));
        self.text(self.get(&path)).await
    }

    pub async fn research_consent(
        &self,
        participant: ParticipantId,
    ) -> Result<ResearchConsent, ClientError> {
        Self::send(self.get(&format!(
            "/api/v1/participants/{participant}/research-consent"
        )))
        .await
    }

    pub async fn set_research_consent(
        &self,
        participant: ParticipantId,
        change: &ResearchConsentChange,
    ) -> Result<ResearchConsent, ClientError> {
        Self::send(self.put(
            &format!("/api/v1/participants/{participant}/research-consent"),
            change,
        ))
        .await
    }
}
