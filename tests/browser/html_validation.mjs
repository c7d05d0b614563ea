// Runs html-validate over every page at once, with the repository's
// .htmlvalidate.json (recommended rules; the relaxations are explained in
// docs/accessibility.md). Loaded explicitly, because the pages are built into
// a temporary folder outside the repository, where html-validate's own
// search for a configuration file would find none.
import { readFile } from "node:fs/promises";
import { HtmlValidate, StaticConfigLoader } from "html-validate";

/// Validates `files` (absolute paths). Resolves to a Map from file to
/// problems { rule, message, target } (only files with problems appear).
export async function ValidateHtml(files, configFile) {
  const config = JSON.parse(await readFile(configFile, "utf8"));
  config.root = true;
  const validator = new HtmlValidate(new StaticConfigLoader(config));
  const report = await validator.validateMultipleFiles(files);
  const problems = new Map();
  for (const result of report.results) {
    if (!result.messages.length) continue;
    problems.set(result.filePath, result.messages.map((message) => ({
      rule: `html-validate/${message.ruleId}`,
      message: `${message.line}:${message.column}: ${message.message}`,
      target: message.selector ?? "",
    })));
  }
  return problems;
}
