// Browser test (issue 28): actions agree with what they show, confirm with a link,
// and each role meets only what it may use. The status form after activating
// (a regression: the action read "exit" while the fields and the request were the
// pause's), the viewer's landing page, a referral accepted in one step with its
// confirmation and link, the board's "confirmed, starting soon" column, and a
// mentor who is not offered placement actions they may not take.
import assert from "node:assert/strict";
import { join } from "node:path";
import { filterByStatus } from "./list.mjs";
import { base, label, launch, newPage, shots, signIn as signInOn } from "./harness.mjs";

const iso = (d) => d.toISOString().slice(0, 10);
const inDays = (n) => { const d = new Date(); d.setUTCDate(d.getUTCDate() + n); return iso(d); };

// The API, for arranging what the browser then checks.
async function token(username) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "demo" }),
  });
  assert.equal(r.status, 200, `login ${username}`);
  return (await r.json()).access_token;
}
async function api(tok, method, path, body, headers = {}) {
  const r = await fetch(`${base}/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${tok}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
/// A placement for `participant`, starting in `days`, confirmed by the employer.
async function confirmedPlacement(tok, participant, days) {
  const employers = await api(tok, "GET", "/employers");
  const p = await api(tok, "POST", "/placements", {
    participant_id: participant, employer_id: employers[0].id, kind: "internship",
    role: "Lager", tasks: "Plukk", start_date: inDays(days), end_date: inDays(days + 60), hours_per_week: 20,
  });
  const sent = await api(tok, "POST", `/placements/${p.id}/invite`, { purpose: "confirm" }, { "if-match": `"${p.version}"` });
  const link = sent.link.slice(sent.link.indexOf("/employer/") + "/employer/".length).trim();
  const r = await fetch(`${base}/api/v1/employer/${link}/confirm`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ supervisor: { name: "Bo Berg", phone: "0480123456" } }),
  });
  assert.equal(r.status, 200, "the employer confirms");
  return p.id;
}

const browser = await launch();
async function signIn(username) {
  const page = await newPage(browser);
  await signInOn(page, username, "en");
  return page;
}
const checks = [];
async function check(name, body) {
  let page;
  try {
    page = await body((p) => (page = p));
    console.log(`ok - ${label}: ${name}`);
  } catch (e) {
    checks.push(name);
    if (page) await page.screenshot({ path: join(shots, `failure-actions-${label}-${name.replace(/\W+/g, "-")}.png`), fullPage: true }).catch(() => {});
    console.error(`not ok - ${label}: ${name}: ${e.message}`);
  }
}

await check("the status form's action and fields agree after a change", async (keep) => {
  const page = keep(await signIn("coordinator"));
  await page.getByRole("heading", { name: "Today", exact: true }).waitFor();
  await page.getByRole("link", { name: "Participants", exact: true }).click();
  await filterByStatus(page, "referred");
  const link = page.locator('[data-testid="participant-row"][data-status="referred"]').first().getByTestId("participant-link");
  await link.click();
  const action = page.getByTestId("status-action");
  await action.selectOption("activate");
  await page.getByTestId("status-submit").click();
  await page.getByTestId("participant-status").filter({ hasText: "Active" }).waitFor();
  await page.getByTestId("confirmation").filter({ hasText: "is now: Active" }).waitFor();
  // What the select shows is what the fields are for, and what is sent.
  assert.equal(await action.inputValue(), "pause", "the first action of an active participant");
  await page.getByTestId("status-planned-return").waitFor();
  assert.equal(await page.getByTestId("status-outcome").count(), 0, "no exit fields under a pause");
  await action.selectOption("exit");
  assert.equal(await page.getByTestId("status-planned-return").count(), 0, "no pause fields under an exit");
  await page.getByTestId("status-outcome").selectOption("education");
  await page.getByTestId("status-submit").click();
  await page.getByTestId("participant-status").filter({ hasText: "Exited" }).waitFor();
  await page.screenshot({ path: join(shots, `actions-${label}-status.png`), fullPage: true });
  return page;
});

await check("the viewer lands on the reports, and pages it may not use lead there", async (keep) => {
  const page = keep(await signIn("viewer"));
  await page.waitForURL(/\/reports$/);
  await page.getByRole("heading", { name: "Programme report" }).waitFor();
  assert.equal(await page.getByText("Your role does not allow this").count(), 0);
  const nav = page.locator("header nav");
  for (const name of ["Today", "Register", "Participants", "Placements"]) {
    assert.equal(await nav.getByRole("link", { name, exact: true }).count(), 0, `no ${name} in the viewer's menu`);
  }
  for (const path of ["/", "/attendance", "/participants"]) {
    await page.goto(base + path);
    await page.waitForURL(/\/reports$/);
    assert.equal(await page.getByText("Your role does not allow this").count(), 0, `${path} sends the viewer home`);
  }
  assert.equal(await page.getByTestId("register-save").count(), 0);
  await page.screenshot({ path: join(shots, `actions-${label}-viewer.png`), fullPage: true });
  return page;
});

