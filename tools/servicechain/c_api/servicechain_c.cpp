// The C API (include/servicechain/servicechain.h): models held in memory, and
// sc_run, which runs the CLI's own registered commands in-process on a request
// turned into command-line arguments (docs/c-api.md). No exception leaves here.
#include "servicechain/servicechain.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <new>
#include <stdexcept>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "../cli.hpp"
#include "servicechain/report/validation.hpp"

struct sc_model {
  servicechain::Model model;
  std::string json;  // the text it was read from, for `validate`
};

namespace {

using servicechain::cli::inline_model_path;
using Json = nlohmann::json;

/// A request that cannot be run: becomes *error.
struct RequestError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// string_view parameters: a message never needs an allocation that could
// throw on its way out of a noexcept function.
char *copy_to_c(std::string_view text) noexcept {
  char *s = static_cast<char *>(std::malloc(text.size() + 1));
  if (s) {
    std::memcpy(s, text.data(), text.size());
    s[text.size()] = '\0';
  }
  return s;
}

void set_error(char **error, std::string_view message) noexcept {
  if (error) *error = copy_to_c(message);
}

/// Private temporary files holding inline data; removed when the run ends.
class TempFiles {
 public:
  TempFiles() = default;
  TempFiles(const TempFiles &) = delete;
  TempFiles &operator=(const TempFiles &) = delete;
  ~TempFiles() {
    for (const auto &p : paths_) ::unlink(p.c_str());
  }
  std::string add(const std::string &content) {
    // The extension lets commands that look at it tell JSON from CSV.
    auto first = content.find_first_not_of(" \t\r\n");
    bool json = first != std::string::npos && (content[first] == '{' || content[first] == '[');
    std::string suffix = json ? ".json" : ".csv";
    std::string pattern = (std::filesystem::temp_directory_path() / ("servicechain-XXXXXX" + suffix)).string();
    int fd = ::mkstemps(pattern.data(), static_cast<int>(suffix.size()));  // mode 0600
    if (fd < 0) throw servicechain::Error("cannot create a temporary file for inline data: " + std::string(std::strerror(errno)));
    paths_.push_back(pattern);
    const char *p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
      ssize_t n = ::write(fd, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ::close(fd);
        throw servicechain::Error("cannot write inline data to a temporary file");
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) throw servicechain::Error("cannot write inline data to a temporary file");
    return pattern;
  }

 private:
  std::vector<std::string> paths_;
};

bool is_flag(const CLI::Option *option) { return option->get_expected_max() == 0; }

std::string scalar_text(const Json &value, const std::string &key) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  throw RequestError("request: \"" + key + "\" must be a string, number or boolean");
}

/// {"data": text} → a temporary file; {"path": p} → p; {"value": v} → v.
std::string object_argument(const Json &value, const std::string &key, TempFiles &temp) {
  if (value.size() == 1) {
    if (value.contains("data") && value["data"].is_string()) return temp.add(value["data"].get<std::string>());
    if (value.contains("path") && value["path"].is_string()) return value["path"].get<std::string>();
    if (value.contains("value")) return scalar_text(value["value"], key);
  }
  throw RequestError("request: \"" + key + "\" must be {\"data\": text}, {\"path\": file} or {\"value\": v}");
}

CLI::App *find_subcommand(CLI::App *parent, const std::string &name) {
  for (CLI::App *sub : parent->get_subcommands([](CLI::App *) { return true; }))
    if (sub->get_name() == name) return sub;
  return nullptr;
}

