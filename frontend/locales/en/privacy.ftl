## The participant's rights: the access log of their record.

access-log-link = Who has seen this information
access-log-title = Who has seen the information about
access-log-help = Every time someone read or changed information about this person in Stige, and every attempt that was refused. Newest first.
access-log-printed = Printed { $date }. Times are in UTC.
access-log-total = { $count ->
    [one] One access
   *[other] { $count } accesses
}
access-log-when = When
access-log-who = Who
access-log-what = What
access-log-information = Information
access-log-anyone = Anyone
access-log-filter = Show
access-log-in-list = in a list with others
access-log-pages = Pages of the access log
access-log-page = Page { $page } of { $pages }
back-to-participant = Back to the participant

access-actor-staff = Staff
access-actor-partner = Partner
access-actor-employer-link = Employer
access-actor-system = Stige
access-actor-anonymous = Not signed in

access-kind-read = Read
access-kind-change = Changed
access-kind-refused = Tried to open the record and was refused

data-category-identity = name and birth date
data-category-national-id = national identity number
data-category-ladder = steps and status
data-category-goals = goals
data-category-follow-ups = follow-ups
data-category-attendance = attendance
data-category-consents = consents
data-category-research = research
data-category-referral = referral
data-category-placement = internship
data-category-outcomes = situation before, at and after
data-category-contact = contact details, emergency contacts and safety note
data-category-access-log = who has seen the information

access-action-participant-read = Opened the record
access-action-participant-list = Saw the person in the participant list
access-action-participant-create = Registered the person
access-action-participant-update = Changed personal details
access-action-participant-status = Changed the status
access-action-participant-move = Moved the person to another step
access-action-participant-mentors = Assigned mentors
access-action-participant-national-id-reveal = Looked at the full national identity number
access-action-participant-read-refused = Tried to open the record and was refused
access-action-participant-access-log-read = Looked at who has seen the information
access-action-participant-export = Took a copy of all information
access-action-today-read = Saw the person on the Today page
access-action-attendance-register-read = Saw the person in the attendance register
access-action-attendance-read = Looked at attendance
access-action-attendance-mark = Recorded attendance
access-action-attendance-correct = Corrected attendance
access-action-goal-list = Looked at goals
access-action-goal-create = Added a goal
access-action-goal-score = Scored a goal
access-action-goal-status = Changed a goal's status
access-action-follow-up-list = Looked at follow-ups
access-action-follow-up-create = Wrote a follow-up
access-action-follow-up-update = Corrected a follow-up
access-action-consent-list = Looked at consents
access-action-consent-give = Recorded a consent
access-action-consent-revoke = Recorded that a consent was withdrawn
access-action-research-consent-give = Recorded consent to research
access-action-research-consent-revoke = Recorded that consent to research was withdrawn
access-action-research-extract = Included the person, without name, in a research extract
access-action-referral-read = Looked at the referral
access-action-referral-create = Referred the person
access-action-placement-read = Looked at an internship
access-action-placement-create = Proposed an internship
access-action-placement-employer-view = The employer opened the internship link
access-action-placement-employer-confirm = The employer confirmed the internship
access-action-events-read = Received news of a change

export-download = Download everything (JSON)
export-busy = Gathering everything…
access-action-participant-rectifications-read = Looked at what corrections replaced
access-action-research-consent-read = Looked at the consent to research
access-action-placement-list = Looked at internships
access-action-placement-change = Changed an internship
access-action-placement-invite = Sent the employer a link about an internship
access-action-placement-activity = Recorded an internship as an activity
access-action-placement-employer-decline = The employer declined the internship
access-action-placement-employer-complete = The employer reported on the finished internship
access-action-outcome-read = Looked at the situation before, at and after
access-action-outcome-list = Saw the person among the checks after exits
access-action-outcome-record = Recorded the situation before, at or after
access-action-outcome-preferences = Changed gender or the wish not to be contacted after the exit
access-action-contact-read = Looked at the contact details
access-action-contact-update = Changed the contact details
access-action-contact-reach = Recorded an attempt to reach the person
access-action-attendance-plan = Changed planned participation
access-action-attendance-unmark = Removed an attendance mark
access-action-referral-list = Saw the referral in the list of referrals
access-action-referral-withdraw = The partner withdrew the referral
access-action-referral-in-assessment = Started assessing the referral
access-action-referral-accepted = Accepted the referral
access-action-referral-waiting-list = Put the referral on the waiting list
access-action-referral-declined = Declined the referral
access-action-follow-up-action = Marked an agreed action done

rectifications-title = Corrections
rectifications-none = Nothing has been corrected.
rectifications-follow-up = a follow-up was corrected; the earlier version is kept
identity-field-given-name = Given name
identity-field-family-name = Family name
identity-field-birth-date = Birth date
identity-field-national-id = National identity number

problem-erasure-held-placement = An open internship holds the person's information: complete or end it first.
problem-erasure-held-referral = A referral in progress holds the person's information: decide it first.
access-action-participant-erasure = Erased the information on the person's request
access-action-participant-anonymised = Anonymised the information when the retention period ran out

retention-value = People's identity and notes are kept { $years } years after they leave; then they are anonymised.
retention-years-label = Years kept after exit
retention-basis-label = Legal basis

erasure-title = Erase on the person's request
erasure-help = Removes name, birth day, national identity number, contact details and every note about the person, now and for good. What the reports count stays. Not possible while an internship is open or a referral is in progress.
erasure-reason = Why (kept in the access log)
erasure-sure = I understand that this cannot be undone
erasure-submit = Erase
erasure-done = The information is erased. The person now shows as "Anonymised".

nav-privacy = Privacy
privacy-title = Privacy: retention, erasures and the record of processing
privacy-retention = Retention
privacy-next-run = The next anonymisation run may start at { $at } (daily).
privacy-next-run-unknown = The daily anonymisation run has not run yet; it starts with the server.
privacy-anonymised = { $count } people are anonymised so far.
privacy-programme = Programme
privacy-purpose = Purpose
privacy-kept = Kept after exit
privacy-years = { $years } years
privacy-due-now = Due now
privacy-rows = Rows the next run changes
privacy-erasures = Erasures on request
privacy-person = Person (id)
privacy-record = Record of processing (GDPR Art. 30)
privacy-controller = Controller
privacy-subjects = Data subjects
privacy-subjects-text = Participants of the programmes, and people referred to them.
privacy-categories = Categories of personal data
privacy-recipients = Recipients
privacy-period = Period
privacy-scope = What they may receive, with the person's consent
privacy-security = Security measures
privacy-security-text = National identity numbers encrypted at rest; access by role and programme; every read and change in a hash-chained audit log; anonymisation after the retention period.
