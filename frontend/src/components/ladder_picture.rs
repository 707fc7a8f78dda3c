//! The ladder as a picture: steps as rungs, lowest at the bottom, the participant's
//! current rung highlighted, with the days spent on each step. A table says the same
//! for screen readers and print.

use crate::format;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use stige_domain::StepId;
use stige_wire::{Step, StepDays};

const WIDTH: i32 = 320;
const RUNG: i32 = 64;

#[component]
pub fn LadderPicture(
    steps: Vec<Step>,
    current: Option<StepId>,
    days: Vec<StepDays>,
    /// The parallel activities running now (ALUP, a course), shown beside the
    /// current step.
    #[prop(optional)]
    beside: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let n = i32::try_from(steps.len()).unwrap_or(0);
    let height = n * RUNG + 16;
    let days_of = move |id: StepId| days.iter().find(|d| d.step.id == id).map_or(0, |d| d.days);
    let rows: Vec<(Step, i64, bool)> = steps
        .iter()
        .rev()
        .map(|s| (s.clone(), days_of(s.id), Some(s.id) == current))
        .collect();
    let rungs = rows
        .iter()
        .enumerate()
        .map(|(i, (s, d, is_current))| {
            let y = i32::try_from(i).unwrap_or(0) * RUNG + 12;
            let class = if *is_current { "rung current" } else { "rung" };
            let name = s.name.clone();
            let days_text = {
                let d = *d;
                move || i18n.t_with("days-count", &[("days", d.to_string())])
            };
            let places = match s.capacity {
                Some(c) => format!("{}/{}", s.occupied, c),
                None => s.occupied.to_string(),
            };
            let testid = if *is_current { "rung-current" } else { "rung" };
            view! {
                <g class=class data-testid=testid>
                    <rect x="16" y=y width=WIDTH - 32 height="44" rx="8"></rect>
                    <text x="30" y=y + 20 class="rung-name">{name}</text>
                    <text x="30" y=y + 37 class="rung-meta">{days_text}</text>
                    <text x=WIDTH - 30 y=y + 28 class="rung-places" text-anchor="end">{places}</text>
                    {(*is_current && !beside.is_empty()).then(|| view! {
                        <text x=WIDTH - 30 y=y + 41 class="rung-beside" text-anchor="end"
                            data-testid="rung-beside">{format!("+ {}", beside.join(", "))}</text>
                    })}
                </g>
            }
        })
        .collect_view();
    let table_rows = rows
        .into_iter()
        .map(|(s, d, is_current)| {
            let level = s.demand_level;
            view! {
                <tr class:current=is_current>
                    <td>{s.name}</td>
                    <td>{move || format::demand(i18n, level)}</td>
                    <td>{d}</td>
                    <td>{s.occupied} {s.capacity.map(|c| format!(" / {c}"))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="ladder-picture">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=t("ladder-picture-label")>
                <line class="rail" x1="16" y1="0" x2="16" y2=height></line>
                <line class="rail" x1=WIDTH - 16 y1="0" x2=WIDTH - 16 y2=height></line>
                {rungs}
            </svg>
            {(!beside.is_empty()).then(|| {
                let names = beside.join(", ");
                view! {
                    <figcaption data-testid="ladder-beside">
                        {move || i18n.t_with("ladder-beside", &[("activities", names.clone())])}
                    </figcaption>
                }
            })}
            <details>
                <summary>{t("as-table")}</summary>
                <table>
                    <thead>
                        <tr>
                            <th>{t("step")}</th>
                            <th>{t("demand-level")}</th>
                            <th>{t("days")}</th>
                            <th>{t("places")}</th>
                        </tr>
                    </thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </details>
        </figure>
    }
}
