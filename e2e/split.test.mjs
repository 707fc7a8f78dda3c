// The split web app: the login form comes without any area's module; an
// area's module comes on its first visit; and when it cannot be fetched (the
// network dropped, or a newer build replaced it), the app loads the page again
// instead of staying stopped, and the page shows.
import assert from "node:assert/strict";
import { base, label, launch, signIn } from "./harness.mjs";

const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  const wasm = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith(".wasm")) wasm.push(path);
  });
  await page.goto(base);
  await page.getByTestId("login-username").waitFor();
  assert.deepEqual(wasm.map((p) => p.split("-")[0]), ["/stige_bg"], "the login form loads only the shell");

  await signIn(page, "coordinator", "en");
  await page.getByTestId("today-warnings").waitFor();
  assert.ok(wasm.some((p) => p.startsWith("/split_daily_page")), `Today brought the daily work's module: ${wasm}`);
  assert.ok(!wasm.some((p) => p.startsWith("/split_participant_page")), "not yet the participants' module");

  // The participants' module fails once, as a dropped connection would.
  let refused = 0;
  await page.route(/\/split_participant_page[^/]*\.wasm$/, async (route) => {
    if (refused++ === 0) {
      await route.abort("internetdisconnected");
    } else {
      await route.continue();
    }
  });
  await page.goto(`${base}/participants`);
  await page.getByTestId("participant-row").first().waitFor();
  assert.ok(refused >= 2, `the module was asked for again after the failure (${refused} times)`);
  console.log(`ok - ${label}: the login form without any area's module, Today with its own, the participants' module fetched again after a failure and the list shown`);
} catch (e) {
  failed = true;
  console.error(`not ok - split ${label}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
