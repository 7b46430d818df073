#include "cli/sql_command.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <arrow/api.h>
#include <arrow/io/file.h>
#include <arrow/io/memory.h>
#include <arrow/ipc/writer.h>
#include <editline/readline.h>
#include <fmt/format.h>

#include "cli/table_output.h"
#include "errors/error_class.h"
#include "exec/session.h"
#include "sql/parser/parser.h"

namespace tarn::cli {

namespace {

struct SqlArgs {
  std::string execute, file, format = "table", output;
  int64_t max_rows = 1000;
  bool echo = false;  // print each statement before its result (table format)
};

arrow::Status WriteArrowStream(const arrow::Table& table, const std::string& path) {
  const bool to_stdout = path.empty() || path == "-";
  std::shared_ptr<arrow::io::OutputStream> sink;
  std::shared_ptr<arrow::io::BufferOutputStream> buffer;
  if (to_stdout) {
    // Standard output may be a pipe, which a FileOutputStream cannot take (it seeks): build the
    // stream in memory, then write it out.
    ARROW_ASSIGN_OR_RAISE(buffer, arrow::io::BufferOutputStream::Create());
    sink = buffer;
  } else {
    ARROW_ASSIGN_OR_RAISE(sink, arrow::io::FileOutputStream::Open(path));
  }
  ARROW_ASSIGN_OR_RAISE(auto writer, arrow::ipc::MakeStreamWriter(sink, table.schema()));
  ARROW_RETURN_NOT_OK(writer->WriteTable(table));
  ARROW_RETURN_NOT_OK(writer->Close());
  if (!to_stdout) return sink->Close();
  ARROW_ASSIGN_OR_RAISE(auto bytes, buffer->Finish());
  std::cout.write(reinterpret_cast<const char*>(bytes->data()), bytes->size());
  std::cout.flush();
  if (!std::cout) return arrow::Status::IOError("writing the Arrow stream to standard output failed");
  return arrow::Status::OK();
}

// Prints each result as it comes for people; for files, keeps the last result that has rows.
class ResultPrinter {
 public:
  explicit ResultPrinter(const SqlArgs& args) : args_(args) {}

  arrow::Status Print(const exec::StatementResult& r, bool timing) {
    if (!r.table) {
      if (timing) std::cout << fmt::format("OK ({:.3f} s)\n", r.elapsed_seconds);
      return arrow::Status::OK();
    }
    if (args_.format == "arrow" || args_.format == "parquet") {
      last_ = r.table;
      return arrow::Status::OK();
    }
    ARROW_ASSIGN_OR_RAISE(auto format, ParseOutputFormat(args_.format));
    std::ofstream file;
    std::ostream* out = &std::cout;
    if (!args_.output.empty()) {
      file.open(args_.output, std::ios::app);
      out = &file;
    }
    ARROW_RETURN_NOT_OK(WriteTable(*r.table, format, *out, "", format == OutputFormat::kTable ? args_.max_rows : -1));
    if (timing) {
      // The table format already printed the row count.
      if (format == OutputFormat::kTable) {
        std::cout << fmt::format("({:.3f} s)\n", r.elapsed_seconds);
      } else {
        std::cout << fmt::format("{} row{} ({:.3f} s)\n", r.table->num_rows(), r.table->num_rows() == 1 ? "" : "s",
                                 r.elapsed_seconds);
      }
    }
    return arrow::Status::OK();
  }

  arrow::Status Finish() {
    if (!last_) return arrow::Status::OK();
    if (args_.format == "arrow") return WriteArrowStream(*last_, args_.output);
    return WriteTable(*last_, OutputFormat::kParquet, std::cout, args_.output);
  }

