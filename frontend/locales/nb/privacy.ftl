## Deltakerens rettigheter: innsynslogg for journalen.

access-log-link = Hvem har sett opplysningene
access-log-title = Hvem har sett opplysningene om
access-log-help = Hver gang noen har lest eller endret opplysninger om denne personen i Stige, og hvert forsøk som ble avvist. Nyeste først.
access-log-printed = Skrevet ut { $date }. Klokkeslett i UTC.
access-log-total = { $count ->
    [one] Én tilgang
   *[other] { $count } tilganger
}
access-log-when = Når
access-log-who = Hvem
access-log-what = Hva
access-log-information = Opplysninger
access-log-anyone = Alle
access-log-filter = Vis
access-log-in-list = i en liste med andre
access-log-pages = Sider i innsynsloggen
access-log-page = Side { $page } av { $pages }
back-to-participant = Tilbake til deltakeren

access-actor-staff = Ansatt
access-actor-partner = Samarbeidspartner
access-actor-employer-link = Arbeidsgiver
access-actor-system = Stige
access-actor-anonymous = Ikke innlogget

access-kind-read = Leste
access-kind-change = Endret
access-kind-refused = Forsøkte å åpne journalen og ble avvist

data-category-identity = navn og fødselsdato
data-category-national-id = fødselsnummer
data-category-ladder = trinn og status
data-category-goals = mål
data-category-follow-ups = oppfølginger
data-category-attendance = oppmøte
data-category-consents = samtykker
data-category-research = forskning
data-category-referral = henvisning
data-category-placement = praksisplass
data-category-outcomes = situasjon før, ved og etter
data-category-contact = kontaktopplysninger, pårørende og sikkerhetsnotat
data-category-access-log = hvem som har sett opplysningene

access-action-participant-read = Åpnet journalen
access-action-participant-list = Så personen i deltakerlisten
access-action-participant-create = Registrerte personen
access-action-participant-update = Endret personopplysninger
access-action-participant-status = Endret status
access-action-participant-move = Flyttet personen til et annet trinn
access-action-participant-mentors = Tildelte mentorer
access-action-participant-national-id-reveal = Så hele fødselsnummeret
access-action-participant-read-refused = Forsøkte å åpne journalen og ble avvist
access-action-participant-access-log-read = Så hvem som har sett opplysningene
access-action-participant-export = Tok en kopi av alle opplysningene
access-action-today-read = Så personen på I dag-siden
access-action-attendance-register-read = Så personen i oppmøtelisten
access-action-attendance-read = Så på oppmøtet
access-action-attendance-mark = Registrerte oppmøte
access-action-attendance-correct = Rettet oppmøte
access-action-goal-list = Så på målene
access-action-goal-create = La til et mål
access-action-goal-score = Vurderte et mål
access-action-goal-status = Endret status for et mål
access-action-follow-up-list = Så på oppfølgingene
access-action-follow-up-create = Skrev en oppfølging
access-action-follow-up-update = Rettet en oppfølging
access-action-consent-list = Så på samtykkene
access-action-consent-give = Registrerte et samtykke
access-action-consent-revoke = Registrerte at et samtykke ble trukket
access-action-research-consent-give = Registrerte samtykke til forskning
access-action-research-consent-revoke = Registrerte at samtykke til forskning ble trukket
access-action-research-extract = Tok med personen, uten navn, i et forskningsuttrekk
access-action-referral-read = Så på henvisningen
access-action-referral-create = Henviste personen
access-action-placement-read = Så på en praksisplass
access-action-placement-create = Foreslo en praksisplass
access-action-placement-employer-view = Arbeidsgiveren åpnet lenken til praksisplassen
access-action-placement-employer-confirm = Arbeidsgiveren bekreftet praksisplassen
access-action-events-read = Fikk melding om en endring

