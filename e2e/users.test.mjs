// Browser test: the demo admin adds a user, gives them another role and a
// password reset link (shown once); the person opens the link in a browser of
// their own, chooses a password, logs in, changes it on My account and logs out
// everywhere. Then the warning a minute before an unused session ends, on the
// app's own clock: it shows as a modal alert dialog with the focus on "Stay
// logged in", Enter keeps the session, and when the time runs out the app
// logs out and says why. axe finds nothing on the new pages.
import assert from "node:assert/strict";
import { join } from "node:path";
import { violations } from "./axe.mjs";
import { base, label, launch, newPage, shots } from "./harness.mjs";

// A username of its own per run, so earlier runs do not get in the way.
const username = `e2e-${Date.now().toString(36)}`;
const name = "Eva Testbruker";

const browser = await launch();
const pages = [];
let failed = false;
let step = "";

async function open() {
  const page = await newPage(browser, { width: 1100, height: 1400 });
  pages.push(page);
  return page;
}

async function logIn(page, user, password) {
  await page.goto(base);
  await page.getByTestId("language").selectOption("en");
  await page.getByTestId("login-username").fill(user);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("logout").waitFor();
}

async function noViolations(page, what) {
  const found = await violations(page);
  assert.deepEqual(found, [], `axe on ${what}`);
}

const row = (page) => page.locator(`[data-testid="user-row"][data-username="${username}"]`);
const confirmation = (page, text) =>
  page.getByTestId("confirmation").filter({ hasText: text }).waitFor();

