## Deltagarens rättigheter: loggen över vem som tagit del av uppgifterna.

access-log-link = Vem har sett uppgifterna
access-log-title = Vem har sett uppgifterna om
access-log-help = Varje gång någon har läst eller ändrat uppgifter om den här personen i Stige, och varje försök som nekades. Senaste först.
access-log-printed = Utskrivet { $date }. Tider i UTC.
access-log-total = { $count ->
    [one] En åtkomst
   *[other] { $count } åtkomster
}
access-log-when = När
access-log-who = Vem
access-log-what = Vad
access-log-information = Uppgifter
access-log-anyone = Alla
access-log-filter = Visa
access-log-in-list = i en lista med andra
access-log-pages = Sidor i loggen
access-log-page = Sida { $page } av { $pages }
back-to-participant = Tillbaka till deltagaren

access-actor-staff = Personal
access-actor-partner = Samverkanspart
access-actor-employer-link = Arbetsgivare
access-actor-system = Stige
access-actor-anonymous = Inte inloggad

access-kind-read = Läste
access-kind-change = Ändrade
access-kind-refused = Försökte öppna akten och nekades

data-category-identity = namn och födelsedatum
data-category-national-id = personnummer
data-category-ladder = steg och status
data-category-goals = mål
data-category-follow-ups = uppföljningar
data-category-attendance = närvaro
data-category-consents = samtycken
data-category-research = forskning
data-category-referral = remiss
data-category-placement = praktikplats
data-category-outcomes = situation före, vid och efter
data-category-contact = kontaktuppgifter, närstående och säkerhetsanteckning
data-category-access-log = vem som har sett uppgifterna

access-action-participant-read = Öppnade akten
access-action-participant-list = Såg personen i deltagarlistan
access-action-participant-create = Registrerade personen
access-action-participant-update = Ändrade personuppgifter
access-action-participant-status = Ändrade status
access-action-participant-move = Flyttade personen till ett annat steg
access-action-participant-mentors = Tilldelade mentorer
access-action-participant-national-id-reveal = Såg hela personnumret
access-action-participant-read-refused = Försökte öppna akten och nekades
access-action-participant-access-log-read = Såg vem som har sett uppgifterna
access-action-participant-export = Tog en kopia av alla uppgifter
access-action-today-read = Såg personen på sidan Idag
access-action-attendance-register-read = Såg personen i närvarolistan
access-action-attendance-read = Tittade på närvaron
access-action-attendance-mark = Registrerade närvaro
access-action-attendance-correct = Rättade närvaro
access-action-goal-list = Tittade på målen
access-action-goal-create = Lade till ett mål
access-action-goal-score = Skattade ett mål
access-action-goal-status = Ändrade status för ett mål
access-action-follow-up-list = Tittade på uppföljningarna
access-action-follow-up-create = Skrev en uppföljning
access-action-follow-up-update = Rättade en uppföljning
access-action-consent-list = Tittade på samtyckena
access-action-consent-give = Registrerade ett samtycke
access-action-consent-revoke = Registrerade att ett samtycke återkallades
access-action-research-consent-give = Registrerade samtycke till forskning
access-action-research-consent-revoke = Registrerade att samtycke till forskning återkallades
access-action-research-extract = Tog med personen, utan namn, i ett forskningsuttag
access-action-referral-read = Tittade på remissen
access-action-referral-create = Remitterade personen
access-action-placement-read = Tittade på en praktikplats
access-action-placement-create = Föreslog en praktikplats
access-action-placement-employer-view = Arbetsgivaren öppnade länken till praktikplatsen
access-action-placement-employer-confirm = Arbetsgivaren bekräftade praktikplatsen
access-action-events-read = Fick besked om en ändring

