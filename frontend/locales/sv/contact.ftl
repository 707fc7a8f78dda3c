# Kontakt och säkerhet: hur man når en deltagare, närstående,
# säkerhetsanteckning och försök att nå personen.
contact-title = Kontakt och säkerhet
contact-back = Tillbaka till deltagaren
contact-edit = Ändra kontaktuppgifter
contact-none = Inga kontaktuppgifter är registrerade.
contact-phone = Telefon
contact-email = E-post
contact-address = Adress
contact-emergency = Närstående att kontakta
contact-name = Namn
contact-relation = Relation
contact-may-contact = Personen samtycker till att vi kontaktar dem
contact-no-consent = fråga personen först
contact-add-emergency = Lägg till närstående
contact-remove = Ta bort
contact-safety-note = Säkerhetsanteckning
contact-safety-note-help = Det du behöver veta innan du tar kontakt, t.ex. "ring systern först". Visas för alla som följer personen.
contact-changed = Senast ändrad av
reach-title = Att nå personen
reach-record-tried = Försökt nå
reach-record-reached = Nådd
reach-tried = Försökt nå
reach-reached = Nådd
reach-link = Ring
reach-last = Senast