try {
  // The admin adds the user, as a mentor.
  const admin = await open();
  await logIn(admin, "admin", "demo");
  await admin.getByRole("navigation").getByRole("link", { name: "Users", exact: true }).click();
  await admin.getByRole("heading", { name: "Users", exact: true }).waitFor();
  await admin.getByTestId("new-user-username").fill(username);
  await admin.getByTestId("new-user-display-name").fill(name);
  await admin.getByTestId("new-user-password").fill("a first passphrase");
  await admin.getByTestId("new-user-role").selectOption("mentor");
  await admin.getByTestId("new-user-create").click();
  await confirmation(admin, `${name} is created`);
  assert.equal(await row(admin).getByTestId("user-last-sign-in").innerText(), "Never");
  await noViolations(admin, "the users page");

  // A new role: coordinator.
  await row(admin).getByTestId("user-role").selectOption("coordinator");
  await row(admin).getByTestId("user-role-save").click();
  await confirmation(admin, `${name} has a new role`);
  assert.equal(await row(admin).getByTestId("user-role").inputValue(), "coordinator");

  // A password reset link, shown once, with the warning.
  await row(admin).getByTestId("user-reset-password").click();
  const link = (await admin.getByTestId("reset-link-value").innerText()).trim();
  assert.match(link, /\/reset-password#token=[\w-]{20,}$/, "a one-time link");
  assert.match(await admin.getByTestId("reset-link").innerText(), /Shown only this once/);
  await noViolations(admin, "the users page with a reset link");
  await admin.screenshot({ path: join(shots, `users-${label}-reset-link.png`), fullPage: true });

  // The person opens it in a browser of their own and chooses a password.
  const person = await open();
  const url = new URL(link);
  await person.goto(`${base}${url.pathname}${url.hash}`);
  await person.getByRole("heading", { name: "Choose a new password" }).waitFor();
  await person.getByTestId("password-new").fill("chosen passphrase two");
  await person.getByTestId("password-repeat").fill("chosen passphrase tow");
  await person.getByTestId("password-change").click();
  await person.getByTestId("password-mismatch").waitFor();
  await noViolations(person, "the reset page");
  await person.getByTestId("password-repeat").fill("chosen passphrase two");
  await person.getByTestId("password-change").click();
  await person.getByTestId("confirmation").waitFor();
  // The link works once.
  const again = await fetch(`${base}/api/v1/auth/password-reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: url.hash.replace("#token=", ""), new_password: "someone else's passphrase" }),
  });
  assert.equal(again.status, 410, "a used link is gone");

  // They log in as the coordinator they now are.
  await logIn(person, username, "chosen passphrase two");
  assert.match(await person.getByTestId("my-account").innerText(), /Coordinator/);
  await admin.reload();
  await row(admin).waitFor();
  assert.notEqual(await row(admin).getByTestId("user-last-sign-in").innerText(), "Never");

  // My account: a new password, then out everywhere.
  await person.getByTestId("my-account").click();
  await person.getByRole("heading", { name: "My account" }).waitFor();
  await noViolations(person, "My account");
  await person.getByTestId("password-current").fill("not my passphrase");
  await person.getByTestId("password-new").fill("a third passphrase");
  await person.getByTestId("password-repeat").fill("a third passphrase");
  await person.getByTestId("password-change").click();
  await person.getByTestId("field-error-current_password").filter({ hasText: "not right" }).waitFor();
  await person.getByTestId("password-current").fill("chosen passphrase two");
  await person.getByTestId("password-change").click();
  await confirmation(person, "Password changed");
  await person.getByTestId("sign-out-everywhere").click();
  await person.getByTestId("login-username").waitFor();
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "a third passphrase" }),
  });
  assert.equal(login.status, 200, "the new password works");

  // The admin logs them out everywhere too, and deactivates them.
  await row(admin).getByTestId("user-sign-out").click();
  await confirmation(admin, `${name} is logged out everywhere`);
  await row(admin).getByTestId("user-toggle-active").click();
  await confirmation(admin, `${name} is deactivated`);
  await row(admin).getByTestId("user-active").filter({ hasText: "No" }).waitFor();

  // The warning before an unused session ends (the demo's idle timeout is 30
  // minutes), on the page's own clock.
  const idle = await open();
  // The app counts each answered request as use: the clock moves only once
  // no request has been open or answered for two seconds.
  let openRequests = 0;
  let lastAnswer = Date.now();
  idle.on("request", () => { openRequests += 1; });
  for (const event of ["requestfinished", "requestfailed"]) {
    idle.on(event, () => { openRequests -= 1; lastAnswer = Date.now(); });
  }
  const quiet = async () => {
    while (openRequests > 0 || Date.now() - lastAnswer < 2_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  await idle.clock.install();
  await logIn(idle, "admin", "demo");
  await quiet();
  const dialog = idle.getByRole("alertdialog");
  await idle.clock.fastForward("28:30");
  await idle.waitForTimeout(300);
  assert.equal(await dialog.isVisible(), false, "no warning before the last minute");
  await idle.clock.fastForward("00:45");
  step = "the first warning";
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Logging out in \d+ seconds/);
  assert.equal(await idle.evaluate(() => document.activeElement?.dataset.testid), "idle-stay",
    "the focus is on Stay logged in");
  await noViolations(idle, "the idle warning");
  await idle.screenshot({ path: join(shots, `users-${label}-idle-warning.png`) });
  // Enter keeps the session: a request the server counts as use.
  await idle.keyboard.press("Enter");
  await dialog.waitFor({ state: "hidden" });
  await quiet();
  // Unused again: the warning, then out, with the reason on the login page.
  await idle.clock.fastForward("29:30");
  step = "the second warning";
  await dialog.waitFor();
  await idle.clock.fastForward("01:05");
  await idle.getByTestId("idle-ended").waitFor();
  await idle.getByTestId("login-username").waitFor();
  await noViolations(idle, "the login page after the idle timeout");

  console.log(`ok - ${label}: user ${username} created, made coordinator, reset by link, own password changed, logged out everywhere; idle warning shown and acted on`);
} catch (e) {
  failed = true;
  for (const [i, page] of pages.entries()) {
    await page.screenshot({ path: join(shots, `failure-users-${label}-${i}.png`), fullPage: true }).catch(() => {});
  }
  console.error(`not ok - users ${label}${step && ` (at ${step})`}: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
