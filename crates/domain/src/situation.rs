//! A person's situation (what they live on, what they do, their schooling) at the
//! start, at the exit and 3, 6 and 12 months after: the outcomes funders ask for.
//!
//! Income sources follow the country of the programme (Norway or Sweden); the
//! codes are stable, since reports and partners' systems keep them.

use crate::organisation_number::Country;
use crate::validation::ValidationErrors;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Defines a code list: the enum, its `ALL` and its stable codes.
macro_rules! code_list {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:tt,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] #[strum(serialize = $code)] $variant,)+
        }

        impl $name {
            /// Every value, in the order of the list.
            pub const ALL: &'static [$name] = <Self as strum::VariantArray>::VARIANTS;

            /// The stable code, as in the API and the database.
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            pub fn parse(value: &str) -> Option<Self> {
                value.parse().ok()
            }
        }

        $crate::stored::stored_as_code!($name);
    };
}
pub(crate) use code_list;

code_list! {
    /// The main source of income. `no_…` codes are Norway's, `se_…` Sweden's;
    /// `none` and `other` are both countries'.
    IncomeSource {
        /// Lønn.
        NoWages = "no_wages",
        /// Arbeidsavklaringspenger.
        NoAap = "no_aap",
        NoUforetrygd = "no_uforetrygd",
        NoSykepenger = "no_sykepenger",
        NoDagpenger = "no_dagpenger",
        NoTiltakspenger = "no_tiltakspenger",
        NoKvalifiseringsstonad = "no_kvalifiseringsstonad",
        /// Økonomisk sosialhjelp.
        NoSosialhjelp = "no_sosialhjelp",
        /// Lön.
        SeLon = "se_lon",
        SeSjukpenning = "se_sjukpenning",
        SeAktivitetsersattning = "se_aktivitetsersattning",
        SeSjukersattning = "se_sjukersattning",
        SeAktivitetsstod = "se_aktivitetsstod",
        /// Arbetslöshetsersättning.
        SeAKassa = "se_a_kassa",
        /// Ekonomiskt bistånd / försörjningsstöd.
        SeForsorjningsstod = "se_forsorjningsstod",
        None = "none",
        Other = "other",
    }
}

impl IncomeSource {
    /// The country whose list holds this source; `None` for both.
    pub fn country(self) -> Option<Country> {
        let code = self.as_str();
        if code.starts_with("no_") {
            Some(Country::Norway)
        } else if code.starts_with("se_") {
            Some(Country::Sweden)
        } else {
            None
        }
    }

    /// The list shown in a programme of `country`, in order.
    pub fn of_country(country: Country) -> Vec<IncomeSource> {
        Self::ALL
            .iter()
            .copied()
            .filter(|s| s.country().is_none_or(|c| c == country))
            .collect()
    }

    /// Income from work.
    pub fn is_wages(self) -> bool {
        matches!(self, Self::NoWages | Self::SeLon)
    }
}

code_list! {
    /// What the person mainly does.
    Occupation {
        WorkWithoutWageSubsidy = "work_without_wage_subsidy",
        WorkWithWageSubsidy = "work_with_wage_subsidy",
        Education = "education",
        AnotherMeasure = "another_measure",
        Treatment = "treatment",
        None = "none",
        Unknown = "unknown",
    }
}

impl Occupation {
    /// Work (with or without a subsidy) or education.
    pub fn is_work_or_education(self) -> bool {
        matches!(
            self,
            Self::WorkWithoutWageSubsidy | Self::WorkWithWageSubsidy | Self::Education
        )
    }
}