 private:
  const SqlArgs& args_;
  std::shared_ptr<arrow::Table> last_;
};

arrow::Status RunScript(exec::Session& session, const std::string& text, const SqlArgs& args) {
  ResultPrinter printer(args);
  if (!args.output.empty() && args.format != "arrow" && args.format != "parquet") {
    std::ofstream truncate(args.output, std::ios::trunc);
  }
  ARROW_ASSIGN_OR_RAISE(auto statements, sql::ParseScript(text));
  for (const auto& s : statements) {
    if (args.echo && args.format == "table") std::cout << "\n\033[1m> " << s.text << "\033[0m\n" << std::flush;
    ARROW_ASSIGN_OR_RAISE(auto r, session.Execute(s));
    ARROW_RETURN_NOT_OK(printer.Print(r, args.echo));
  }
  return printer.Finish();
}

// True when the text ends a statement: a ';' outside quotes and comments at the end.
bool StatementComplete(const std::string& text) {
  char quote = 0;
  bool last_semicolon = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      last_semicolon = false;
      continue;
    }
    if (c == ';') {
      last_semicolon = true;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      last_semicolon = false;
    }
  }
  return last_semicolon && !quote;
}

arrow::Status RunShell(exec::Session& session, const SqlArgs& args) {
  std::string history;
  if (const char* home = std::getenv("HOME")) history = std::string(home) + "/.tarn_sql_history";
  if (!history.empty()) read_history(history.c_str());
  std::cout << "tarn " << TARN_VERSION << " SQL shell. End statements with ';'. Ctrl-D to exit.\n";
  ResultPrinter printer(args);
  std::string buffer;
  while (true) {
    char* line = readline(buffer.empty() ? "tarn> " : "   -> ");
    if (!line) break;
    std::string text(line);
    std::free(line);
    if (buffer.empty() && (text == "exit" || text == "quit" || text == "\\q")) break;
    buffer += text + "\n";
    if (!StatementComplete(buffer)) continue;
    add_history(buffer.substr(0, buffer.size() - 1).c_str());
    if (!history.empty()) write_history(history.c_str());
    auto statements = sql::ParseScript(buffer);
    buffer.clear();
    if (!statements.ok()) {
      std::cout << "Error: " << statements.status().message() << "\n";
      continue;
    }
    for (const auto& s : *statements) {
      auto r = session.Execute(s);
      if (!r.ok()) {
        std::cout << "Error: " << r.status().message() << "\n";
        break;
      }
      auto st = printer.Print(*r, true);
      if (!st.ok()) std::cout << "Error: " << st.message() << "\n";
    }
  }
  std::cout << "\n";
  return arrow::Status::OK();
}

}  // namespace

void RegisterSqlCommand(CLI::App& app, std::function<arrow::Status()>* run) {
  auto args = std::make_shared<SqlArgs>();
  auto* sql = app.add_subcommand("sql", "Run Spark SQL: -e TEXT, -f FILE, standard input, or an interactive shell");
  sql->add_option("-e,--execute", args->execute, "SQL to run (statements separated by ';')");
  sql->add_option("-f,--file", args->file, "A file of SQL statements")->check(CLI::ExistingFile);
  sql->add_option("--format", args->format, "table, csv, json, parquet or arrow (an Arrow IPC stream)")
      ->check(CLI::IsMember({"table", "csv", "json", "parquet", "arrow"}));
  sql->add_option("--output", args->output, "Write results to this file instead of standard output");
  sql->add_option("--max-rows", args->max_rows, "Rows shown per result in table format");
  sql->add_flag("--echo", args->echo, "Print each statement before its result, with row counts and timings");
  sql->callback([run, args] {
    *run = [args]() -> arrow::Status {
      ARROW_ASSIGN_OR_RAISE(auto session, exec::Session::Make());
      if (!args->execute.empty()) return RunScript(*session, args->execute, *args);
      if (!args->file.empty()) {
        std::ifstream in(args->file);
        std::stringstream text;
        text << in.rdbuf();
        return RunScript(*session, text.str(), *args);
      }
      if (isatty(STDIN_FILENO)) return RunShell(*session, *args);
      std::stringstream text;
      text << std::cin.rdbuf();
      return RunScript(*session, text.str(), *args);
    };
  });
}

}  // namespace tarn::cli
