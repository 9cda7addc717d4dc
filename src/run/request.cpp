// Reading a request against its command's option table (docs/requests.md).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "request.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/model_json.hpp"

namespace servicechain::detail {

namespace {

using Json = nlohmann::json;

std::string in_quotes(std::string_view text) {
  std::string s = "\"";
  s.append(text).append("\"");
  return s;
}

/// A request key in the table's spelling: `_` becomes `-`; the positional
/// input's old names ("file", "log") are "data".
std::string option_name(std::string_view key) {
  std::string name(key);
  std::replace(name.begin(), name.end(), '_', '-');
  if (name == "file" || name == "log") name = "data";
  return name;
}

const OptionSpec *find_option(const CommandSpec &spec, std::string_view name) {
  for (const auto &o : spec.options)
    if (o.name == name) return &o;
  return nullptr;
}

std::string range_text(const OptionSpec &o) {
  std::string s = "[";
  JsonWriter::append_number(s, o.min);
  s.append(", ");
  JsonWriter::append_number(s, o.max);
  return s.append("]");
}

bool bounded(const OptionSpec &o) { return o.min != o.max; }

std::uint64_t read_integer(const OptionSpec &o, const Json &v, const std::string &path) {
  std::uint64_t value = 0;
  bool ok = false;
  std::string shown;
  if (v.is_number_unsigned()) {
    value = v.get<std::uint64_t>();
    ok = true;
    shown = v.dump();
  } else if (v.is_string()) {
    shown = v.get<std::string>();
    const bool digits = !shown.empty() && std::all_of(shown.begin(), shown.end(), [](char c) { return c >= '0' && c <= '9'; });
    auto parsed = std::from_chars(shown.data(), shown.data() + shown.size(), value);
    ok = digits && parsed.ec == std::errc() && parsed.ptr == shown.data() + shown.size();
  } else {
    shown = v.dump();
  }
  if (!ok || (bounded(o) && (static_cast<double>(value) < o.min || static_cast<double>(value) > o.max)))
    throw RequestError("bad_option", "--" + std::string(o.name) + ": " + in_quotes(shown) + " is not a whole number" +
                                         (bounded(o) ? " in " + range_text(o) : std::string()),
                       path);
  return value;
}

double read_number(const OptionSpec &o, const Json &v, const std::string &path) {
  double value = NAN;
  if (v.is_number()) {
    value = v.get<double>();
  } else if (v.is_string()) {
    const std::string text = v.get<std::string>();
    auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
    if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size()) value = NAN;
  }
  if (!std::isfinite(value)) throw RequestError("bad_option", "--" + std::string(o.name) + " must be a number", path);
  if (bounded(o) && (value < o.min || value > o.max))
    throw RequestError("bad_option", "--" + std::string(o.name) + " must be in " + range_text(o), path);
  return value;
}

std::string read_text(const OptionSpec &o, const Json &v, const std::string &path) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number() || v.is_boolean()) return v.dump();
  throw RequestError("bad_option", "--" + std::string(o.name) + " must be a string", path);
}

/// {"path": p}, {"data": text}, or a string: inline text for the positional
/// input ("data"), a path for an option (as the C API has always read them).
Input read_input(const OptionSpec &o, const Json &v, const std::string &path) {
  Input input;
  if (v.is_string()) {
    input.is_path = o.name != "data";
    (input.is_path ? input.path : input.text) = v.get<std::string>();
  } else if (v.is_object() && v.size() == 1 && v.contains("path") && v["path"].is_string()) {
    input.is_path = true;
    input.path = v["path"].get<std::string>();
  } else if (v.is_object() && v.size() == 1 && v.contains("data") && v["data"].is_string()) {
    input.text = v["data"].get<std::string>();
  } else {
    throw RequestError("bad_option", "--" + std::string(o.name) + " must be inline text, {\"data\": text} or {\"path\": file}", path);
  }
  input.source = input.is_path ? input.path : "<" + std::string(o.name) + ">";
  input.where = path;
  return input;
}

/// A dated input: "DATE=FILE" or "FILE" (a path), or {"date"?, "path" | "data"};
/// with OptionSpec::kinded "KIND:" in front of the text or a "kind" in the object.
Input read_dated_input(const OptionSpec &o, const Json &v, const std::string &path) {
  const std::string name(o.name);
  const std::string form = o.kinded ? "\"KIND:DATE=FILE\" or {\"kind\", \"date\", \"path\" | \"data\"}"
                                    : "\"DATE=FILE\" or {\"date\", \"path\" | \"data\"}";
  if (v.is_string()) {
    std::string text = v.get<std::string>();
    Input input;
    if (o.kinded) {
      const auto colon = text.find(':');
      if (colon == std::string::npos) throw RequestError("bad_option", "--" + name + " " + text + ": must be " + form, path);
      input.kind = text.substr(0, colon);
      text.erase(0, colon + 1);
    }
    const auto eq = text.find('=');
    input.is_path = true;
    input.path = eq == std::string::npos ? text : text.substr(eq + 1);
    if (eq != std::string::npos) input.date = text.substr(0, eq);
    if (input.path.empty()) throw RequestError("bad_option", "--" + name + " " + v.get<std::string>() + ": no file after the date (DATE=FILE)", path);
    input.source = input.path;
    input.where = path;  // RunOptions::allow_paths refuses it here
    return input;
  }
  const auto is_text = [&](const char *key) { return !v.contains(key) || v[key].is_string(); };
  if (!v.is_object() || !is_text("date") || (o.kinded && (!v.contains("kind") || !is_text("kind"))) || (!o.kinded && v.contains("kind")))
    throw RequestError("bad_option", "--" + name + " must be " + form, path);
  Json rest = v;
  rest.erase("date");
  rest.erase("kind");
  Input input = read_input(o, rest, path);
  if (v.contains("date")) input.date = v["date"].get<std::string>();
  if (o.kinded) input.kind = v["kind"].get<std::string>();
  if (!input.is_path) input.source = "<" + name + " " + (input.date.empty() ? path : input.date) + ">";  // "<wave 2026-03-31>"
  return input;
}

