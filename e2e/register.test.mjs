// Browser test: the register cannot lose work. Marks are saved as they are made:
// leaving for another page right after marking, or reloading, loses nothing, and
// the last mark can be undone. The register shows who is expected, who is not
// (at an internship, paused, not a planned day), each status with its own colour
// and symbol, the weekday and "today" by the date; "Register" in the menu opens
// today; an admin's whole-house setting widens a mentor's register; planned
// participation names weekdays; on a 390×844 phone at least five people fit.
import assert from "node:assert/strict";
import { join } from "node:path";
import { filterByStatus } from "./list.mjs";
import { label, launch, shots, signIn } from "./harness.mjs";

const iso = (d) => d.toISOString().slice(0, 10);
const today = new Date();
const workday = new Date(today);
while ([0, 6].includes(workday.getUTCDay())) workday.setUTCDate(workday.getUTCDate() - 1);
const onWorkday = iso(workday) === iso(today);

const browser = await launch();

async function login(context, user) {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await signIn(page, user, "en");
  await page.getByRole("heading", { name: "Today", exact: true }).waitFor();
  return page;
}

/// Opens the register for the latest working day, through the menu when that is today.
async function openRegister(page) {
  await page.getByRole("link", { name: "Register", exact: true }).click();
  if (!onWorkday) {
    await page.getByTestId("register-date").fill(iso(workday));
    await page.getByTestId("register-date").dispatchEvent("change");
  }
  await page.getByTestId("register-row").first().waitFor();
}

const marks = async (page) =>
  page.getByTestId("register-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-marked")));