export-download = Last ned alt (JSON)
export-busy = Henter alt…
access-action-participant-rectifications-read = Så hva rettelser erstattet
access-action-research-consent-read = Så på samtykket til forskning
access-action-placement-list = Så på praksisplassene
access-action-placement-change = Endret en praksisplass
access-action-placement-invite = Sendte arbeidsgiveren en lenke om en praksisplass
access-action-placement-activity = Registrerte en praksisplass som aktivitet
access-action-placement-employer-decline = Arbeidsgiveren takket nei til praksisplassen
access-action-placement-employer-complete = Arbeidsgiveren ga tilbakemelding etter praksisplassen
access-action-outcome-read = Så på situasjonen før, ved og etter
access-action-outcome-list = Så personen blant oppfølgingene etter avslutning
access-action-outcome-record = Registrerte situasjonen før, ved eller etter
access-action-outcome-preferences = Endret kjønn eller ønsket om ikke å bli kontaktet etter avslutning
access-action-contact-read = Så på kontaktopplysningene
access-action-contact-update = Endret kontaktopplysningene
access-action-contact-reach = Registrerte et forsøk på å nå personen
access-action-attendance-plan = Endret planlagt deltakelse
access-action-attendance-unmark = Fjernet en oppmøteregistrering
access-action-referral-list = Så henvisningen i listen over henvisninger
access-action-referral-withdraw = Samarbeidspartneren trakk henvisningen
access-action-referral-in-assessment = Begynte å vurdere henvisningen
access-action-referral-accepted = Tok imot henvisningen
access-action-referral-waiting-list = Satte henvisningen på venteliste
access-action-referral-declined = Avslo henvisningen
access-action-follow-up-action = Merket et avtalt tiltak som gjort

rectifications-title = Rettelser
rectifications-none = Ingenting er rettet.
rectifications-follow-up = en oppfølging ble rettet; den tidligere versjonen er tatt vare på
identity-field-given-name = Fornavn
identity-field-family-name = Etternavn
identity-field-birth-date = Fødselsdato
identity-field-national-id = Fødselsnummer

problem-erasure-held-placement = En åpen praksisplass holder på personens opplysninger: fullfør eller avslutt den først.
problem-erasure-held-referral = En henvisning under behandling holder på personens opplysninger: avgjør den først.
access-action-participant-erasure = Slettet opplysningene etter personens ønske
access-action-participant-anonymised = Anonymiserte opplysningene da lagringstiden var ute

retention-value = Personopplysninger og notater lagres i { $years } år etter at personen har sluttet; deretter anonymiseres de.
retention-years-label = År lagret etter avslutning
retention-basis-label = Rettslig grunnlag

erasure-title = Slett etter personens ønske
erasure-help = Fjerner navn, fødselsdag, fødselsnummer, kontaktopplysninger og alle notater om personen, nå og for godt. Det rapportene teller, blir stående. Ikke mulig mens en praksisplass er åpen eller en henvisning er under behandling.
erasure-reason = Hvorfor (lagres i innsynsloggen)
erasure-sure = Jeg forstår at dette ikke kan angres
erasure-submit = Slett
erasure-done = Opplysningene er slettet. Personen vises nå som «Anonymised».

nav-privacy = Personvern
privacy-title = Personvern: lagringstid, sletting og behandlingsprotokoll
privacy-retention = Lagringstid
privacy-next-run = Neste anonymisering kan starte { $at } (daglig).
privacy-next-run-unknown = Den daglige anonymiseringen har ikke kjørt ennå; den starter med serveren.
privacy-anonymised = { $count } personer er anonymisert så langt.
privacy-programme = Program
privacy-purpose = Formål
privacy-kept = Lagres etter avslutning
privacy-years = { $years } år
privacy-due-now = Skal anonymiseres nå
privacy-rows = Rader neste kjøring endrer
privacy-erasures = Sletting etter ønske
privacy-person = Person (id)
privacy-record = Behandlingsprotokoll (GDPR art. 30)
privacy-controller = Behandlingsansvarlig
privacy-subjects = Registrerte
privacy-subjects-text = Deltakere i programmene, og personer som er henvist til dem.
privacy-categories = Kategorier av personopplysninger
privacy-recipients = Mottakere
privacy-period = Periode
privacy-scope = Hva de kan motta, med personens samtykke
privacy-security = Sikkerhetstiltak
privacy-security-text = Fødselsnumre kryptert ved lagring; tilgang etter rolle og program; hver lesing og endring i en hash-kjedet logg; anonymisering etter lagringstiden.
