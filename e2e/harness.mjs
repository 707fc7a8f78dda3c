// What every browser test needs: the server's address (STIGE_URL), a label
// for its lines, a folder for screenshots, headless Chromium, and signing in
// as a demo user (password "demo").
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const base = process.env.STIGE_URL;
if (!base) {
  console.error("Set STIGE_URL to a running `stige serve --demo`.");
  process.exit(2);
}
export const label = process.env.STIGE_E2E_LABEL ?? "run";
export const shots = join(dirname(fileURLToPath(import.meta.url)), "..", "target", "e2e");
mkdirSync(shots, { recursive: true });

export const launch = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });

// A page in a browser context of its own with `viewport`, waiting 30 s at the most.
export async function newPage(browser, viewport = { width: 1100, height: 1600 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

export async function signIn(page, user, lang) {
  await page.goto(base);
  await page.getByTestId("language").selectOption(lang);
  await page.getByTestId("login-username").fill(user);
  await page.getByTestId("login-password").fill("demo");
  await page.getByTestId("login-submit").click();
}

// A JSON call to the API with `token` (none to sign in): POST when there is a
// `body`, GET when not, or `method`; it must answer 2xx. Its JSON.
export async function api(path, token, body, method) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: method ?? (body ? "POST" : "GET"),
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `${path}: ${response.status} ${await response.clone().text()}`);
  return response.json();
}

// A partner's API token (client credentials), e.g. for "demo-kristiansand".
export async function partnerToken(clientId) {
  const response = await fetch(`${base}/api/v1/auth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:demo`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  if (response.status !== 200) {
    throw new Error(`partner token for ${clientId}: ${response.status}`);
  }
  return response.json();
}
