// scrutineer: command-line parsing and dispatch to a command; nothing else.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands/commands.h"
#include "scrutineer_version.h"

int main(int argc, char** argv) {
  using scrutineer::CommandOptions;
  CLI::App app{"Scrutineer: static sites for scrutiny publications"};
  app.set_version_flag(
      "--version", std::string("scrutineer ") + scrutineer::kScrutineerVersion);
  app.require_subcommand(1);

  CommandOptions options;
  auto add_common = [&](CLI::App* command) {
    command
        ->add_option("--source", options.source,
                     "The site folder (holding site.yaml)")
        ->capture_default_str();
    command->add_flag("--strict", options.strict, "Treat warnings as errors");
    command->add_flag("-q,--quiet", options.quiet, "Print problems only");
  };
  CLI::App* build = app.add_subcommand(
      "build", "Build the site into the output folder, atomically");
  add_common(build);
  build->add_option("--out", options.out,
                    "The output folder (default: <source>/public)");
  CLI::App* check =
      app.add_subcommand("check", "Check every record and link; write nothing");
  add_common(check);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    // CLI11 exits 0 for --help and --version; usage errors are ours: 2.
    return code == 0 ? 0 : scrutineer::kExitFailure;
  }
  try {
    if (build->parsed())
      return scrutineer::RunBuild(options, std::cout, std::cerr);
    if (check->parsed())
      return scrutineer::RunCheck(options, std::cout, std::cerr);
  } catch (const std::exception& error) {
    std::cerr << "scrutineer: internal error: " << error.what() << '\n';
    return scrutineer::kExitFailure;
  }
  return scrutineer::kExitFailure;
}
