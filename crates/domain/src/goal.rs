//! Goals in the participant's own words, with 0–10 scaling scores over time.

use crate::person::required_text;
use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a goal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum GoalCategory {
    Structure,
    SelfBelief,
    SubstanceUse,
    Health,
    Housing,
    Economy,
    Work,
    Education,
    Social,
}

impl GoalCategory {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum GoalStatus {
    Active,
    Reached,
    Dropped,
    Replaced,
}

impl GoalStatus {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// A scaling score: "where are you now, if 10 is the goal reached?"
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct ScalingScore(u8);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("must be a whole number from 0 to 10")]
pub struct ScoreError;

impl ScalingScore {
    pub fn parse(value: i64) -> Result<Self, ScoreError> {
        u8::try_from(value)
            .ok()
            .filter(|v| *v <= 10)
            .map(Self)
            .ok_or(ScoreError)
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for ScalingScore {
    type Error = ScoreError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl From<ScalingScore> for i64 {
    fn from(value: ScalingScore) -> Self {
        i64::from(value.0)
    }
}

/// A checked new goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalDraft {
    /// In the participant's own words.
    pub text: String,
    pub category: GoalCategory,
}

impl GoalDraft {
    pub fn parse(
        text: Option<&str>,
        category: Option<GoalCategory>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let text = errors.collect("text", required_text(text.unwrap_or(""), 1000));
        if category.is_none() {
            errors.add("category", "is required");
        }
        match (text, category) {
            (Some(text), Some(category)) if errors.is_empty() => Ok(Self { text, category }),
            _ => Err(errors),
        }
    }
}

/// A checked score entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreEntry {
    pub date: NaiveDate,
    pub score: ScalingScore,
    pub comment: Option<String>,
}

impl ScoreEntry {
    pub fn parse(
        date: Option<NaiveDate>,
        score: Option<i64>,
        comment: Option<&str>,
        today: NaiveDate,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let date = date.unwrap_or(today);
        if date > today {
            errors.add("date", "must not be in the future");
        }
        let score = match score {
            None => {
                errors.add("score", "is required");
                None
            }
            Some(s) => errors.collect("score", ScalingScore::parse(s)),
        };
        let comment = comment
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        if comment.as_ref().is_some_and(|c| c.chars().count() > 1000) {
            errors.add("comment", "must be at most 1000 characters");
        }
        match score {
            Some(score) if errors.is_empty() => Ok(Self {
                date,
                score,
                comment,
            }),
            _ => Err(errors),
        }
    }
}

/// The average change from first to last score over goals with two or more scores.
pub fn average_change(goals: &[Vec<(NaiveDate, ScalingScore)>]) -> Option<f64> {
    let changes: Vec<f64> = goals
        .iter()
        .filter_map(|scores| {
            let first = scores.iter().min_by_key(|(d, _)| *d)?;
            let last = scores.iter().max_by_key(|(d, _)| *d)?;
            (scores.len() >= 2).then(|| f64::from(last.1.value()) - f64::from(first.1.value()))
        })
        .collect();
    if changes.is_empty() {
        None
    } else {
        Some(changes.iter().sum::<f64>() / changes.len() as f64)
    }
}

crate::stored::stored_as_code!(GoalStatus, GoalCategory);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
    }

    #[test]
    fn a_score_of_eleven_or_below_zero_is_refused() {
        assert!(ScalingScore::parse(11).is_err());
        assert!(ScalingScore::parse(-1).is_err());
        assert_eq!(ScalingScore::parse(10).map(ScalingScore::value), Ok(10));
        let err = ScoreEntry::parse(None, Some(11), None, day(5)).unwrap_err();
        assert_eq!(err.0[0].field, "score");
    }

    #[test]
    fn a_goal_needs_words_and_a_category() {
        let err = GoalDraft::parse(Some("  "), None).unwrap_err();
        let fields: Vec<&str> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["text", "category"]);
        let goal = GoalDraft::parse(
            Some("Komme meg opp om morgenen"),
            Some(GoalCategory::Structure),
        )
        .unwrap();
        assert_eq!(goal.text, "Komme meg opp om morgenen");
    }

    #[test]
    fn a_score_cannot_be_dated_in_the_future() {
        let err = ScoreEntry::parse(Some(day(6)), Some(4), None, day(5)).unwrap_err();
        assert_eq!(err.0[0].field, "date");
    }

    #[test]
    fn average_change_uses_first_and_last_score_per_goal() {
        let s = |v| ScalingScore::parse(v).expect("score");
        let goals = vec![
            vec![(day(1), s(2)), (day(9), s(6)), (day(4), s(3))],
            vec![(day(1), s(5)), (day(2), s(4))],
            vec![(day(1), s(7))],
        ];
        assert_eq!(average_change(&goals), Some(1.5));
        assert_eq!(average_change(&[]), None);
    }

    proptest! {
        #[test]
        fn every_score_from_zero_to_ten_round_trips(v in -100i64..100) {
            let parsed = ScalingScore::parse(v);
            prop_assert_eq!(parsed.is_ok(), (0..=10).contains(&v));
            if let Ok(s) = parsed {
                prop_assert_eq!(i64::from(s), v);
            }
        }
    }
}