await check("a referral is accepted in one step, confirmed with a link to the participant", async (keep) => {
  const page = keep(await signIn("coordinator"));
  await page.getByRole("link", { name: "Referrals", exact: true }).click();
  const card = page.getByTestId("referral").first();
  const name = await card.getAttribute("data-name");
  await card.getByTestId("triage-accept").click();
  const form = card.getByTestId("accept-form");
  const step = form.getByTestId("accept-step");
  await step.locator("option").nth(1).waitFor({ state: "attached" });
  const stepName = (await step.locator("option").nth(1).innerText()).trim();
  await step.selectOption({ index: 1 });
  await form.getByTestId("accept-mentor").selectOption({ index: 1 });
  await form.getByTestId("accept-start").fill(inDays(0));
  await form.getByTestId("accept-submit").click();
  const done = page.getByTestId("confirmation");
  await done.filter({ hasText: `${name} is now a participant` }).waitFor();
  await done.getByTestId("confirmation-link").click();
  await page.getByTestId("participant-name").filter({ hasText: name }).waitFor();
  assert.equal((await page.getByTestId("participant-status").innerText()).trim(), "Active");
  assert.match(await page.getByTestId("current-step").innerText(), new RegExp(stepName));
  assert.notEqual((await page.getByTestId("mentor-list").innerText()).trim(), "–");
  await page.getByTestId("referred-by").waitFor();
  assert.notEqual((await page.getByTestId("referral-reason").innerText()).trim(), "");
  await page.screenshot({ path: join(shots, `actions-${label}-accepted.png`), fullPage: true });
  return page;
});

await check("a confirmed placement starting in three weeks stays on the board", async (keep) => {
  const tok = await token("coordinator");
  const people = await api(tok, "GET", "/participants?status=active&per_page=50");
  const person = people.items[people.items.length - 1];
  await confirmedPlacement(tok, person.id, 21);
  const page = keep(await signIn("coordinator"));
  await page.getByRole("link", { name: "Placements", exact: true }).click();
  const column = page.getByTestId("board-confirmed");
  await column.getByRole("heading", { name: "Confirmed, starting soon" }).waitFor();
  await column.getByTestId("placement-line").filter({ hasText: `${person.given_name} ${person.family_name}` }).first().waitFor();
  await page.screenshot({ path: join(shots, `actions-${label}-board.png`), fullPage: true });
  return page;
});

await check("a placement action confirms with the person's name and a link to them", async (keep) => {
  const tok = await token("coordinator");
  const people = await api(tok, "GET", "/participants?status=active&per_page=50");
  const person = people.items[Math.floor(people.items.length / 2)];
  const placement = await confirmedPlacement(tok, person.id, 0);
  const page = keep(await signIn("coordinator"));
  await page.getByRole("heading", { name: "Today", exact: true }).waitFor();
  await page.goto(`${base}/placements/${placement}`);
  await page.getByTestId("placement-status").filter({ hasText: "Active" }).waitFor();
  const endEarly = page.getByTestId("placement-end-early");
  await endEarly.getByRole("textbox").fill("Moved to another town");
  await endEarly.getByRole("button").click();
  const done = page.getByTestId("confirmation");
  await done.filter({ hasText: person.given_name }).waitFor();
  // The page reloads the placement after the action: click once it shows
  // the new status, so the click does not land while the card is redrawn.
  await page.getByTestId("placement-status").filter({ hasText: "Ended early" }).waitFor();
  await done.getByTestId("confirmation-link").click();
  await page.getByTestId("participant-name").filter({ hasText: person.given_name }).waitFor();
  assert.match(page.url(), new RegExp(`/participants/${person.id}$`));
  return page;
});

await check("a mentor is not offered placement actions a mentor may not take", async (keep) => {
  const mentorTok = await token("mentor");
  const own = await api(mentorTok, "GET", "/participants?status=active&per_page=50");
  assert.ok(own.items.length > 0, "the mentor has active participants");
  const placement = await confirmedPlacement(await token("coordinator"), own.items[0].id, 0);
  const page = keep(await signIn("mentor"));
  await page.getByRole("heading", { name: "Today", exact: true }).waitFor();
  await page.goto(`${base}/placements/${placement}`);
  await page.getByTestId("placement-status").filter({ hasText: "Active" }).waitFor();
  for (const id of ["placement-extend", "placement-end-early", "placement-complete", "invite-completion", "invite-confirm"]) {
    assert.equal(await page.getByTestId(id).count(), 0, `no ${id} for a mentor`);
  }
  assert.equal(await page.locator("header nav").getByRole("link", { name: "Placements", exact: true }).count(), 0);
  await page.screenshot({ path: join(shots, `actions-${label}-mentor-placement.png`), fullPage: true });
  return page;
});

await browser.close();
process.exit(checks.length ? 1 : 0);
