#!/usr/bin/env node
// Accessibility and HTML checks of a built site in headless Chromium; see
// docs/accessibility.md. Usage:
//   node tests/browser/run.mjs --site DIR
//   node tests/browser/run.mjs --scrutineer BIN --source DIR   (builds into a temporary folder)
// Options: --artifacts DIR (default test-artifacts/: screenshots and
// report.json), --only TEXT (pages whose path contains TEXT), --chromium PATH.
// Exit status: 0 no problems, 1 problems found, 2 usage or internal failure.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const kRepository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function ParseArguments(argv) {
  const options = {
    artifacts: path.join(kRepository, "test-artifacts"),
    config: path.join(kRepository, ".htmlvalidate.json"),
  };
  const names = { "--site": "site", "--scrutineer": "scrutineer", "--source": "source",
    "--artifacts": "artifacts", "--only": "only", "--chromium": "chromium", "--config": "config" };
  for (let i = 0; i < argv.length; i++) {
    const name = names[argv[i]];
    if (!name || i + 1 >= argv.length) throw new Error(`unknown or incomplete option: ${argv[i]}`);
    options[name] = argv[++i];
  }
  if (!options.site === !options.scrutineer || (options.scrutineer && !options.source)) {
    throw new Error("give either --site DIR, or --scrutineer BIN and --source DIR");
  }
  return options;
}

// Builds the site with the freshly built binary into a new temporary folder.
async function BuildSite(scrutineer, source) {
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), "scrutineer-a11y-")), "site");
  const build = spawnSync(scrutineer, ["build", "--source", source, "--out", out, "--quiet"], { encoding: "utf8" });
  if (build.status !== 0) {
    throw new Error(`${scrutineer} build failed (exit ${build.status}):\n${build.stdout}${build.stderr}`);
  }
  return out;
}

// Known gaps that need a change outside the theme (docs/accessibility.md):
// reported, but not failures.
const kWarnings = new Set(["markdown-table-caption", "reflow-table"]);

function PrintReport(result) {
  let failed = 0;
  let problems = 0;
  let warnings = 0;
  for (const page of result.pages) {
    const errors = page.problems.filter((p) => !kWarnings.has(p.rule));
    const notes = page.problems.filter((p) => kWarnings.has(p.rule));
    warnings += notes.length;
    for (const note of notes) {
      console.log(`${page.relative}: warning: ${note.message} [${note.rule}] ${note.target}`);
    }
    if (!errors.length) continue;
    failed++;
    problems += errors.length;
    console.log(`${page.relative} (${page.kind}):`);
    for (const p of errors) {
      console.log(`  ${p.rule}: ${p.message}${p.target ? `\n      at ${p.target}` : ""}  [${p.widths.join(", ")}]`);
    }
  }
  for (const [rule, { message, pages, reasons }] of result.incomplete) {
    for (const reason of reasons) console.log(`needs review: ${rule}: ${reason}`);
    const some = [...pages].slice(0, 3).join(", ");
    console.log(`needs review (axe could not decide, not a failure): ${rule}: ${message} on ${pages.size} pages (${some}${pages.size > 3 ? ", ..." : ""})`);
  }
  const s = result.stats;
  console.log(`Checked ${s.pages} pages of ${s.kinds} kinds at 1280 and 390 px (reflow at 320 and 700); ` +
    `${s.keyboardStops} keyboard stops; browser ${s.browserSeconds.toFixed(1)} s, ` +
    `total ${s.totalSeconds.toFixed(1)} s; ${problems} problems, ${warnings} warnings.`);
  console.log(`pages: ${s.pages - failed} passed, ${failed} failed`);
  return failed;
}

async function Main() {
  let options;
  try {
    options = ParseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`run.mjs: ${error.message}`);
    return 2;
  }
  if (!existsSync(path.join(kRepository, "node_modules", "playwright-core"))) {
    console.error("run.mjs: node_modules is missing: run `npm ci` (scripts/setup does)");
    return 2;
  }
  const { CheckSite } = await import("./check_site.mjs");
  let builtInto = null;
  try {
    const site = options.site ?? (builtInto = await BuildSite(options.scrutineer, options.source));
    await mkdir(options.artifacts, { recursive: true });
    const result = await CheckSite(site, {
      screenshotsDir: path.join(options.artifacts, "screenshots"),
      htmlValidateConfig: options.config,
      only: options.only,
      chromium: options.chromium,
      log: (line) => console.log(line),
    });
    await writeFile(path.join(options.artifacts, "report.json"), JSON.stringify({
      stats: result.stats,
      pages: result.pages.map(({ relative, kind, problems }) => ({
        page: relative, kind, problems: problems.map(({ key, ...rest }) => rest) })),
    }, null, 2) + "\n");
    return PrintReport(result) ? 1 : 0;
  } catch (error) {
    console.error(`run.mjs: ${error.stack ?? error}`);
    return 2;
  } finally {
    if (builtInto) await rm(path.dirname(builtInto), { recursive: true, force: true });
  }
}

process.exitCode = await Main();