std::vector<std::string> split_words(const std::string &text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

/// Turns a request into the arguments of `servicechain ...` (docs/c-api.md).
std::vector<std::string> request_arguments(const Json &request, CLI::App &app, bool have_model, TempFiles &temp) {
  if (!request.is_object()) throw RequestError("request: must be a JSON object");
  if (!request.contains("command") || !request["command"].is_string())
    throw RequestError("request: \"command\" (a string) is required");

  // The command path: "survey nps", or "command" plus "subcommand"/"measure".
  std::vector<std::string> path = split_words(request["command"].get<std::string>());
  for (const char *key : {"subcommand", "measure"})
    if (request.contains(key)) {
      if (!request[key].is_string()) throw RequestError(std::string("request: \"") + key + "\" must be a string");
      path.push_back(request[key].get<std::string>());
    }
  if (path.empty()) throw RequestError("request: \"command\" is empty");
  CLI::App *command = &app;
  std::string name;
  for (const auto &word : path) {
    CLI::App *sub = find_subcommand(command, word);
    name += (name.empty() ? "" : " ") + word;
    if (!sub) throw RequestError("unknown command \"" + name + "\"");
    command = sub;
  }
  if (command->get_require_subcommand_min() > 0)
    throw RequestError("command \"" + name + "\" needs a subcommand (\"subcommand\" in the request)");
  if (!command->get_option_no_throw("--json"))
    throw RequestError("command \"" + name + "\" has no JSON output");

  // Options: "args" and the flat keys together.
  std::vector<std::pair<std::string, const Json *>> items;
  for (auto it = request.begin(); it != request.end(); ++it) {
    const std::string &key = it.key();
    if (key == "command" || key == "subcommand" || key == "measure" || key == "json") continue;
    if (key == "args") {
      if (!it->is_object()) throw RequestError("request: \"args\" must be an object");
      for (auto a = it->begin(); a != it->end(); ++a) items.emplace_back(a.key(), &*a);
    } else {
      items.emplace_back(key, &*it);
    }
  }

  std::vector<std::string> head;  // global options, then the command path
  std::vector<std::string> options;
  std::vector<std::pair<std::string, const Json *>> positional_values;
  for (const auto &[raw_key, value] : items) {
    if (raw_key == "json") continue;
    std::string key = raw_key;
    for (char &c : key)
      if (c == '_') c = '-';
    if (key == "lang") {
      head.push_back("--lang=" + scalar_text(*value, raw_key));
      continue;
    }
    CLI::Option *option = command->get_option_no_throw("--" + key);
    if (!option || !option->nonpositional()) {
      positional_values.emplace_back(raw_key, value);
      continue;
    }
    if (key == "help") throw RequestError("request: \"help\" is not available through sc_run");
    if (value->is_null()) continue;
    if (is_flag(option)) {
      if (!value->is_boolean()) throw RequestError("request: \"" + raw_key + "\" is a flag: use true or false");
      if (value->get<bool>()) options.push_back("--" + key);
      continue;
    }
    auto add = [&, &raw_key = raw_key](const Json &v) {  // clang 14 cannot capture a structured binding
      options.push_back("--" + key + "=" + (v.is_object() ? object_argument(v, raw_key, temp) : scalar_text(v, raw_key)));
    };
    if (value->is_array())
      for (const auto &v : *value) add(v);
    else
      add(*value);
  }

  // Positional arguments in their declared order: one whose name contains "model"
  // is the model handle; the others take the key of their name, or "data" for the
  // first one.
  std::vector<std::string> positionals;
  bool data_used = false;
  auto find_value = [&](const std::string &key) -> const Json * {
    for (auto &[k, v] : positional_values)
      if (k == key && v) {
        const Json *found = v;
        v = nullptr;
        return found;
      }
    return nullptr;
  };
  for (CLI::Option *option : command->get_options([](CLI::Option *o) { return o->get_positional(); })) {
    std::string pname = option->get_name();
    if (pname.find("model") != std::string::npos) {  // "model", "model_file", ...
      if (have_model)
        positionals.emplace_back(inline_model_path);
      else if (option->get_required())
        throw RequestError("command \"" + name + "\" needs a model");
      continue;
    }
    const Json *value = find_value(pname);
    if (!value && !data_used) {
      value = find_value("data");
      data_used = value != nullptr;
    }
    if (!value || value->is_null()) {
      if (option->get_required()) throw RequestError("command \"" + name + "\" needs \"" + pname + "\" (or \"data\")");
      continue;
    }
    auto add = [&](const Json &v) {
      if (v.is_string())
        positionals.push_back(temp.add(v.get<std::string>()));
      else if (v.is_object())
        positionals.push_back(object_argument(v, pname, temp));
      else
        throw RequestError("request: \"" + pname + "\" must be inline text or {\"path\": file}");
    };
    if (value->is_array())
      for (const auto &v : *value) add(v);
    else
      add(*value);
  }
  for (const auto &[key, value] : positional_values)
    if (value) throw RequestError("command \"" + name + "\" has no option \"" + key + "\"");

  std::vector<std::string> args = head;
  args.insert(args.end(), path.begin(), path.end());
  args.insert(args.end(), positionals.begin(), positionals.end());
  args.insert(args.end(), options.begin(), options.end());
  args.push_back("--json");
  return args;
}

std::string run_request(const sc_model *model, const char *request_text) {
  Json request;
  try {
    request = Json::parse(request_text);
  } catch (const Json::parse_error &e) {
    throw RequestError(std::string("request: not valid JSON: ") + e.what());
  }
  std::string output;
  servicechain::cli::InProcessRun run(model ? &model->model : nullptr, model ? &model->json : nullptr, output);
  CLI::App app{"servicechain", "servicechain"};  // built per call, on this run's options
  servicechain::cli::configure_app(app);
  TempFiles temp;
  std::vector<std::string> args = request_arguments(request, app, model != nullptr, temp);
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
  try {
    app.parse(reversed);
  } catch (const servicechain::cli::Exit &e) {
    // A command that printed its result and then reports failure (e.g. `check`).
    if (output.empty()) throw RequestError("command failed (exit code " + std::to_string(e.code) + ")");
  } catch (const CLI::Success &) {
    throw RequestError("request: help is not available through sc_run");
  } catch (const CLI::ParseError &e) {
    throw RequestError(std::string("usage error: ") + e.what());
  } catch (const servicechain::cli::UsageError &e) {
    throw RequestError(std::string("usage error: ") + e.what());
  }
  return output;
}

/// Runs `body` and turns any exception into a message in `*error` and NULL:
/// no C++ exception crosses the C boundary.
template <class Body>
auto at_boundary(char **error, Body body) noexcept -> decltype(body()) {
  try {
    return body();
  } catch (const std::bad_alloc &) {
    set_error(error, "out of memory");
  } catch (const std::exception &e) {
    set_error(error, e.what());
  } catch (...) {
    set_error(error, "unknown error");
  }
  return nullptr;
}

}  // namespace

extern "C" {

const char *sc_version(void) { return SERVICECHAIN_VERSION_STRING; }

sc_model *sc_model_from_json(const char *json, size_t length, char **error) {
  if (error) *error = nullptr;
  if (!json) {
    set_error(error, "sc_model_from_json: json is NULL");
    return nullptr;
  }
  return at_boundary(error, [&]() -> sc_model * {
    std::string text(json, length);
    servicechain::Diagnostics diagnostics;
    auto model = servicechain::check_model_json(text, diagnostics);
    if (!model) {
      set_error(error, servicechain::validation_report_json(diagnostics));
      return nullptr;
    }
    return new sc_model{std::move(*model), std::move(text)};
  });
}

void sc_model_free(sc_model *model) { delete model; }

char *sc_run(const sc_model *model, const char *request_json, char **error) {
  if (error) *error = nullptr;
  if (!request_json) {
    set_error(error, "sc_run: request_json is NULL");
    return nullptr;
  }
  return at_boundary(error, [&]() -> char * {
    char *result = copy_to_c(run_request(model, request_json));
    if (!result) set_error(error, "out of memory");
    return result;
  });
}

void sc_string_free(char *s) { std::free(s); }

}  // extern "C"