export-download = Ladda ner allt (JSON)
export-busy = Hämtar allt…
access-action-participant-rectifications-read = Tittade på vad rättelser ersatte
access-action-research-consent-read = Tittade på samtycket till forskning
access-action-placement-list = Tittade på praktikplatserna
access-action-placement-change = Ändrade en praktikplats
access-action-placement-invite = Skickade arbetsgivaren en länk om en praktikplats
access-action-placement-activity = Registrerade en praktikplats som aktivitet
access-action-placement-employer-decline = Arbetsgivaren tackade nej till praktikplatsen
access-action-placement-employer-complete = Arbetsgivaren gav återkoppling efter praktikplatsen
access-action-outcome-read = Tittade på situationen före, vid och efter
access-action-outcome-list = Såg personen bland uppföljningarna efter avslut
access-action-outcome-record = Registrerade situationen före, vid eller efter
access-action-outcome-preferences = Ändrade kön eller önskan att inte bli kontaktad efter avslut
access-action-contact-read = Såg kontaktuppgifterna
access-action-contact-update = Ändrade kontaktuppgifterna
access-action-contact-reach = Registrerade ett försök att nå personen
access-action-attendance-plan = Ändrade planerat deltagande
access-action-attendance-unmark = Tog bort en närvaromarkering
access-action-referral-list = Såg remissen i listan över remisser
access-action-referral-withdraw = Samverkansparten drog tillbaka remissen
access-action-referral-in-assessment = Började bedöma remissen
access-action-referral-accepted = Tog emot remissen
access-action-referral-waiting-list = Satte remissen på väntelistan
access-action-referral-declined = Avslog remissen
access-action-follow-up-action = Markerade en överenskommen åtgärd som gjord

rectifications-title = Rättelser
rectifications-none = Inget har rättats.
rectifications-follow-up = en uppföljning rättades; den tidigare versionen finns kvar
identity-field-given-name = Förnamn
identity-field-family-name = Efternamn
identity-field-birth-date = Födelsedatum
identity-field-national-id = Personnummer

problem-erasure-held-placement = En öppen praktikplats håller kvar personens uppgifter: slutför eller avsluta den först.
problem-erasure-held-referral = En remiss under handläggning håller kvar personens uppgifter: avgör den först.
access-action-participant-erasure = Raderade uppgifterna på personens begäran
access-action-participant-anonymised = Anonymiserade uppgifterna när lagringstiden hade gått ut

retention-value = Personuppgifter och anteckningar sparas i { $years } år efter att personen har slutat; därefter anonymiseras de.
retention-years-label = År sparade efter avslut
retention-basis-label = Rättslig grund

erasure-title = Radera på personens begäran
erasure-help = Tar bort namn, födelsedag, personnummer, kontaktuppgifter och alla anteckningar om personen, nu och för gott. Det som rapporterna räknar finns kvar. Inte möjligt medan en praktikplats är öppen eller en remiss handläggs.
erasure-reason = Varför (sparas i loggen)
erasure-sure = Jag förstår att detta inte kan ångras
erasure-submit = Radera
erasure-done = Uppgifterna är raderade. Personen visas nu som ”Anonymised”.

nav-privacy = Dataskydd
privacy-title = Dataskydd: lagringstid, radering och registerförteckning
privacy-retention = Lagringstid
privacy-next-run = Nästa anonymisering kan starta { $at } (dagligen).
privacy-next-run-unknown = Den dagliga anonymiseringen har inte körts än; den startar med servern.
privacy-anonymised = { $count } personer är anonymiserade hittills.
privacy-programme = Program
privacy-purpose = Ändamål
privacy-kept = Sparas efter avslut
privacy-years = { $years } år
privacy-due-now = Ska anonymiseras nu
privacy-rows = Rader nästa körning ändrar
privacy-erasures = Radering på begäran
privacy-person = Person (id)
privacy-record = Registerförteckning (GDPR art. 30)
privacy-controller = Personuppgiftsansvarig
privacy-subjects = Registrerade
privacy-subjects-text = Deltagare i programmen, och personer som remitterats till dem.
privacy-categories = Kategorier av personuppgifter
privacy-recipients = Mottagare
privacy-period = Period
privacy-scope = Vad de får ta emot, med personens samtycke
privacy-security = Säkerhetsåtgärder
privacy-security-text = Personnummer krypterade vid lagring; åtkomst efter roll och program; varje läsning och ändring i en hashkedjad logg; anonymisering efter lagringstiden.
