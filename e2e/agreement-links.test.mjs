// Browser test: several agreements follow a person. Portalen's coordinator, in
// Norwegian, opens someone Kristiansand kommune pays for, links a second
// agreement of the programme that follows without paying (a second payer is
// refused at the field first), and ends that link again; Kristiansand's own API
// still lists the person. axe finds nothing on the page with the card.
import assert from "node:assert/strict";
import { join } from "node:path";
import { violations } from "./axe.mjs";
import { base, label, launch, newPage, partnerToken, shots, signIn } from "./harness.mjs";

// Whom Kristiansand kommune follows, over its own API.
const token = await partnerToken("demo-kristiansand");
const listed = async () => (await (await fetch(`${base}/api/v1/participants?per_page=200`, {
  headers: { authorization: `Bearer ${token.access_token}` },
})).json()).items;
const people = await listed();
assert.ok(people.length > 0, "Kristiansand follows someone");
const person = people[0].id;

const browser = await launch();
const page = await newPage(browser, { width: 1100, height: 1800 });
let failed = false;
try {
  await signIn(page, "coordinator", "nb");
  await page.getByRole("heading", { name: "I dag", exact: true }).waitFor();
  await page.goto(`${base}/participants/${person}`);
  const card = page.getByTestId("agreement-links-card");
  const links = card.getByTestId("agreement-link");
  await links.first().waitFor();
  const before = await links.count();
  const shown = await card.getByTestId("agreement-links").innerText();
  assert.match(shown, /Kristiansand kommune/, "Kristiansand's link");
  assert.match(shown, /betaler for plassen/, "the paying agreement");
  assert.deepEqual(await violations(page), [], "axe on the participant page with the agreements");

  // Another agreement of the programme: as a second payer it is refused.
  const choice = card.getByTestId("link-choice");
  await choice.locator("option").nth(2).waitFor({ state: "attached" });
  const options = await choice.locator("option").evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  const other = options.find(([value, text]) => value && !shown.includes(text));
  assert.ok(other, "another agreement of the programme to choose");
  await choice.selectOption(other[0]);
  await card.getByTestId("link-pays").check();
  await card.getByTestId("link-add").click();
  await card.getByTestId("field-error-pays").waitFor();
  assert.equal(await links.count(), before, "nothing linked");

  // Following without paying is linked.
  await card.getByTestId("link-pays").uncheck();
  await card.getByTestId("link-add").click();
  await links.nth(before).waitFor();
  const added = links.filter({ hasText: other[1] }).last();
  assert.match(await added.innerText(), /følger/, "it follows");
  await page.screenshot({ path: join(shots, `agreement-links-${label}.png`), fullPage: true });

  // Ended today: it still shows, with its last day.
  await added.getByTestId("link-end").click();
  await added.getByTestId("link-end").waitFor({ state: "detached" });
  assert.ok((await listed()).some((p) => p.id === person), "the paying partner still lists the person");
  console.log(`ok - ${label}: a second agreement linked to participant ${person} as a follower and ended`);
} catch (e) {
  failed = true;
  await page.screenshot({ path: join(shots, `failure-agreement-links-${label}.png`), fullPage: true }).catch(() => {});
  console.error(`not ok - agreement-links ${label}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
