// `tarn sql`: run SQL from -e, a file, standard input, or an interactive shell.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>
#include <arrow/status.h>

namespace tarn::cli {

void RegisterSqlCommand(CLI::App& app, std::function<arrow::Status()>* run);

}  // namespace tarn::cli
