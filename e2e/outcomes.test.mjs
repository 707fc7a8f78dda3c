// Browser test: a coordinator records the situation at the start and at the
// exit (income source, occupation, education) on the participant page, sets
// gender for statistics, and sees the checks after the exit to do; an admin
// sets the ladder's throughput target and the report shows planned exits
// against it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { filterByStatus } from "./list.mjs";
import { violations } from "./axe.mjs";
import { label, launch, shots, signIn } from "./harness.mjs";

const browser = await launch();

const open = async (user) => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1600 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await signIn(page, user, "en");
  await page.getByRole("heading", { name: "Today", exact: true }).waitFor();
  return { context, page };
};

const openFirst = async (page, status) => {
  await page.getByRole("navigation").getByRole("link", { name: "Participants", exact: true }).click();
  await filterByStatus(page, status);
  await page.locator(`[data-testid="participant-row"][data-status="${status}"]`).first()
    .getByTestId("participant-link").click();
  await page.getByTestId("situation-moment").waitFor();
};

let failed = false;
let page = null;
try {
  const coordinator = await open("coordinator");
  page = coordinator.page;
  // The Today page has its section for the checks after exits, and a link to
  // all of them: the demo left some due.
  await page.getByTestId("today-exit-checks").waitFor();
  await page.getByTestId("exit-checks-link").click();
  await page.getByRole("heading", { name: "Checks after exits", exact: true }).waitFor();
  const checkRows = page.getByTestId("exit-check");
  await checkRows.first().waitFor();
  assert.match(await page.getByTestId("exit-checks-total").innerText(), /^\d+ checks to do$/);

  // The situation at the start of an active participant.
  await openFirst(page, "active");
  const outcomes = page.getByTestId("outcomes");
  await outcomes.getByRole("heading", { name: "Situation before, at and after" }).waitFor();
  // A person in active use cannot be at the exit yet: only the start is offered.
  assert.deepEqual(
    await page.getByTestId("situation-moment").locator("option").evaluateAll((os) => os.map((o) => o.value)),
    ["start"],
  );
  // Norway's list: AAP, no Swedish sources.
  const sources = await page.getByTestId("situation-income-source").locator("option").evaluateAll((os) => os.map((o) => o.value));
  assert.ok(sources.includes("no_aap") && !sources.includes("se_lon"), sources.join());
  // Saving without an occupation names the field.
  await page.getByTestId("situation-income-source").selectOption("no_aap");
  await page.getByTestId("situation-save").click();
  await page.getByTestId("field-error-occupation").waitFor();
  await page.getByTestId("situation-occupation").selectOption("another_measure");
  await page.getByTestId("situation-education").selectOption("isced_2");
  await page.getByTestId("situation-save").click();
  // The demo may have recorded this start already (with other answers): wait
  // until the row shows all three new ones.
  await page.getByTestId("situation-start")
    .filter({ hasText: "Work assessment allowance (AAP)" })
    .filter({ hasText: "Another measure" })
    .filter({ hasText: "Lower secondary school" })
    .waitFor();
  await page.getByTestId("outcomes-gender").selectOption("woman");
  await page.getByTestId("outcomes-preferences-save").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="outcomes-gender"]').value === "woman");
  assert.deepEqual(await violations(page), [], "axe on the participant page with outcomes");

  // The situation at the exit of someone who has exited, and the checks after.
  await openFirst(page, "exited");
  await page.getByTestId("situation-moment").selectOption("exit");
  await page.getByTestId("situation-income-source").selectOption("no_wages");
  await page.getByTestId("situation-occupation").selectOption("work_with_wage_subsidy");
  await page.getByTestId("situation-save").click();
  // The demo may have recorded this exit already: wait for the new answer.
  await page.getByTestId("situation-exit")
    .filter({ hasText: "Work with wage subsidy" })
    .filter({ hasText: "Wages" })
    .waitFor();
  // "Not reached" hides the questions for a check after the exit.
  await page.getByTestId("situation-moment").selectOption("after_3_months");
  await page.getByTestId("situation-not-reached").check();
  await page.getByTestId("situation-occupation").waitFor({ state: "detached" });
  await page.screenshot({ path: join(shots, `outcomes-${label}-participant.png`), fullPage: true });
  await coordinator.context.close();

  // The admin sets the throughput target; the report shows planned exits.
  const admin = await open("admin");
  page = admin.page;
  await page.getByRole("navigation").getByRole("link", { name: "Ladders", exact: true }).click();
  await page.getByRole("link", { name: "Portalen arbeidsfellesskap" }).click();
  await page.getByTestId("throughput-target-input").fill("30");
  await page.getByTestId("annual-target-save").click();
  await page.getByTestId("throughput-target").filter({ hasText: "30" }).waitFor();
  await page.getByRole("navigation").getByRole("link", { name: "Reports", exact: true }).click();
  const planned = page.getByTestId("kf-planned-exits");
  await planned.waitFor();
  assert.match(await planned.innerText(), /Planned exits/);
  assert.match((await planned.locator(".figure").innerText()).trim(), /^\d+ \/ \d+$/);
  await admin.context.close();
  console.log(`outcomes ${label}: start, exit, not reached, gender, throughput target and report checked`);
} catch (e) {
  failed = true;
  console.error(e);
  if (page) await page.screenshot({ path: join(shots, `outcomes-${label}-failure.png`), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
