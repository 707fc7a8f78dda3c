//! The register saves each mark as it is made, one request after another in the
//! order the marks were made, so a quick correction never arrives before the mark
//! it corrects. Leaving the page while a mark is still on its way asks first.

use crate::session::{Failure, Session};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use stige_domain::ParticipantId;
use stige_domain::attendance::AttendanceMark;
use stige_wire::{MarkInput, RegisterUpdate};

/// One change to send: set a person's mark, or take it away (undo of a first mark).
#[derive(Clone, Debug)]
pub enum Change {
    Set(ParticipantId, AttendanceMark),
    Clear(ParticipantId),
}

/// The marks to restore on undo: each person with the mark they had before.
pub type Undo = Vec<(ParticipantId, Option<AttendanceMark>)>;

type Jobs = Rc<RefCell<VecDeque<(chrono::NaiveDate, Vec<Change>)>>>;

/// Sends changes in order; `pending` counts what has not reached the server yet.
/// The queue itself is shared with the sending task, so marks still on their way
/// are sent even when the page is left (in-app navigation) before they arrive.
#[derive(Clone, Copy)]
pub struct SaveQueue {
    queue: StoredValue<(Jobs, Rc<Cell<bool>>), LocalStorage>,
    pub pending: RwSignal<usize>,
    pub error: RwSignal<Option<Failure>>,
}

impl SaveQueue {
    pub fn new(error: RwSignal<Option<Failure>>) -> Self {
        Self {
            queue: StoredValue::new_local((Jobs::default(), Rc::new(Cell::new(false)))),
            pending: RwSignal::new(0),
            error,
        }
    }

    /// Queues the changes for `date`; `on_failed` runs if the server refuses them
    /// (the page then reloads the register so it shows what was really saved).
    pub fn push(
        self,
        session: Session,
        date: chrono::NaiveDate,
        changes: Vec<Change>,
        on_failed: impl Fn() + Copy + 'static,
    ) {
        if changes.is_empty() {
            return;
        }
        let Some((jobs, busy)) = self.queue.try_get_value() else {
            return;
        };
        jobs.borrow_mut().push_back((date, changes));
        self.pending.update(|n| *n += 1);
        if busy.replace(true) {
            return;
        }
        leptos::task::spawn_local(async move {
            loop {
                let next = jobs.borrow_mut().pop_front();
                let Some((date, changes)) = next else { break };
                let result = send(session, date, changes).await;
                self.pending.try_update(|n| *n = n.saturating_sub(1));
                match result {
                    Ok(()) => {
                        self.error.try_set(None);
                    }
                    // Only while the page is still there to show it.
                    Err(f) => {
                        if self.error.try_set(Some(f)).is_none() {
                            on_failed();
                        }
                    }
                }
            }
            busy.set(false);
        });
    }
}

async fn send(
    session: Session,
    date: chrono::NaiveDate,
    changes: Vec<Change>,
) -> Result<(), Failure> {
    let marks: Vec<MarkInput> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Set(p, m) => Some(MarkInput {
                participant_id: *p,
                mark: *m,
            }),
            Change::Clear(_) => None,
        })
        .collect();
    if !marks.is_empty() {
        let update = RegisterUpdate {
            date: Some(date),
            step_id: None,
            ladder_id: None,
            marks,
            activity_marks: vec![],
        };
        session
            .call(move |c| {
                let update = update.clone();
                async move { c.save_register(&update).await }
            })
            .await?;
    }
    for change in changes {
        if let Change::Clear(p) = change {
            session
                .call(move |c| async move { c.clear_mark(p, date).await })
                .await?;
        }
    }
    Ok(())
}

/// Asks before the tab is closed or reloaded while marks are still on their way.
pub fn warn_before_unload(pending: RwSignal<usize>) {
    let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if pending.try_get_untracked().unwrap_or(0) > 0 {
            ev.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
}
