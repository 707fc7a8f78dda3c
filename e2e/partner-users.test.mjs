// Browser test: a partner user. Portalen's admin invites a caseworker at
// Kristiansand kommune to the partner view on the agreement's page; the
// caseworker chooses a password with the link, signs in, lands on the partner
// view and sees exactly what Kristiansand's own system sees of each person
// (scope ∩ consent); proposes to end the participation of someone who got a
// job; the coordinator accepts it in the inbox; the caseworker sees it
// accepted. Staff pages take them back to the partner view and staff
// endpoints refuse their session. axe finds nothing on the partner view.
import assert from "node:assert/strict";
import { join } from "node:path";
import { violations } from "./axe.mjs";
import { base, label, launch, newPage, partnerToken, shots, signIn } from "./harness.mjs";

const token = await partnerToken("demo-kristiansand");
const auth = { authorization: `Bearer ${token.access_token}` };
const seenByApi = (await (await fetch(`${base}/api/v1/participants?per_page=200`, { headers: auth })).json()).items;
const person = seenByApi.find((p) => p.enrolment_status === "active");
assert.ok(person, "Kristiansand follows someone active who consented to share the status");
const agreementId = JSON.parse(Buffer.from(token.access_token.split(".")[1], "base64url").toString()).agr;

// The category labels the partner view shows, per field of the API's answer.
const labels = {
  enrolment_status: "Enrolment status",
  current_step: "Current step",
  attendance_rate: "Attendance rate",
  goals_summary: "Goals summary",
  outcome: "Outcome",
  outcomes_after_exit: "Situation before, at and after the exit",
  contact_details: "Contact details (phone, e-mail, address)",
  plan: "Individual plan",
  work_capacity: "Work capacity (hours a week and independence, last four weeks)",
};
const shared = (p) => Object.keys(labels).filter((k) => p[k] !== undefined && p[k] !== null).map((k) => labels[k]).sort();

const browser = await launch();
const open = async () => {
  const page = await newPage(browser);
  return page;
};
const admin = await open();
const caseworker = await open();
const username = `per.${label}`.toLowerCase().replace(/[^a-z0-9._-]/g, "-");
let failed = false;
try {
  // The admin invites the caseworker on the agreement's page.
  await signIn(admin, "admin", "en");
  await admin.getByRole("heading", { name: "Today", exact: true }).waitFor();
  await admin.goto(`${base}/agreements/${agreementId}`);
  const card = admin.getByTestId("partner-users");
  await card.waitFor();
  await card.getByTestId("partner-user-display-name").fill("Per Saksbehandler");
  await card.getByTestId("partner-user-username").fill(username);
  await card.getByTestId("partner-user-invite").click();
  const link = (await card.getByTestId("partner-user-link-value").innerText()).trim();
  assert.match(link, /\/reset-password#token=[\w-]{20,}$/, "a one-time link");
  await card.getByTestId("partner-user").filter({ hasText: "Per Saksbehandler" }).waitFor();

  // The caseworker chooses a password and signs in.
  const url = new URL(link);
  await caseworker.goto(`${base}${url.pathname}${url.hash}`);
  await caseworker.getByTestId("password-new").fill("caseworker passphrase");
  await caseworker.getByTestId("password-repeat").fill("caseworker passphrase");
  await caseworker.getByTestId("password-change").click();
  await caseworker.getByTestId("confirmation").waitFor();
  await caseworker.goto(base);
  await caseworker.getByTestId("language").selectOption("en");
  await caseworker.getByTestId("login-username").fill(username);
  await caseworker.getByTestId("login-password").fill("caseworker passphrase");
  await caseworker.getByTestId("login-submit").click();
  await caseworker.getByRole("heading", { name: "Partner view", exact: true }).waitFor();
  assert.match(await caseworker.getByTestId("followed-agreement").innerText(), /Kristiansand/);
  assert.match(await caseworker.getByTestId("my-account").innerText(), /Partner user/);

  // Exactly the people, and of each exactly the categories, the API shares.
  const cards = caseworker.getByTestId("partner-person");
  await cards.first().waitFor();
  assert.equal(await cards.count(), seenByApi.length, "the same people as Kristiansand's system");
  for (const p of seenByApi) {
    const one = cards.filter({ has: caseworker.getByRole("heading", { name: `${p.given_name} ${p.family_name}`, exact: true }) });
    const shown = (await one.locator("dt").allInnerTexts()).map((t) => t.trim()).sort();
    assert.deepEqual(shown, shared(p), `what is shown of ${p.given_name} ${p.family_name}`);
  }
  assert.deepEqual(await violations(caseworker), [], "axe on the partner view");

  // A proposal to end, which the coordinator accepts.
  const mine = cards.filter({ has: caseworker.getByRole("heading", { name: `${person.given_name} ${person.family_name}`, exact: true }) });
  await mine.getByTestId("propose-change").click();
  await mine.getByTestId("proposal-kind").selectOption("end");
  assert.deepEqual(await violations(caseworker), [], "axe on the partner view with the proposal form open");
  await mine.getByTestId("proposal-reason").selectOption("got_job");
  await mine.getByTestId("proposal-text").fill("Has a job at the bakery from Monday");
  await mine.getByTestId("proposal-send").click();
  await caseworker.getByTestId("confirmation").waitFor();
  const row = caseworker.getByTestId("partner-proposal").filter({ hasText: `${person.given_name} ${person.family_name}` });
  assert.equal((await row.getByTestId("partner-proposal-status").innerText()).trim(), "Waiting for the programme");

  const coordinator = await open();
  await signIn(coordinator, "coordinator", "en");
  await coordinator.getByRole("heading", { name: "Today", exact: true }).waitFor();
  await coordinator.goto(`${base}/referrals`);
  const proposal = coordinator.locator(`[data-testid="proposal"][data-name="${person.given_name} ${person.family_name}"]`);
  await proposal.waitFor();
  await proposal.getByTestId("proposal-comment").fill("Congratulations!");
  await proposal.getByTestId("proposal-accept").click();
  await proposal.waitFor({ state: "detached" });

  await caseworker.reload();
  await row.getByTestId("partner-proposal-status").filter({ hasText: "Accepted" }).waitFor();
  await caseworker.screenshot({ path: join(shots, `partner-view-${label}.png`), fullPage: true });

  // Staff pages lead back to the partner view; staff endpoints refuse.
  await caseworker.goto(`${base}/participants`);
  await caseworker.getByRole("heading", { name: "Partner view", exact: true }).waitFor();
  assert.match(caseworker.url(), /\/partner$/);
  const session = await (await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "caseworker passphrase" }),
  })).json();
  const staffOnly = await fetch(`${base}/api/v1/participants/${person.id}/follow-ups`, {
    headers: { authorization: `Bearer ${session.access_token}` },
  });
  assert.equal(staffOnly.status, 403, "a staff endpoint refuses a partner user");
  console.log(`ok - ${label}: a partner user invited on the agreement's page saw exactly scope ∩ consent of ${seenByApi.length} people and proposed an end the coordinator accepted`);
} catch (e) {
  failed = true;
  await caseworker.screenshot({ path: join(shots, `failure-partner-users-${label}.png`), fullPage: true }).catch(() => {});
  await admin.screenshot({ path: join(shots, `failure-partner-users-admin-${label}.png`), fullPage: true }).catch(() => {});
  console.error(`not ok - partner users ${label}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
