//! Every operation's id: unique, and saying what it does, since generated
//! clients name their functions after it (`createReferral`, not `create`).
//! A route added without an entry here keeps its handler's name, and the
//! OpenAPI test fails until it has one.

/// (method, path under `/api/v1`, operation id).
pub const OPERATION_IDS: &[(&str, &str, &str)] = &[
    ("get", "/health", "getHealth"),
    ("get", "/ready", "getReadiness"),
    ("post", "/auth/login", "logIn"),
    ("post", "/auth/refresh", "refreshTokens"),
    ("post", "/auth/logout", "logOut"),
    ("post", "/auth/logout-everywhere", "logOutEverywhere"),
    ("get", "/auth/me", "getCurrentUser"),
    ("post", "/auth/token", "getPartnerToken"),
    ("get", "/organisation", "getOwnOrganisation"),
    ("get", "/organisations", "listOrganisations"),
    ("post", "/organisations", "createOrganisation"),
    ("get", "/users", "listUsers"),
    ("post", "/users", "createUser"),
    ("patch", "/users/{id}", "updateUser"),
    ("delete", "/users/{id}/sessions", "endUserSessions"),
    ("get", "/ladders", "listLadders"),
    ("post", "/ladders", "createLadder"),
    ("get", "/ladders/{id}", "getLadder"),
    ("put", "/ladders/{id}", "updateLadder"),
    ("post", "/ladders/{id}/steps", "addStep"),
    ("put", "/ladders/{id}/steps/{step_id}", "updateStep"),
    ("put", "/ladders/{id}/step-order", "reorderSteps"),
    ("post", "/ladders/{id}/activities", "addActivity"),
    ("get", "/participants", "listParticipants"),
    ("post", "/participants", "createParticipant"),
    ("get", "/participants/{id}", "getParticipant"),
    ("put", "/participants/{id}", "updateParticipant"),
    (
        "post",
        "/participants/{id}/status",
        "changeParticipantStatus",
    ),
    ("post", "/participants/{id}/moves", "moveParticipant"),
    ("put", "/participants/{id}/mentors", "assignMentors"),
    (
        "post",
        "/participants/{id}/national-id/reveal",
        "revealNationalId",
    ),
    ("get", "/participants/{id}/goals", "listGoals"),
    ("post", "/participants/{id}/goals", "createGoal"),
    (
        "put",
        "/participants/{id}/goals/{goal}/status",
        "changeGoalStatus",
    ),
    (
        "post",
        "/participants/{id}/goals/{goal}/scores",
        "addGoalScore",
    ),
    ("get", "/participants/{id}/follow-ups", "listFollowUps"),
    ("post", "/participants/{id}/follow-ups", "createFollowUp"),
    (
        "put",
        "/participants/{id}/follow-ups/{follow_up}",
        "updateFollowUp",
    ),
    (
        "put",
        "/participants/{id}/follow-ups/{follow_up}/actions/{action}",
        "setAgreedActionDone",
    ),
    ("get", "/attendance", "getRegister"),
    ("put", "/attendance", "saveRegister"),
    (
        "get",
        "/participants/{id}/attendance",
        "getParticipantAttendance",
    ),
    (
        "post",
        "/participants/{id}/planned-participation",
        "planParticipation",
    ),
    (
        "delete",
        "/participants/{id}/attendance/{date}",
        "clearAttendanceMark",
    ),
    ("get", "/today", "getToday"),
    ("get", "/partners", "listPartners"),
    ("post", "/partners", "createPartner"),
    ("put", "/partners/{id}", "updatePartner"),
    ("get", "/agreements", "listAgreements"),
    ("post", "/agreements", "createAgreement"),
    ("get", "/agreements/{id}", "getAgreement"),
    ("put", "/agreements/{id}", "updateAgreement"),
    ("get", "/agreements/{id}/report", "getAgreementReport"),
    ("get", "/reports/organisation", "getOrganisationReport"),
    ("get", "/reports/programme", "getProgrammeReport"),
    ("get", "/reports/programme.csv", "getProgrammeReportCsv"),
    ("get", "/reports/research-extract", "getResearchExtract"),
    (
        "get",
        "/reports/research-extract.csv",
        "getResearchExtractCsv",
    ),
    (
        "get",
        "/participants/{id}/research-consent",
        "getResearchConsent",
    ),
    (
        "put",
        "/participants/{id}/research-consent",
        "setResearchConsent",
    ),
    ("get", "/agreements/{id}/clients", "listApiClients"),
    ("post", "/agreements/{id}/clients", "createApiClient"),
    ("post", "/api-clients/{id}/rotate", "rotateApiClientSecret"),
    ("post", "/api-clients/{id}/revoke", "revokeApiClient"),
    ("get", "/referrals", "listReferrals"),
    ("post", "/referrals", "createReferral"),
    ("get", "/referrals/{id}", "getReferral"),
    ("post", "/referrals/{id}/withdraw", "withdrawReferral"),
    ("post", "/referrals/{id}/triage", "triageReferral"),
    ("get", "/participants/{id}/consents", "listConsents"),
    ("post", "/participants/{id}/consents", "giveConsent"),
    (
        "post",
        "/participants/{id}/consents/{consent}/revoke",
        "revokeConsent",
    ),
    ("get", "/events", "listPartnerEvents"),
    ("get", "/employers", "listEmployers"),
    ("post", "/employers", "createEmployer"),
    ("get", "/employers/{id}", "getEmployer"),
    ("put", "/employers/{id}", "updateEmployer"),
    ("get", "/placements", "getPlacementBoard"),
    ("post", "/placements", "proposePlacement"),
    ("get", "/placements/{id}", "getPlacement"),
    (
        "get",
        "/participants/{id}/placements",
        "listParticipantPlacements",
    ),
    ("post", "/placements/{id}/invite", "inviteEmployer"),
    ("post", "/placements/{id}/actions", "actOnPlacement"),
    (
        "put",
        "/placements/{id}/activity",
        "recordPlacementAsActivity",
    ),
    ("get", "/outbox", "listOutbox"),
    ("get", "/employer/{token}", "getEmployerInvitation"),
    (
        "post",
        "/employer/{token}/confirm",
        "confirmPlacementAsEmployer",
    ),
    (
        "post",
        "/employer/{token}/decline",
        "declinePlacementAsEmployer",
    ),
    (
        "post",
        "/employer/{token}/complete",
        "completePlacementAsEmployer",
    ),
];

/// The id for an operation, if it has one here.
pub fn operation_id(method: &str, path: &str) -> Option<&'static str> {
    let path = path.strip_prefix("/api/v1")?;
    OPERATION_IDS
        .iter()
        .find(|(m, p, _)| *m == method && *p == path)
        .map(|(_, _, id)| *id)
}
