// scrutineer: command-line parsing and dispatch to a command; nothing else.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <iostream>
#include <string>
#include <system_error>

#include "commands/commands.h"
#include "config/site_config.h"
#include "scrutineer_version.h"
#ifdef SCRUTINEER_JEMALLOC
#include "jemalloc_options.h"
#endif

int main(int argc, char** argv) {
  using scrutineer::CommandOptions;
  CLI::App app{"Scrutineer: static sites for scrutiny publications"};
  app.set_version_flag(
      "--version", std::string("scrutineer ") + scrutineer::kScrutineerVersion);
  app.require_subcommand(1);

  CommandOptions options;
  auto add_source = [&](CLI::App* command) {
    command
        ->add_option("--source", options.source,
                     "The site folder (holding site.yaml)")
        ->capture_default_str();
  };
  auto add_base_url = [&](CLI::App* command) {
    command
        ->add_option("--base-url", options.base_url,
                     "Where the site is published, replacing site.yaml's "
                     "base_url (https://example.gov.uk/scrutiny/)")
        ->check(CLI::Validator(
            [](std::string& url) { return scrutineer::BaseUrlProblem(url); },
            "URL"));
  };
  auto add_reporting = [&](CLI::App* command) {
    add_source(command);
    add_base_url(command);
    command->add_flag("--strict", options.strict, "Treat warnings as errors");
    command->add_flag("-q,--quiet", options.quiet, "Print problems only");
    command
        ->add_option("--format", options.format,
                     "How to print problems: text, github (Actions "
                     "annotations) or json")
        ->check(CLI::IsMember({"text", "github", "json"}))
        ->capture_default_str();
  };
  CLI::App* build = app.add_subcommand(
      "build", "Build the site into the output folder, atomically");
  add_reporting(build);
  build->add_option("--out", options.out,
                    "The output folder (default: <source>/public)");
  build->add_flag("--timings", options.timings,
                  "Print how long each stage of the build took");
  CLI::App* check = app.add_subcommand(
      "check", "Check every record, link and anchor; write nothing");
  add_reporting(check);
  CLI::App* serve = app.add_subcommand(
      "serve", "Preview the site with live reload; Ctrl-C stops it");
  add_source(serve);
  add_base_url(serve);
  serve->add_option("--port", options.port, "The port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve
      ->add_option("--bind", options.bind,
                   "The address to listen on; other than 127.0.0.1 only "
                   "when you mean to share the preview")
      ->capture_default_str();
  serve->add_flag("--timings", options.timings,
                  "Print how long each stage of every rebuild took");
  CLI::App* scaffold =
      app.add_subcommand("new", "Create a record file, every field described");
  add_source(scaffold);
  scaffold->add_option("kind", options.kind, "review, meeting, person, ...")
      ->required();
  scaffold->add_option("id", options.id, "The new record's id")->required();
  CLI::App* schema = app.add_subcommand(
      "schema", "Print the JSON Schema of records, for editors");
  schema->add_option("kind", options.kind, "One kind (default: every kind)");
  schema->add_option("--out", options.out,
                     "Write <kind>.schema.json files into this folder");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    // CLI11 exits 0 for --help and --version; usage errors are ours: 2.
    return code == 0 ? 0 : scrutineer::kExitFailure;
  }
  int code = scrutineer::kExitFailure;
  try {
    std::ostream& out = std::cout;
    std::ostream& err = std::cerr;
    if (build->parsed()) code = scrutineer::RunBuild(options, out, err);
    if (check->parsed()) code = scrutineer::RunCheck(options, out, err);
    if (serve->parsed()) {
#ifdef SCRUTINEER_JEMALLOC
      scrutineer::ReturnFreedPagesLazily();
#endif
      code = scrutineer::RunServe(options, out, err);
    }
    if (scaffold->parsed()) code = scrutineer::RunNew(options, out, err);
    if (schema->parsed()) code = scrutineer::RunSchema(options, out, err);
  } catch (const std::exception& error) {
    std::cerr << "scrutineer: internal error: " << error.what() << '\n';
    return scrutineer::kExitFailure;
  }
  // A report or schema that could not be written (a full disk, a closed
  // pipe) must not pass for one that was: CI reads the exit code.
  errno = 0;
  std::cout.flush();
  if (!std::cout.good() || std::fflush(stdout) != 0 || std::ferror(stdout)) {
    const int error = errno;
    std::cerr << "scrutineer: error: cannot write to standard output"
              << (error != 0 ? ": " + std::generic_category().message(error)
                             : std::string())
              << '\n';
    return scrutineer::kExitFailure;
  }
  return code;
}
