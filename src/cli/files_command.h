// `tarn files ...`: read CSV / JSON / Parquet / text / binary files the way Databricks
// `read_files` does (inference, options, rescued data), and list the files a path denotes.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>
#include <arrow/status.h>

namespace tarn::cli {

// Registers the `files` subcommand tree on `app`. The command to run after parsing is stored in `*run`.
void RegisterFilesCommands(CLI::App& app, std::function<arrow::Status()>* run);

}  // namespace tarn::cli
