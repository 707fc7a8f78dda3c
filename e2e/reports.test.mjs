// Browser test: the coordinator opens the programme report, sees the funnel chart
// and the key figures in each language, opens a chart's table, downloads a table
// as CSV, prints the report as a handout (print media, PDF), sees an agreement's
// report as its partner sees it (only the sections its scope holds, rounded
// figures, the same as the partner's own API answer), and records a
// participant's consent to research; a viewer gets the report under disclosure
// control (whole months, counts rounded to 5, 1 to 4 as "<5") and no research
// extract; a researcher takes the k-anonymous extract; a mentor may not.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { base, label, launch, shots, signIn } from "./harness.mjs";

const languages = [
  { code: "nb", keyFigures: "Nøkkeltall", funnel: "Stigen som trakt", beforeAfter: "Før og etter", occupation: "Sysselsetting", start: "Ved start" },
  { code: "sv", keyFigures: "Nyckeltal", funnel: "Stegen som tratt", beforeAfter: "Före och efter", occupation: "Sysselsättning", start: "Vid start" },
  { code: "en", keyFigures: "Key figures", funnel: "The ladder as a funnel", beforeAfter: "Before and after", occupation: "Occupation", start: "At the start" },
];
const count = /^(\d+|<5)$/;
// A count under disclosure control: 0, "<5" or a multiple of 5.
const controlled = /^(0|<5|\d*[05])$/;
const year = new Date().getUTCFullYear();

const browser = await launch();

const open = async (user) => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1600 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  await signIn(page, user, "en");
  // Viewers and researchers land on the reports, everyone else on Today.
  const home = ["viewer", "researcher"].includes(user) ? "Programme report" : "Today";
  await page.getByRole("heading", { name: home, exact: true }).waitFor();
  return { context, page, problems };
};

const downloadText = async (page, button) => {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const text = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
  return { name: download.suggestedFilename(), text };
};