/// `read` of each element of an array (paths /0, /1, ...), or of the one value.
template <class T, class Read>
void read_each(const Json &v, const std::string &path, std::vector<T> &out, Read read) {
  if (!v.is_array()) return out.push_back(read(v, path));
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string at = path;
    at.append("/").append(std::to_string(i));
    out.push_back(read(v[i], at));
  }
}

OptionValue read_value(const OptionSpec &o, const Json &v, const std::string &path) {
  OptionValue value;
  const bool many = o.kind == OptionKind::texts || o.kind == OptionKind::inputs || o.kind == OptionKind::dated_inputs;
  if (v.is_array() && !many) throw RequestError("bad_option", "--" + std::string(o.name) + " takes one value, not an array", path);
  switch (o.kind) {
    case OptionKind::flag:
      if (!v.is_boolean()) throw RequestError("bad_option", "--" + std::string(o.name) + " is a flag: use true or false", path);
      value.flag = v.get<bool>();
      break;
    case OptionKind::integer: value.integer = read_integer(o, v, path); break;
    case OptionKind::number: value.number = read_number(o, v, path); break;
    case OptionKind::text: value.texts.push_back(read_text(o, v, path)); break;
    case OptionKind::choice: {
      std::string text = read_text(o, v, path);
      if (std::find(o.choices.begin(), o.choices.end(), text) == o.choices.end()) {
        std::string allowed;
        for (auto c : o.choices) allowed.append(allowed.empty() ? "" : ", ").append(c);
        throw RequestError("bad_option", "--" + std::string(o.name) + ": " + in_quotes(text) + " is not one of " + allowed, path);
      }
      value.texts.push_back(std::move(text));
      break;
    }
    case OptionKind::texts: read_each(v, path, value.texts, [&](const Json &e, const std::string &p) { return read_text(o, e, p); }); break;
    case OptionKind::input: value.inputs.push_back(read_input(o, v, path)); break;
    case OptionKind::inputs:
      read_each(v, path, value.inputs, [&](const Json &e, const std::string &p) { return read_input(o, e, p); });
      break;
    case OptionKind::dated_inputs:
      read_each(v, path, value.inputs, [&](const Json &e, const std::string &p) { return read_dated_input(o, e, p); });
      break;
  }
  return value;
}

/// The command named by "command" plus "subcommand" / "measure".
const CommandSpec &find_command(const Json &request) {
  auto command = request.find("command");
  if (command == request.end() || !command->is_string())
    throw RequestError("bad_request", "request: \"command\" (a string) is required", "/command");
  std::string name;
  for (char c : command->get<std::string>())  // "survey  nps" and "survey nps" alike
    if (c != ' ' || (!name.empty() && name.back() != ' ')) name.push_back(c);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  for (const char *key : {"subcommand", "measure"})
    if (auto sub = request.find(key); sub != request.end()) {
      if (!sub->is_string()) throw RequestError("bad_request", std::string("request: \"") + key + "\" must be a string", std::string("/") + key);
      name.append(" ").append(sub->get<std::string>());
    }
  if (const CommandSpec *spec = find_command_spec(name)) return *spec;
  if (name.empty()) throw RequestError("bad_request", "request: \"command\" is empty", "/command");
  for (const auto &spec : command_specs())
    if (spec.name.starts_with(name + " "))
      throw RequestError("bad_request", "command " + in_quotes(name) + " needs a subcommand (\"subcommand\" in the request)", "/command");
  throw RequestError("unknown_command", "unknown command " + in_quotes(name), "/command", 2);
}

void read_option(ParsedRequest &parsed, const std::string &key, const Json &value, const std::string &path) {
  if (key == "json") return;  // the CLI's --json: a request's answer is always JSON
  if (key == "lang") {
    if (!value.is_string() || (value != "en" && value != "es"))
      throw RequestError("bad_option", "--lang must be \"en\" or \"es\"", path);
    parsed.language = *parse_language(value.get<std::string>());
    return;
  }
  const std::string name = option_name(key);
  const OptionSpec *spec = find_option(*parsed.spec, name);
  if (!spec) throw RequestError("bad_option", "command " + in_quotes(parsed.spec->name) + " has no option " + in_quotes(key), path);
  if (value.is_null()) return;
  parsed.options.values_[spec->name] = read_value(*spec, value, path);
}

}  // namespace

