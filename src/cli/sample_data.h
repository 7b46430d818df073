// Deterministic built-in sample data sets, shaped like the lab files, for users without them.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>
#include <arrow/status.h>

namespace tarn::cli {

// Registers `tarn sample NAME --output FILE`.
void RegisterSampleCommands(CLI::App& app, std::function<arrow::Status()>* run);

}  // namespace tarn::cli
