// Browser test: single sign-on through a real OpenID provider (the
// `oidc-provider` package, e2e/oidc-provider.mjs, started by `cargo xtask test`
// at STIGE_OIDC_ISSUER). The login page offers "Sign in with Kommune-ID"; the
// coordinator Kari signs in at the provider and lands in Stige signed in,
// created with the role her group maps to. A user whose group maps to no role
// comes back to the login page with the reason. axe checks the login page.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { violations } from "./axe.mjs";

const base = process.env.STIGE_URL;
const issuer = process.env.STIGE_OIDC_ISSUER;
if (!base || !issuer) {
  console.error("Set STIGE_URL to a `stige serve --demo` with single sign-on through STIGE_OIDC_ISSUER (e2e/oidc-provider.mjs).");
  process.exit(2);
}
const label = process.env.STIGE_E2E_LABEL ?? "run";
const shots = join(dirname(fileURLToPath(import.meta.url)), "..", "target", "e2e");
mkdirSync(shots, { recursive: true });

// The provider learns Stige's callback (Stige started after it).
const registered = await fetch(`${issuer}/test/redirect-uris`, {
  method: "POST",
  body: `${base}/api/v1/auth/oidc/callback`,
});
assert.equal(registered.status, 204);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
});
let failed = false;
const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(20_000);
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
try {
  const signIn = async (page, username) => {
    await page.goto(base);
    const button = page.getByTestId("login-sso");
    await button.waitFor({ state: "visible" });
    assert.match(await button.textContent(), /Kommune-ID/);
    await button.click();
    await page.waitForURL((url) => url.href.startsWith(issuer));
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(`${username}-password`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.href.startsWith(base));
  };

  await page.goto(base);
  await page.getByTestId("login-sso").waitFor({ state: "visible" });
  // The password form stays: password sign-in is on in the demo.
  await page.getByTestId("login-username").waitFor({ state: "visible" });
  const found = await violations(page);

  await signIn(page, "kari");
  await page.getByTestId("logout").waitFor({ state: "visible" });
  assert.equal(await page.getByTestId("organisation").textContent(), "Kirkens Bymisjon Kristiansand");
  assert.ok(!page.url().includes("sign_in"), `the one-time code leaves the address: ${page.url()}`);
  await page.screenshot({ path: join(shots, `sso-signed-in-${label}.png`), fullPage: true });
  assert.match(await page.locator(".who").textContent(), /Kari Nordmann/);
  await page.getByTestId("logout").click();
  await page.getByTestId("login-sso").waitFor({ state: "visible" });

  // Another person, in a browser of their own (the provider remembers Kari's sign-in).
  const other = await (await browser.newContext()).newPage();
  other.setDefaultTimeout(20_000);
  await signIn(other, "per");
  const refusal = other.getByTestId("sso-error");
  await refusal.waitFor({ state: "visible" });
  assert.match(await refusal.textContent(), /role in Stige|rolle i Stige|roll i Stige/);
  assert.ok(!other.url().includes("sign_in_error"), "the reason leaves the address once shown");
  await other.screenshot({ path: join(shots, `sso-refused-${label}.png`), fullPage: true });

  assert.deepEqual(errors, [], "no errors in the page");
  assert.deepEqual(found, [], `axe found violations on the login page:\n${found.join("\n")}`);
  console.log(`ok - ${label}: signed in through the identity provider as a coordinator; an unknown group came back with its reason`);
} catch (e) {
  failed = true;
  await page.screenshot({ path: join(shots, `failure-sso-${label}.png`), fullPage: true }).catch(() => {});
  console.error(`not ok - sso ${label}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
