// The browser pass over a built site:
//   1. list every .html page and its kind (the page-KIND class on <body>);
//   2. serve the folder on the loopback address with a strict
//      Content-Security-Policy, so that any inline script or style the CSP
//      would block is reported by the browser itself;
//   3. in one headless Chromium tab, open each page at desktop (1280 px)
//      and phone (390 px) width: axe-core's WCAG 2.0-2.2 A and AA rules,
//      the checks of page_checks.mjs, then reflow at 320 and 700 px; screenshot one
//      page of each kind at both widths;
//   4. walk a recommendation page, and one page of each kind, with the
//      keyboard (keyboard_walk.mjs);
//   5. run html-validate over every page.
import { readdir, readFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";

import { ValidateHtml } from "./html_validation.mjs";
import { WalkWithKeyboard } from "./keyboard_walk.mjs";
import { CheckPageStructure, CheckReflow } from "./page_checks.mjs";
import { StartStaticServer } from "./static_server.mjs";
import { kChromiumFlags } from "./chromium.mjs";

const kAxeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const kWidths = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
];
// Reflow at 320 px (WCAG 1.4.10), and at 700 px: 1280 px zoomed to 180%,
// between the phone layout (up to 40em, where a wide generated table
// scrolls by itself) and the desktop one, where tables once stuck out.
const kReflowWidths = [
  { name: "320px", width: 320, height: 640 },
  { name: "700px", width: 700, height: 640 },
];
// The page the issue asks us to tab through; it has a long history.
const kWalkedRecommendation = "recommendations/wirral-safeguarding-2015/r16/index.html";
async function ListPages(siteDir) {
  const pages = [];
  async function Walk(folder) {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (folder === siteDir && entry.name === "pagefind") continue;  // search index
        await Walk(full);
      } else if (entry.name.endsWith(".html")) {
        const relative = path.relative(siteDir, full).split(path.sep).join("/");
        const html = await readFile(full, "utf8");
        const kind = /<body[^>]*\bclass="[^"]*\bpage-([\w-]+)/.exec(html)?.[1] ?? "unknown";
        const urlPath = "/" + relative.replace(/(^|\/)index\.html$/, "$1");
        pages.push({ file: full, relative, kind, urlPath });
      }
    }
  }
  await Walk(siteDir);
  // A list page (meetings/index.html) shares its kind with the pages it
  // lists: tell them apart for the screenshots.
  for (const page of pages) {
    const folder = /^([^/]+)\/index\.html$/.exec(page.relative)?.[1];
    if (folder && pages.some((other) => other.relative.startsWith(`${folder}/`) && other !== page)) {
      page.kind += "-index";
    }
  }
  return pages.sort((a, b) => a.relative.localeCompare(b.relative));
}

// One page of each kind to photograph and walk: the recommendation the issue
// names, otherwise the first of its kind.
function ChooseRepresentatives(pages) {
  const chosen = new Map();
  for (const page of pages) {
    if (page.relative === kWalkedRecommendation || !chosen.has(page.kind)) {
      if (chosen.get(page.kind)?.relative !== kWalkedRecommendation) chosen.set(page.kind, page);
    }
  }
  return new Set(chosen.values());
}

async function RunAxe(page) {
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations", "incomplete"],
    });
    const Summarise = (rule) => ({
      rule: `axe/${rule.id}`,
      message: `${rule.help} (${rule.impact ?? "review"})`,
      targets: rule.nodes.map((node) => node.target.join(" ")),
      reasons: [...new Set(rule.nodes.flatMap((node) => node.any.map((check) => check.message)))],
    });
    return { violations: result.violations.map(Summarise), incomplete: result.incomplete.map(Summarise) };
  }, kAxeTags);
}

function AddProblems(record, problems, width) {
  for (const problem of problems) {
    const key = `${problem.rule}\u0000${problem.message}\u0000${problem.target}`;
    const existing = record.problems.find((p) => p.key === key);
    if (existing) {
      if (!existing.widths.includes(width)) existing.widths.push(width);
    } else {
      record.problems.push({ ...problem, key, widths: [width] });
    }
  }
}

