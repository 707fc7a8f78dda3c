//! The programme a staff member who works in several is working in now: chosen
//! in the header, remembered in localStorage, and the default of the pages that
//! pick a ladder (the register's groups, the reports, the participant list).

use crate::session::Session;
use leptos::prelude::*;
use stige_domain::LadderId;

const STORAGE_KEY: &str = "stige.programme";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn stored() -> Option<LadderId> {
    local_storage()?
        .get_item(STORAGE_KEY)
        .ok()??
        .parse()
        .ok()
        .map(LadderId)
}

/// The chosen programme, shared through context.
#[derive(Clone, Copy)]
pub struct CurrentProgramme {
    session: Session,
    chosen: RwSignal<Option<LadderId>>,
}

impl CurrentProgramme {
    pub fn provide(session: Session) -> Self {
        let current = Self {
            session,
            chosen: RwSignal::new(stored()),
        };
        provide_context(current);
        current
    }

    /// The programme chosen, if the signed-in staff member works in more than one
    /// and the choice is one of theirs (a choice left by someone else who used
    /// this browser, or a programme they have left, counts as none).
    pub fn get(self) -> Option<LadderId> {
        let chosen = self.chosen.get()?;
        self.session.auth.with(|a| {
            a.me.as_ref()
                .filter(|m| m.programmes.len() > 1)
                .and_then(|m| m.programmes.iter().find(|p| p.ladder_id == chosen))
                .map(|p| p.ladder_id)
        })
    }

    /// [`CurrentProgramme::get`] without tracking: a page's first choice.
    pub fn untracked(self) -> Option<LadderId> {
        untrack(|| self.get())
    }

    /// Chooses a programme and remembers it in this browser.
    pub fn set(self, ladder: LadderId) {
        if let Some(s) = local_storage() {
            let _ = s.set_item(STORAGE_KEY, &ladder.0.to_string());
        }
        self.chosen.set(Some(ladder));
    }
}

pub fn use_current_programme() -> CurrentProgramme {
    expect_context::<CurrentProgramme>()
}
