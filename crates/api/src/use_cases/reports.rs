//! Reports: a programme's (ladder's) figures for a period, the organisation's
//! across its programmes, and a cooperation agreement's; exact for admins and
//! coordinators, under disclosure control (whole calendar months, counts
//! rounded to base 5, 1 to 4 as "<5") for everyone else. Partners only ever
//! get their own agreement, and of it only the sections their agreement's
//! scope holds, each from the people who consented to share it.

use crate::auth::{Caller, Staff};
use crate::calendar::today;
use crate::error::ApiError;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};
use stige_domain::agreement_link::LinkSpan;
use stige_domain::consent::SharingCategory;
use stige_domain::partner::scope_from_text;
use stige_domain::report::build::by_category;
use stige_domain::report::{
    History, Period, PeriodError, flow, linked, organisation_report, places, programme_report,
    stats, steps,
};
use stige_domain::small_cells::{Disclosure, show};
use stige_domain::{Capability, ExitOutcome, LadderId, StepId, ValidationErrors};
use stige_store::reports::{self, Scope};
use stige_store::row_security::RowScope;
use stige_store::{
    DbConnection, Store, agreement_links, consents, ladders, organisations, partners,
};
use stige_wire::{
    AgreementReport, OrganisationReport, OrganisationReportQuery, OutcomeCount, ProgrammeReport,
    ReportQuery, StepCount, StepRef,
};

/// Fewer people than this and the median is not shown under disclosure control.
const MIN_FOR_MEDIAN: usize = 5;

/// The median of `values`, if there are enough of them to show.
pub fn median(values: &[i64], disclosure: Disclosure) -> Option<f64> {
    if disclosure.is_controlled() && values.len() < MIN_FOR_MEDIAN {
        return None;
    }
    stats::median(values)
}

