// Browser test: Porten's coordinator (a coach) enrols a person in ALUP beside
// the steps, sees the course beside the step in the ladder picture, marks the
// person present in ALUP in the day's register, and records the course as
// completed with its result, in Swedish; axe checks the card and the register.
import assert from "node:assert/strict";
import { filterByStatus } from "./list.mjs";
import { violations } from "./axe.mjs";
import { label, launch, newPage, shots, signIn } from "./harness.mjs";
import { join } from "node:path";

const browser = await launch();

let failed = false;
let page = null;
try {
  page = await newPage(browser);
  await signIn(page, "porten-coordinator", "sv");
  await page.getByRole("heading", { name: "I dag", exact: true }).waitFor();

  // The first active person not already in ALUP (the demo enrolled some).
  const nav = page.getByRole("navigation");
  let name = null;
  for (let i = 0; i < 10 && !name; i++) {
    await nav.getByRole("link", { name: "Deltagare", exact: true }).click();
    await filterByStatus(page, "active");
    await page.locator('[data-testid="participant-row"][data-status="active"]').nth(i)
      .getByTestId("participant-link").click();
    const card = page.getByTestId("activities");
    await card.getByRole("heading", { name: "Aktiviteter vid sidan av stegen" }).waitFor();
    await card.locator('[data-testid="activity-enrolments"], p.muted').first().waitFor();
    const running = await card.locator('[data-testid="activity-enrolment"][data-activity="ALUP"][data-running="true"]').count();
    if (running === 0) {
      await page.getByRole("heading", { level: 1, name: /\S/ }).waitFor();
      name = (await page.getByTestId("participant-name").innerText()).trim();
    }
  }
  assert.ok(name, "an active person without ALUP");
  const card = page.getByTestId("activities");

  // Enrol from today with a planned end; a planned end before the start is refused first.
  const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await card.getByTestId("activity-choice").selectOption({ label: "ALUP" });
  await card.getByTestId("activity-planned-end").fill(day(-1));
  await card.getByTestId("activity-enrol").click();
  await card.getByTestId("field-error-planned_end_on").waitFor();
  await card.getByTestId("activity-planned-end").fill(day(84));
  await card.getByTestId("activity-enrol").click();
  await card.getByTestId("activity-done").filter({ hasText: "Inskriven i ALUP." }).waitFor();
  const enrolment = card.locator('[data-testid="activity-enrolment"][data-activity="ALUP"][data-running="true"]');
  await enrolment.waitFor();
  assert.equal((await enrolment.getByTestId("activity-state").innerText()).trim(), "Pågår");
  // The ladder picture shows the course beside the step.
  await page.getByTestId("ladder-beside").filter({ hasText: "ALUP" }).waitFor();
  assert.deepEqual(await violations(page), [], "axe on the participant page with activities");

  // The day's register: ALUP beside the person's step, marked present.
  await nav.getByRole("link", { name: "Närvaro", exact: true }).click();
  const [given, ...rest] = name.split(" ");
  const row = page.getByTestId("register-row").filter({ hasText: `${rest.join(" ")}, ${given}` });
  const mark = row.locator('[data-testid="activity-mark"][data-activity="ALUP"]');
  await mark.waitFor();
  assert.equal(await mark.getAttribute("aria-label"), `ALUP: närvaro för ${rest.join(" ")}, ${given}`);
  await mark.selectOption("present");
  await row.locator('[data-testid="activity-mark"][data-activity="ALUP"][data-marked="present"]').waitFor();
  assert.deepEqual(await violations(page), [], "axe on the register with an activity");
  await page.screenshot({ path: join(shots, `activities-${label}-register.png`), fullPage: true });

  // Back on the person's page: one day present; then completed with a result.
  await page.goBack();
  const back = page.locator('[data-testid="activity-enrolment"][data-activity="ALUP"][data-running="true"]');
  await back.getByTestId("activity-attendance").filter({ hasText: "Närvarande 1 av 1 dagar" }).waitFor();
  await back.getByTestId("activity-end").click();
  const form = page.getByTestId("activity-end-form");
  await form.getByTestId("activity-ending").selectOption("completed");
  await form.getByTestId("activity-result").fill("Riktning: lagerarbete");
  await form.getByTestId("activity-save-end").click();
  const ended = page.locator('[data-testid="activity-enrolment"][data-activity="ALUP"]').filter({ hasText: "Riktning: lagerarbete" });
  await ended.waitFor();
  assert.match(await ended.getByTestId("activity-state").innerText(), /^Genomförd /);
  await page.screenshot({ path: join(shots, `activities-${label}-participant.png`), fullPage: true });
  console.log(`ok - ${label}: ${name} enrolled in ALUP, marked present in the register, completed`);
} catch (e) {
  failed = true;
  console.error(e);
  if (page) await page.screenshot({ path: join(shots, `activities-${label}-failure.png`), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
