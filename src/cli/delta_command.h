// `tarn delta ...`: table operations on Delta tables addressed by path.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>
#include <arrow/status.h>

namespace tarn::cli {

// Registers the `delta` subcommand tree on `app`. The command to run after parsing is stored
// in `*run`.
void RegisterDeltaCommands(CLI::App& app, std::function<arrow::Status()>* run);

}  // namespace tarn::cli
