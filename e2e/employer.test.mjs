// Browser test: staff invite an employer to confirm a placement on its page, which
// shows the new link once (the outbox shows the message without it); the employer
// opens the link (no login), confirms with a supervisor's name; staff then see the
// placement confirmed and move the participant to the internship step.
import assert from "node:assert/strict";
import { join } from "node:path";
import { base, label, launch, shots, signIn } from "./harness.mjs";

// Staff set up the placement over the API, as the web app would.
// `version`: the one last read, sent as If-Match for changes that need it.
const api = async (path, token, body, version) => {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: body ? "POST" : "GET",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(version !== undefined ? { "if-match": `"${version}"` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `${path}: ${response.status} ${await response.clone().text()}`);
  return response.json();
};
const login = await api("/auth/login", null, { username: "coordinator", password: "demo" });
const staff = login.access_token;
const people = await api("/participants?status=active&per_page=200", staff);
// Someone not yet on a work-like step, so the move is visible.
let person = null;
for (const p of people.items) {
  const detail = await api(`/participants/${p.id}`, staff);
  const ladder = await api(`/ladders/${detail.ladder.id}`, staff);
  const workLike = ladder.steps.find((s) => s.demand_level === "work_like");
  if (workLike && detail.current_step && detail.current_step.id !== workLike.id) {
    const occupied = workLike.occupied ?? 0;
    if (workLike.capacity == null || occupied < workLike.capacity) {
      person = { ...detail, workLike };
      break;
    }
  }
}
assert.ok(person, "an active participant who can move to a work-like step");
const employers = await api("/employers", staff);
const today = new Date();
const iso = (d) => d.toISOString().slice(0, 10);
const start = new Date(today.getTime() + 10 * 86400000);
const end = new Date(today.getTime() + 70 * 86400000);
const placement = await api("/placements", staff, {
  participant_id: person.id,
  employer_id: employers[0].id,
  kind: "internship",
  role: "Lager",
  tasks: "Plock och pack",
  start_date: iso(start),
  end_date: iso(end),
  hours_per_week: 20,
});
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
await context.grantPermissions(["clipboard-read", "clipboard-write"]);
// The employer has no session of the staff's: a browser context of its own.
const employerContext = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
const staffPage = await context.newPage();
staffPage.setDefaultTimeout(30_000);
let failed = false;
try {
  // Staff send the invitation from the placement's page: the link is shown there,
  // once, with a copy button.
  await signIn(staffPage, "coordinator", "en");
  await staffPage.getByRole("heading", { name: "Today", exact: true }).waitFor();
  await staffPage.goto(`${base}/placements/${placement.id}`);
  await staffPage.getByTestId("invite-confirm").click();
  await staffPage.getByTestId("invitation-link").filter({ hasText: "only this once" }).waitFor();
  const link = (await staffPage.getByTestId("invitation-link-value").textContent()).trim();
  assert.match(link, /^https?:\/\/\S+\/employer\/[A-Za-z0-9_-]{43}$/, "a working link");
  const token = link.split("/employer/")[1];
  await staffPage.getByTestId("invitation-link-copy").click();
  await staffPage.getByTestId("invitation-link-copy").filter({ hasText: "Copied" }).waitFor();
  await staffPage.screenshot({ path: join(shots, `employer-${label}-link-once.png`), fullPage: true });
  await staffPage.reload();
  await staffPage.getByTestId("placement-status").filter({ hasText: "Awaiting" }).waitFor();
  assert.equal(await staffPage.getByTestId("invitation-link").count(), 0, "shown once only");

  // The outbox shows the message, with the link's token left out, and names no participant.
  const outbox = await api("/outbox", staff);
  const message = outbox.find((m) => m.placement_id === placement.id);
  assert.ok(message, "the message is in the outbox");
  assert.ok(message.body.includes("/employer/…"), message.body);
  assert.ok(!JSON.stringify(outbox).includes(token), "the outbox API holds no token");
  assert.ok(!`${message.subject} ${message.body}`.includes(person.family_name), "no participant name");
  await staffPage.goto(`${base}/outbox`);
  const card = staffPage.getByTestId("outbox-message").filter({ hasText: "/employer/…" }).first();
  await card.waitFor();
  // The e-mail names no participant; the card leads staff to the placement.
  assert.equal(await card.getByRole("link", { name: "The placement" }).getAttribute("href"), `/placements/${placement.id}`);
  assert.ok(!(await staffPage.content()).includes(token), "the outbox page shows no token");
  await staffPage.screenshot({ path: join(shots, `employer-${label}-outbox.png`), fullPage: true });

  // The employer: no login, only the placement.
  const path = new URL(link).pathname;
  const page = await employerContext.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${base}${path}`);
  await page.getByTestId("employer-participant").filter({ hasText: person.given_name }).waitFor();
  assert.equal(await page.getByTestId("login-username").count(), 0, "no login form");
  await page.getByTestId("supervisor-name").fill("Bo Berg");
  await page.getByTestId("supervisor-phone").fill("+46 480 12 34 56");
  await page.getByTestId("employer-confirm").click();
  await page.getByTestId("employer-done").waitFor();
  await page.screenshot({ path: join(shots, `employer-${label}-confirmed.png`), fullPage: true });
  // The link takes one decision.
  await page.goto(`${base}${path}`);
  await page.getByTestId("employer-link-error").waitFor();

  // Staff: the placement is confirmed; move the participant to the internship step.
  await staffPage.getByRole("navigation").getByRole("link", { name: "Placements", exact: true }).click();
  await staffPage.getByTestId("board-starting").or(staffPage.getByTestId("board-active")).first().waitFor();
  await staffPage.goto(`${base}/placements/${placement.id}`);
  await staffPage.getByTestId("placement-status").filter({ hasText: "Confirmed" }).waitFor();
  await staffPage.getByTestId("placement-supervisor").filter({ hasText: "Bo Berg" }).waitFor();
  // Record it as the ladder's parallel activity too (the demo ladders have one each).
  await staffPage.getByTestId("record-activity").click();
  await staffPage.getByTestId("placement-activity").filter({ hasText: "Recorded as" }).waitFor();
  const recorded = await api(`/placements/${placement.id}`, staff);
  assert.ok(recorded.activity, "recorded as a parallel activity");
  await staffPage.getByTestId("move-to-internship").click();
  await staffPage.getByTestId("placement-notice").filter({ hasText: person.workLike.name }).waitFor();
  const after = await api(`/participants/${person.id}`, staff);
  assert.equal(after.current_step.id, person.workLike.id, "moved to the internship step");
  await staffPage.screenshot({ path: join(shots, `employer-${label}-staff.png`), fullPage: true });
  console.log(`ok - ${label}: employer confirmed placement ${placement.id} with supervisor Bo Berg; ${person.given_name} recorded as ${recorded.activity.name}; moved to ${person.workLike.name}`);
} catch (e) {
  failed = true;
  for (const [i, p] of [...context.pages(), ...employerContext.pages()].entries()) {
    await p.screenshot({ path: join(shots, `failure-employer-${label}-${i}.png`), fullPage: true }).catch(() => {});
  }
  console.error(`not ok - employer ${label}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
