// Browser test of the participant's rights: a coordinator opens a person's
// record, then "Who has seen this information"; the access log names her own
// opening of the record (with her role) and a partner's read, filters by
// actor, downloads the export of everything as JSON, and prints as a handout (no navigation, filters or buttons on paper;
// a PDF is kept in target/e2e). An admin sets a ladder's retention and erases
// a person on request with a reason, which the access log and the privacy
// page (with the record of processing, printed) keep. axe finds
// nothing on the pages, in nb too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { violations } from "./axe.mjs";
import { base, label, launch, newPage, shots, signIn } from "./harness.mjs";

const browser = await launch();
let failed = false;
let step = "";
const page = await newPage(browser, { width: 1100, height: 1400 });

async function noViolationsOn(p, what) {
  const found = await violations(p);
  assert.deepEqual(found, [], `axe on ${what}`);
}
const noViolations = (what) => noViolationsOn(page, what);

const entriesOn = (p) => p.getByTestId("access-log-entry");
const entries = () => entriesOn(page);

try {
  step = "log in";
  await signIn(page, "coordinator", "en");
  await page.getByTestId("logout").waitFor();

  step = "open a person";
  await page.getByRole("navigation").getByRole("link", { name: "Participants", exact: true }).click();
  const first = page.getByTestId("participant-link").first();
  await first.click();
  await page.getByTestId("participant-name").waitFor();
  const name = (await page.getByTestId("participant-name").innerText()).trim();

  step = "the access log";
  await page.getByTestId("access-log-link").click();
  await page.getByTestId("access-log").waitFor();
  // The heading's name arrives on its own: wait for it rather than read it early.
  await page.getByTestId("access-log-name").filter({ hasText: name }).waitFor();
  const opened = entries().filter({ hasText: "Opened the record" }).filter({ hasText: "Kari Koordinator (Coordinator)" });
  assert.ok((await opened.count()) >= 1, "her own opening of the record is in the log");
  const total = await page.getByTestId("access-log-total").innerText();
  assert.match(total, /\d+ accesses/);
  await noViolations("the access log");

  step = "filter by actor";
  await page.getByTestId("access-log-actor").selectOption("staff");
  await page.getByRole("button", { name: "Show" }).click();
  await page.waitForLoadState("networkidle");
  const shown = await entries().count();
  assert.ok(shown >= 1, "staff accesses");
  for (const who of await entries().locator("td:nth-child(2)").allInnerTexts()) {
    assert.match(who, /\(/, `a staff member with a role: ${who}`);
  }

  step = "download the export";
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-download").click(),
  ]);
  assert.match(download.suggestedFilename(), /^stige-\d+-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = join(shots, `export-${label}.json`);
  await download.saveAs(saved);
  const exported = JSON.parse(readFileSync(saved, "utf8"));
  assert.equal(`${exported.participant.given_name} ${exported.participant.family_name}`, name);
  assert.ok(Array.isArray(exported.access_log) && exported.access_log.length > 0, "the access log is in the export");
  assert.ok("national_id" in exported && "follow_ups" in exported && "placements" in exported);

  step = "print";
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  await page.getByTestId("access-log-print").click();
  assert.equal(await page.evaluate(() => window.__printed), 1, "the print dialog was asked for");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("form.filters").isVisible(), false, "no filters on paper");
  assert.equal(await page.locator(".topbar").first().isVisible(), false, "no navigation on paper");
  assert.ok(await page.getByTestId("access-log").isVisible(), "the table on paper");
  assert.match(await page.locator(".print-only").first().innerText(), /Printed/);
  await page.pdf({ path: join(shots, `access-log-${label}.pdf`), format: "A4" });
  await page.emulateMedia({ media: "screen" });

  step = "an admin sets the ladder's retention";
  const admin = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
  const adminPage = await admin.newPage();
  adminPage.setDefaultTimeout(30_000);
  await signIn(adminPage, "admin", "en");
  await adminPage.getByTestId("logout").waitFor();
  const login = await (await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: "demo" }),
  })).json();
  const bearer = login.access_token;
  const ladders = await (await fetch(`${base}/api/v1/ladders`, { headers: { authorization: `Bearer ${bearer}` } })).json();
  await adminPage.goto(`${base}/ladders/${ladders[0].id}`);
  await adminPage.getByTestId("retention-years").fill("7");
  await adminPage.getByTestId("retention-basis").fill("Arkivlova § 6, avtale med kommunen");
  await adminPage.getByTestId("retention-save").click();
  await adminPage.getByTestId("retention").filter({ hasText: "kept 7 years" }).waitFor();
  await noViolationsOn(adminPage, "the ladder page with retention");

  step = "an admin erases a person on request";
  const created = await fetch(`${base}/api/v1/participants`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ given_name: "Glemt", family_name: "Person", ladder_id: ladders[0].id }),
  });
  assert.equal(created.status, 201, `a person to erase: ${await created.clone().text()}`);
  const person = await created.json();
  await adminPage.goto(`${base}/participants/${person.id}/access-log`);
  await adminPage.getByTestId("erasure").waitFor();
  await noViolationsOn(adminPage, "the access log with the erasure form");
  assert.equal(await adminPage.getByTestId("erasure-submit").isDisabled(), true, "not before 'I understand'");
  await adminPage.getByTestId("erasure-reason").fill("The person asked by letter (Art. 17)");
  await adminPage.getByTestId("erasure-sure").check();
  await adminPage.getByTestId("erasure-submit").click();
  await adminPage.getByTestId("erasure-done").waitFor();
  await adminPage.goto(`${base}/participants/${person.id}`);
  await adminPage.getByTestId("participant-name").filter({ hasText: "Anonymised" }).waitFor();
  await adminPage.goto(`${base}/participants/${person.id}/access-log`);
  await entriesOn(adminPage).filter({ hasText: "The person asked by letter (Art. 17)" }).waitFor();

  step = "the privacy page";
  await adminPage.getByRole("navigation").getByRole("link", { name: "Privacy", exact: true }).click();
  await adminPage.getByRole("heading", { name: /^Privacy/ }).waitFor();
  await adminPage.getByTestId("privacy-erasure").filter({ hasText: "The person asked by letter (Art. 17)" }).waitFor();
  await adminPage.getByTestId("privacy-ladder").filter({ hasText: "7 years" }).first().waitFor();
  assert.ok((await adminPage.getByTestId("privacy-recipient").count()) > 0, "the agreements are the recipients");
  await noViolationsOn(adminPage, "the privacy page");
  await adminPage.emulateMedia({ media: "print" });
  assert.ok(await adminPage.getByTestId("privacy-record").isVisible(), "the record of processing prints");
  assert.equal(await adminPage.getByTestId("privacy-print").isVisible(), false);
  await adminPage.pdf({ path: join(shots, `privacy-${label}.pdf`), format: "A4" });
  await admin.close();

  step = "in Norwegian";
  await page.getByTestId("language").selectOption("nb");
  await page.getByRole("heading", { name: /^Hvem har sett opplysningene om/ }).waitFor();
  await noViolations("the access log in nb");
  await page.screenshot({ path: join(shots, `access-log-${label}.png`), fullPage: true });

  console.log(`ok - ${label}: the access log of ${name} names the coordinator's reads, filters by actor, prints as a handout; the export downloads; retention set, a person erased, the privacy page shows it and prints; axe finds nothing`);
} catch (e) {
  failed = true;
  await page.screenshot({ path: join(shots, `failure-privacy-${label}.png`), fullPage: true }).catch(() => {});
  console.error(`not ok - privacy ${label}${step && ` (at ${step})`}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
