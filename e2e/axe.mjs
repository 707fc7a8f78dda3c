// axe-core in the browser tests: WCAG 2.1 A and AA rules (colour contrast too), run
// on the page as it is shown. `violations(page)` lists what axe finds, one line each.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// Evaluated through the DevTools protocol, which the app's Content-Security-Policy
// (no inline scripts) rightly does not let a <script> tag do.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.evaluate(axeSource);
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    }),
  );
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(", ")}`,
  );
}
