//! Production (issue 26, part 4): what each workplace of the programme made
//! and sold, day by day, entered by hand or imported from the till's CSV, and
//! the month's production report for the steering group. The month lives in
//! the address (`?month=YYYY-MM`), this month without one.

use super::production_import::TillImportCard;
use super::production_report::ProductionReportCard;
use super::production_shared::{Places, money, unit_word};
use crate::components::{ErrorBanner, FieldError, Loading};
use crate::format;
use crate::i18n::{I18n, t, use_i18n};
use crate::programme::use_current_programme;
use crate::session::{Failure, use_session};
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use stige_domain::{Capability, LadderId};
use stige_wire::{
    Currency, OutputUnit, ProductionDayInput, ProductionLog, ProductionQuery, ProductionSource,
};

/// `YYYY-MM` of `day`.
pub fn month_of(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

/// The first and last day of a `YYYY-MM` month.
pub fn month_days(month: &str) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    Some((first, next.pred_opt()?))
}

/// A number as typed (a comma or a point for decimals); `None` when empty.
/// Text that is no number is sent as a negative one, so the server names
/// the field and the user sees its message.
fn typed_number(text: &str) -> Option<f64> {
    let t = text.trim().replace([' ', '\u{a0}'], "").replace(',', ".");
    (!t.is_empty()).then(|| t.parse().unwrap_or(-1.0))
}

fn typed_count(text: &str) -> Option<i64> {
    typed_number(text).map(|v| if v.fract() == 0.0 { v as i64 } else { -1 })
}

#[component]
pub fn ProductionPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let programme = use_current_programme();
    let params = use_query_map();
    let navigate = StoredValue::new_local(use_navigate());
    let today = format::today();
    let month = Memo::new(move |_| {
        params
            .with(|p| p.get_str("month").map(str::to_owned))
            .filter(|m| month_days(m).is_some())
            .unwrap_or_else(|| month_of(today))
    });
    let pick_month = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if month_days(&value).is_some() {
            let to = if value == month_of(today) {
                "/production".to_owned()
            } else {
                format!("/production?month={value}")
            };
            navigate.with_value(|n| n(&to, Default::default()));
        }
    };
    let ladder = Memo::new(move |_| {
        programme.get().or_else(|| {
            session.auth.with(|a| {
                a.me.as_ref()
                    .and_then(|m| m.programmes.first().map(|p| p.ladder_id))
            })
        })
    });
    let log = RwSignal::new(None::<ProductionLog>);
    let error = RwSignal::new(None::<Failure>);
    // Bumped after every change, so the log and the report read again.
    let changes = RwSignal::new(0u32);
    Effect::new(move |_| {
        changes.track();
        let (Some(l), Some((from, to))) = (ladder.get(), month_days(&month.get())) else {
            return;
        };
        // The last month's days stay until the new ones are in, so the forms
        // (and what they just said) stay too.
        leptos::task::spawn_local(async move {
            let query = ProductionQuery {
                from: Some(from),
                to: Some(to),
            };
            let r = session
                .call(move |c| {
                    let query = query.clone();
                    async move { c.production(l, &query).await }
                })
                .await;
            match r {
                Ok(found) => {
                    error.set(None);
                    log.set(Some(found));
                }
                Err(f) => error.set(Some(f)),
            }
        });
    });
    let may_record = move || session.can(Capability::WorkWithParticipants);
    let changed = move || changes.update(|n| *n += 1);
    // Filled by a row's "Correct" button.
    let editing = RwSignal::new(None::<(i64, NaiveDate)>);
    let days = move || {
        log.get().map_or_else(
            || view! { <Loading/> }.into_any(),
            |l| {
                let delete = ladder
                    .get_untracked()
                    .filter(|_| may_record())
                    .map(|ladder| Deleting {
                        session,
                        ladder,
                        done: Callback::new(move |_| changed()),
                        error,
                    });
                days_table(i18n, &l, delete, editing).into_any()
            },
        )
    };
    // The workplaces and currency alone: the forms are made again only when
    // they change, not on every reload of the days.
    let places = Memo::new(move |_| {
        log.with(|l| {
            l.as_ref().map(|l| Places {
                currency: l.currency,
                workplaces: (l.workplaces.iter())
                    .map(|w| (w.workplace_id, w.name.clone()))
                    .collect(),
            })
        })
    });
    let forms = move || {
        let (Some(l), Some(found)) = (ladder.get(), places.get()) else {
            return ().into_any();
        };
        if !may_record() || found.workplaces.is_empty() {
            return ().into_any();
        }
        view! {
            <DayForm ladder=l places=found.clone() log=log month=month.get() editing=editing on_saved=changed/>
            <TillImportCard ladder=l places=found on_imported=Callback::new(move |_| changed())/>
        }
        .into_any()
    };
    let empty = move || {
        log.get()
            .filter(|l| l.workplaces.is_empty())
            .map(|_| view! { <p class="muted" data-testid="production-no-workplaces">{t("production-no-workplaces")}</p> })
    };
    view! {
        <h1>{t("production-title")}</h1>
        <p class="muted">{t("production-intro")}</p>
        <label class="inline">{t("production-month")}
            <input type="month" prop:value=move || month.get() on:change=pick_month data-testid="production-month"/></label>
        <ErrorBanner error=error.into()/>
        {empty}
        {forms}
        <section class="card" data-testid="production-days">
            <h2>{t("production-days")}</h2>
            {days}
        </section>
        {move || ladder.get().map(|l| view! { <ProductionReportCard ladder=l month=month.get() changes=changes.get()/> })}
    }
}

