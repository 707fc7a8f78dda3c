// Browser test: Porten's coordinator makes an individual plan in Swedish
// (housing and work, in the person's words), records today's review, and
// prints the plan for the meeting: a clean handout in Swedish, checked by axe.
import assert from "node:assert/strict";
import { filterByStatus } from "./list.mjs";
import { violations } from "./axe.mjs";
import { writeFileSync } from "node:fs";
import { base, label, launch, newPage, shots, signIn } from "./harness.mjs";
import { join } from "node:path";

const browser = await launch();

let failed = false;
let page = null;
try {
  page = await newPage(browser);
  await signIn(page, "porten-coordinator", "sv");
  await page.getByRole("heading", { name: "I dag", exact: true }).waitFor();
  await page.getByRole("navigation").getByRole("link", { name: "Deltagare", exact: true }).click();
  await filterByStatus(page, "active");
  await page.locator('[data-testid="participant-row"][data-status="active"]').first()
    .getByTestId("participant-link").click();
  const name = (await page.getByTestId("participant-name").innerText()).trim();

  // No plan yet: make one.
  const card = page.getByTestId("plan");
  await card.getByRole("heading", { name: "Individuell plan" }).waitFor();
  await card.getByTestId("plan-edit").click();
  // Without a coordinator the field says so.
  await card.getByTestId("plan-save").click();
  await card.getByTestId("field-error-coordinator").waitFor();
  await card.getByTestId("plan-coordinator-input").fill("Karin Lindqvist");
  await card.getByTestId("plan-weeks").fill("6");
  const housing = card.getByTestId("plan-edit-housing");
  await housing.getByLabel("Mål, med deltagarens egna ord").fill("Ha en egen lägenhet till sommaren");
  await housing.getByRole("combobox").selectOption("partner");
  await housing.getByLabel("Vem (namn eller verksamhet)").fill("Socialtjänsten, Kalmar kommun");
  await housing.getByLabel("Nästa steg").fill("Ansöka om bostad");
  const work = card.getByTestId("plan-edit-work");
  await work.getByLabel("Mål, med deltagarens egna ord").fill("Klara fyra timmar om dagen i köket");
  await work.getByLabel("Nästa steg").fill("Tre dagar i veckan");
  await card.getByTestId("plan-save").click();
  await card.getByTestId("plan-areas").waitFor();
  assert.equal((await card.getByTestId("plan-coordinator").innerText()).trim(), "Karin Lindqvist");
  assert.match(await card.getByTestId("plan-area-housing").innerText(), /Boende\s+Ha en egen lägenhet till sommaren\s+En samverkanspart: Socialtjänsten, Kalmar kommun/);

  // Reviewed today: the next review six weeks on.
  assert.equal((await card.getByTestId("plan-last-reviewed").innerText()).trim(), "–");
  await card.getByTestId("plan-review").click();
  const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await card.getByTestId("plan-last-reviewed").filter({ hasText: day(0) }).waitFor();
  assert.equal((await card.getByTestId("plan-next-review").innerText()).trim(), day(42));

  // The handout, in Swedish, without menus or buttons.
  await card.getByTestId("plan-print-link").click();
  await page.getByRole("heading", { level: 1, name: /^Individuell plan/ }).waitFor();
  await page.getByTestId("plan-areas").waitFor();
  // The heading's name arrives on its own: wait for it rather than read it early.
  await page.getByTestId("plan-person").filter({ hasText: name }).waitFor();
  const found = await violations(page);
  assert.deepEqual(found, [], found.join("\n"));
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.getByTestId("plan-print").isVisible(), false, "no button on paper");
  assert.equal(await page.locator(".topbar").isVisible(), false, "no menu on paper");
  const printed = await page.locator("main").innerText();
  for (const words of ["Samordnare", "Nästa uppföljning", "Område", "Mål, med deltagarens egna ord", "Boende", "Arbete", "Ansöka om bostad"]) {
    assert.ok(printed.includes(words), `the handout says "${words}"`);
  }
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  assert.ok(pdf.length > 5_000, `a PDF (${pdf.length} bytes)`);
  writeFileSync(join(shots, `plan-${label}.pdf`), pdf);
  console.log(`ok - ${label}: a plan for ${name} made, reviewed and printed in Swedish (${pdf.length} bytes)`);
} catch (e) {
  failed = true;
  console.error(`not ok - ${label}: ${e.stack ?? e}`);
  if (page) await page.screenshot({ path: join(shots, `plan-${label}.png`), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
