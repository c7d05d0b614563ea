#!/usr/bin/env node
// The search page in headless Chromium, on the repository's site served
// over HTTP with the same Content-Security-Policy as the other browser
// checks (static_server.mjs): with the Pagefind index built, a phrase from
// the 2013 Walsall progress update finds its page, and the filters narrow
// the results; without the index, the page says that search is not
// available. See docs/publishing.md.
//
// Usage: node tests/browser/search_check.mjs --scrutineer BIN --source DIR
// [--chromium PATH]. Exit status: 0 passed, 1 failed, 2 usage or setup.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { kChromiumFlags, ParseArguments } from "./chromium.mjs";

const kRepository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const kPagefind = path.join(kRepository, "node_modules/@pagefind/linux-x64/bin/pagefind_extended");
const kUpdatePage = "/updates/walsall-safeguarding-update-2013-08/";
const kPhrase = "market testing of alternative options";

function Run(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

// Loads the search page at `query` and waits for the status line to settle;
// resolves to { status, hrefs, unavailable }.
async function Search(tab, origin, query) {
  await tab.goto(`${origin}/search/${query}`, { waitUntil: "load" });
  await tab.waitForFunction(() => {
    const text = document.getElementById("search-status").textContent;
    return text && text !== "Searching…";
  }, null, { timeout: 20000 });
  return tab.evaluate(() => ({
    status: document.getElementById("search-status").textContent,
    hrefs: Array.from(document.querySelectorAll("#search-results a"), (a) => new URL(a.href).pathname),
    unavailable: !document.getElementById("search-unavailable").hidden,
  }));
}

async function Main() {
  const options = ParseArguments(process.argv.slice(2));
  if (!existsSync(kPagefind)) throw new Error(`${kPagefind} is missing: run \`npm ci\` (scripts/setup does)`);
  const { chromium } = await import("playwright-core");
  const { StartStaticServer } = await import("./static_server.mjs");
  const scratch = await mkdtemp(path.join(os.tmpdir(), "scrutineer-search-"));
  const failures = [];
  const Expect = (condition, message) => { if (!condition) failures.push(message); };
  let browser = null;
  const servers = [];
  try {
    const indexed = path.join(scratch, "indexed");
    const plain = path.join(scratch, "plain");
    Run(options.scrutineer, ["build", "--source", options.source, "--out", indexed, "--quiet"]);
    Run(options.scrutineer, ["build", "--source", options.source, "--out", plain, "--quiet"]);
    Run(kPagefind, ["--site", indexed]);

    browser = await chromium.launch({ executablePath: options.chromium, headless: true, args: kChromiumFlags });
    const tab = await browser.newPage();
    const errors = [];
    tab.on("pageerror", (error) => errors.push(String(error)));
    tab.on("console", (message) => {
      if (message.type() === "error" && !message.location()?.url?.endsWith("/favicon.ico")) {
        errors.push(message.text());
      }
    });
    await tab.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`CSP: ${event.effectiveDirective} blocked ${event.blockedURI}`);
      });
    });

    const site = await StartStaticServer(indexed);
    servers.push(site);
    const phrase = encodeURIComponent(kPhrase);
    const found = await Search(tab, site.origin, `?q=${phrase}`);
    Expect(found.hrefs.includes(kUpdatePage),
      `searching for "${kPhrase}" did not find ${kUpdatePage}: ${found.status} ${found.hrefs.join(" ")}`);
    const filtered = await Search(tab, site.origin, `?q=${phrase}&kind=Progress+update&year=2013`);
    Expect(filtered.hrefs.length > 0 && filtered.hrefs.every((href) => href.startsWith("/updates/")),
      `the kind and year filters let through: ${filtered.hrefs.join(" ")}`);
    Expect(filtered.hrefs.includes(kUpdatePage), "the filters dropped the 2013 update");
    const none = await Search(tab, site.origin, `?q=${phrase}&year=2019`);
    Expect(none.hrefs.length === 0 && none.status === "No pages found.",
      `a 2019 filter should find nothing: ${none.status} ${none.hrefs.join(" ")}`);
    const byStatus = await Search(tab, site.origin, `?status=Not+stated&committee=Safeguarding+Working+Group`);
    Expect(byStatus.hrefs.length === 14 &&
      byStatus.hrefs.every((href) => href.startsWith("/recommendations/walsall-safeguarding-wg-2013/")),
      `filters alone should list the 14 Walsall recommendations: ${byStatus.status}`);

    const bare = await StartStaticServer(plain);
    servers.push(bare);
    const missing = await Search(tab, bare.origin, `?q=${phrase}`);
    Expect(missing.unavailable && missing.hrefs.length === 0,
      `without the index the page should say search is unavailable: ${missing.status}`);
    errors.splice(0, errors.length, ...errors.filter((error) => !/404|Failed to fetch|dynamically imported module/i.test(error)));
    Expect(errors.length === 0, `browser errors: ${errors.join("; ")}`);
  } finally {
    if (browser) await browser.close();
    for (const server of servers) await server.close();
    await rm(scratch, { recursive: true, force: true });
  }
  for (const failure of failures) console.log(failure);
  console.log(`Search checks: ${failures.length} problems.`);
  return failures.length ? 1 : 0;
}

try {
  process.exitCode = await Main();
} catch (error) {
  console.error(`search_check.mjs: ${error.stack ?? error}`);
  process.exitCode = 2;
}
