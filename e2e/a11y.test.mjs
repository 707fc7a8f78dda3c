// Browser test: every route of the web app passes axe-core's WCAG 2.1 AA rules with
// no violation (labelled controls, colour contrast, ...), visited as the admin (the
// organisations as the platform admin); and
// the words and formats of issue 28: the Swedish employer page shows the server's
// validation error in Swedish (by its code), dates are written the reader's way
// (nb 28.11.2026, en 28 Nov 2026), and the report's first line says whether the
// period is on target, with the target line only on the outcome's row.
import assert from "node:assert/strict";
import { join } from "node:path";
import { violations } from "./axe.mjs";
import { api, base, label, launch, shots, signIn } from "./harness.mjs";

const admin = (await api("/auth/login", null, { username: "admin", password: "demo" })).access_token;
const people = (await api("/participants?status=active&per_page=200", admin)).items;
assert.ok(people.length > 0, "the demo has active participants");
const ladders = await api("/ladders", admin);
const agreements = await api("/agreements", admin);
const employers = await api("/employers", admin);
const placements = await api("/placements", admin);

// A placement with a Swedish employer (Porten's organisation's), and a link for it to confirm.
const porten = (await api("/auth/login", null, { username: "porten-coordinator", password: "demo" })).access_token;
const swedish = (await api("/employers", porten)).find((e) => e.language === "sv");
assert.ok(swedish, "the demo has a Swedish employer");
assert.ok(!employers.some((e) => e.id === swedish.id), "Portalen's admin does not see Porten's employers");
const portenPeople = (await api("/participants?status=active&per_page=200", porten)).items;
const iso = (d) => d.toISOString().slice(0, 10);
const day = 86400000;
const placement = await api("/placements", porten, {
  participant_id: portenPeople[0].id,
  employer_id: swedish.id,
  kind: "internship",
  role: "Lager",
  tasks: "Plock och pack",
  start_date: iso(new Date(Date.now() + 14 * day)),
  end_date: iso(new Date(Date.now() + 60 * day)),
  hours_per_week: 20,
});
const read = await api(`/placements/${placement.id}`, porten);
const invited = await fetch(`${base}/api/v1/placements/${placement.id}/invite`, {
  method: "POST",
  headers: {
    "content-type": "application/json",
    authorization: `Bearer ${porten}`,
    "if-match": `"${read.version}"`,
  },
  body: JSON.stringify({ purpose: "confirm" }),
});
assert.ok(invited.ok, `invite: ${invited.status} ${await invited.clone().text()}`);
const link = (await invited.json()).link;
assert.ok(link && link.includes("/employer/"), `a link: ${link}`);

