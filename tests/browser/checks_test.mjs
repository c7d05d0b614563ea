// Proves the browser checks can fail: runs them over fixtures/site, where
// each page names the problems it holds in <meta name="expected-problems">,
// and the good page holds none. Run: node --test tests/browser/
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { CheckSite } from "./check_site.mjs";

const kHere = path.dirname(fileURLToPath(import.meta.url));
const kFixtures = path.join(kHere, "fixtures", "site");

let result;
before(async () => {
  result = await CheckSite(kFixtures, {
    screenshotsDir: null,
    htmlValidateConfig: path.join(kHere, "..", "..", ".htmlvalidate.json"),
  });
}, { timeout: 120_000 });

async function ExpectedProblems(page) {
  const html = await readFile(page.file, "utf8");
  const expected = /<meta name="expected-problems" content="([^"]*)">/.exec(html)?.[1] ?? "";
  return expected.split(/\s+/).filter(Boolean).sort();
}

test("every fixture page is checked", () => {
  assert.equal(result.pages.length, 13);
  assert.equal(result.stats.kinds, 13);
});

test("the good page has no problems", () => {
  const good = result.pages.find((page) => page.relative === "good.html");
  assert.deepEqual(good.problems.map((p) => `${p.rule}: ${p.message}`), []);
});

test("each broken page shows the problems it was made with", async () => {
  for (const page of result.pages) {
    const found = new Set(page.problems.map((problem) => problem.rule));
    for (const rule of await ExpectedProblems(page)) {
      assert.ok(found.has(rule), `${page.relative}: expected ${rule}, found ${[...found].join(", ") || "nothing"}`);
    }
  }
});

test("the CSP blocks the inline script and style but not cmark-gfm's text-align", () => {
  const inline = result.pages.find((page) => page.relative === "inline.html");
  const csp = inline.problems.filter((p) => p.rule === "content-security-policy").map((p) => p.message);
  assert.ok(csp.some((message) => message.startsWith("script-src-elem")), csp.join("\n"));
  assert.ok(csp.some((message) => message.startsWith("style-src-elem")), csp.join("\n"));
  assert.ok(csp.some((message) => message.startsWith("style-src-attr")), csp.join("\n"));
});

test("the keyboard walk reports a positive tabindex and an invisible focus", () => {
  const Messages = (name) => result.pages.find((page) => page.relative === name).problems.map((p) => p.message).join("\n");
  assert.match(Messages("tab-order.html"), /a "the links page" has tabindex=2, which breaks document order/);
  assert.match(Messages("tab-order.html"), /Tab stop 1 should be a "Skip to main content" but focus went to a "the links page"/);
  assert.match(Messages("focus.html"), /a "The good page" shows no visible focus indicator/);
});
