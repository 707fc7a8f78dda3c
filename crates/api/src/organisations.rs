//! Organisations as the API and the command line make them.

use stige_domain::OrganisationId;
use stige_domain::ValidationErrors;
use stige_domain::organisation::OrganisationDraft;
use stige_store::DbConnection;
use stige_store::organisations::{self, NewOrganisation, OrganisationRow};
use stige_wire::Organisation;

/// Checks a new organisation's fields.
pub fn parse_new(
    name: &str,
    number: &str,
    country: &str,
    language: &str,
    participant_word: &str,
) -> Result<OrganisationDraft, ValidationErrors> {
    let draft = OrganisationDraft::parse(name, number, language, participant_word)?;
    if !country.eq_ignore_ascii_case(draft.country_code()) {
        let mut errors = ValidationErrors::new();
        errors.add(
            "country",
            format!(
                "does not match the organisation number ({})",
                draft.country_code()
            ),
        );
        return Err(errors);
    }
    Ok(draft)
}

pub fn insert(
    conn: &mut DbConnection,
    draft: &OrganisationDraft,
) -> diesel::QueryResult<OrganisationRow> {
    organisations::insert(
        conn,
        &NewOrganisation {
            name: &draft.name,
            organisation_number: draft.organisation_number.digits(),
            country: draft.country_code(),
            default_language: &draft.default_language,
            participant_word: &draft.participant_word,
            retention_years: 5,
            created_at: stige_store::now(),
        },
    )
}

pub fn to_organisation(row: OrganisationRow) -> Organisation {
    Organisation {
        id: OrganisationId(row.id),
        name: row.name,
        organisation_number: row.organisation_number,
        country: row.country.code().to_owned(),
        default_language: row.default_language.as_str().to_owned(),
        participant_word: row.participant_word,
    }
}
