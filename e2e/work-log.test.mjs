// Browser test (issue 26): Portalen's mentor opens one of their people and
// reads this week's work capacity, marks the person present in the register,
// fills in the day's work log with the keyboard in Norwegian (hours, 3 for
// "works alone", a task ticked with Space, a note, Enter saves), and sees the
// week's hours in the capacity chart's table change; axe checks both pages.
import assert from "node:assert/strict";
import { filterByStatus } from "./list.mjs";
import { violations } from "./axe.mjs";
import { label, launch, newPage, shots, signIn } from "./harness.mjs";
import { join } from "node:path";

const browser = await launch();

// The last working day on or before today (attendance is marked on weekdays),
// and the Monday of its week, as ISO dates.
const iso = (d) => d.toISOString().slice(0, 10);
const workday = new Date();
while ([0, 6].includes(workday.getUTCDay())) workday.setUTCDate(workday.getUTCDate() - 1);
const monday = new Date(workday);
monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
const hoursOf = (text) => Number(text.trim().replace(",", ".") || "0");

// This week's hours in the capacity table of the open participant page.
async function weekHours(page) {
  const card = page.getByTestId("work-capacity");
  await card.locator('[data-testid="work-capacity-chart"], [data-testid="work-capacity-empty"]').first().waitFor();
  const cell = card.locator(`[data-testid="work-capacity-row"][data-week="${iso(monday)}"] [data-testid="work-capacity-hours"]`);
  // The table sits in a closed <details>: its text, not its rendering.
  return (await cell.count()) ? hoursOf(await cell.textContent()) : 0;
}

let failed = false;
let page = null;
try {
  page = await newPage(browser, { width: 1200, height: 1600 });
  await signIn(page, "mentor", "nb");
  await page.getByRole("heading", { name: "I dag", exact: true }).waitFor();
  const nav = page.getByRole("navigation");

  // One of the mentor's active people, and their hours this week.
  await nav.getByRole("link", { name: "Medarbeidere", exact: true }).click();
  await filterByStatus(page, "active");
  await page.locator('[data-testid="participant-row"][data-status="active"]').first()
    .getByTestId("participant-link").click();
  await page.getByTestId("work-capacity").getByRole("heading", { name: "Arbeidskapasitet" }).waitFor();
  const name = (await page.getByTestId("participant-name").innerText()).trim();
  const before = await weekHours(page);
  const [given, ...rest] = name.split(" ");
  const listed = `${rest.join(" ")}, ${given}`;

  // Present on the working day, in the register.
  await nav.getByRole("link", { name: "Oppmøte", exact: true }).click();
  await page.getByTestId("register-date").fill(iso(workday));
  const row = page.getByTestId("register-row").filter({ hasText: listed });
  await row.waitFor();
  if ((await row.getAttribute("data-marked")) !== "present") {
    await row.locator('button[data-mark="present"]').click();
    await page.getByTestId("register-row").filter({ hasText: listed }).and(page.locator('[data-marked="present"]')).waitFor();
  }

  // The day's work log, with the keyboard.
  await nav.getByRole("link", { name: "Arbeidslogg", exact: true }).click();
  await page.getByRole("heading", { name: "Arbeidslogg", level: 1 }).waitFor();
  await page.getByTestId("work-log-date").fill(iso(workday));
  const line = page.getByTestId("work-row").filter({ hasText: listed });
  await line.waitFor();
  const hours = line.getByTestId("work-hours");
  const earlier = hoursOf(await hours.inputValue());
  assert.equal(await hours.getAttribute("aria-label"), `Timer for ${listed}`);
  await hours.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("5,5");
  await page.keyboard.press("Tab");
  await page.keyboard.type("3");
  assert.equal(await line.getByTestId("work-independence").inputValue(), "works_alone");
  const tasks = await line.getByTestId("work-task").count();
  assert.ok(tasks > 0, "the programme's workplaces offer tasks");
  await page.keyboard.press("Tab");
  const first = line.getByTestId("work-task").first();
  const ticked = await first.isChecked();
  if (!ticked) await page.keyboard.press("Space");
  assert.ok(await first.isChecked(), "Space ticks the first task");
  // Past the tasks (and the buddy box, for someone who is a buddy that day) to the note.
  const boxes = tasks + (await line.getByTestId("work-peer-support").count());
  for (let i = 0; i < boxes; i++) await page.keyboard.press("Tab");
  await page.keyboard.type("Slipte to stoler");
  assert.equal(await line.getByTestId("work-note").inputValue(), "Slipte to stoler");
  await page.keyboard.press("Enter");
  await page.getByTestId("work-log-notice").filter({ hasText: "Lagret for" }).waitFor();
  await page.locator(`[data-testid="work-row"][data-recorded="true"]`).filter({ hasText: listed }).waitFor();
  assert.equal(await page.getByTestId("work-row").filter({ hasText: listed }).getByTestId("work-hours").inputValue(), "5,5");
  assert.deepEqual(await violations(page), [], "axe on the work log");
  await page.screenshot({ path: join(shots, `work-log-${label}.png`), fullPage: true });

  // The capacity chart's week changed by what the day now holds.
  await nav.getByRole("link", { name: "Medarbeidere", exact: true }).click();
  await filterByStatus(page, "active");
  await page.getByTestId("participant-link").filter({ hasText: listed }).first().click();
  await page.getByTestId("participant-name").filter({ hasText: name }).waitFor();
  const expected = before - earlier + 5.5;
  const week = page.locator(`[data-testid="work-capacity-row"][data-week="${iso(monday)}"] [data-testid="work-capacity-hours"]`);
  await week.filter({ hasText: String(expected).replace(".", ",") }).waitFor({ state: "attached" });
  assert.equal(hoursOf(await week.textContent()), expected);
  assert.equal(await page.getByTestId("work-capacity-chart").locator("svg rect.bar").count(), 12, "twelve weeks of bars");
  assert.deepEqual(await violations(page), [], "axe on the participant page with the capacity chart");
  await page.screenshot({ path: join(shots, `work-log-${label}-capacity.png`), fullPage: true });
  console.log(`ok - ${label}: ${name}'s day logged with the keyboard, week ${iso(monday)} went from ${before} to ${expected} hours`);
} catch (e) {
  failed = true;
  console.error(e);
  if (page) await page.screenshot({ path: join(shots, `work-log-${label}-failure.png`), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
