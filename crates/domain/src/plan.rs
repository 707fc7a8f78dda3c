//! The individual plan (issue 24; Norway's IP, Sweden's SIP): per life area
//! (work, education, housing, money, health, social network) the goal in the
//! person's own words, who is responsible (the programme's staff, a partner,
//! the person), the next step and by when; the person's coordinator named;
//! reviewed at a set interval.

use crate::situation::code_list;
use crate::validation::{ValidationErrors, optional_free_text as text};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

code_list! {
    /// The areas of the person's life a plan covers.
    PlanArea {
        Work = "work",
        Education = "education",
        Housing = "housing",
        Money = "money",
        Health = "health",
        SocialNetwork = "social_network",
    }
}

code_list! {
    /// Who carries an area's next step.
    Responsible {
        /// The programme's own staff.
        Staff = "staff",
        /// A partner: the municipality, NAV, Arbetsförmedlingen, ...
        Partner = "partner",
        /// The person themselves.
        Person = "person",
    }
}

/// The longest goal, in characters.
pub const GOAL_MAX: usize = 500;
/// The longest next step, in characters.
pub const NEXT_STEP_MAX: usize = 300;
/// The longest interval between reviews, in weeks.
pub const REVIEW_WEEKS_MAX: i64 = 52;

/// One area of the plan, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanAreaEntry {
    pub area: PlanArea,
    /// The goal in the person's own words.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Have my own flat by the summer")
    )]
    pub goal: String,
    pub responsible: Responsible,
    /// Who, by name or service ("Boligkontoret", "Kari").
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Boligkontoret, Kristiansand kommune")
    )]
    pub responsible_name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(example = "Apply for municipal housing"))]
    pub next_step: Option<String>,
    /// By when the next step is to be done.
    pub next_step_by: Option<NaiveDate>,
}

/// A plan, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDraft {
    pub coordinator: String,
    pub review_every_weeks: i64,
    pub areas: Vec<PlanAreaEntry>,
}

/// Checks a plan: a coordinator, a review interval of 1 to 52 weeks, each
/// area at most once with a goal. Field errors are named as the request
/// names them (`areas[1].goal`).
pub fn parse_plan(
    coordinator: Option<&str>,
    review_every_weeks: Option<i64>,
    areas: &[PlanAreaEntry],
) -> Result<PlanDraft, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let coordinator = text(&mut errors, "coordinator", coordinator, 100);
    if coordinator.is_none() {
        errors.add("coordinator", "is required");
    }
    let weeks = review_every_weeks.unwrap_or(12);
    if !(1..=REVIEW_WEEKS_MAX).contains(&weeks) {
        errors.add(
            "review_every_weeks",
            format!("must be between 1 and {REVIEW_WEEKS_MAX}"),
        );
    }
    let mut checked = vec![];
    for (i, a) in areas.iter().enumerate() {
        let field = |name: &str| format!("areas[{i}].{name}");
        if areas[..i].iter().any(|b| b.area == a.area) {
            errors.add(&field("area"), "is already in the plan");
        }
        let goal = text(&mut errors, &field("goal"), Some(&a.goal), GOAL_MAX);
        if goal.is_none() {
            errors.add(&field("goal"), "is required");
        }
        checked.push(PlanAreaEntry {
            area: a.area,
            goal: goal.unwrap_or_default(),
            responsible: a.responsible,
            responsible_name: text(
                &mut errors,
                &field("responsible_name"),
                a.responsible_name.as_deref(),
                100,
            ),
            next_step: text(
                &mut errors,
                &field("next_step"),
                a.next_step.as_deref(),
                NEXT_STEP_MAX,
            ),
            next_step_by: a.next_step_by,
        });
    }
    checked.sort_by_key(|a| a.area);
    errors.into_result(PlanDraft {
        coordinator: coordinator.unwrap_or_default(),
        review_every_weeks: weeks,
        areas: checked,
    })
}

/// The day the plan is next to be reviewed: the interval after the last
/// review, or after the plan was made when it has not been reviewed.
pub fn next_review(
    made_on: NaiveDate,
    last_reviewed: Option<NaiveDate>,
    every_weeks: i64,
) -> NaiveDate {
    last_reviewed.unwrap_or(made_on) + Duration::weeks(every_weeks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(area: PlanArea, goal: &str) -> PlanAreaEntry {
        PlanAreaEntry {
            area,
            goal: goal.into(),
            responsible: Responsible::Person,
            responsible_name: None,
            next_step: Some(" Call the housing office ".into()),
            next_step_by: None,
        }
    }

    #[test]
    fn a_plan_keeps_areas_in_order_and_trims_its_texts() {
        let plan = parse_plan(
            Some(" Kari "),
            Some(8),
            &[
                area(PlanArea::Health, "Sleep better"),
                area(PlanArea::Housing, "My own flat"),
            ],
        )
        .unwrap();
        assert_eq!(plan.coordinator, "Kari");
        let order: Vec<PlanArea> = plan.areas.iter().map(|a| a.area).collect();
        assert_eq!(order, [PlanArea::Housing, PlanArea::Health]);
        assert_eq!(
            plan.areas[0].next_step.as_deref(),
            Some("Call the housing office")
        );
    }

    #[test]
    fn every_problem_is_named() {
        let errors = parse_plan(
            None,
            Some(60),
            &[area(PlanArea::Work, ""), area(PlanArea::Work, "A job")],
        )
        .unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "coordinator",
                "review_every_weeks",
                "areas[0].goal",
                "areas[1].area"
            ]
        );
    }

    #[test]
    fn the_review_falls_due_an_interval_after_the_last() {
        let made = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(
            next_review(made, None, 2),
            NaiveDate::from_ymd_opt(2026, 1, 19).unwrap()
        );
        let last = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(
            next_review(made, Some(last), 12),
            NaiveDate::from_ymd_opt(2026, 5, 25).unwrap()
        );
    }
}
