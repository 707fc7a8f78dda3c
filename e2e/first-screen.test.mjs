// Measurement: how soon the first screen (the login form) is interactive, on
// loopback with a cold cache, in headless Chromium. Prints the figure of each
// of five fresh browser contexts (empty cache each) and their median, with
// what was transferred; fails only if the form does not come or the app's
// files are not served compressed and content-named as built.
// Run by `cargo xtask test` with STIGE_URL pointing at `stige serve --demo`.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";

const base = process.env.STIGE_URL;
if (!base) {
  console.error("Set STIGE_URL to a running `stige serve --demo`.");
  process.exit(2);
}
const label = process.env.STIGE_E2E_LABEL ?? "run";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
});
let failed = false;
try {
  const figures = [];
  for (let run = 0; run < 5; run++) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const assets = [];
    page.on("response", async (r) => {
      const path = new URL(r.url()).pathname;
      if (/\.(wasm|js|css|ftl)$/.test(path)) {
        const h = await r.allHeaders();
        assets.push({ path, encoding: h["content-encoding"], cache: h["cache-control"],
          bytes: Number(h["content-length"] ?? 0) });
      }
    });
    await page.goto(base, { waitUntil: "commit" });
    const input = page.getByTestId("login-username");
    await input.waitFor({ state: "visible" });
    // Interactive: the app answers typing (its own handlers run).
    await input.fill("coordinator");
    const ms = await page.evaluate(() => performance.now());
    figures.push(ms);
    if (run === 0) {
      for (const a of assets) {
        assert.match(a.path, /-[0-9a-f]{16}\.(wasm|js|css|ftl)$/, `${a.path} is named by its content`);
        assert.equal(a.encoding, "br", `${a.path} is sent brotli-compressed`);
        assert.equal(a.cache, "public, max-age=31536000, immutable", `${a.path} is kept a year`);
      }
      const total = assets.reduce((sum, a) => sum + a.bytes, 0);
      console.log(`first screen (${label}): ${assets.length} files, ${(total / 1000).toFixed(1)} kB transferred`);
    }
    await context.close();
  }
  figures.sort((a, b) => a - b);
  const median = figures[Math.floor(figures.length / 2)];
  console.log(`first screen (${label}): login form interactive in ${figures.map((f) => f.toFixed(0)).join(", ")} ms with a cold cache; median ${median.toFixed(0)} ms`);
} catch (e) {
  console.error(e);
  failed = true;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
