#!/usr/bin/env node
// `scrutineer serve` seen from headless Chromium, as an officer uses it: a
// copy of the repository's site is served, a recommendation page is open in
// a tab, and the record behind it is edited on disk. The open tab must
// reload by itself and show the edit within a second; a broken record must
// put the error (file, line, message) in the tab instead of a stale page;
// fixing it must bring the page back, again without touching the tab.
// See docs/editors.md.
//
// Usage: node tests/browser/serve_check.mjs --scrutineer BIN --source DIR
// [--chromium PATH]. Exit status: 0 passed, 1 failed, 2 usage or setup.
import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { kChromiumFlags, ParseArguments } from "./chromium.mjs";

const kRecord = "content/reviews/wirral-safeguarding-2015.md";
const kPage = "/recommendations/wirral-safeguarding-2015/r16/";
// The edit must show within this long of the file being written: the
// issue's "within a second", with the watcher's quiet period inside it.
const kEditDeadlineMs = 1000;
// Reaching the error and recovering from it are timed more loosely: they
// are about correctness, and a loaded CI machine must not make them flaky.
const kDeadlineMs = 15000;

// Starts serve on any free port; resolves to { server, origin } once it
// says where it listens.
function StartServe(binary, site) {
  const server = spawn(binary, ["serve", "--source", site, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30000);
    const Read = (chunk) => {
      output += chunk;
      const match = output.match(/at (http:\/\/[^\s/]+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ server, origin: match[1] });
      }
    };
    server.stdout.on("data", Read);
    server.stderr.on("data", Read);
    server.on("exit", (code) => reject(new Error(`serve exited (${code}):\n${output}`)));
  });
}

// Resolves to the milliseconds until the open tab's text contains `text`
// (the tab reloads itself: nothing here navigates), or rejects after
// `deadline` ms.
async function WaitForText(tab, text, deadline) {
  const start = Date.now();
  await tab.waitForFunction((wanted) => document.body && document.body.innerText.includes(wanted),
                            text, { timeout: deadline, polling: 20 });
  return Date.now() - start;
}

async function Main() {
  const options = ParseArguments(process.argv.slice(2));
  const { chromium } = await import("playwright-core");
  const scratch = await mkdtemp(path.join(os.tmpdir(), "scrutineer-serve-"));
  const site = path.join(scratch, "site");
  const failures = [];
  let browser = null;
  let server = null;
  try {
    for (const part of ["content", "templates", "theme", "site.yaml"]) {
      await cp(path.join(options.source, part), path.join(site, part), { recursive: true });
    }
    const started = await StartServe(options.scrutineer, site);
    server = started.server;
    browser = await chromium.launch({ executablePath: options.chromium, headless: true, args: kChromiumFlags });
    const tab = await browser.newPage();
    await tab.goto(started.origin + kPage, { waitUntil: "load" });
    // The reload script connects after load; give it a moment to subscribe.
    await tab.waitForFunction(() => document.querySelector("script[src*='__scrutineer']") !== null,
                              null, { timeout: kDeadlineMs });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const record = path.join(site, kRecord);
    const original = await readFile(record, "utf8");
    // Recommendation 16's text, one line of the review's YAML front matter.
    const Edit = (phrase) => original.replace(/(- number: 16\n(?:\s+\w+: .*\n)*?\s+text: )/, `$1${phrase}, `);
    if (Edit("x") === original) throw new Error(`cannot find recommendation 16 in ${kRecord}`);

    // 1. An edit shows in the open tab within a second: the median of three
    // edits, so that one slow moment of a busy machine does not decide.
    const times = [];
    let phrase = "";
    let edited = original;
    for (let i = 1; i <= 3; ++i) {
      phrase = `Edited in the preview check, take ${i}`;
      edited = Edit(phrase);
      await writeFile(record, edited);
      try {
        times.push(await WaitForText(tab, phrase, kDeadlineMs));
      } catch {
        failures.push(`edit ${i} never showed in the open tab`);
        break;
      }
    }
    times.sort((a, b) => a - b);
    console.log(`edits shown after ${times.join(", ")} ms`);
    if (times.length === 3 && times[1] > kEditDeadlineMs) {
      failures.push(`edits took a median ${times[1]} ms to show (limit ${kEditDeadlineMs} ms)`);
    }

    // 2. A broken record: the tab shows the error, with file and line.
    await writeFile(record, edited.replace(/^id: .*$/m, "id: [unclosed"));
    try {
      await WaitForText(tab, kRecord, kDeadlineMs);
      const text = await tab.evaluate(() => document.body.innerText);
      if (!new RegExp(`${kRecord.replace(/[.]/g, "\\.")}:\\d+:\\d+`).test(text)) {
        failures.push(`the error page does not give ${kRecord}:line:column:\n${text.slice(0, 500)}`);
      }
      if (text.includes(phrase)) failures.push("the stale page is still shown beside the error");
    } catch {
      failures.push("the error never showed in the open tab");
    }

    // 3. Fixed again: the page comes back by itself.
    await writeFile(record, original);
    try {
      await WaitForText(tab, "Social Care re-organisation", kDeadlineMs);
      const text = await tab.evaluate(() => document.body.innerText);
      if (text.includes(phrase)) failures.push("the recovered page still shows the edit that was undone");
    } catch {
      failures.push("the page never recovered after the record was fixed");
    }
  } finally {
    if (browser) await browser.close();
    if (server) server.kill("SIGINT");
    await rm(scratch, { recursive: true, force: true });
  }
  for (const failure of failures) console.log(`FAIL: ${failure}`);
  console.log(failures.length ? `${failures.length} problems` : "serve: edit, error and recovery shown in the open tab");
  return failures.length ? 1 : 0;
}

Main().then((status) => process.exit(status), (error) => {
  console.error(error.stack || String(error));
  process.exit(2);
});