code_list! {
    /// The highest completed education, by ISCED 2011 level.
    Education {
        /// Less than primary education.
        Isced0 = "isced_0",
        /// Primary education.
        Isced1 = "isced_1",
        /// Lower secondary (grunnskole / grundskola).
        Isced2 = "isced_2",
        /// Upper secondary (videregående / gymnasium).
        Isced3 = "isced_3",
        /// Post-secondary non-tertiary (fagskole, some yrkeshögskola).
        Isced4 = "isced_4",
        /// Short-cycle tertiary.
        Isced5 = "isced_5",
        /// Bachelor's or equivalent.
        Isced6 = "isced_6",
        /// Master's or equivalent.
        Isced7 = "isced_7",
        /// Doctoral or equivalent.
        Isced8 = "isced_8",
        Unknown = "unknown",
    }
}

code_list! {
    /// Gender, optional and only for statistics.
    Gender {
        Woman = "woman",
        Man = "man",
        /// Non-binary or another gender.
        Another = "another",
    }
}

code_list! {
    /// When a situation is recorded.
    Moment {
        Start = "start",
        Exit = "exit",
        AfterThreeMonths = "after_3_months",
        AfterSixMonths = "after_6_months",
        AfterTwelveMonths = "after_12_months",
    }
}

impl Moment {
    /// The checks after an exit, in order.
    pub const AFTER_EXIT: [Moment; 3] = [
        Self::AfterThreeMonths,
        Self::AfterSixMonths,
        Self::AfterTwelveMonths,
    ];

    /// Months after the exit, for the checks after it.
    pub fn months_after_exit(self) -> Option<u32> {
        match self {
            Self::AfterThreeMonths => Some(3),
            Self::AfterSixMonths => Some(6),
            Self::AfterTwelveMonths => Some(12),
            Self::Start | Self::Exit => None,
        }
    }

    /// When the check is due for an exit on `exit`.
    pub fn due_on(self, exit: NaiveDate) -> Option<NaiveDate> {
        self.months_after_exit()
            .and_then(|m| exit.checked_add_months(Months::new(m)))
    }
}

/// A recorded situation. After an exit the person may not have been reached:
/// then both fields are empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Situation {
    pub moment: Moment,
    pub reached: bool,
    pub income_source: Option<IncomeSource>,
    pub occupation: Option<Occupation>,
    pub education: Option<Education>,
}

/// A situation as a person filled it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SituationDraft {
    /// `None` means reached (the usual case).
    pub reached: Option<bool>,
    pub income_source: Option<IncomeSource>,
    pub occupation: Option<Occupation>,
    pub education: Option<Education>,
}

/// Checks a situation for a programme in `country`: the income source from the
/// country's list; income source and occupation given when the person was
/// reached; "not reached" only for the checks after an exit, and then nothing
/// else given.
pub fn parse_situation(
    country: Country,
    moment: Moment,
    draft: SituationDraft,
) -> Result<Situation, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let reached = draft.reached.unwrap_or(true);
    if !reached {
        if moment.months_after_exit().is_none() {
            errors.add(
                "reached",
                "is for the checks after an exit only: a person is met at the start and exit",
            );
        }
        for (field, given) in [
            ("income_source", draft.income_source.is_some()),
            ("occupation", draft.occupation.is_some()),
            ("education", draft.education.is_some()),
        ] {
            if given {
                errors.add(field, "must be empty when the person was not reached");
            }
        }
    } else {
        match draft.income_source {
            None => errors.add("income_source", "is required"),
            Some(s) if s.country().is_some_and(|c| c != country) => {
                errors.add("income_source", "is not an income source in this country")
            }
            Some(_) => {}
        }
        if draft.occupation.is_none() {
            errors.add("occupation", "is required");
        }
    }
    errors.into_result(Situation {
        moment,
        reached,
        income_source: draft.income_source,
        occupation: draft.occupation,
        education: draft.education,
    })
}