/// Checks every page of the built site in `siteDir`. Options:
///   screenshotsDir: where to write PNGs (null: none);
///   htmlValidateConfig: path of .htmlvalidate.json;
///   only: keep pages whose relative path includes this text;
///   log: progress printer.
/// Resolves to { pages: [{ relative, kind, problems }], warnings, stats }.
export async function CheckSite(siteDir, options) {
  const log = options.log ?? (() => {});
  const started = Date.now();
  let pages = await ListPages(path.resolve(siteDir));
  if (options.only) pages = pages.filter((page) => page.relative.includes(options.only));
  if (!pages.length) throw new Error(`no .html pages in ${siteDir}`);
  const representatives = ChooseRepresentatives(pages);
  const records = new Map(pages.map((page) => [page.relative, { ...page, problems: [] }]));
  const incomplete = new Map();  // axe "needs review": rule -> pages
  if (options.screenshotsDir) await mkdir(options.screenshotsDir, { recursive: true });

  const server = await StartStaticServer(siteDir);
  const browser = await chromium.launch({
    executablePath: options.chromium ?? "/usr/bin/chromium",
    headless: true,
    args: kChromiumFlags,
  });
  let stops = 0;
  try {
    const context = await browser.newContext({ viewport: kWidths[0], reducedMotion: "reduce" });
    const require = createRequire(import.meta.url);
    await context.addInitScript({ path: require.resolve("axe-core/axe.min.js") });
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}` +
          (event.sample ? ` "${event.sample}"` : ""));
      });
    });
    const tab = await context.newPage();
    let current = null;  // the record whose page is loaded
    const Fail = (rule) => (message) => current && AddProblems(current, [{ rule, message, target: "" }], "load");
    tab.on("pageerror", (error) => Fail("script-error")(String(error)));
    tab.on("console", (message) => {
      // The browser's own request for /favicon.ico is not the page's doing.
      if (message.type() !== "error" || message.location()?.url?.endsWith("/favicon.ico")) return;
      Fail("console-error")(`${message.text()} (${message.location()?.url ?? ""})`);
    });
    tab.on("requestfailed", (request) => Fail("broken-resource")(`${request.url()}: ${request.failure()?.errorText}`));
    tab.on("response", (response) => {
      if (response.status() >= 400 && response.request().resourceType() !== "document") {
        Fail("broken-resource")(`${response.url()}: HTTP ${response.status()}`);
      }
    });

    for (const [index, page] of pages.entries()) {
      current = records.get(page.relative);
      await tab.setViewportSize(kWidths[0]);
      await tab.goto(server.origin + page.urlPath, { waitUntil: "load" });
      for (const width of kWidths) {
        await tab.setViewportSize(width);
        const axe = await RunAxe(tab);
        AddProblems(current, axe.violations.flatMap((v) => v.targets.map((target) => ({ rule: v.rule, message: v.message, target }))), width.name);
        for (const rule of axe.incomplete) {
          if (!incomplete.has(rule.rule)) incomplete.set(rule.rule, { message: rule.message, pages: new Set(), reasons: new Set() });
          incomplete.get(rule.rule).pages.add(`${page.relative} (${width.name})`);
          for (const reason of rule.reasons) incomplete.get(rule.rule).reasons.add(reason);
        }
        AddProblems(current, await CheckPageStructure(tab), width.name);
        if (options.screenshotsDir && representatives.has(page)) {
          await tab.screenshot({ path: path.join(options.screenshotsDir, `${page.kind}-${width.name}.png`), fullPage: true });
        }
      }
      for (const width of kReflowWidths) {
        await tab.setViewportSize(width);
        AddProblems(current, await CheckReflow(tab), width.name);
      }
      const csp = await tab.evaluate(() => window.__cspViolations);
      AddProblems(current, csp.map((message) => ({ rule: "content-security-policy", message, target: "" })), "load");

      if (representatives.has(page)) {
        const walkWidths = page.relative === kWalkedRecommendation ? kWidths : [kWidths[0]];
        for (const width of walkWidths) {
          await tab.setViewportSize(width);
          await tab.goto(server.origin + page.urlPath, { waitUntil: "load" });
          const walk = await WalkWithKeyboard(tab);
          stops += walk.stops;
          AddProblems(current, walk.problems, `keyboard ${width.name}`);
        }
        if (options.screenshotsDir && page.relative === kWalkedRecommendation) {
          // Focus on the skip link, then on a link in the navigation, to
          // show what keyboard users see.
          await tab.setViewportSize(kWidths[0]);
          await tab.goto(server.origin + page.urlPath, { waitUntil: "load" });
          await tab.keyboard.press("Tab");
          await tab.screenshot({ path: path.join(options.screenshotsDir, "focus-skip-link-desktop.png") });
          await tab.keyboard.press("Tab");
          await tab.keyboard.press("Tab");
          await tab.screenshot({ path: path.join(options.screenshotsDir, "focus-navigation-desktop.png") });
        }
      }
      if ((index + 1) % 25 === 0) log(`  ${index + 1}/${pages.length} pages`);
    }
    current = null;
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  const browserSeconds = (Date.now() - started) / 1000;

  const htmlProblems = await ValidateHtml(pages.map((page) => page.file), options.htmlValidateConfig);
  for (const page of pages) {
    AddProblems(records.get(page.relative), htmlProblems.get(page.file) ?? [], "source");
  }

  return {
    pages: [...records.values()],
    incomplete,
    stats: {
      pages: pages.length,
      kinds: new Set(pages.map((page) => page.kind)).size,
      keyboardStops: stops,
      browserSeconds,
      totalSeconds: (Date.now() - started) / 1000,
    },
  };
}
