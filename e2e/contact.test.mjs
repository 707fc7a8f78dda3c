// Browser test: a mentor opens the early warning on Today, sees the person's
// phone as a number to call, records "reached", and Today shows it; then adds
// an emergency contact and a safety note (a wrong number is named under its
// field first). axe checks the contact page.
import assert from "node:assert/strict";
import { violations } from "./axe.mjs";
import { api, label, launch, shots, signIn } from "./harness.mjs";
import { join } from "node:path";

// The early warning, made sure of: the mentor's active people with a phone
// absent without notice on the last two working days (the tests before may
// have marked them otherwise).
const mentor = (await api("/auth/login", null, { username: "mentor", password: "demo" })).access_token;
const mine = [];
for (const p of (await api("/participants?status=active&per_page=100", mentor)).items) {
  // The demo's people have a phone; people added by the tests before may not.
  if ((await api(`/participants/${p.id}/contact`, mentor)).phone) mine.push(p);
}
assert.ok(mine.length > 0, "the demo mentor follows active people with a phone");
const days = [];
for (let d = new Date(); days.length < 2; d = new Date(d.getTime() - 86_400_000)) {
  if (![0, 6].includes(d.getUTCDay())) days.push(d.toISOString().slice(0, 10));
}
for (const date of days) {
  const marks = mine.map((p) => ({ participant_id: p.id, mark: "absent_without_notice" }));
  await api("/attendance", mentor, { date, marks }, "PUT");
}

const browser = await launch();

let failed = false;
let page = null;
try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1600 } });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await signIn(page, "mentor", "en");
  await page.getByRole("heading", { name: "Today", exact: true }).waitFor();

  // The early warning names the person, how long they have been away, and
  // leads to their numbers.
  const warnings = page.getByTestId("today-warnings");
  const warned = warnings.getByRole("listitem").filter({ has: page.getByTestId("reach-link") }).first();
  await warned.waitFor();
  const name = (await warned.getByRole("link").first().innerText()).trim();
  assert.match(await warned.innerText(), /absent/i);
  await warned.getByTestId("reach-link").click();
  await page.getByRole("heading", { level: 1, name: /^Contact and safety/ }).waitFor();
  await page.getByTestId("contact-phone").waitFor();
  // The heading's name arrives on its own: wait for it rather than read it early.
  await page.getByTestId("contact-person").filter({ hasText: name }).waitFor();
  const phone = page.getByTestId("contact-phone");
  const href = await phone.getAttribute("href");
  assert.match(href, /^tel:\+?\d{5,}$/, `a number to call: ${href}`);

  // Called: reached. The attempt is listed with its time and the mentor.
  await page.getByTestId("reach-reached").click();
  const first = page.getByTestId("reach-attempt").first();
  await first.waitFor();
  assert.match(await first.innerText(), /^Reached · .+ · Morten Mentor$/);
  const found = await violations(page);
  assert.deepEqual(found, [], found.join("\n"));

  // Today shows the last attempt beside the warning.
  await page.getByRole("navigation").getByRole("link", { name: "Today", exact: true }).click();
  const again = page.getByTestId("today-warnings").getByRole("listitem").filter({ hasText: name }).first();
  await again.getByTestId("reach-last").waitFor();
  assert.match(await again.getByTestId("reach-last").innerText(), /Last: Reached/);

  // An emergency contact and a safety note; a wrong number is named first.
  await again.getByTestId("reach-link").click();
  await page.getByTestId("contact-edit").click();
  await page.getByTestId("emergency-add").click();
  const row = page.getByTestId("emergency-row").last();
  await row.getByLabel("Name").fill("Sara Søster");
  await row.getByLabel("Relation").fill("sister");
  await row.getByLabel("Phone").fill("call her");
  await row.getByLabel("The person agrees that we contact them").check();
  await page.getByTestId("contact-safety_note").fill("Call the sister first.");
  await page.getByTestId("contact-save").click();
  await row.locator(".field-error").waitFor();
  assert.match(await row.locator(".field-error").innerText(), /phone number/i);
  await row.getByLabel("Phone").fill("+47 000 55 123");
  await page.getByTestId("contact-save").click();
  await page.getByTestId("safety-note").waitFor();
  assert.match(await page.getByTestId("safety-note").innerText(), /Call the sister first\./);
  const sister = page.getByTestId("emergency-contact").filter({ hasText: "Sara Søster" });
  assert.equal(await sister.getByRole("link").getAttribute("href"), "tel:+4700055123");
  // Each programme's word for a participant, in its own language: Portalen's
  // "medarbeider" in Norwegian, the default in English; Porten's staff read
  // "deltagare" in Swedish and the default "deltaker" in Norwegian.
  const nav = page.getByRole("navigation");
  await page.getByTestId("language").selectOption("nb");
  await nav.getByRole("link", { name: "Medarbeidere", exact: true }).waitFor();
  await page.getByTestId("language").selectOption("en");
  await nav.getByRole("link", { name: "Participants", exact: true }).waitFor();
  await context.close();
  const porten = await (await browser.newContext()).newPage();
  porten.setDefaultTimeout(30_000);
  await signIn(porten, "porten-coordinator", "nb");
  const portenNav = porten.getByRole("navigation");
  await portenNav.getByRole("link", { name: "Deltakere", exact: true }).waitFor();
  await porten.getByTestId("language").selectOption("sv");
  await portenNav.getByRole("link", { name: "Deltagare", exact: true }).waitFor();
  console.log(`ok - ${label}: a mentor reaches ${name} from the early warning and records it; an emergency contact and a safety note are kept; each programme's word for a participant`);
} catch (e) {
  failed = true;
  console.error(`not ok - ${label}: ${e.stack ?? e}`);
  if (page) await page.screenshot({ path: join(shots, `contact-${label}.png`), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