let failed = false;
let page;
let house = 0;
try {
  const desk = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
  page = await login(desk, "coordinator");
  await openRegister(page);

  // Who is expected, and who is listed apart and why.
  const expected = page.getByTestId("register-expected").getByTestId("register-row");
  const apart = page.getByTestId("register-not-expected").getByTestId("register-row");
  assert.ok((await expected.count()) >= 2, "people expected");
  for (const e of await expected.evaluateAll((rows) => rows.map((r) => r.dataset.expected))) assert.equal(e, "expected");
  const internship = apart.and(page.locator('[data-expected="at_internship"]'));
  assert.ok((await internship.count()) >= 1, "someone at an internship, listed apart");
  assert.equal((await internship.first().getByTestId("expectation").innerText()).trim(), "At internship");
  const weekday = (await page.getByTestId("register-weekday").innerText()).trim();
  const dayName = workday.toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" });
  assert.equal(weekday, onWorkday ? `${dayName} · today` : dayName);

  // Each status its own colour and symbol.
  const first = expected.first();
  const icons = await first.locator("button.mark .icon").allInnerTexts();
  assert.equal(new Set(icons).size, 5, `five different symbols: ${icons}`);
  const before = await marks(page);

  // Mark two people and leave for another page at once: nothing is lost.
  await page.getByTestId("register").focus();
  await page.keyboard.press("1");
  await page.keyboard.press("3");
  await page.getByRole("link", { name: "Participants", exact: true }).click();
  await page.getByTestId("participant-row").first().waitFor();
  await openRegister(page);
  await page.getByTestId("register-row").first().waitFor();
  const after = await marks(page);
  const focusedFirst = before.findIndex((m) => m === "");
  assert.equal(after[focusedFirst], "present", "the first mark survived leaving the page");
  assert.equal(after[focusedFirst + 1], "absent_without_notice", "the second mark too");
  const background = (i, mark) => page.getByTestId("register-row").nth(i)
    .locator(`button[data-mark="${mark}"]`).evaluate((b) => getComputedStyle(b).backgroundColor);
  const colours = [await background(focusedFirst, "present"), await background(focusedFirst + 1, "absent_without_notice")];
  assert.notEqual(colours[0], colours[1], `chosen statuses differ in colour: ${colours}`);
  await page.screenshot({ path: join(shots, `register-${label}-desk.png`), fullPage: true });

  // Mark, reload: the mark is there. Undo: it is gone, after a reload too.
  const third = focusedFirst + 2;
  await page.getByTestId("register-row").nth(third).locator('button[data-mark="sent_home"]').click();
  await page.getByTestId("register-saved").waitFor();
  await page.getByTestId("register-saving").waitFor({ state: "detached" });
  await page.reload();
  await page.getByTestId("register-row").first().waitFor();
  assert.equal((await marks(page))[third], "sent_home", "the mark survived a reload");
  await page.getByTestId("register-row").nth(third).locator('button[data-mark="present"]').click();
  await page.getByTestId("register-undo").click();
  await page.getByTestId("register-saving").waitFor({ state: "detached" });
  assert.equal((await marks(page))[third], "sent_home", "undo restores the earlier mark");
  await page.reload();
  await page.getByTestId("register-row").first().waitFor();
  assert.equal((await marks(page))[third], "sent_home", "the undo was saved");

  // "Register" in the menu opens today again after another day was chosen.
  await page.getByTestId("register-date").fill(iso(new Date(workday.getTime() - 7 * 86400000)));
  await page.getByTestId("register-date").dispatchEvent("change");
  await page.waitForURL(/date=/);
  await page.getByRole("link", { name: "Register", exact: true }).click();
  await page.waitForURL((u) => !u.search.includes("date="));
  assert.equal(await page.getByTestId("register-date").inputValue(), iso(today));
  // Planned participation names the days of the week.
  await page.getByRole("link", { name: "Participants", exact: true }).click();
  await filterByStatus(page, "active");
  await page.locator('[data-testid="participant-row"][data-status="active"]').first().getByTestId("participant-link").click();
  const plan = page.getByTestId("plan-weekdays");
  await plan.waitFor();
  await plan.locator('input[data-day="1"]').check();
  await plan.locator('input[data-day="3"]').check();
  await page.getByTestId("attendance").getByRole("button", { name: "Save" }).click();
  await page.getByTestId("plan").filter({ hasText: "Monday, Wednesday" }).waitFor();
  await desk.close();

  // An admin lets the staff on duty mark the whole house: the mentor's register
  // grows from their own people to everyone on the ladder.
  const mentorContext = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
  const mentor = await login(mentorContext, "mentor");
  await openRegister(mentor);
  const own = await mentor.getByTestId("register-row").count();
  const adminContext = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
  page = await login(adminContext, "admin");
  await page.getByRole("link", { name: "Ladders", exact: true }).click();
  const ladders = page.locator('a[href^="/ladders/"]');
  // The list loads after the page: count the ladders once they are there.
  await ladders.first().waitFor();
  const ladderCount = await ladders.count();
  const switchAll = async (on) => {
    for (let i = 0; i < ladderCount; i++) {
      await page.getByRole("link", { name: "Ladders", exact: true }).click();
      await ladders.nth(i).click();
      const box = page.getByTestId("whole-house-register");
      await box.waitFor();
      if ((await box.isChecked()) !== on) {
        await box.click();
        await page.waitForFunction((v) => document.querySelector('[data-testid="whole-house-register"]')?.checked === v, on);
      }
    }
  };
  await switchAll(true);
  await page.getByRole("link", { name: "Ladders", exact: true }).click();
  await ladders.first().click();
  await page.reload();
  // The box is drawn before the ladder arrives: wait for the saved setting.
  await page.getByTestId("whole-house-register").waitFor();
  const saved = await page
    .waitForFunction(() => document.querySelector('[data-testid="whole-house-register"]')?.checked === true, null, { timeout: 10_000 })
    .then(() => true, () => false);
  assert.equal(saved, true, "the setting is saved");
  await mentor.reload();
  await mentor.getByTestId("register-row").first().waitFor();
  await mentor.waitForFunction((n) => document.querySelectorAll('[data-testid="register-row"]').length > n, own);
  house = await mentor.getByTestId("register-row").count();
  await switchAll(false);
  await mentorContext.close();
  await adminContext.close();

  // A phone: a compact row per person, at least five on the screen, no key hints.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  page = await login(phone, "coordinator");
  await openRegister(page);
  const rows = page.getByTestId("register-row");
  await rows.first().evaluate((r) => r.scrollIntoView({ block: "start" }));
  const boxes = await rows.evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect()).map((b) => [b.top, b.bottom]));
  const onScreen = boxes.filter(([top, bottom]) => top >= 0 && bottom <= 844).length;
  assert.ok(onScreen >= 5, `at least five people on a phone screen (${onScreen})`);
  assert.ok(await page.evaluate(() => matchMedia("(hover: none), (pointer: coarse)").matches), "a touch screen");
  assert.equal(await page.locator("p.key-hint").isVisible(), false, "no keyboard hint on a touch screen");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `nothing wider than the phone (${width})`);
  await rows.first().locator('button[data-mark="present"]').tap();
  const bar = await page.locator(".register-bar").boundingBox();
  assert.ok(bar && bar.y + bar.height <= 844, "the saved note and undo stay in view");
  await page.screenshot({ path: join(shots, `register-${label}-phone.png`) });
  await phone.close();
  console.log(`ok - ${label}: marks kept across leaving and reload, undo saved, expected/apart/at internship shown, mentor's register ${own} -> ${house} with the whole house, ${onScreen} rows on a phone`);
} catch (e) {
  failed = true;
  await page?.screenshot({ path: join(shots, `failure-register-${label}.png`), fullPage: true }).catch(() => {});
  console.error(`not ok - register ${label}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
