// tarn: the command-line entry point.
#include <iostream>

#include <CLI/CLI.hpp>
#include <arrow/compute/initialize.h>

#include "cli/delta_command.h"
#include "cli/files_command.h"
#include "cli/sample_data.h"
#include "cli/sql_command.h"

int main(int argc, char** argv) {
  if (auto st = arrow::compute::Initialize(); !st.ok()) {
    std::cerr << "tarn: cannot initialise Arrow compute: " << st.ToString() << "\n";
    return 2;
  }
  CLI::App app{"tarn: a lakehouse engine that fits on one machine"};
  app.set_version_flag("--version", std::string("tarn ") + TARN_VERSION);
  app.require_subcommand(1);
  std::function<arrow::Status()> run;
  tarn::cli::RegisterDeltaCommands(app, &run);
  tarn::cli::RegisterFilesCommands(app, &run);
  tarn::cli::RegisterSampleCommands(app, &run);
  tarn::cli::RegisterSqlCommand(app, &run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (!run) return 0;
  arrow::Status st = run();
  if (!st.ok()) {
    std::cerr << "Error: " << st.message() << "\n";
    return 1;
  }
  return 0;
}