let failed = false;
let page = null;
try {
  // The coordinator.
  const coordinator = await open("coordinator");
  page = coordinator.page;
  await page.getByRole("navigation").getByRole("link", { name: "Reports", exact: true }).click();
  await page.getByRole("heading", { name: "Programme report" }).waitFor();
  const funnel = page.getByTestId("chart-funnel").locator('svg[role="img"]');
  await funnel.waitFor();
  assert.match(await funnel.getAttribute("aria-label"), /reached each step/);
  assert.ok((await funnel.locator("g.bar-row").count()) >= 2, "a bar per step and one for work or education");
  for (const kf of ["kf-starts", "kf-exits", "kf-work-or-education"]) {
    const figure = (await page.getByTestId(kf).locator(".figure").innerText()).trim();
    assert.match(figure, count, `${kf} is a count`);
  }
  // Two targets: to work or education, and planned exits against the throughput target.
  assert.match((await page.getByTestId("kf-planned-exits").locator(".figure").innerText()).trim(), /^\d+ \/ \d+$/);
  // Dates the reader's way (English here); the inputs stay ISO.
  assert.match(await page.getByTestId("report-subtitle").innerText(), new RegExp(`1 Jan ${year} – `));
  for (const chart of ["chart-months", "chart-days"]) {
    await page.getByTestId(chart).locator('svg[role="img"]').waitFor();
  }

  // The filters are in the address: last year, then this year again.
  await page.getByTestId("report-last-year").click();
  await page.waitForURL(new RegExp(`from=${year - 1}-01-01&to=${year - 1}-12-31`));
  assert.equal(await page.getByTestId("report-from").inputValue(), `${year - 1}-01-01`);
  await page.getByTestId("report-subtitle").filter({ hasText: `31 Dec ${year - 1}` }).waitFor();
  await page.getByTestId("report-this-year").click();
  await page.waitForURL(new RegExp(`from=${year}-01-01`));
  await page.getByTestId("report-subtitle").filter({ hasText: `1 Jan ${year}` }).waitFor();

  // Each language.
  for (const lang of languages) {
    await page.getByTestId("language").selectOption(lang.code);
    await page.getByRole("heading", { name: lang.keyFigures, exact: true }).waitFor();
    await page.getByTestId("chart-funnel").locator("figcaption").filter({ hasText: lang.funnel }).waitFor();
    // Before and after: the situation at each moment, in the reader's language.
    const beforeAfter = page.getByTestId("section-before-after");
    await beforeAfter.getByRole("heading", { name: lang.beforeAfter, exact: true }).waitFor();
    const head = await beforeAfter.getByTestId("table-before-after-occupation").locator("thead th").allInnerTexts();
    assert.equal(head[0].trim(), lang.occupation, `${lang.code}: ${head.join(" | ")}`);
    assert.equal(head[1].trim(), lang.start, `${lang.code}: ${head.join(" | ")}`);
  }
  // The coordinator sees exact figures: the demo recorded starts.
  const recorded = await page.getByTestId("table-before-after-occupation").locator("tbody tr").first().locator("td").allInnerTexts();
  assert.match(recorded[0].trim(), /^\d+$/, `people recorded at the start (${recorded.join(" | ")})`);

  // The funnel as a table: a row per step, work or education, maybe the target.
  await page.getByTestId("chart-funnel-details").locator("summary").click();
  const table = page.getByTestId("chart-funnel").getByTestId("table-alternative");
  await table.waitFor({ state: "visible" });
  const rows = await table.locator("tbody tr").allInnerTexts();
  assert.ok(rows.some((r) => r.startsWith("Work or education")), `work or education row (${rows.join(" | ")})`);
  await page.screenshot({ path: join(shots, `reports-${label}-coordinator.png`), fullPage: true });

  // A table as CSV, and the research extract.
  const summary = await downloadText(page, page.getByTestId("csv-summary"));
  assert.match(summary.name, new RegExp(`^stige-summary-${year}-01-01-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  assert.equal(summary.text.split(/\r?\n/)[0], "figure,value");
  const steps = await downloadText(page, page.getByTestId("section-steps").getByTestId("csv-steps"));
  assert.ok(steps.text.split(/\r?\n/).length > 2, "a row per step");
  assert.equal(await page.getByTestId("research-extract").count(), 0, "no research extract for coordinators");

  // The handout: no navigation, filters or buttons; charts and their tables shown.
  await page.emulateMedia({ media: "print" });
  assert.ok(await page.locator("header.topbar").isHidden(), "header hidden in print");
  assert.ok(await page.getByRole("navigation").isHidden(), "navigation hidden in print");
  assert.ok(await page.getByTestId("report-filters").isHidden(), "filters hidden in print");
  assert.ok(await page.getByTestId("report-print").isHidden(), "print button hidden in print");
  assert.ok(await page.getByTestId("csv-summary").isHidden(), "CSV buttons hidden in print");
  assert.ok(await funnel.isVisible(), "funnel chart printed");
  assert.ok(await page.getByTestId("chart-months").locator("svg").isVisible(), "months chart printed");
  assert.ok(await page.getByTestId("chart-funnel").locator(".print-only table").isVisible(), "the chart's table printed");
  assert.ok(await page.getByRole("heading", { name: "Programme report" }).isVisible(), "title printed");
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  assert.ok(pdf.length > 10_000, `a PDF (${pdf.length} bytes)`);
  writeFileSync(join(shots, `reports-${label}-handout.pdf`), pdf);
  await page.emulateMedia({ media: "screen" });

  // An agreement's report as its partner sees it: Vennesla shares enrolment
  // status and outcome only.
  await page.getByTestId("report-agreement").selectOption({ label: "Vennesla kommune" });
  await page.waitForURL(/agreement=\d+/);
  const agreementId = new URL(page.url()).searchParams.get("agreement");
  await page.getByTestId("report-as-partner").check();
  await page.waitForURL(/as_partner=true/);
  await page.getByTestId("report-as-partner-note").waitFor();
  await page.getByTestId("report-suppressed").waitFor();
  await page.getByTestId("section-outcomes").waitFor();
  for (const absent of ["section-funnel", "section-steps", "section-days", "section-attendance", "kf-goal-change"]) {
    assert.equal(await page.getByTestId(absent).count(), 0, `${absent} is not shared with Vennesla`);
  }
  for (const kf of ["kf-starts", "kf-exits", "kf-work-or-education"]) {
    const figure = (await page.getByTestId(kf).locator(".figure").innerText()).trim();
    assert.match(figure, controlled, `${kf} under disclosure control`);
  }
  // The partner's own answer over the API has the same figures.
  const partnerToken = await (await fetch(`${base}/api/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials&client_id=demo-vennesla&client_secret=demo",
  })).json();
  const params = new URL(page.url()).searchParams;
  const own = await (await fetch(
    `${base}/api/v1/reports/programme?from=${params.get("from")}&to=${params.get("to")}`,
    { headers: { authorization: `Bearer ${partnerToken.access_token}` } },
  )).json();
  assert.equal(String(own.agreement_id), agreementId, "the partner's own agreement");
  assert.equal(own.steps, undefined, "no steps in the partner's answer");
  const shownStarts = (await page.getByTestId("kf-starts").locator(".figure").innerText()).trim();
  assert.equal(shownStarts, String(own.starts), "the page shows what the partner gets");
  await page.screenshot({ path: join(shots, `reports-${label}-as-partner.png`), fullPage: true });

  // Consent to research on a participant's page: give it, then revoke it.
  await page.getByRole("navigation").getByRole("link", { name: "Participants", exact: true }).click();
  await page.getByTestId("participant-link").first().click();
  const consent = page.getByTestId("research-consent");
  await consent.getByTestId("research-consent-state").waitFor();
  if (await consent.getByTestId("research-consent-revoke").isVisible()) {
    await consent.getByTestId("research-consent-revoke").click();
    await consent.getByTestId("research-consent-state").filter({ hasText: "Revoked" }).waitFor();
  }
  await consent.getByTestId("research-consent-give").click();
  await consent.getByTestId("research-consent-state").filter({ hasText: /^Given \d{1,2} [A-Z][a-z]{2} \d{4}$/ }).waitFor();
  await consent.getByTestId("research-consent-revoke").click();
  await consent.getByTestId("research-consent-state").filter({ hasText: /^Revoked \d{1,2} [A-Z][a-z]{2} \d{4}$/ }).waitFor();
  assert.deepEqual(coordinator.problems, [], "no errors in the page");
  await coordinator.context.close();

  // The viewer: whole months, rounded figures, no research extract.
  const viewer = await open("viewer");
  page = viewer.page;
  await page.getByRole("navigation").getByRole("link", { name: "Reports", exact: true }).click();
  await page.getByTestId("chart-funnel").locator('svg[role="img"]').waitFor();
  await page.getByTestId("report-suppressed").waitFor();
  assert.equal(await page.getByTestId("report-from").getAttribute("type"), "month");
  assert.equal(await page.getByTestId("report-from").inputValue(), `${year}-01`);
  for (const kf of ["kf-starts", "kf-exits", "kf-work-or-education"]) {
    const figure = (await page.getByTestId(kf).locator(".figure").innerText()).trim();
    assert.match(figure, controlled, `${kf} rounded for the viewer`);
  }
  for (const cell of await page.getByTestId("table-steps").locator("tbody td:not(:first-child)").allInnerTexts()) {
    assert.match(cell.trim(), controlled, "every count per step rounded");
  }
  for (const cell of await page.getByTestId("table-before-after-occupation").locator("tbody td").allInnerTexts()) {
    assert.match(cell.trim(), controlled, "every count before and after rounded");
  }
  assert.equal(await page.getByTestId("research-extract").count(), 0, "no research extract for viewers");
  assert.ok(await page.getByTestId("report-agreement").count() === 0, "no agreement filter for viewers");
  const few = await page.locator(".page").getByText("<5", { exact: true }).count();
  if ((await page.getByTestId("kf-exits").locator(".figure").innerText()).trim() === "<5") {
    assert.ok(await page.getByTestId("chart-outcomes").locator("rect.bar.few").count() > 0, "a hatched bar for <5");
  }
  await page.screenshot({ path: join(shots, `reports-${label}-viewer.png`), fullPage: true });
  assert.deepEqual(viewer.problems, [], "no errors in the viewer's page");
  await viewer.context.close();

  // The researcher: the k-anonymous research extract.
  const researcher = await open("researcher");
  page = researcher.page;
  await page.getByRole("navigation").getByRole("link", { name: "Reports", exact: true }).click();
  await page.getByTestId("chart-funnel").locator('svg[role="img"]').waitFor();
  const research = await downloadText(page, page.getByTestId("research-extract"));
  assert.match(research.name, /^stige-research-/);
  assert.match(research.text.split(/\r?\n/)[0], /^pseudonym,age_band,/, "a header line");
  assert.deepEqual(researcher.problems, [], "no errors in the researcher's page");
  await researcher.context.close();

  // The mentor: the report, but no research extract.
  const mentor = await open("mentor");
  page = mentor.page;
  await page.getByRole("navigation").getByRole("link", { name: "Reports", exact: true }).click();
  await page.getByTestId("chart-funnel").locator('svg[role="img"]').waitFor();
  assert.equal(await page.getByTestId("research-extract").count(), 0, "no research extract for mentors");
  await mentor.context.close();
  console.log(`ok - ${label}: report in three languages, table alternative, CSV (${summary.name}), print PDF (${pdf.length} bytes), research consent; viewer sees ${few} cells as <5`);
} catch (e) {
  failed = true;
  if (page) await page.screenshot({ path: join(shots, `failure-reports-${label}.png`), fullPage: true }).catch(() => {});
  console.error(`not ok - reports ${label}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
