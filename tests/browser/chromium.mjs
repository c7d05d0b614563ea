// What every browser check shares: how headless Chromium is started, and
// the command line of the checks that drive a scrutineer binary.

// Flags from docs/TOOLCHAIN: no first-run work and no background networking
// (this machine has no network but the package registries).
export const kChromiumFlags = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// --scrutineer BIN --source DIR [--chromium PATH] into an options object;
// throws on anything else.
export function ParseArguments(argv) {
  const options = { chromium: "/usr/bin/chromium" };
  for (let i = 0; i < argv.length; i += 2) {
    const name = { "--scrutineer": "scrutineer", "--source": "source", "--chromium": "chromium" }[argv[i]];
    if (!name || i + 1 >= argv.length) throw new Error(`unknown or incomplete option: ${argv[i]}`);
    options[name] = argv[i + 1];
  }
  if (!options.scrutineer || !options.source) throw new Error("give --scrutineer BIN and --source DIR");
  return options;
}
