// Browser test (issue 26, part 4): Porten's coordinator, in Swedish, records
// a day of the soup kitchen's production by hand, corrects it, previews and
// imports the till's CSV export (semicolons, decimal commas, several lines a
// day), sees a bad file refused with its line named and nothing saved, and
// reads the month's production report, whose total sales are the sum of the
// days recorded; axe checks the page.
import assert from "node:assert/strict";
import { violations } from "./axe.mjs";
import { label, launch, newPage, shots, signIn } from "./harness.mjs";
import { join } from "node:path";

const browser = await launch();

const iso = (d) => d.toISOString().slice(0, 10);
const today = new Date();
// The 1st and 2nd of this month, or of last month on the 1st (no day in the
// future may be recorded).
const back = today.getUTCDate() < 2 ? 1 : 0;
const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
const second = new Date(first);
second.setUTCDate(2);
// "1 250,50 SEK" (with any kind of space) as a number.
const amount = (text) => Number(text.replace(/[^\d,.-]/g, "").replace(",", "."));
const swedish = (d) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;

let failed = false;
let page = null;
try {
  page = await newPage(browser, { width: 1200, height: 1800 });
  await signIn(page, "porten-coordinator", "sv");
  const nav = page.getByRole("navigation");
  await nav.getByRole("link", { name: "Produktion", exact: true }).click();
  await page.getByRole("heading", { name: "Produktion", level: 1 }).waitFor();
  if (back) await page.getByTestId("production-month").fill(iso(first).slice(0, 7));
  const form = page.getByTestId("production-form");
  await form.waitFor();
  const place = await form.locator("select").locator("option").first().innerText();

  // A day by hand: 40 made, 35 customers, 1 250,50 kronor, on the 1st.
  await form.locator('input[type="date"]').fill(iso(first));
  await form.getByLabel("Gjort").fill("40");
  await form.getByLabel("Kunder").fill("35");
  await form.getByLabel("Försäljning (SEK)").fill("1 250,50");
  await form.getByRole("button", { name: "Spara dagen" }).click();
  await form.getByRole("status").filter({ hasText: "Sparat för" }).waitFor();
  const row = page.getByTestId("production-day").filter({ hasText: place }).filter({ hasText: "1 250,50 SEK" });
  await row.first().waitFor();
  assert.match(await row.first().innerText(), /40/);
  assert.match(await row.first().innerText(), /Förd/);

  // Bad input: a negative count is refused, naming the field; nothing changes.
  await form.getByLabel("Gjort").fill("-3");
  await form.getByRole("button", { name: "Spara dagen" }).click();
  await form.getByTestId("field-error-units").waitFor();
  assert.equal(await page.getByTestId("production-day").filter({ hasText: "1 250,50 SEK" }).count(), 1);

  // Correct the day: its figures come back into the form.
  await row.first().getByRole("button", { name: "Rätta" }).click();
  await assert.doesNotReject(async () => {
    for (let i = 0; i < 50 && (await form.getByLabel("Gjort").inputValue()) !== "40"; i++) await page.waitForTimeout(100);
  });
  assert.equal(await form.getByLabel("Gjort").inputValue(), "40");
  await form.getByLabel("Gjort").fill("42");
  await form.getByRole("button", { name: "Spara dagen" }).click();
  await page.getByTestId("production-day").filter({ hasText: place }).filter({ hasText: "42" }).filter({ hasText: "1 250,50 SEK" }).first().waitFor();

  // A till file with a bad line: refused whole, the line named.
  const card = page.getByTestId("till-import-card");
  await card.locator("select").selectOption({ label: place });
  const bad = `Datum;Belopp;Kvitton\n${iso(first)};100,00;3\n${iso(second)};tolv;4\n`;
  await card.getByTestId("till-file").setInputFiles({ name: "kassa.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await card.getByTestId("till-errors").filter({ hasText: "Rad 3" }).waitFor();
  assert.equal(await card.getByTestId("till-preview").count(), 0);

  // The real export: two lines on the 1st, one on the 2nd.
  const good = `Datum;Belopp;Kvitton\n${iso(first)};1 000,25;20\n${iso(first)};500,25;10\n${iso(second)};1 499,50;25\n`;
  await card.getByTestId("till-file").setInputFiles({ name: "kassa.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  const preview = card.getByTestId("till-preview");
  await preview.getByRole("status").filter({ hasText: "2 dagar från 3 rader" }).waitFor();
  // The 1st had 1 250,50 recorded by hand: the preview says what it replaces.
  assert.match(await preview.locator("tbody tr").first().innerText(), /1\s250,50 SEK/);
  await preview.getByTestId("till-import").click();
  await card.getByRole("status").filter({ hasText: "Hämtade in 2 dagar" }).waitFor();
  const imported = page.getByTestId("production-day").filter({ hasText: place }).filter({ hasText: "Kassa" });
  await imported.filter({ hasText: "1 500,50 SEK" }).first().waitFor();
  // What was made by hand stays; the sales and customers are the till's.
  assert.match(await imported.filter({ hasText: "1 500,50 SEK" }).first().innerText(), /42/);
  assert.match(await imported.filter({ hasText: "1 500,50 SEK" }).first().innerText(), /30/);

  // A day is deleted after the question is answered yes.
  const secondRow = page.getByTestId("production-day").filter({ hasText: place }).filter({ hasText: "1 499,50 SEK" });
  await secondRow.first().waitFor();
  page.once("dialog", (dialog) => dialog.accept());
  await secondRow.first().getByTestId("production-delete").click();
  await secondRow.first().waitFor({ state: "detached" });

  // The report's total sales are the sum of the month's recorded days.
  const report = page.getByTestId("production-report");
  const total = report.getByTestId("table-production").locator("tbody tr").last();
  await total.waitFor();
  const cells = page.getByTestId("production-day").locator("td:nth-child(6)");
  let sum = 0;
  for (const text of await cells.allInnerTexts()) if (text.trim() !== "–") sum += amount(text);
  await assert.doesNotReject(async () => {
    for (let i = 0; i < 50 && Math.abs(amount((await total.locator("td").nth(3).innerText())) - sum) > 0.005; i++) await page.waitForTimeout(100);
  });
  assert.ok(Math.abs(amount(await total.locator("td").nth(3).innerText()) - sum) < 0.005,
    `total ${await total.locator("td").nth(3).innerText()} against the days' ${sum}`);
  assert.equal(await report.getByTestId("chart-production-trend").locator("svg rect.bar").count() >= 1, true, "the trend is drawn");
  assert.deepEqual(await violations(page), [], "axe on the production page");
  await page.screenshot({ path: join(shots, `production-${label}.png`), fullPage: true });
  console.log(`ok - ${label}: ${place}'s ${swedish(first)} recorded, corrected and imported from the till; the report's sales are the days' ${sum.toFixed(2)} SEK`);
} catch (e) {
  failed = true;
  console.error(e);
  if (page) await page.screenshot({ path: join(shots, `production-${label}-failure.png`), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
