// ListInputFiles: paths, directories and Hadoop globs on any Arrow filesystem.
#include <algorithm>
#include <filesystem>
#include <set>

#include <arrow/filesystem/api.h>

#include "errors/error_class.h"
#include "files/glob_pattern.h"
#include "files/read_files.h"
#include "files/reader_settings_internal.h"

namespace tarn::files {

namespace {

std::vector<std::string> SplitSegments(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool IsHiddenName(std::string_view name) {
  return !name.empty() && (name[0] == '_' || name[0] == '.');
}

std::string BaseName(std::string_view path) {
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

int64_t MtimeMs(const arrow::fs::FileInfo& info) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(info.mtime().time_since_epoch()).count();
}

// Local paths become absolute so that Arrow's filesystem resolution accepts them.
std::string Absolute(const std::string& path) {
  if (path.find("://") != std::string::npos || path.starts_with("file:")) return path;
  std::error_code ec;
  auto abs = std::filesystem::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

struct Lister {
  const ReaderSettings& settings;
  std::shared_ptr<arrow::fs::FileSystem> fs;
  std::vector<InputFile> found;

  void Add(const arrow::fs::FileInfo& info) { found.push_back({info.path(), info.size(), MtimeMs(info)}); }

  // Every file under `dir` (recursively unless recursiveFileLookup=false), hidden names skipped.
  arrow::Status AddDirectory(const std::string& dir) {
    arrow::fs::FileSelector selector;
    selector.base_dir = dir;
    selector.recursive = settings.recursive_file_lookup;
    ARROW_ASSIGN_OR_RAISE(auto infos, fs->GetFileInfo(selector));
    for (const auto& info : infos) {
      if (!info.IsFile()) continue;
      std::string_view rel = std::string_view(info.path()).substr(std::min(dir.size(), info.path().size()));
      bool hidden = false;
      for (const auto& seg : SplitSegments(rel)) hidden = hidden || IsHiddenName(seg);
      if (!hidden) Add(info);
    }
    return arrow::Status::OK();
  }

  // Glob segments matched level by level, so `*` never crosses '/'.
  arrow::Status Walk(const std::string& dir, const std::vector<std::string>& segments, size_t index) {
    if (index == segments.size()) return arrow::Status::OK();
    const std::string& seg = segments[index];
    bool last = index + 1 == segments.size();
    if (!GlobPattern::HasGlobChars(seg)) {
      std::string path = dir + "/" + seg;
      ARROW_ASSIGN_OR_RAISE(auto info, fs->GetFileInfo(path));
      if (info.IsFile() && last) Add(info);
      if (info.IsDirectory()) {
        if (last) return AddDirectory(path);
        return Walk(path, segments, index + 1);
      }
      return arrow::Status::OK();
    }
    ARROW_ASSIGN_OR_RAISE(auto pattern, GlobPattern::Make(seg));
    arrow::fs::FileSelector selector;
    selector.base_dir = dir;
    selector.allow_not_found = true;
    ARROW_ASSIGN_OR_RAISE(auto infos, fs->GetFileInfo(selector));
    for (const auto& info : infos) {
      std::string name = BaseName(info.path());
      if (IsHiddenName(name) || !pattern.Matches(name)) continue;
      if (info.IsFile() && last) Add(info);
      if (info.IsDirectory()) {
        if (last) ARROW_RETURN_NOT_OK(AddDirectory(info.path()));
        else ARROW_RETURN_NOT_OK(Walk(info.path(), segments, index + 1));
      }
    }
    return arrow::Status::OK();
  }
};

}  // namespace

arrow::Result<std::vector<InputFile>> ListInputFiles(const std::string& path_or_glob,
                                                     const ReadOptions& options) {
  ARROW_ASSIGN_OR_RAISE(auto settings, MakeReaderSettings(options));
  if (path_or_glob.empty()) return UserError("PATH_NOT_FOUND", "Path does not exist: ''.");
  std::string full = Absolute(path_or_glob);
  std::vector<InputFile> files;
  std::set<std::string> seen;
  ARROW_ASSIGN_OR_RAISE(auto glob, GlobPattern::Make(full));
  for (const std::string& alternative : glob.alternatives()) {
    // The filesystem is resolved from the glob-free prefix (a URI may not contain glob chars).
    size_t first_glob = std::string::npos;
    for (size_t i = 0; i < alternative.size(); ++i) {
      char c = alternative[i];
      if (c == '\\') { ++i; continue; }
      if (c == '*' || c == '?' || c == '[') { first_glob = i; break; }
    }
    std::string base = alternative;
    std::string rest;
    if (first_glob != std::string::npos) {
      size_t slash = alternative.rfind('/', first_glob);
      base = slash == std::string::npos ? "." : alternative.substr(0, slash);
      rest = alternative.substr(slash == std::string::npos ? 0 : slash + 1);
    }
    std::string base_path;
    ARROW_ASSIGN_OR_RAISE(auto fs, arrow::fs::FileSystemFromUriOrPath(base.empty() ? "/" : base, &base_path));
    Lister lister{settings, fs, {}};
    if (rest.empty()) {
      ARROW_ASSIGN_OR_RAISE(auto info, fs->GetFileInfo(base_path));
      if (info.IsFile()) lister.Add(info);
      else if (info.IsDirectory()) ARROW_RETURN_NOT_OK(lister.AddDirectory(base_path));
    } else {
      ARROW_RETURN_NOT_OK(lister.Walk(base_path == "/" ? "" : base_path, SplitSegments(rest), 0));
    }
    for (auto& f : lister.found) {
      if (seen.insert(f.path).second) files.push_back(std::move(f));
    }
  }
  if (!settings.path_glob_filter.empty()) {
    ARROW_ASSIGN_OR_RAISE(auto filter, GlobPattern::Make(settings.path_glob_filter));
    std::erase_if(files, [&](const InputFile& f) { return !filter.Matches(BaseName(f.path)); });
  }
  if (settings.modified_after_ms) {
    std::erase_if(files, [&](const InputFile& f) { return f.modification_time_ms <= *settings.modified_after_ms; });
  }
  if (settings.modified_before_ms) {
    std::erase_if(files, [&](const InputFile& f) { return f.modification_time_ms >= *settings.modified_before_ms; });
  }
  if (files.empty() && seen.empty()) {
    return UserError("PATH_NOT_FOUND", "Path does not exist: {}.", path_or_glob);
  }
  std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace tarn::files
