// Browser test: a referral that comes by phone. Portalen's coordinator, in
// Norwegian, records it in the inbox on Kristiansand kommune's behalf (a missing
// answer is named first, nothing is written), sees it waiting with who recorded it
// and how, and the municipality sees it over REST as its own; then a person's own
// request is recorded as a self-referral, with no partner. axe finds nothing on the
// inbox with the form open.
import assert from "node:assert/strict";
import { join } from "node:path";
import { violations } from "./axe.mjs";
import { base, label, launch, newPage, partnerToken, shots, signIn } from "./harness.mjs";

// A unique family name (letters only) per run, so earlier runs do not get in the way.
const family = `Telefon${[...String(Date.now()).slice(-6)].map((d) => "abcdefghij"[Number(d)]).join("")}`;

const browser = await launch();
const page = await newPage(browser);
let failed = false;
try {
  await signIn(page, "coordinator", "nb");
  await page.getByRole("heading", { name: "I dag", exact: true }).waitFor();
  await page.getByRole("navigation").getByRole("link", { name: "Henvisninger", exact: true }).click();
  await page.getByTestId("record-referral").click();
  const form = page.getByTestId("record-form");
  await form.getByTestId("record-channel").selectOption("phone");
  const agreement = form.getByTestId("record-agreement");
  await agreement.locator("option", { hasText: "Kristiansand kommune" }).first().waitFor({ state: "attached" });
  const value = await agreement.locator("option", { hasText: "Kristiansand kommune" }).first().getAttribute("value");
  await agreement.selectOption(value);
  await form.getByTestId("record-given_name").fill("Ola");
  await form.getByTestId("record-family_name").fill(family);
  await form.getByTestId("record-birth_date").fill("1991-09-03");
  await form.getByTestId("record-phone").fill("+47 913 45 678");
  await form.getByTestId("record-reason").fill("Saksbehandler ringte: vil prøve arbeid i kafeen");
  await form.getByTestId("record-partner_contact.name").fill("Per Saksbehandler");
  await form.getByTestId("record-partner_contact.phone").fill("+47 38 00 00 00");
  assert.deepEqual(await violations(page), [], "axe on the inbox with the form open");

  // Sent without saying whether the person agreed: the answer is asked for.
  const sent = page.waitForResponse((r) => r.url().endsWith("/api/v1/referrals/recorded"));
  await form.getByTestId("record-save").click();
  assert.equal((await sent).status(), 422, "a missing answer is refused");
  await form.getByTestId("field-error-consent_collected").waitFor();
  const card = () => page.locator(`[data-testid="referral"][data-name="Ola ${family}"]`);
  assert.equal(await card().count(), 0, "nothing recorded yet");

  await form.getByTestId("record-consent-yes").check();
  await form.getByTestId("record-save").click();
  await card().waitFor();
  const recorded = await card().getByTestId("referral-recorded").innerText();
  assert.match(recorded, /Registrert av .+ \(Telefon\)/, "who recorded it and how");
  assert.match(await card().innerText(), /Kristiansand kommune/, "the partner it is for");
  await page.screenshot({ path: join(shots, `referral-record-${label}.png`), fullPage: true });

  // The municipality sees it as its own referral, without the staff member's name.
  const token = await partnerToken("demo-kristiansand");
  const theirs = await (await fetch(`${base}/api/v1/referrals?per_page=200`, {
    headers: { authorization: `Bearer ${token.access_token}` },
  })).json();
  const mine = theirs.items.find((r) => r.family_name === family);
  assert.ok(mine, "the partner lists the recorded referral");
  assert.equal(mine.channel, "phone");
  assert.equal(mine.recorded_by, undefined, "no staff name for the partner");

  // A person who asks to come themselves: no agreement, no partner contact.
  await page.getByTestId("record-referral").click();
  await form.getByTestId("record-channel").selectOption("self_referral");
  const ladder = form.getByTestId("record-ladder");
  await ladder.locator("option").nth(1).waitFor({ state: "attached" });
  await ladder.selectOption({ index: 1 });
  assert.equal(await form.getByTestId("record-partner_contact.name").count(), 0, "no partner contact asked for");
  await form.getByTestId("record-given_name").fill("Siri");
  await form.getByTestId("record-family_name").fill(family);
  await form.getByTestId("record-birth_date").fill("1994-02-11");
  await form.getByTestId("record-email").fill("siri@example.org");
  await form.getByTestId("record-reason").fill("Tok kontakt selv etter et informasjonsmøte");
  await form.getByTestId("record-consent-yes").check();
  await form.getByTestId("record-save").click();
  const own = page.locator(`[data-testid="referral"][data-name="Siri ${family}"]`);
  await own.waitFor();
  assert.match(await own.innerText(), /Selvhenvisning/, "shown as a self-referral");
  console.log(`ok - ${label}: a phone referral and a self-referral recorded in the inbox; the partner sees its own`);
} catch (e) {
  failed = true;
  await page.screenshot({ path: join(shots, `failure-referral-record-${label}.png`), fullPage: true }).catch(() => {});
  console.error(`not ok - referral-record ${label}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