/// The cooperation agreement `id`'s report: places and their use, starts,
/// exits by outcome, people per step and the median time to the first step
/// up over the agreement's whole history, each person counted for the
/// agreement's links to them. Staff who may read agreement reports and reach
/// its programme (admins and coordinators exact, everyone else under
/// disclosure control), and the agreement's own partner (under disclosure
/// control, each section from the people who consented to share it); 404 for
/// anyone else.
pub fn agreement(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    today: NaiveDate,
) -> Result<AgreementReport, ApiError> {
    match caller {
        Caller::Staff(s) => s.require_that(Capability::ReadAgreementReports)?,
        Caller::Partner(p) if p.agreement == id => {}
        Caller::Partner(_) => return Err(ApiError::NotFound),
    }
    let disclosure = disclosure(caller);
    let partner = matches!(caller, Caller::Partner(_));
    // Staff reach the agreements of the programmes they work in.
    let reached = match caller {
        Caller::Staff(s) => Some(s.reach.ladders()),
        Caller::Partner(_) => None,
    };
    let agreement = partners::agreement(conn, id)?
        .filter(|a| reached.as_ref().is_none_or(|l| l.contains(&a.ladder_id)))
        .ok_or(ApiError::NotFound)?;
    let ladder_id = LadderId(agreement.ladder_id);
    let ladder = ladders::get(conn, ladder_id)?.ok_or(ApiError::NotFound)?;
    let histories = reports::agreement_histories(conn, ladder_id, id)?;
    // Everything up to today: the agreement's whole history.
    // Each person counts for the agreement's links to them: starts, exits
    // and moves while a link held, a step only while one holds today.
    let mut links: HashMap<i64, Vec<LinkSpan>> = HashMap::new();
    for link in agreement_links::of_agreement(conn, id)? {
        links
            .entry(link.participant_id)
            .or_default()
            .push(link.span());
    }
    let links_of = |h: &History| links.get(&h.participant.0).map_or(&[][..], Vec::as_slice);
    let while_linked: Vec<History> = (histories.iter())
        .map(|h| linked::while_linked(h, links_of(h)))
        .collect();
    let linked_today: Vec<History> = (histories.iter())
        .filter(|h| linked::linked_on(links_of(h), today))
        .cloned()
        .collect();
    let all_time = Period {
        from: chrono::NaiveDate::MIN,
        to: today,
    };
    // Whose histories each section is computed from: everyone's for
    // staff; for the partner, the people who share the section's category
    // (none of it when the scope lacks the category).
    let sharing = if partner {
        let scope = Scope {
            ladder: ladder_id,
            agreement: Some(id),
        };
        // The whole history: no period to narrow the people by (and
        // `all_time` starts before any date PostgreSQL can hold).
        Some(consenting_per_category(conn, scope, None)?)
    } else {
        None
    };
    let of = |category: SharingCategory, histories: &[History]| -> Option<Vec<History>> {
        match &sharing {
            None => Some(histories.to_vec()),
            Some(map) => map.get(&category).map(|ids| {
                histories
                    .iter()
                    .filter(|h| ids.contains(&h.participant.0))
                    .cloned()
                    .collect()
            }),
        }
    };
    let count = |n: u64| show(n, disclosure);
    let status = of(SharingCategory::EnrolmentStatus, &histories);
    let status_while_linked = of(SharingCategory::EnrolmentStatus, &while_linked);
    let steps_while_linked = of(SharingCategory::CurrentStep, &while_linked);
    let people_per_step = of(SharingCategory::CurrentStep, &linked_today).map(|h| {
        let at_end = steps::people_at_end(&h, &all_time);
        ladder
            .steps
            .iter()
            .map(|(step, _)| StepCount {
                step: StepRef {
                    id: StepId(step.id),
                    name: step.name.clone(),
                },
                count: count(at_end.get(&StepId(step.id)).copied().unwrap_or(0)),
            })
            .collect()
    });
    let exits_by_outcome = of(SharingCategory::Outcome, &while_linked).map(|h| {
        let exits = flow::exits_by_outcome(&h, &all_time);
        ExitOutcome::ALL
            .iter()
            .copied()
            .map(|outcome| OutcomeCount {
                outcome,
                count: count(exits.get(&outcome).copied().unwrap_or(0)),
            })
            .collect()
    });
    Ok(AgreementReport {
        agreement_id: id,
        disclosure,
        places: i64::from(agreement.places),
        places_used: status
            .as_ref()
            .map(|h| count(places::used_on(h, id, today))),
        starts: (status_while_linked.as_ref()).map(|h| count(flow::starts(h, &all_time))),
        exits_by_outcome,
        median_days_to_first_step_up: steps_while_linked
            .as_ref()
            .and_then(|h| median(&steps::days_to_first_step_up(h), disclosure)),
        people_per_step,
    })
}

