# Contact and safety: how to reach a participant, emergency contacts, the
# safety note, and attempts to reach them.
contact-title = Contact and safety
contact-back = Back to the participant
contact-edit = Change contact details
contact-none = No contact details recorded.
contact-phone = Phone
contact-email = E-mail
contact-address = Address
contact-emergency = Emergency contacts
contact-name = Name
contact-relation = Relation
contact-may-contact = The person agrees that we contact them
contact-no-consent = ask the person first
contact-add-emergency = Add an emergency contact
contact-remove = Remove
contact-safety-note = Safety note
contact-safety-note-help = What to know before contacting the person, e.g. "call the sister first". Shown to everyone who follows the person.
contact-changed = Last changed by
reach-title = Reaching the person
reach-record-tried = Tried to reach
reach-record-reached = Reached
reach-tried = Tried to reach
reach-reached = Reached
reach-link = Call
reach-last = Last
