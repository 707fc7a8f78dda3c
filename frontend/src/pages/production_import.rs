//! Importing a workplace's sales from the till's CSV export: the file is read
//! in the browser, the server reads it without writing (a preview of each
//! day's sales, customers and orders, and what they replace), and only on
//! "Import" are the days written. A file with a bad line is refused whole,
//! naming the line.

use super::production_shared::{Places, money};
use crate::components::ErrorBanner;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::session::{Failure, use_session};
use leptos::prelude::*;
use stige_domain::LadderId;
use stige_wire::TillImportSummary;
use wasm_bindgen::JsCast;

/// The text of the file chosen in `input`.
async fn file_text(input: web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?;
    text.as_string()
}

/// The line a field such as `lines[7].amount` names.
fn line_of(field: &str) -> Option<u32> {
    field
        .strip_prefix("lines[")?
        .split(']')
        .next()?
        .parse()
        .ok()
}

#[component]
pub fn TillImportCard(
    ladder: LadderId,
    places: Places,
    on_imported: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let first_place = places.workplaces.first().map_or(0, |w| w.0);
    let workplace = RwSignal::new(first_place);
    let csv = RwSignal::new(None::<String>);
    let preview = RwSignal::new(None::<TillImportSummary>);
    let error = RwSignal::new(None::<Failure>);
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let send = move |dry_run: bool| {
        let Some(text) = csv.get_untracked() else {
            notice.set(Some(i18n.t("till-choose-file")));
            return;
        };
        let w = workplace.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = session
                .call(move |c| {
                    let text = text.clone();
                    async move { c.import_till(ladder, w, text, dry_run).await }
                })
                .await;
            busy.set(false);
            match r {
                Ok(summary) if dry_run => {
                    error.set(None);
                    notice.set(None);
                    preview.set(Some(summary));
                }
                Ok(summary) => {
                    error.set(None);
                    preview.set(None);
                    csv.set(None);
                    if let Some(input) = file_input.get_untracked() {
                        input.set_value("");
                    }
                    notice.set(Some(i18n.t_with(
                        "till-imported",
                        &[
                            ("days", summary.days.to_string()),
                            ("sales", money(i18n, summary.sales_total, summary.currency)),
                        ],
                    )));
                    on_imported.run(());
                }
                Err(f) => {
                    preview.set(None);
                    notice.set(None);
                    error.set(Some(f));
                }
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        preview.set(None);
        error.set(None);
        leptos::task::spawn_local(async move {
            match file_text(input).await {
                Some(text) => {
                    csv.set(Some(text));
                    send(true);
                }
                None => {
                    csv.set(None);
                    notice.set(Some(i18n.t("till-unreadable")));
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
    let shown = move || {
        preview.get().map(|p| {
            let rows = p
                .totals
                .iter()
                .map(|d| {
                    let count = |v: Option<u32>| v.map_or_else(|| "–".to_owned(), |v| v.to_string());
                    let before = if d.recorded_before {
                        d.sales_before.map_or_else(
                            || i18n.t("till-replaces-no-sales"),
                            |s| money(i18n, s, p.currency),
                        )
                    } else {
                        "–".to_owned()
                    };
                    view! {
                        <tr>
                            <td>{format::date(i18n, d.date)}</td>
                            <td>{d.lines}</td>
                            <td>{money(i18n, d.sales, p.currency)}</td>
                            <td>{count(d.customers)}</td>
                            <td>{count(d.orders)}</td>
                            <td>{before}</td>
                        </tr>
                    }
                })
                .collect_view();
            let summary = i18n.t_with(
                "till-preview-summary",
                &[
                    ("days", p.days.to_string()),
                    ("lines", p.lines.to_string()),
                    ("sales", money(i18n, p.sales_total, p.currency)),
                ],
            );
            view! {
                <div data-testid="till-preview">
                    <p role="status">{summary}</p>
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t("production-date")}</th>
                            <th scope="col">{t("till-lines")}</th>
                            <th scope="col">{t("production-sales")}</th>
                            <th scope="col">{t("production-customers")}</th>
                            <th scope="col">{t("production-orders")}</th>
                            <th scope="col">{t("till-replaces")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <button type="button" on:click=move |_| send(false) disabled=move || busy.get() data-testid="till-import">
                        {move || i18n.t_with("till-import-days", &[("days", p.days.to_string())])}
                    </button>
                </div>
            }
        })
    };
    view! {
        <section class="card" data-testid="till-import-card">
            <h2>{t("till-title")}</h2>
            <p class="muted">{t("till-help")}</p>
            <div class="inline">
                <label>{t("production-workplace")}
                    <select on:change=move |ev| {
                        workplace.set(event_target_value(&ev).parse().unwrap_or(first_place));
                        if csv.get_untracked().is_some() {
                            send(true);
                        }
                    }>{options}</select></label>
                <label>{t("till-file")}
                    <input type="file" accept=".csv,text/csv,text/plain" node_ref=file_input on:change=on_file data-testid="till-file"/></label>
            </div>
            {move || busy.get().then(|| view! { <p class="loading" role="status">{t("till-reading")}</p> })}
            {shown}
            {move || notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <ErrorBanner error=error.into()/>
            {move || error.get().and_then(|f| f.problem).filter(|p| !p.errors.is_empty()).map(|p| {
                let items = p.errors.into_iter().map(|e| {
                    let text = crate::server_text::field_message(i18n, &e);
                    let at = line_of(&e.field).map_or_else(
                        || e.field.clone(),
                        |line| i18n.t_with("till-line", &[("line", line.to_string())]),
                    );
                    view! { <li>{format!("{at}: {text}")}</li> }
                }).collect_view();
                view! { <ul class="error" data-testid="till-errors">{items}</ul> }
            })}
        </section>
    }
}
