// Browser test: a mentor marks the day's register with the keyboard and records a
// follow-up with a scaling score; the participant's chart and the Today page show it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { filterByStatus } from "./list.mjs";
import { label, launch, newPage, shots, signIn } from "./harness.mjs";

const iso = (d) => d.toISOString().slice(0, 10);
const today = new Date();
const workday = new Date(today);
while ([0, 6].includes(workday.getUTCDay())) workday.setUTCDate(workday.getUTCDate() - 1);

const browser = await launch();
const page = await newPage(browser);
let failed = false;
try {
  await signIn(page, "mentor", "en");
  await page.getByRole("heading", { name: "Today", exact: true }).waitFor();

  // The register, marked with the keyboard only.
  await page.getByRole("link", { name: "Register", exact: true }).click();
  await page.getByTestId("register-date").fill(iso(workday));
  await page.getByTestId("register-date").dispatchEvent("change");
  const rows = page.getByTestId("register-row");
  await rows.first().waitFor();
  const count = await rows.count();
  assert.ok(count >= 2, `the mentor has active participants (${count})`);
  // From the first row. On a weekend the day is the last working day, which
  // the demo has already marked: the first key then changes that row's mark,
  // so there is always something to save.
  await rows.first().locator("td.who").click();
  await page.getByTestId("register").focus();
  const before = await rows.first().getAttribute("data-marked");
  const keys = [before === "present" ? "2" : "1", "3"];
  for (let i = 0; i < count - 1; i++) await page.keyboard.press(keys[i % 2]);
  await page.getByTestId("all-present").click();
  for (let i = 0; i < count; i++) {
    if ((await rows.nth(i).getAttribute("data-expected")) !== "expected") continue;
    assert.notEqual(await rows.nth(i).getAttribute("data-marked"), "", `row ${i} marked`);
  }
  assert.equal(await rows.nth(1).getAttribute("data-marked"), "absent_without_notice");
  // Each mark is saved as it is made: nothing waits for a Save button.
  await page.getByTestId("register-saved").waitFor();
  await page.getByTestId("register-saving").waitFor({ state: "detached" });
  const firstName = (await rows.first().locator("td").first().innerText()).trim();

  // A follow-up with a scaling score, due today.
  await page.getByRole("link", { name: "Participants", exact: true }).click();
  await filterByStatus(page, "active");
  const link = page.locator('[data-testid="participant-row"][data-status="active"]').first().getByTestId("participant-link");
  const name = (await link.innerText()).trim();
  await link.click();
  const [family, given] = name.split(",").map((s) => s.trim());
  await page.getByTestId("participant-name").filter({ hasText: `${given} ${family}` }).waitFor();
  await page.getByTestId("new-follow-up").click();
  const note = `E2E ${label}: comes every morning now`;
  await page.getByTestId("what-works").fill(note);
  await page.getByTestId("follow-up-score").fill("7");
  await page.getByTestId("next-due").fill(iso(today));
  await page.getByTestId("follow-up-save").click();
  await page.getByTestId("follow-up").filter({ hasText: note }).waitFor();
  const chart = page.getByTestId("follow-up-chart");
  await chart.locator("text.dot-label", { hasText: "7" }).first().waitFor();
  await page.screenshot({ path: join(shots, `daily-${label}-participant.png`), fullPage: true });

  // Today shows the follow-up due and the register marked.
  await page.getByRole("link", { name: "Today", exact: true }).click();
  await page.getByTestId("today-follow-ups").getByText(`${given} ${family}`).waitFor();
  if (iso(workday) === iso(today)) {
    const marked = await page.getByTestId("today-marked").innerText();
    assert.match(marked, /^(\d+) of \1 marked$/, marked);
  }
  await page.screenshot({ path: join(shots, `daily-${label}-today.png`), fullPage: true });
  console.log(`ok - ${label}: register marked by keyboard (${count} people, first ${firstName}); follow-up for ${name} shown in chart and on Today`);
} catch (e) {
  failed = true;
  await page.screenshot({ path: join(shots, `failure-daily-${label}.png`), fullPage: true }).catch(() => {});
  console.error(`not ok - daily ${label}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
