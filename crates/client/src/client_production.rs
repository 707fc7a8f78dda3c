//! Client methods for production, the till import and the production report.

use crate::client::{Client, ClientError};
use chrono::NaiveDate;
use reqwest::Method;
use stige_domain::LadderId;
use stige_wire::production::*;

impl Client {
    /// The programme's recorded production per workplace in a period
    /// (default: this month).
    pub async fn production(
        &self,
        ladder: LadderId,
        query: &ProductionQuery,
    ) -> Result<ProductionLog, ClientError> {
        Self::send(
            self.get(&format!("/api/v1/ladders/{ladder}/production"))
                .query(query),
        )
        .await
    }

    /// Records a workplace's day, replacing what was recorded for it.
    pub async fn record_production(
        &self,
        ladder: LadderId,
        workplace: i64,
        date: NaiveDate,
        input: &ProductionDayInput,
    ) -> Result<ProductionDay, ClientError> {
        Self::send(self.put(
            &format!("/api/v1/ladders/{ladder}/workplaces/{workplace}/production/{date}"),
            input,
        ))
        .await
    }

    /// Deletes a workplace's recorded day.
    pub async fn delete_production(
        &self,
        ladder: LadderId,
        workplace: i64,
        date: NaiveDate,
    ) -> Result<(), ClientError> {
        Self::send_empty(self.request(
            Method::DELETE,
            &format!("/api/v1/ladders/{ladder}/workplaces/{workplace}/production/{date}"),
        ))
        .await
    }

    /// Imports the till's CSV export for a workplace; with `dry_run`, only
    /// answers what would be written.
    pub async fn import_till(
        &self,
        ladder: LadderId,
        workplace: i64,
        csv: impl Into<String>,
        dry_run: bool,
    ) -> Result<TillImportSummary, ClientError> {
        let path = format!(
            "/api/v1/ladders/{ladder}/workplaces/{workplace}/production/import?dry_run={dry_run}"
        );
        Self::send(
            self.request(Method::POST, &path)
                .header("content-type", "text/csv; charset=utf-8")
                .body(csv.into()),
        )
        .await
    }

    /// The monthly production report (staff of the programme).
    pub async fn production_report(
        &self,
        query: &ProductionReportQuery,
    ) -> Result<ProductionReport, ClientError> {
        Self::send(self.get("/api/v1/reports/production").query(query)).await
    }

    /// The production report as CSV text: one row per workplace (and other
    /// work, and the total) and month of the trend.
    pub async fn production_report_csv(
        &self,
        query: &ProductionReportQuery,
    ) -> Result<String, ClientError> {
        self.text(self.get("/api/v1/reports/production.csv").query(query))
            .await
    }
}
