//! Stige's domain: the words of `shared/DESIGN.md` as types and rules.
//!
//! No IO lives here: no HTTP, no SQL, no clock. Callers pass "today" in. The crate
//! builds for `wasm32-unknown-unknown` so the web app shares its types and checks.

pub mod access_log;
pub mod activity;
pub mod agreement_link;
pub mod attendance;
pub mod audit_action;
pub mod capability;
pub mod consent;
pub mod contact;
pub mod early_warning;
pub mod enrolment;
pub mod follow_up;
pub mod goal;
pub mod idle;
pub mod ids;
pub mod ladder;
pub mod message;
pub mod message_code;
pub mod national_id;
pub mod organisation;
pub mod organisation_number;
pub mod partner;
pub mod peer;
pub mod person;
pub mod placement;
pub mod plan;
pub mod production;
pub mod programme_words;
pub mod proposal;
pub mod reach;
pub mod referral;
pub mod report;
pub mod role;
pub mod sign_in;
pub mod situation;
pub mod small_cells;
pub mod step_move;
pub mod stored;
pub mod timeline;
pub mod validation;
pub mod work;

pub use audit_action::AuditAction;
pub use capability::Capability;
pub use enrolment::{EnrolmentCommand, EnrolmentStatus, ExitOutcome, TransitionError};
pub use ids::{ActivityId, LadderId, OrganisationId, ParticipantId, StepId, UserId};
pub use ladder::{DemandLevel, StepDraft};
pub use national_id::{NationalId, NationalIdError, NationalIdKind};
pub use person::PersonName;
pub use reach::{ProgrammeReach, Reach};
pub use role::{HomePage, Role};
pub use step_move::{Direction, MoveError, MoveRequest, StepOnLadder};
pub use validation::{FieldError, ValidationErrors};
