// Browser test: a change proposal. Kristiansand kommune proposes over its API to
// end the participation of someone it follows, who got a job; Portalen's
// coordinator, in Norwegian, sees the proposal in the inbox, accepts it with a
// comment, and the person has exited; the municipality sees the decision. axe
// finds nothing on the inbox with the proposal.
import assert from "node:assert/strict";
import { join } from "node:path";
import { violations } from "./axe.mjs";
import { base, label, launch, newPage, partnerToken, shots, signIn } from "./harness.mjs";

const token = await partnerToken("demo-kristiansand");
const auth = { authorization: `Bearer ${token.access_token}` };
const people = (await (await fetch(`${base}/api/v1/participants?per_page=200`, { headers: auth })).json()).items;
const person = people.find((p) => p.enrolment_status === "active");
assert.ok(person, "Kristiansand follows someone active who consented to share the status");
const proposed = await fetch(`${base}/api/v1/participants/${person.id}/proposals`, {
  method: "POST",
  headers: { ...auth, "content-type": "application/json", "idempotency-key": `e2e-${label}-${Date.now()}` },
  body: JSON.stringify({ kind: "end", end_reason: "got_job", text: "Har fått fast jobb på bakeriet" }),
});
assert.equal(proposed.status, 201, "proposal made");
const proposal = await proposed.json();

const browser = await launch();
const page = await newPage(browser);
let failed = false;
try {
  await signIn(page, "coordinator", "nb");
  await page.getByRole("heading", { name: "I dag", exact: true }).waitFor();
  await page.getByRole("navigation").getByRole("link", { name: "Henvisninger", exact: true }).click();
  const card = page.locator(`[data-testid="proposal"][data-name="${person.given_name} ${person.family_name}"]`);
  await card.waitFor();
  assert.match(await card.getByTestId("proposal-what").innerText(), /Avslutt deltakelsen: fått jobb/, "what is proposed");
  assert.deepEqual(await violations(page), [], "axe on the inbox with a proposal");
  await card.getByTestId("proposal-comment").fill("Gratulerer! Vi tar farvel fredag.");
  await card.getByTestId("proposal-accept").click();
  await card.waitFor({ state: "detached" });
  await page.screenshot({ path: join(shots, `proposals-${label}.png`), fullPage: true });
  await page.goto(`${base}/participants/${person.id}`);
  await page.getByTestId("participant-status").filter({ hasText: "Avsluttet" }).waitFor();
  const seen = (await (await fetch(`${base}/api/v1/proposals`, { headers: auth })).json())
    .find((p) => p.id === proposal.id);
  assert.equal(seen.status, "accepted", "the municipality sees the decision");
  assert.equal(seen.comment, "Gratulerer! Vi tar farvel fredag.");
  console.log(`ok - ${label}: Kristiansand proposed an end for participant ${person.id}; the coordinator accepted it in the inbox`);
} catch (e) {
  failed = true;
  await page.screenshot({ path: join(shots, `failure-proposals-${label}.png`), fullPage: true }).catch(() => {});
  console.error(`not ok - proposals ${label}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
