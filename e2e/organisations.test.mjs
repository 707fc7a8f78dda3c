// Browser test: the platform admin lands on the organisations, creates one with its
// first admin (a bad organisation number is refused field by field and adds
// nothing), and the new admin signs in under the organisation's name. Then Portalen's
// admin, given a second programme over the API, switches programme in the header:
// the register, the reports and the participant list take it as their default, and
// the switcher is remembered across a reload. axe checks both pages.
import assert from "node:assert/strict";
import { join } from "node:path";
import { violations } from "./axe.mjs";
import { api, base, label, launch, newPage, shots } from "./harness.mjs";

// A Swedish organisation number (ten digits, Luhn check digit) unique to this run.
const swedishNumber = () => {
  const digits = `55${String(Date.now() % 10_000_000).padStart(7, "0")}`.split("").map(Number);
  const sum = digits
    .map((d, i) => (i % 2 === 0 ? d * 2 : d))
    .map((v) => (v > 9 ? v - 9 : v))
    .reduce((a, b) => a + b, 0);
  return `${digits.join("")}${(10 - (sum % 10)) % 10}`;
};
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
const organisation = `Kvarnen ${run}`;
const number = swedishNumber();
const adminName = `kvarnen-${run}`;

const browser = await launch();
const page = await newPage(browser, { width: 1100, height: 1400 });
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
const found = [];
const check = async (name) => {
  await page.waitForLoadState("networkidle");
  await page.locator(".loading").first().waitFor({ state: "detached" }).catch(() => {});
  await page.waitForTimeout(150);
  for (const v of await violations(page)) found.push(`${name}: ${v}`);
};
const signIn = async (username) => {
  await page.goto(base);
  await page.getByTestId("language").selectOption("en");
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(username === adminName ? "a long first password" : "demo");
  await page.getByTestId("login-submit").click();
};
const signOut = async () => {
  await page.getByTestId("logout").click();
  await page.getByTestId("login-username").waitFor();
};
let failed = false;
try {
  // The platform admin lands on the organisations and is offered nothing with people in it.
  await signIn("platform");
  await page.getByRole("heading", { name: "Organisations", exact: true }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/organisations");
  const nav = page.locator("header nav");
  assert.deepEqual((await nav.getByRole("link").allTextContents()).map((s) => s.trim()), ["Organisations"]);
  const rows = page.getByTestId("organisation-row");
  await rows.first().waitFor();
  const before = await rows.count();
  assert.ok(before >= 2, `the demo's two organisations are listed (${before})`);
  assert.ok((await rows.allTextContents()).some((r) => r.includes("Kirkens Bymisjon") && r.includes("Norway")));
  await check("organisations");

  // A bad organisation number: the field says why, and nothing is added.
  const fill = async (num) => {
    await page.getByTestId("organisation-name").fill(organisation);
    await page.getByTestId("organisation-number").fill(num);
    await page.getByTestId("organisation-language").selectOption("sv");
    await page.getByTestId("organisation-participant-word").fill("deltagare");
    await page.getByTestId("admin-username").fill(adminName);
    await page.getByTestId("admin-display-name").fill("Karin Kvarn");
    await page.getByTestId("admin-password").fill("a long first password");
  };
  const bad = `${number.slice(0, 9)}${(Number(number[9]) + 1) % 10}`;
  await fill(bad);
  await page.getByTestId("organisation-create").click();
  const fieldError = page.getByTestId("field-error-organisation_number");
  await fieldError.waitFor();
  assert.equal((await fieldError.textContent()).trim(), "The check digit does not match. Please check the number.");
  await check("organisations with a field error");
  const afterBad = await api("/organisations", (await api("/auth/login", null, { username: "platform", password: "demo" })).access_token);
  assert.equal(afterBad.length, before, "nothing was added");
  assert.equal(await rows.count(), before);

  // The right number: created, listed, and the form is empty again.
  await page.getByTestId("organisation-number").fill(number);
  await page.getByTestId("organisation-create").click();
  await page.getByTestId("confirmation").waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="organisation-row"]').length === n, before + 1);
  const row = rows.filter({ hasText: organisation });
  assert.equal(await row.count(), 1, "the new organisation is listed once");
  const cells = (await row.locator("td").allTextContents()).map((s) => s.trim());
  assert.deepEqual(cells, [organisation, number, "Sweden", "Svenska"]);
  assert.equal(await fieldError.count(), 0, "the field error is gone");
  assert.equal(await page.getByTestId("organisation-name").inputValue(), "");
  await page.screenshot({ path: join(shots, `organisations-${label}.png`), fullPage: true });

  // The platform admin is taken home from a page with people on it.
  await page.goto(`${base}/participants`);
  await page.getByRole("heading", { name: "Organisations", exact: true }).waitFor();
  await signOut();

  // The new admin signs in under the organisation's name.
  await signIn(adminName);
  await page.getByTestId("organisation").waitFor();
  assert.equal((await page.getByTestId("organisation").textContent()).trim(), organisation);
  assert.equal(await page.getByTestId("programme-switcher").count(), 0, "no programmes, no switcher");
  await signOut();

  // Portalen's admin gets a second programme (an organisation admin holds the
  // admin role in every programme of the organisation), with one step.
  const admin = (await api("/auth/login", null, { username: "admin", password: "demo" })).access_token;
  const ladderName = `Verkstedet ${run}`;
  const ladder = await api("/ladders", admin, { name: ladderName, description: "Snekkerverksted" });
  const stepName = `Benken ${run}`;
  await api(`/ladders/${ladder.id}/steps`, admin, { name: stepName, demand_level: "low", capacity: 6 });
  const me = await api("/auth/me", (await api("/auth/login", null, { username: "admin", password: "demo" })).access_token);
  assert.ok(me.programmes.length >= 2, `the admin works in two programmes (${JSON.stringify(me.programmes)})`);
  // The ladder the reports open on without a choice: the first of the admin's.
  const portalen = (await api("/ladders", admin))[0];
  assert.notEqual(portalen.id, ladder.id);

  // Someone in one programme sees no switcher.
  await signIn("porten-coordinator");
  await page.getByRole("heading", { name: "Today", exact: true }).waitFor();
  await page.getByTestId("logout").waitFor();
  assert.equal(await page.getByTestId("programme-switcher").count(), 0, "one programme, no switcher");
  await signOut();

  await signIn("admin");
  await page.getByRole("heading", { name: "Today", exact: true }).waitFor();
  const switcher = page.getByRole("combobox", { name: "Programme" });
  await switcher.waitFor();
  await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid="programme-switcher"] option')]
    .some((o) => o.textContent.includes(name)), ladderName);
  const options = (await switcher.locator("option:not([disabled])").allTextContents()).map((s) => s.trim());
  assert.ok(options.includes(`${ladderName} · Admin`), `the new programme with the role held: ${options}`);
  assert.ok(options.includes(`${portalen.name} · Admin`), `Portalen with the role held: ${options}`);
  await check("today with the programme switcher");

  // Before a choice, the reports open on the first ladder.
  await page.goto(`${base}/reports`);
  await page.getByTestId("key-figures").waitFor();
  assert.equal(await page.getByTestId("report-ladder").inputValue(), String(portalen.id));

  await switcher.selectOption({ label: `${ladderName} · Admin` });
  // The reports page, opened again, defaults to the chosen programme.
  await page.goto(`${base}/reports`);
  await page.getByTestId("key-figures").waitFor();
  await page.waitForFunction((id) => document.querySelector('[data-testid="report-ladder"]')?.value === id, String(ladder.id));
  assert.equal(await switcher.inputValue(), String(ladder.id), "the choice is remembered across a page load");
  await check("reports in the chosen programme");

  // The whole organisation: both programmes, each opening its own report.
  await page.getByTestId("report-whole-organisation").click();
  await page.getByTestId("organisation-totals").waitFor();
  const programmes = (await page.getByTestId("organisation-programme").locator("th").allTextContents()).map((s) => s.trim());
  assert.deepEqual(programmes.sort(), [portalen.name, ladderName].sort(), `the organisation's programmes: ${programmes}`);
  await check("the organisation's report");
  await page.getByTestId("organisation-programme").locator("th a", { hasText: ladderName }).click();
  await page.waitForFunction((id) => document.querySelector('[data-testid="report-ladder"]')?.value === id, String(ladder.id));

  // The register offers the chosen programme's groups only.
  await page.getByRole("link", { name: "Register", exact: true }).click();
  const group = page.getByTestId("register-group");
  await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid="register-group"] option')]
    .some((o) => o.textContent.includes(name)), stepName);
  const groups = (await group.locator("option").allTextContents()).map((s) => s.trim());
  assert.deepEqual(groups, ["The whole house", `${ladderName} – ${stepName}`]);

  // The participant list filters on the chosen programme.
  await page.getByRole("link", { name: "Participants", exact: true }).click();
  await page.waitForFunction((id) => document.querySelector('[data-testid="filter-ladder"]')?.value === id, String(ladder.id));

  // Back to Portalen: the register offers Portalen's groups again.
  await switcher.selectOption({ label: `${portalen.name} · Admin` });
  await page.getByRole("link", { name: "Register", exact: true }).click();
  await page.waitForFunction((name) => {
    const texts = [...document.querySelectorAll('[data-testid="register-group"] option')].map((o) => o.textContent);
    return texts.length > 2 && texts.slice(1).every((t) => t.startsWith(name));
  }, portalen.name);
  await page.screenshot({ path: join(shots, `programme-switcher-${label}.png`), fullPage: true });

  assert.deepEqual(errors, [], "no errors in the page");
  assert.deepEqual(found, [], `axe found violations:\n${found.join("\n")}`);
  console.log(`ok - ${label}: the platform admin created ${organisation} with its first admin, who signs in under its name; a bad number was refused; the programme switcher sets the register's, the reports' and the list's default`);
} catch (e) {
  failed = true;
  await page.screenshot({ path: join(shots, `failure-organisations-${label}.png`), fullPage: true }).catch(() => {});
  console.error(`not ok - organisations ${label}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
