# Kontakt og sikkerhet: hvordan nå en deltaker, pårørende, sikkerhetsnotat og
# forsøk på å nå personen.
contact-title = Kontakt og sikkerhet
contact-back = Tilbake til deltakeren
contact-edit = Endre kontaktopplysninger
contact-none = Ingen kontaktopplysninger er registrert.
contact-phone = Telefon
contact-email = E-post
contact-address = Adresse
contact-emergency = Pårørende å kontakte
contact-name = Navn
contact-relation = Relasjon
contact-may-contact = Personen samtykker til at vi kontakter dem
contact-no-consent = spør personen først
contact-add-emergency = Legg til pårørende
contact-remove = Fjern
contact-safety-note = Sikkerhetsnotat
contact-safety-note-help = Det du må vite før du tar kontakt, f.eks. «ring søsteren først». Vises for alle som følger opp personen.
contact-changed = Sist endret av
reach-title = Å nå personen
reach-record-tried = Forsøkt nådd
reach-record-reached = Nådd
reach-tried = Forsøkt nådd
reach-reached = Nådd
reach-link = Ring
reach-last = Sist