/// The checks after an exit on `exit` still to be recorded, with the day each
/// is due: none when the person declined to be followed up.
pub fn checks_to_do(
    exit: NaiveDate,
    recorded: &[Moment],
    declined: bool,
) -> Vec<(Moment, NaiveDate)> {
    if declined {
        return Vec::new();
    }
    Moment::AFTER_EXIT
        .into_iter()
        .filter(|m| !recorded.contains(m))
        .filter_map(|m| m.due_on(exit).map(|d| (m, d)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn each_country_has_its_own_income_sources_and_both_have_none_and_other() {
        let no = IncomeSource::of_country(Country::Norway);
        let se = IncomeSource::of_country(Country::Sweden);
        assert_eq!(no.len(), 10);
        assert_eq!(se.len(), 9);
        assert!(no.contains(&IncomeSource::NoAap) && !no.contains(&IncomeSource::SeLon));
        assert!(se.contains(&IncomeSource::SeAKassa) && !se.contains(&IncomeSource::NoAap));
        for shared in [IncomeSource::None, IncomeSource::Other] {
            assert!(no.contains(&shared) && se.contains(&shared));
        }
    }

    #[test]
    fn codes_are_unique_and_read_back() {
        for code in IncomeSource::ALL.iter().map(|s| s.as_str()) {
            assert_eq!(IncomeSource::parse(code).map(|s| s.as_str()), Some(code));
        }
        let mut codes: Vec<_> = IncomeSource::ALL.iter().map(|s| s.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), IncomeSource::ALL.len());
        assert_eq!(
            serde_json::to_string(&Moment::AfterSixMonths)
                .ok()
                .as_deref(),
            Some("\"after_6_months\"")
        );
    }

    #[test]
    fn a_swedish_income_source_is_refused_in_norway() {
        let draft = SituationDraft {
            income_source: Some(IncomeSource::SeLon),
            occupation: Some(Occupation::None),
            ..Default::default()
        };
        let err = parse_situation(Country::Norway, Moment::Start, draft).expect_err("refused");
        assert_eq!(err.0[0].field, "income_source");
        assert!(parse_situation(Country::Sweden, Moment::Start, draft).is_ok());
    }

    #[test]
    fn not_reached_is_only_after_an_exit_and_then_holds_nothing() {
        let not_reached = SituationDraft {
            reached: Some(false),
            ..Default::default()
        };
        assert!(parse_situation(Country::Norway, Moment::Exit, not_reached).is_err());
        let s =
            parse_situation(Country::Norway, Moment::AfterThreeMonths, not_reached).expect("fine");
        assert!(!s.reached && s.income_source.is_none());
        let with_data = SituationDraft {
            occupation: Some(Occupation::Education),
            ..not_reached
        };
        let err = parse_situation(Country::Norway, Moment::AfterSixMonths, with_data)
            .expect_err("refused");
        assert_eq!(err.0[0].field, "occupation");
    }

    #[test]
    fn reached_needs_income_source_and_occupation() {
        let err = parse_situation(Country::Sweden, Moment::Exit, SituationDraft::default())
            .expect_err("refused");
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["income_source", "occupation"]);
        assert!(err.0.iter().all(|e| e.code == "required"));
    }

    #[test]
    fn checks_fall_due_three_six_and_twelve_months_after_the_exit() {
        let due = checks_to_do(d(2026, 1, 31), &[], false);
        assert_eq!(
            due,
            vec![
                (Moment::AfterThreeMonths, d(2026, 4, 30)),
                (Moment::AfterSixMonths, d(2026, 7, 31)),
                (Moment::AfterTwelveMonths, d(2027, 1, 31)),
            ]
        );
        let left = checks_to_do(d(2026, 1, 31), &[Moment::AfterThreeMonths], false);
        assert_eq!(left.len(), 2);
        assert!(checks_to_do(d(2026, 1, 31), &[], true).is_empty());
    }

    proptest! {
        #[test]
        fn every_check_is_due_after_the_exit_and_in_order(days in 0i64..20_000) {
            let exit = d(2000, 1, 1) + chrono::Duration::days(days);
            let due: Vec<NaiveDate> = checks_to_do(exit, &[], false).into_iter().map(|(_, d)| d).collect();
            prop_assert_eq!(due.len(), 3);
            prop_assert!(exit < due[0] && due[0] < due[1] && due[1] < due[2]);
        }
    }
}