/// What deleting a recorded day needs (for those who may record).
#[derive(Clone, Copy)]
struct Deleting {
    session: crate::session::Session,
    ladder: LadderId,
    done: Callback<()>,
    error: RwSignal<Option<Failure>>,
}

/// Asks, then deletes a workplace's recorded day.
fn delete_day(i: I18n, d: Deleting, workplace: i64, date: NaiveDate, what: String) {
    let question = i.t_with("production-delete-confirm", &[("what", what)]);
    let sure = web_sys::window()
        .and_then(|w| w.confirm_with_message(&question).ok())
        .unwrap_or(false);
    if !sure {
        return;
    }
    leptos::task::spawn_local(async move {
        let r = d
            .session
            .call(move |c| async move { c.delete_production(d.ladder, workplace, date).await })
            .await;
        match r {
            Ok(()) => {
                d.error.set(None);
                d.done.run(());
            }
            Err(f) => d.error.set(Some(f)),
        }
    });
}

/// The month's recorded days, newest first, each workplace's figures.
fn days_table(
    i: I18n,
    log: &ProductionLog,
    delete: Option<Deleting>,
    editing: RwSignal<Option<(i64, NaiveDate)>>,
) -> impl IntoView {
    let mut rows: Vec<(
        NaiveDate,
        String,
        i64,
        &stige_wire::ProductionDay,
        OutputUnit,
    )> = log
        .workplaces
        .iter()
        .flat_map(|w| {
            w.days
                .iter()
                .map(move |d| (d.date, w.name.clone(), w.workplace_id, d, w.output_unit))
        })
        .collect();
    if rows.is_empty() {
        return view! { <p class="muted">{i.t("production-days-empty")}</p> }.into_any();
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let count = |v: Option<u32>| v.map_or_else(|| "–".to_owned(), |v| v.to_string());
    let currency = log.currency;
    let body = rows
        .into_iter()
        .map(|(date, name, workplace, d, unit)| {
            let source = i.t(match d.source {
                ProductionSource::Entered => "production-source-entered",
                ProductionSource::Till => "production-source-till",
            });
            let units = d
                .units
                .map_or_else(|| "–".to_owned(), |u| format!("{u} {}", unit_word(i, unit)));
            let what = format!("{name}, {}", format::date(i, date));
            let correct = delete.map(|d| {
                view! {
                    <button type="button" class="secondary" on:click=move |_| editing.set(Some((workplace, date)))>
                        {i.t("production-correct")}
                    </button>
                    " "
                    <button type="button" class="secondary" data-testid="production-delete"
                        on:click=move |_| delete_day(i, d, workplace, date, what.clone())>
                        {i.t("production-delete")}
                    </button>
                }
            });
            view! {
                <tr data-testid="production-day">
                    <td>{format::date(i, date)}</td>
                    <td>{name}</td>
                    <td>{units}</td>
                    <td>{count(d.orders)}</td>
                    <td>{count(d.customers)}</td>
                    <td>{d.sales.map_or_else(|| "–".to_owned(), |s| money(i, s, currency))}</td>
                    <td>{source}</td>
                    <td>{correct}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data">
            <thead><tr>
                <th scope="col">{i.t("production-date")}</th>
                <th scope="col">{i.t("production-workplace")}</th>
                <th scope="col">{i.t("production-units")}</th>
                <th scope="col">{i.t("production-orders")}</th>
                <th scope="col">{i.t("production-customers")}</th>
                <th scope="col">{i.t("production-sales")}</th>
                <th scope="col">{i.t("production-source")}</th>
                <th scope="col"><span class="sr-only">{i.t("production-correct")}</span></th>
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
    .into_any()
}

/// Records one workplace's day; a day recorded again is replaced.
#[component]
fn DayForm(
    ladder: LadderId,
    places: Places,
    log: RwSignal<Option<ProductionLog>>,
    month: String,
    editing: RwSignal<Option<(i64, NaiveDate)>>,
    on_saved: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let today = format::today();
    let first_place = places.workplaces.first().map_or(0, |w| w.0);
    let default_date = match month_days(&month) {
        Some((from, to)) if today < from || today > to => to.min(today),
        _ => today,
    };
    let workplace = RwSignal::new(first_place);
    let date = RwSignal::new(default_date.to_string());
    let units = RwSignal::new(String::new());
    let orders = RwSignal::new(String::new());
    let customers = RwSignal::new(String::new());
    let sales = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Failure>);
    let notice = RwSignal::new(None::<String>);
    // "Correct" on a row: its figures into the form.
    Effect::new(move |_| {
        let Some((w, d)) = editing.get() else {
            return;
        };
        let found = log.with_untracked(|l| {
            (l.iter().flat_map(|l| l.workplaces.iter()))
                .find(|p| p.workplace_id == w)
                .and_then(|p| p.days.iter().find(|x| x.date == d).cloned())
        });
        if let Some(day) = found {
            let text = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
            workplace.set(w);
            date.set(d.to_string());
            units.set(text(day.units));
            orders.set(text(day.orders));
            customers.set(text(day.customers));
            sales.set(
                day.sales
                    .map(|s| format::decimal(i18n, s, 2).replace(['\u{a0}', ' '], ""))
                    .unwrap_or_default(),
            );
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(day) = format::parse_date(&date.get_untracked()) else {
            error.set(None);
            notice.set(Some(i18n.t("production-date-needed")));
            return;
        };
        let body = ProductionDayInput {
            units: typed_count(&units.get_untracked()),
            orders: typed_count(&orders.get_untracked()),
            customers: typed_count(&customers.get_untracked()),
            sales: typed_number(&sales.get_untracked()),
        };
        let w = workplace.get_untracked();
        leptos::task::spawn_local(async move {
            let r = session
                .call_with(body, move |c, body| async move {
                    c.record_production(ladder, w, day, &body).await
                })
                .await;
            match r {
                Ok(_) => {
                    error.set(None);
                    for field in [units, orders, customers, sales] {
                        field.set(String::new());
                    }
                    editing.set(None);
                    notice.set(Some(
                        i18n.t_with("production-saved", &[("date", format::date(i18n, day))]),
                    ));
                    on_saved();
                }
                Err(f) => {
                    notice.set(None);
                    error.set(Some(f));
                }
            }
        });
    };
    let options = (places.workplaces.iter())
        .map(|(id, name)| {
            let id = *id;
            view! { <option value=id.to_string() selected=move || workplace.get() == id>{name.clone()}</option> }
        })
        .collect_view();
    let currency = places.currency;
    let sales_label = move || {
        let code = match currency {
            Currency::Nok => "NOK",
            Currency::Sek => "SEK",
        };
        i18n.t_with("production-sales-in", &[("currency", code.to_owned())])
    };
    view! {
        <section class="card" data-testid="production-form">
            <h2>{t("production-record")}</h2>
            <p class="muted">{t("production-record-help")}</p>
            <form class="inline" on:submit=submit>
                <label>{t("production-workplace")}
                    <select on:change=move |ev| workplace.set(event_target_value(&ev).parse().unwrap_or(first_place))>{options}</select></label>
                <label>{t("production-date")}
                    <input type="date" prop:value=date on:input=move |ev| date.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="date"/></label>
                <label>{t("production-units")}
                    <input inputmode="numeric" size="6" prop:value=units on:input=move |ev| units.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="units"/></label>
                <label>{t("production-orders")}
                    <input inputmode="numeric" size="5" prop:value=orders on:input=move |ev| orders.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="orders"/></label>
                <label>{t("production-customers")}
                    <input inputmode="numeric" size="5" prop:value=customers on:input=move |ev| customers.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="customers"/></label>
                <label>{sales_label}
                    <input inputmode="decimal" size="9" prop:value=sales on:input=move |ev| sales.set(event_target_value(&ev))/>
                    <FieldError error=error.into() field="sales"/></label>
                <button type="submit">{t("production-save")}</button>
            </form>
            <FieldError error=error.into() field="day"/>
            {move || notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <ErrorBanner error=Signal::derive(move || error.get().filter(|f| f.problem.as_ref().is_none_or(|p| p.errors.is_empty())))/>
        </section>
    }
}
