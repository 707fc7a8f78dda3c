// Browser test: while the server answers that it cannot reach its database
// (503 problem+json "unavailable" with Retry-After), the web app says "Stige
// cannot reach its database, trying again", tries again, and shows the list
// once the server answers again; the notice then goes away.
import assert from "node:assert/strict";
import { join } from "node:path";
import { label, launch, newPage, shots, signIn } from "./harness.mjs";

const browser = await launch();
const page = await newPage(browser, { width: 1100, height: 900 });
let failed = false;
try {
  await signIn(page, "coordinator", "en");
  await page.getByRole("heading", { name: "Today", exact: true }).waitFor();

  // The database "goes away" for the participant list: three answers of 503,
  // as Stige gives them, then the list is served again.
  let refused = 0;
  const outage = async (route) => {
    if (refused < 3) {
      refused += 1;
      await route.fulfill({
        status: 503,
        headers: { "content-type": "application/problem+json", "retry-after": "2" },
        body: JSON.stringify({
          type: "/problems/unavailable",
          title: "Service unavailable",
          status: 503,
          detail: "The database cannot be reached.",
        }),
      });
    } else {
      await route.continue();
    }
  };
  await page.route("**/api/v1/participants?*", outage);
  await page.getByRole("navigation").getByRole("link", { name: "Participants", exact: true }).click();
  const notice = page.getByTestId("database-unreachable");
  await notice.waitFor();
  assert.equal((await notice.innerText()).trim(), "Stige cannot reach its database, trying again…");
  await page.screenshot({ path: join(shots, `outage-${label}-notice.png`), fullPage: true });
  await page.getByTestId("participant-row").first().waitFor();
  assert.equal(refused, 3, "tried again after each refusal");
  await notice.waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("error").count(), 0, "no error once it answered");
  await page.unroute("**/api/v1/participants?*", outage);
  console.log(`outage (${label}): notice shown, list loaded after ${refused} refusals`);
} catch (e) {
  failed = true;
  console.error(e);
  await page.screenshot({ path: join(shots, `outage-${label}-failure.png`), fullPage: true });
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
