// Browser test: a municipality refers a person over the API; the coordinator triages
// the referral into a participant in the inbox, starts them on the ladder, and sees
// them counted on the agreement's place usage and report.
import assert from "node:assert/strict";
import { join } from "node:path";
import { base, label, launch, newPage, shots, signIn } from "./harness.mjs";

// The partner side, over REST, as demo-kristiansand.
const tokenResponse = await fetch(`${base}/api/v1/auth/token`, {
  method: "POST",
  headers: {
    authorization: `Basic ${Buffer.from("demo-kristiansand:demo").toString("base64")}`,
    "content-type": "application/x-www-form-urlencoded",
  },
  body: "grant_type=client_credentials",
});
assert.equal(tokenResponse.status, 200, "partner token");
const token = await tokenResponse.json();
const agreement = Number(/agreement:(\d+)/.exec(token.scope)[1]);
// A unique family name (letters only) per run, so earlier runs do not get in the way.
const family = `Testperson${[...String(Date.now()).slice(-6)].map((d) => "abcdefghij"[Number(d)]).join("")}`;
const referralResponse = await fetch(`${base}/api/v1/referrals`, {
  method: "POST",
  headers: {
    authorization: `Bearer ${token.access_token}`,
    "content-type": "application/json",
    "idempotency-key": `e2e-${label}-${Date.now()}`,
  },
  body: JSON.stringify({
    given_name: "Ebba",
    family_name: family,
    birth_date: "1991-02-03",
    reason: "Wants a structured day",
    partner_contact: { name: "Per Saksbehandler", phone: "+47 38 00 00 00" },
    consent_collected: true,
  }),
});
assert.equal(referralResponse.status, 201, "referral created");
const referral = await referralResponse.json();

const browser = await launch();
const page = await newPage(browser);
let failed = false;
const usage = async () => {
  const text = await page.getByTestId("place-usage").first().innerText();
  return Number(/(\d+) of/.exec(text)[1]);
};
try {
  await signIn(page, "coordinator", "en");
  await page.getByRole("heading", { name: "Today", exact: true }).waitFor();

  // The agreement before: place usage and starts.
  await page.getByRole("navigation").getByRole("link", { name: "Partners", exact: true }).click();
  await page.getByRole("link", { name: "Kristiansand kommune" }).click();
  await page.getByTestId("report-starts").waitFor();
  const usedBefore = await usage();
  const startsBefore = (await page.getByTestId("report-starts").innerText()).trim();

  // Triage in the inbox: assess, then accept.
  await page.getByRole("navigation").getByRole("link", { name: "Referrals", exact: true }).click();
  const card = () => page.locator(`[data-testid="referral"][data-name="Ebba ${family}"]`);
  await card().getByTestId("triage-assess").click();
  await page.getByTestId("referral-status-filter").selectOption("in_assessment");
  // The accept reaches Stige only after the user has switched to the accepted
  // referrals, whose list is then loaded without it: the inbox must still show
  // the person once the accept is written.
  const slowAccept = async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  };
  await page.route(`**/api/v1/referrals/${referral.id}/triage`, slowAccept);
  // Accept without a first step: the person waits as "referred", started below.
  await card().getByTestId("triage-accept").click();
  await card().getByTestId("accept-submit").click();
  await page.getByTestId("referral-status-filter").selectOption("accepted");
  await card().getByTestId("referral-participant").click();
  await page.getByTestId("participant-name").filter({ hasText: `Ebba ${family}` }).waitFor();

  // Start them: activate and place on the first step. Anything the page loads
  // after the activation comes late here, as on a slow network: the move the
  // user has begun to enter by then must still be sent as entered.
  const slowLadder = async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  };
  await page.getByTestId("status-action").selectOption("activate");
  await page.route("**/api/v1/ladders/*", slowLadder);
  await page.getByTestId("status-submit").click();
  await page.getByTestId("participant-status").filter({ hasText: "Active" }).waitFor();
  const firstStep = await page.getByTestId("move-step").locator("option").nth(0).getAttribute("value");
  await page.getByTestId("move-step").selectOption(firstStep);
  await page.getByTestId("move-reason").fill("Starts in the work community");
  // The user pauses before sending: whatever the page still loads arrives meanwhile.
  await page.waitForTimeout(1_000);
  assert.equal(await page.getByTestId("move-reason").inputValue(), "Starts in the work community", "the move as entered");
  await page.getByTestId("move-submit").click();
  await page.getByTestId("current-step").filter({ hasNotText: "–" }).waitFor();
  await page.unroute("**/api/v1/ladders/*", slowLadder);
  await page.screenshot({ path: join(shots, `partners-${label}-participant.png`), fullPage: true });

  // The agreement counts them.
  await page.goto(`${base}/agreements/${agreement}`);
  await page.getByTestId("report-starts").waitFor();
  assert.equal(await usage(), usedBefore + 1, "one more place in use");
  const startsAfter = (await page.getByTestId("report-starts").innerText()).trim();
  // The coordinator sees exact figures.
  assert.match(startsBefore, /^\d+$/, "an exact count for the coordinator");
  assert.equal(Number(startsAfter), Number(startsBefore) + 1, "one more start");
  await page.goto(`${base}/agreements/${agreement}/report`);
  await page.getByTestId("report").getByTestId("report-starts").waitFor();
  // The partner's own answer is under disclosure control.
  const own = await (await fetch(`${base}/api/v1/agreements/${agreement}/report`, {
    headers: { authorization: `Bearer ${token.access_token}` },
  })).json();
  assert.equal(own.disclosure, "controlled", "the partner's report is under disclosure control");
  assert.match(String(own.starts), /^(0|<5|\d*[05])$/, "the partner's starts rounded");
  await page.screenshot({ path: join(shots, `partners-${label}-report.png`), fullPage: true });

  // And the partner sees the decision on its referral.
  const seen = await (await fetch(`${base}/api/v1/referrals/${referral.id}`, {
    headers: { authorization: `Bearer ${token.access_token}` },
  })).json();
  assert.equal(seen.status, "accepted");
  console.log(`ok - ${label}: referral ${referral.id} triaged into participant ${seen.participant_id}; places used ${usedBefore} -> ${usedBefore + 1}, starts ${startsBefore} -> ${startsAfter}`);
} catch (e) {
  failed = true;
  await page.screenshot({ path: join(shots, `failure-partners-${label}.png`), fullPage: true }).catch(() => {});
  console.error(`not ok - partners ${label}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