const routes = [
  ["today", "/"],
  ["register", "/attendance"],
  ["work log", "/work-log"],
  ["production", "/production"],
  ["checks after exits", "/exit-checks"],
  ["participants", "/participants"],
  ["new participant", "/participants/new"],
  ["participant", `/participants/${people[0].id}`],
  ["edit participant", `/participants/${people[0].id}/edit`],
  ["access log", `/participants/${people[0].id}/access-log`],
  ["contact and safety", `/participants/${people[0].id}/contact`],
  ["individual plan", `/participants/${people[0].id}/plan`],
  ["privacy", "/privacy"],
  ["ladders", "/ladders"],
  ["ladder", `/ladders/${ladders[0].id}`],
  ["referrals", "/referrals"],
  ["partners", "/partners"],
  ["agreement", `/agreements/${agreements[0].id}`],
  ["agreement report", `/agreements/${agreements[0].id}/report`],
  ["placements", "/placements"],
  ["placement", `/placements/${(placements[0] ?? placement).id}`],
  ["employers", "/employers"],
  ["employer", `/employers/${employers[0].id}`],
  ["outbox", "/outbox"],
  ["reports", "/reports"],
];

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
const page = await context.newPage();
page.setDefaultTimeout(30_000);
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
const found = [];
// Waits until the page has loaded what it shows, then asks axe.
const check = async (p, name) => {
  await p.waitForLoadState("networkidle");
  await p.locator(".loading").first().waitFor({ state: "detached" }).catch(() => {});
  await p.waitForTimeout(150);
  for (const v of await violations(p)) found.push(`${name}: ${v}`);
};
let failed = false;
try {
  // Login, in each language.
  await page.goto(base);
  await page.getByTestId("login-username").waitFor();
  for (const lang of ["nb", "sv", "en"]) {
    await page.getByTestId("language").selectOption(lang);
    await check(page, `login (${lang})`);
  }
  await page.getByTestId("login-username").fill("admin");
  await page.getByTestId("login-password").fill("demo");
  await page.getByTestId("login-submit").click();
  await page.getByRole("heading", { name: "Today", exact: true }).waitFor();

  for (const [name, path] of routes) {
    await page.goto(`${base}${path}`);
    await page.getByTestId("logout").waitFor();
    await check(page, name);
  }
  await page.goto(`${base}/participants/${people[0].id}`);
  await page.getByTestId("logout").waitFor();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: join(shots, `a11y-${label}-participant.png`), fullPage: true });

  // Dates the reader's way: English "28 Nov 2026", Norwegian "28.11.2026".
  const firstTime = () => page.locator("li.event time").first().textContent();
  await page.locator("li.event time").first().waitFor();
  assert.match((await firstTime()).trim(), /^\d{1,2} [A-Z][a-z]{2} \d{4}$/, "an English date");
  await page.getByTestId("language").selectOption("nb");
  await page.waitForTimeout(200);
  await page.reload();
  await page.locator("li.event time").first().waitFor();
  assert.match((await firstTime()).trim(), /^\d{2}\.\d{2}\.\d{4}$/, "a Norwegian date");
  await page.getByTestId("language").selectOption("en");

  // The report: its first line says in words whether the period is on target; the
  // target line crosses only the outcome's row of the funnel.
  await page.goto(`${base}/reports`);
  await page.getByTestId("key-figures").waitFor();
  const verdict = page.getByTestId("report-verdict");
  if (await verdict.count()) {
    assert.match((await verdict.textContent()).trim(),
      /^(On target: \d+ of \d+ people|Behind target: (\d+|<5) of \d+ people|Fewer than five)/);
    // The report's first line: before its subtitle and its figures.
    const before = await page.evaluate(() => {
      const v = document.querySelector('[data-testid="report-verdict"]');
      const s = document.querySelector('[data-testid="report-subtitle"]');
      return Boolean(v.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(before, "the verdict comes first");
  }
  assert.ok((await page.getByTestId("chart-funnel").getByTestId("target-line").count()) <= 1, "one target line");
  await page.screenshot({ path: join(shots, `a11y-${label}-report.png`), fullPage: true });

  // The organisations, the platform admin's page (an admin is taken home from it).
  const platformContext = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
  const platform = await platformContext.newPage();
  platform.setDefaultTimeout(30_000);
  await signIn(platform, "platform", "en");
  await platform.getByTestId("organisation-row").first().waitFor();
  await check(platform, "organisations");
  await platformContext.close();

  // The employer's page, in Swedish: the server's validation error in Swedish.
  const employerContext = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
  const employer = await employerContext.newPage();
  employer.setDefaultTimeout(30_000);
  await employer.goto(`${base}${new URL(link).pathname}`);
  await employer.getByTestId("supervisor-name").waitFor();
  await check(employer, "employer link");
  await employer.getByTestId("supervisor-name").fill("Bo Berg");
  await employer.getByTestId("employer-confirm").click();
  const error = employer.getByTestId("field-error-supervisor.phone");
  await error.waitFor();
  assert.equal((await error.textContent()).trim(), "Ange ett telefonnummer eller en e-postadress.");
  await check(employer, "employer link with an error");
  await employer.screenshot({ path: join(shots, `a11y-${label}-employer-sv.png`), fullPage: true });
  await employerContext.close();

  assert.deepEqual(errors, [], "no errors in the page");
  assert.deepEqual(found, [], `axe found violations:\n${found.join("\n")}`);
  console.log(`ok - ${label}: ${routes.length + 6} pages pass axe (WCAG 2.1 AA); the Swedish employer page's error is Swedish; dates and the report's verdict read in words`);
} catch (e) {
  failed = true;
  for (const [i, p] of context.pages().entries()) {
    await p.screenshot({ path: join(shots, `failure-a11y-${label}-${i}.png`), fullPage: true }).catch(() => {});
  }
  console.error(`not ok - a11y ${label}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