/// The report's period: by default this calendar year up to today (under
/// disclosure control up to the end of this month). Audiences under
/// disclosure control ask for whole calendar months only, so that no two of
/// their periods differ by a few days.
pub fn period(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    disclosure: Disclosure,
) -> Result<Period, ApiError> {
    let today = today();
    let to = to.unwrap_or(match disclosure {
        Disclosure::Exact => today,
        Disclosure::Controlled => Period::month_end(today),
    });
    let from = from
        .or_else(|| NaiveDate::from_ymd_opt(to.year(), 1, 1))
        .unwrap_or(to);
    let period = Period::parse(from, to).and_then(|p| match disclosure {
        Disclosure::Exact => Ok(p),
        Disclosure::Controlled => p.whole_months(),
    });
    period.map_err(|e| {
        let mut errors = ValidationErrors::new();
        match e {
            PeriodError::EndsBeforeStart | PeriodError::TooLong => errors.add("to", e.to_string()),
            PeriodError::NotWholeMonths => {
                if from.day() != 1 {
                    errors.add(
                        "from",
                        format!("the first day of a month, e.g. {}", first_of_month(from)),
                    );
                }
                if Period::month_end(to) != to {
                    errors.add(
                        "to",
                        format!("the last day of a month, e.g. {}", Period::month_end(to)),
                    );
                }
                errors.add("period", e.to_string());
            }
        }
        ApiError::Validation(errors)
    })
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// Which ladder and agreement the caller asks for and may see.
pub fn scope(
    conn: &mut DbConnection,
    caller: &Caller,
    ladder: Option<i64>,
    agreement: Option<i64>,
) -> Result<Scope, ApiError> {
    let agreement = match caller {
        Caller::Partner(p) => match agreement {
            Some(a) if a != p.agreement => return Err(ApiError::NotFound),
            _ => Some(p.agreement),
        },
        Caller::Staff(_) => agreement,
    };
    let agreement_ladder = match agreement {
        Some(a) => Some(
            partners::agreement(conn, a)?
                .ok_or(ApiError::NotFound)?
                .ladder_id,
        ),
        None => None,
    };
    let ladder = match (ladder, agreement_ladder) {
        (Some(l), Some(al)) if l != al => return Err(ApiError::NotFound),
        (Some(l), _) => l,
        (None, Some(al)) => al,
        (None, None) => match caller {
            Caller::Staff(s) => s.reach.ladders().first().copied(),
            Caller::Partner(p) => Some(p.ladder),
        }
        .ok_or(ApiError::NotFound)?,
    };
    // A programme the staff member holds no role in is not there for them.
    if let Caller::Staff(s) = caller {
        s.works_in(ladder)?;
    }
    Ok(Scope {
        ladder: LadderId(ladder),
        agreement,
    })
}

/// How the caller sees the figures: exact for admins and coordinators, under
/// disclosure control for everyone else (viewers, mentors, researchers,
/// partners).
pub fn disclosure(caller: &Caller) -> Disclosure {
    match caller {
        Caller::Partner(_) => Disclosure::Controlled,
        // Exact only for someone who sees everyone in every programme they work in.
        Caller::Staff(s) => {
            let everywhere =
                (s.reach.programmes().iter()).all(|(_, r)| r.may(Capability::SeeAllParticipants));
            if everywhere {
                s.role.disclosure()
            } else {
                Disclosure::Controlled
            }
        }
    }
}

/// For each category the agreement's sharing scope holds, the participants of
/// `scope` (whose histories can touch `period`, when given) who consent today
/// to share it with the agreement's partner. A category outside the scope is
/// absent.
pub fn consenting_per_category(
    conn: &mut DbConnection,
    scope: Scope,
    period: Option<Period>,
) -> Result<BTreeMap<SharingCategory, Vec<i64>>, ApiError> {
    let agreement_id = scope.agreement.ok_or(ApiError::NotFound)?;
    let agreement = partners::agreement(conn, agreement_id)?.ok_or(ApiError::NotFound)?;
    let sharing = scope_from_text(&agreement.sharing_scope);
    let ids = reports::participant_ids(conn, scope, period)?;
    let ledgers = consents::ledgers(conn, agreement.partner_id, &ids)?;
    let today = today();
    Ok(sharing
        .iter()
        .map(|category| {
            let consenting = ids
                .iter()
                .copied()
                .filter(|id| {
                    ledgers
                        .iter()
                        .any(|(p, e)| p == id && e.category == *category && e.in_force(today))
                })
                .collect();
            (*category, consenting)
        })
        .collect())
}

/// The report as the agreement's partner gets it: under disclosure control,
/// each section from the people who consented to share its category, and
/// only the sections of the agreement's scope.
fn partner_report(
    store: &Store,
    scope: Scope,
    period: Period,
    rows: RowScope,
) -> Result<ProgrammeReport, ApiError> {
    let per_category = {
        let mut conn = store.conn()?;
        store.read_in(&mut conn, rows, |conn| {
            consenting_per_category(conn, scope, Some(period))
        })?
    };
    let report_of = |ids: &[i64]| -> Result<ProgrammeReport, ApiError> {
        let input = reports::report_input(store, scope, period, Some(ids), rows)?
            .ok_or(ApiError::NotFound)?;
        Ok(programme_report(&input, Disclosure::Controlled))
    };
    // One report per distinct set of people: when a person consents to every
    // category (the usual case), the categories share one computation.
    let mut by_people: BTreeMap<&[i64], ProgrammeReport> = BTreeMap::new();
    for ids in per_category.values() {
        if !by_people.contains_key(ids.as_slice()) {
            by_people.insert(ids.as_slice(), report_of(ids)?);
        }
    }
    // The period, ladder and months of any of them; none when nothing is shared.
    let base = match by_people.values().next() {
        Some(report) => report.clone(),
        None => report_of(&[])?,
    };
    Ok(by_category(&base, |c| {
        per_category
            .get(&c)
            .and_then(|ids| by_people.get(ids.as_slice()).cloned())
    }))
}

/// The programme report the caller asks for with `q`: exact or under
/// disclosure control by who they are, the partner's view when they are the
/// partner (or an admin or coordinator previewing it with `as_partner`).
pub fn programme(
    store: &Store,
    caller: &Caller,
    q: &ReportQuery,
) -> Result<ProgrammeReport, ApiError> {
    let as_partner = q.as_partner.unwrap_or(false);
    if as_partner {
        preview_allowed(caller, q)?;
    }
    let disclosure = if as_partner {
        Disclosure::Controlled
    } else {
        disclosure(caller)
    };
    let period = period(q.from, q.to, disclosure)?;
    let rows = caller.rows();
    let scope = {
        let mut conn = store.conn()?;
        store.read_in(&mut conn, rows, |conn| {
            scope(conn, caller, q.ladder, q.agreement)
        })?
    };
    if as_partner || matches!(caller, Caller::Partner(_)) {
        return partner_report(store, scope, period, rows);
    }
    let input =
        reports::report_input(store, scope, period, None, rows)?.ok_or(ApiError::NotFound)?;
    Ok(programme_report(&input, disclosure))
}

/// "As the partner sees it" is for admins and coordinators, on one agreement.
fn preview_allowed(caller: &Caller, q: &ReportQuery) -> Result<(), ApiError> {
    match caller {
        Caller::Staff(s) if s.role.may(Capability::SeeAllParticipants) => {}
        Caller::Staff(_) => return Err(ApiError::Forbidden),
        Caller::Partner(_) => {}
    }
    if q.agreement.is_none() && matches!(caller, Caller::Staff(_)) {
        let mut errors = ValidationErrors::new();
        errors.add(
            "agreement",
            "choose the agreement whose partner's report to show",
        );
        return Err(ApiError::Validation(errors));
    }
    Ok(())
}

/// The organisation report: every programme of the staff member's
/// organisation for the period of `q`, for staff who hold a role in each of
/// them (403 otherwise; 404 without an organisation).
pub fn organisation(
    store: &Store,
    staff: &Staff,
    q: &OrganisationReportQuery,
) -> Result<OrganisationReport, ApiError> {
    let organisation = staff.organisation()?;
    let disclosure = disclosure(&Caller::Staff(staff.clone()));
    let period = period(q.from, q.to, disclosure)?;
    let rows = RowScope::Organisation(Some(organisation.0));
    let (name, ladders) = {
        let mut conn = store.conn()?;
        store.read_in(&mut conn, rows, |conn| -> Result<_, ApiError> {
            let row = organisations::get(conn, organisation.0)?.ok_or(ApiError::NotFound)?;
            Ok((row.name, organisations::ladder_ids(conn, organisation.0)?))
        })?
    };
    let ladders: Vec<LadderId> = ladders.into_iter().map(LadderId).collect();
    // Figures across programmes only for someone who works in all of them.
    if !staff.reach.works_in_all(&ladders) {
        return Err(ApiError::Forbidden);
    }
    let mut inputs = Vec::with_capacity(ladders.len());
    for ladder in ladders {
        let scope = Scope {
            ladder,
            agreement: None,
        };
        if let Some(input) = reports::report_input(store, scope, period, None, rows)? {
            inputs.push(input);
        }
    }
    Ok(organisation_report(
        organisation,
        &name,
        period,
        &inputs,
        disclosure,
    ))
}

#[cfg(test)]
mod tests {
    use super::median;
    use stige_domain::small_cells::Disclosure;

    #[test]
    fn the_median_needs_five_values_under_disclosure_control() {
        let c = Disclosure::Controlled;
        assert_eq!(median(&[3, 1, 2, 9], c), None);
        assert_eq!(median(&[3, 1, 2, 9], Disclosure::Exact), Some(2.5));
        assert_eq!(median(&[5, 1, 3, 2, 4], c), Some(3.0));
        assert_eq!(median(&[6, 1, 3, 2, 4, 5], c), Some(3.5));
    }
}