void bad_option(std::string_view name, const std::string &message, int status) {
  throw RequestError("bad_option", message, "/" + std::string(name), status);
}

ParsedRequest parse_request(std::string_view request_json) {
  Json request;
  try {
    request = Json::parse(request_json.begin(), request_json.end());
  } catch (const Json::parse_error &e) {
    throw RequestError("bad_request", std::string("request: not valid JSON: ") + e.what());
  }
  if (!request.is_object()) throw RequestError("bad_request", "request: must be a JSON object");
  ParsedRequest parsed;
  parsed.spec = &find_command(request);
  for (auto it = request.begin(); it != request.end(); ++it) {
    const std::string &key = it.key();
    if (key == "command" || key == "subcommand" || key == "measure") continue;
    if (key != "args") {
      read_option(parsed, key, *it, "/" + key);
      continue;
    }
    if (!it->is_object()) throw RequestError("bad_request", "request: \"args\" must be an object", "/args");
    for (auto a = it->begin(); a != it->end(); ++a) read_option(parsed, a.key(), *a, "/args/" + a.key());
  }
  for (const auto &o : parsed.spec->options)
    if (o.required && !parsed.options.given(o.name))
      throw RequestError("bad_option",
                         "command " + in_quotes(parsed.spec->name) + " needs " + in_quotes(std::string(o.name)) +
                             (o.name == "data" ? " (its input: inline text or {\"path\": file})" : ""),
                         "/" + std::string(o.name));
  return parsed;
}

// ---- Options ---------------------------------------------------------------

bool Options::flag(std::string_view name) const {
  auto it = values_.find(name);
  return it != values_.end() && it->second.flag;
}
double Options::number(std::string_view name, double fallback) const { return number(name).value_or(fallback); }
std::optional<double> Options::number(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second.number;
}
std::uint64_t Options::integer(std::string_view name, std::uint64_t fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second.integer;
}
std::optional<std::uint64_t> Options::integer(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second.integer;
}
std::string Options::text(std::string_view name, std::string_view fallback) const {
  auto it = values_.find(name);
  return it == values_.end() || it->second.texts.empty() ? std::string(fallback) : it->second.texts.front();
}
const std::vector<std::string> &Options::texts(std::string_view name) const {
  static const std::vector<std::string> none;
  auto it = values_.find(name);
  return it == values_.end() ? none : it->second.texts;
}
const Input *Options::input(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() || it->second.inputs.empty() ? nullptr : &it->second.inputs.front();
}
const std::vector<Input> &Options::inputs(std::string_view name) const {
  static const std::vector<Input> none;
  auto it = values_.find(name);
  return it == values_.end() ? none : it->second.inputs;
}

// ---- Inputs, output, shared option readers ------------------------------------

CsvReader Input::csv(const CsvOptions &options) const {
  return is_path ? CsvReader::open(path, options) : CsvReader::from_text(text, source, options);
}

std::string Input::content() const { return is_path ? read_file(path) : text; }

void Context::json(const std::function<void(JsonWriter &)> &write) {
  response.body.clear();
  JsonWriter writer(response.body);
  if (sink) writer.stream_to(*sink);
  write(writer);
  response.body.push_back('\n');
  if (sink) {
    writer.flush();
    (*sink)(response.body);
    response.body.clear();
  }
}

void Context::text(std::string body, std::string_view media_type) {
  response.media_type = std::string(media_type);
  if (sink) {
    (*sink)(body);
    response.body.clear();
  } else {
    response.body = std::move(body);
  }
}

const ModelAndGraph &Context::require_model() const {
  if (!model) throw RequestError("bad_request", "this command needs a model");
  return *model;
}

void apply_csv_dialect(const Options &request, CsvOptions &options) {
  const std::string delimiter = request.text("delimiter", ",");
  auto d = parse_csv_delimiter(delimiter);
  if (!d) bad_option("delimiter", "--delimiter must be \",\", \";\" or \"tab\", not \"" + delimiter + "\"");
  if (request.flag("decimal-comma") && *d == ',') bad_option("decimal-comma", "--decimal-comma needs --delimiter \";\" or \"tab\"");
  options.delimiter = *d;
  options.decimal_comma = request.flag("decimal-comma");
}

Model model_from_input(const Input &input) {
  return input.is_path ? load_model(input.path) : load_model_json(input.text, input.source);
}

std::shared_ptr<const ModelAndGraph> model_input(const Options &options, std::string_view name) {
  const Input *input = options.input(name);
  if (!input) return nullptr;
  Model model = model_from_input(*input);
  ChainGraph graph(model);
  return std::make_shared<const ModelAndGraph>(ModelAndGraph{std::move(model), std::move(graph)});
}

}  // namespace servicechain::detail
