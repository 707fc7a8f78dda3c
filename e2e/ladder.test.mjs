// Browser test: a coordinator logs in, opens an active participant, moves them up a
// step with a reason and sees the move in the history, once in each language.
// Run by `cargo xtask test` with STIGE_URL pointing at `stige serve --demo`.
import assert from "node:assert/strict";
import { join } from "node:path";
import { filterByStatus } from "./list.mjs";
import { base, label, launch, shots } from "./harness.mjs";

const languages = [
  { code: "nb", heading: "Medarbeidere", moveButton: "Registrer flyttingen", movedUp: "Flyttet opp" },
  { code: "sv", heading: "Deltagare", moveButton: "Registrera flytten", movedUp: "Flyttad upp" },
  { code: "en", heading: "Participants", moveButton: "Record the move", movedUp: "Moved up" },
];

const browser = await launch();
let failed = false;
try {
  for (const [index, lang] of languages.entries()) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(String(e)));
    try {
      await page.goto(base);
      await page.getByTestId("language").selectOption(lang.code);
      await page.getByTestId("login-username").fill("coordinator");
      await page.getByTestId("login-password").fill("demo");
      await page.getByTestId("login-submit").click();

      await page.getByRole("link", { name: lang.heading, exact: true }).click();
      await assert.doesNotReject(page.getByRole("heading", { name: lang.heading }).waitFor());
      await filterByStatus(page, "active");
      const rows = page.locator('[data-testid="participant-row"][data-status="active"]');
      await rows.first().waitFor();
      assert.ok((await rows.count()) > index, "enough active demo participants");
      await rows.nth(index).getByTestId("participant-link").click();

      await page.getByTestId("move-form").waitFor();
      const before = (await page.getByTestId("current-step").innerText()).trim();
      const options = await page.getByTestId("move-step").locator("option").allInnerTexts();
      const up = options.find((o) => o.trim().startsWith("↑"));
      assert.ok(up, `a step above the current one (options: ${options.join(" | ")})`);
      await page.getByTestId("move-step").selectOption({ label: up.trim() });
      const reason = `E2E ${label} ${lang.code}: ready for more`;
      await page.getByTestId("move-reason").fill(reason);
      const override = page.getByTestId("move-override");
      if (await override.isVisible()) await override.fill("Agreed in the team (browser test)");
      await page.getByRole("button", { name: lang.moveButton }).click();

      const entry = page.getByTestId("history-move").filter({ hasText: reason });
      await entry.waitFor();
      assert.match(await entry.innerText(), new RegExp(lang.movedUp));
      const after = (await page.getByTestId("current-step").innerText()).trim();
      assert.notEqual(after, before, "the current step changed");
      await page.locator('[data-testid="rung-current"]').waitFor();
      await page.screenshot({ path: join(shots, `ladder-${label}-${lang.code}.png`), fullPage: true });
      const csp = problems.filter((p) => /Content Security Policy|Refused to/i.test(p));
      assert.deepEqual(csp, [], "no CSP violations");
      console.log(`ok - ${label} ${lang.code}: moved up (${before} -> ${after})`);
    } catch (e) {
      failed = true;
      await page.screenshot({ path: join(shots, `failure-${label}-${lang.code}.png`), fullPage: true }).catch(() => {});
      console.error(`not ok - ${label} ${lang.code}: ${e.message}`);
      if (problems.length) console.error(`  browser console: ${problems.join("\n  ")}`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
