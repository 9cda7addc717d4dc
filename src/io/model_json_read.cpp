// Reading servicechain/1 model JSON with simdjson's DOM parser (fast: the
// performance target is several hundred MB/s). simdjson gives no position for a
// syntax error, so a failed file is parsed a second time with nlohmann::json,
// which does, only to locate the error.
#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_set>
#include <vector>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "json_path.hpp"
#include "model_json_file.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/log.hpp"
#include "servicechain/validate.hpp"

namespace servicechain {
namespace {

namespace dom = simdjson::dom;
using Keys = std::initializer_list<std::string_view>;

std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// Offset of the first bracket that opens nesting level max_depth + 1, if any.
std::optional<std::size_t> find_too_deep(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

// Accepts every value and keeps the first syntax error with its byte offset.
struct ErrorLocator final : nlohmann::json_sax<nlohmann::json> {
  std::optional<std::string> message;
  std::size_t byte = 0;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t &) override { return true; }
  bool string(string_t &) override { return true; }
  bool binary(binary_t &) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t &) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &e) override {
    message = e.what();
    byte = position;
    return false;
  }
};

[[noreturn]] void throw_syntax_error(std::string_view text, std::string_view source, simdjson::error_code code,
                                     const ReadLimits &limits) {
  std::string src(source);
  if (code == simdjson::DEPTH_ERROR) {
    auto at = find_too_deep(text, limits.max_depth);
    auto [line, column] = line_column(text, at.value_or(0));
    throw LimitError(ParseError(src, line, column, "nesting deeper than the limit of " +
                                                       std::to_string(limits.max_depth) + " levels").what());
  }
  if (code == simdjson::EMPTY || text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw ParseError(src, 1, 1, "empty file: expected a JSON object");
  // The slower parser reports where the text stops being JSON. Its SAX interface
  // builds no document: memory stays flat, whatever the size of the file.
  ErrorLocator locator;
  try {
    nlohmann::json::sax_parse(text.begin(), text.end(), &locator);
  } catch (const std::exception &) {
  }
  if (locator.message) {
    auto [line, column] = line_column(text, locator.byte > 0 ? locator.byte - 1 : 0);
    std::string what = *locator.message;
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
    auto colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    // "last read: '...'" quotes input bytes; invalid UTF-8 among them would make
    // every JSON report of this message invalid (found by fuzz_c_api).
    if (!simdjson::validate_utf8(what.data(), what.size())) {
      static constexpr char hex[] = "0123456789ABCDEF";
      std::string clean;
      for (unsigned char c : what) {
        if (c < 0x80) clean.push_back(static_cast<char>(c));
        else clean += std::string("\\x") + hex[c >> 4] + hex[c & 15];
      }
      what = std::move(clean);
    }
    throw ParseError(src, line, column, "JSON syntax error: " + what);
  }
  throw ParseError(src, 0, 0, std::string("JSON error: ") + simdjson::error_message(code));
}

// The keys seen in one object: a linear scan for the usual handful, a hash set
// beyond that, so that an object with 10^5 keys costs no 10^10 comparisons.
class KeySet {
 public:
  /// False when `key` was already there.
  bool insert(std::string_view key) {
    if (hashed_.empty() && count_ < few_.size()) {
      if (contains(key)) return false;
      few_[count_++] = key;
      return true;
    }
    if (hashed_.empty()) hashed_.insert(few_.begin(), few_.end());
    return hashed_.insert(key).second;
  }
  bool contains(std::string_view key) const {
    return hashed_.empty() ? std::find(few_.begin(), few_.begin() + count_, key) != few_.begin() + count_
                           : hashed_.contains(key);
  }

 private:
  std::array<std::string_view, 16> few_;  // no allocation for an ordinary object
  std::size_t count_ = 0;
  std::unordered_set<std::string_view> hashed_;
};

class ModelReader {
 public:
  ModelReader(Diagnostics &diagnostics, const ReadLimits &limits) : diag_(diagnostics), limits_(limits) {}

  Model read(dom::element root) {
    Model model;
    bool has_format = false;
    read_object(root, JsonPath(), {"format", "organization", "units", "competencies", "positions", "people", "segments",
                           "services", "moments_of_truth", "policies", "curriculum", "plans", "assessment"},
                &model.extensions, [&](std::string_view key, dom::element v, const JsonPath &path) {
                  if (key == "format") {
                    has_format = true;
                    if (auto f = string(v, path); f && *f != model_format)
                      diag_.error(path, "unsupported_format",
                                  "format is \"" + *f + "\"; this version reads \"" + std::string(model_format) + "\"");
                  } else if (key == "organization") {
                    Organization org;
                    read_object(v, path, {"id", "name"}, &org.extensions, [&](auto k, auto fv, const auto &fp) {
                      if (k == "id") set(org.id, string(fv, fp));
                      else set(org.name, string(fv, fp));
                    });
                    if (org.name.empty()) org.name = org.id;
                    model.organization = std::move(org);
                  } else if (key == "units") {
                    read_list(v, path, model.units, [&](dom::element e, const JsonPath &p, Unit &u) { unit(e, p, u); });
                  } else if (key == "competencies") {
                    read_list(v, path, model.competencies, [&](auto e, const auto &p, Competency &c) { competency(e, p, c); });
                  } else if (key == "positions") {
                    read_list(v, path, model.positions, [&](auto e, const auto &p, Position &x) { position(e, p, x); });
                  } else if (key == "people") {
                    read_list(v, path, model.people, [&](auto e, const auto &p, Person &x) { person(e, p, x); });
                  } else if (key == "segments") {
                    read_list(v, path, model.segments, [&](auto e, const auto &p, Segment &x) { segment(e, p, x); });
                  } else if (key == "services") {
                    read_list(v, path, model.services, [&](auto e, const auto &p, Service &x) { service(e, p, x); });
                  } else if (key == "moments_of_truth") {
                    read_list(v, path, model.moments, [&](auto e, const auto &p, MomentOfTruth &x) { moment(e, p, x); });
                  } else if (key == "policies") {
                    read_list(v, path, model.policies, [&](auto e, const auto &p, Policy &x) { policy(e, p, x); });
                  } else if (key == "curriculum") {
                    model.curriculum.emplace();
                    read_list(v, path, *model.curriculum, [&](auto e, const auto &p, CurriculumModule &x) { module(e, p, x); });
                  } else if (key == "plans") {
                    read_list(v, path, model.plans, [&](auto e, const auto &p, Plan &x) { plan(e, p, x); });
                  } else if (key == "assessment") {
                    model.assessment.emplace();
                    assessment(v, path, *model.assessment);
                  }
                });
    if (root.is_object() && !has_format)
      diag_.error("/format", "missing_required", "required key \"format\" is missing (expected \"servicechain/1\")");
    return model;
  }

 private:
  // Visits the keys of an object: repeated keys and unknown keys are errors,
  // "x-" keys go to `extensions`, the rest to `on_field`. `required` keys that
  // are absent are reported.
  template <class OnField>
  void read_object(dom::element element, const JsonPath &path, Keys known, Extensions *extensions,
                   OnField &&on_field, Keys required = {}) {
    dom::object object;
    if (element.get_object().get(object)) {
      type_error(path, "an object", element);
      return;
    }
    // Known keys are told apart by their position in `known` and a bit mask
    // (no allocation, no hashing); only other keys go to a KeySet.
    std::uint64_t seen_known = 0;
    KeySet seen_other;
    for (auto field : object) {
      std::string_view key = field.key;
      const JsonPath field_path(path, key);
      const std::size_t at = std::find(known.begin(), known.end(), key) - known.begin();
      const bool repeated = at < known.size() ? (seen_known >> at) & 1 : !seen_other.insert(key);
      if (repeated) {
        diag_.error(field_path, "duplicate_key", "key \"" + std::string(key) + "\" appears more than once in this object");
        continue;
      }
      if (at < known.size()) {
        seen_known |= std::uint64_t{1} << at;
        on_field(key, field.value, field_path);
      } else if (key.starts_with("x-") && extensions) {
        extensions->emplace_back(std::string(key), simdjson::minify(field.value));
      } else {
        diag_.error(field_path, "unknown_key", "unknown key \"" + std::string(key) + "\"" + suggestion(key, known));
      }
    }
    for (auto key : required)
      if (!((seen_known >> (std::find(known.begin(), known.end(), key) - known.begin())) & 1))
        diag_.error(JsonPath(path, key), "missing_required", "required key \"" + std::string(key) + "\" is missing");
  }

  template <class T, class ReadItem>
  void read_list(dom::element element, const JsonPath &path, std::vector<T> &out, ReadItem &&read_item) {
    dom::array array;
    if (element.get_array().get(array)) {
      type_error(path, "an array", element);
      return;
    }
    if (array.size() > limits_.max_entities) {
      diag_.error(path, "limit_exceeded", "list has " + std::to_string(array.size()) + " elements, over the limit of " +
                                             std::to_string(limits_.max_entities));
      return;
    }
    out.reserve(array.size());
    std::size_t index = 0;
    for (dom::element item : array) {
      out.emplace_back();
      read_item(item, JsonPath(path, index++), out.back());
    }
  }

  static std::string suggestion(std::string_view key, Keys known) {
    // A near miss (one edit away) is most likely a typo of a known key.
    for (auto k : known) {
      std::size_t a = key.size(), b = k.size();
      if (a + 1 < b || b + 1 < a) continue;
      std::size_t i = 0;
      while (i < std::min(a, b) && key[i] == k[i]) ++i;
      std::size_t j = 0;
      while (j < std::min(a, b) - i && key[a - 1 - j] == k[b - 1 - j]) ++j;
      if (i + j + 1 >= std::max(a, b)) return " (did you mean \"" + std::string(k) + "\"?)";
    }
    return "";
  }

  static std::string_view type_name(dom::element e) {
    switch (e.type()) {
      case dom::element_type::ARRAY: return "an array";
      case dom::element_type::OBJECT: return "an object";
      case dom::element_type::INT64:
      case dom::element_type::UINT64:
      case dom::element_type::DOUBLE: return "a number";
      case dom::element_type::STRING: return "a string";
      case dom::element_type::BOOL: return "a boolean";
      case dom::element_type::NULL_VALUE: return "null";
    }
    return "a value";
  }

  void type_error(const JsonPath &path, std::string_view expected, dom::element got) {
    diag_.error(path, "wrong_type", "expected " + std::string(expected) + ", found " + std::string(type_name(got)));
  }

  std::optional<std::string> string(dom::element e, const JsonPath &path) {
    std::string_view s;
    if (e.get_string().get(s)) {
      type_error(path, "a string", e);
      return std::nullopt;
    }
    if (s.size() > limits_.max_string_bytes) {
      diag_.error(path, "limit_exceeded", "string of " + std::to_string(s.size()) + " bytes, over the limit of " +
                                             std::to_string(limits_.max_string_bytes));
      return std::nullopt;
    }
    return std::string(s);
  }

  std::optional<std::string> id(dom::element e, const JsonPath &path) {
    auto s = string(e, path);
    if (s && s->empty()) {
      diag_.error(path, "empty_id", "an id must be a non-empty string");
      return std::nullopt;
    }
    return s;
  }

  // null or an id
  std::optional<std::string> nullable_id(dom::element e, const JsonPath &path) {
    if (e.is_null()) return std::nullopt;
    return id(e, path);
  }

  std::optional<double> number(dom::element e, const JsonPath &path) {
    double d;
    if (!e.is_number() || e.get_double().get(d)) {
      type_error(path, "a number", e);
      return std::nullopt;
    }
    return d;
  }

  std::optional<std::int64_t> integer(dom::element e, const JsonPath &path) {
    std::int64_t i;
    if (!e.get_int64().get(i)) return i;
    auto d = number(e, path);
    if (!d) return std::nullopt;
    if (std::floor(*d) != *d || std::fabs(*d) > 9.0e15) {
      diag_.error(path, "wrong_type", "expected an integer");
      return std::nullopt;
    }
    return static_cast<std::int64_t>(*d);
  }

  template <class Enum, class Parse>
  std::optional<Enum> enumeration(dom::element e, const JsonPath &path, Parse parse, std::string_view allowed) {
    auto s = string(e, path);
    if (!s) return std::nullopt;
    auto v = parse(*s);
    if (!v) diag_.error(path, "bad_value", "\"" + *s + "\" is not one of " + std::string(allowed));
    return v;
  }

  std::optional<Level> level(dom::element e, const JsonPath &path) {
    return enumeration<Level>(e, path, parse_level, "directive, managerial, operative");
  }

  CompetencyMap competency_map(dom::element e, const JsonPath &path) {
    CompetencyMap map;
    dom::object object;
    if (e.get_object().get(object)) {
      type_error(path, "an object of competency: number", e);
      return map;
    }
    KeySet seen;
    for (auto field : object) {
      const JsonPath p(path, field.key);
      if (!seen.insert(field.key)) {
        diag_.error(p, "duplicate_key", "key \"" + std::string(field.key) + "\" appears more than once in this object");
        continue;
      }
      if (auto v = number(field.value, p)) map.emplace_back(std::string(field.key), *v);
    }
    return map;
  }

  template <class T>
  static void set(T &target, std::optional<T> value) {
    if (value) target = std::move(*value);
  }
  template <class T>
  static void set(std::optional<T> &target, std::optional<T> value) {
    target = std::move(value);
  }

  void unit(dom::element e, const JsonPath &path, Unit &u) {
    read_object(e, path, {"id", "name", "parent", "level", "quality"}, &u.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (k == "id") set(u.id, id(v, p));
                  else if (k == "name") set(u.name, string(v, p));
                  else if (k == "parent") u.parent = nullable_id(v, p);
                  else if (k == "level") set(u.level, level(v, p));
                  else if (k == "quality") u.quality = v.is_null() ? std::nullopt : number(v, p);
                }, {"id", "level"});
    if (u.name.empty()) u.name = u.id;
  }

  void competency(dom::element e, const JsonPath &path, Competency &c) {
    read_object(e, path, {"id", "name"}, &c.extensions, [&](std::string_view k, dom::element v, const JsonPath &p) {
      if (k == "id") set(c.id, id(v, p));
      else set(c.name, string(v, p));
    }, {"id"});
    if (c.name.empty()) c.name = c.id;
  }

  void position(dom::element e, const JsonPath &path, Position &x) {
    read_object(e, path, {"id", "title", "unit", "level", "requires", "weights"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (k == "id") set(x.id, id(v, p));
                  else if (k == "title") set(x.title, string(v, p));
                  else if (k == "unit") set(x.unit, id(v, p));
                  else if (k == "level") x.level = level(v, p);
                  else if (k == "requires") x.requires_levels = competency_map(v, p);
                  else if (k == "weights") x.weights = competency_map(v, p);
                }, {"id", "unit"});
    if (x.title.empty()) x.title = x.id;
  }

  void person(dom::element e, const JsonPath &path, Person &x) {
    read_object(e, path, {"id", "name", "unit", "position", "manager", "morale", "competencies",
                          "customer_contacts_per_year", "training_hours"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (k == "id") set(x.id, id(v, p));
                  else if (k == "name") set(x.name, string(v, p));
                  else if (k == "unit") set(x.unit, id(v, p));
                  else if (k == "position") x.position = nullable_id(v, p);
                  else if (k == "manager") x.manager = nullable_id(v, p);
                  else if (k == "morale") x.morale = v.is_null() ? std::nullopt : number(v, p);
                  else if (k == "competencies") x.competencies = competency_map(v, p);
                  else if (k == "customer_contacts_per_year") set(x.customer_contacts_per_year, number(v, p));
                  else if (k == "training_hours") set(x.training_hours, number(v, p));
                }, {"id", "unit"});
    if (x.name.empty()) x.name = x.id;
  }

  void segment(dom::element e, const JsonPath &path, Segment &x) {
    read_object(e, path, {"id", "name", "size"}, &x.extensions, [&](std::string_view k, dom::element v, const JsonPath &p) {
      if (k == "id") set(x.id, id(v, p));
      else if (k == "name") set(x.name, string(v, p));
      else set(x.size, number(v, p));
    }, {"id"});
    if (x.name.empty()) x.name = x.id;
  }

  void service(dom::element e, const JsonPath &path, Service &x) {
    read_object(e, path, {"from", "to", "name", "weight", "rating"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (k == "from") set(x.from, id(v, p));
                  else if (k == "to") set(x.to, id(v, p));
                  else if (k == "name") set(x.name, string(v, p));
                  else if (k == "weight") set(x.weight, number(v, p));
                  else if (k == "rating") x.rating = v.is_null() ? std::nullopt : number(v, p);
                }, {"from", "to", "weight"});
  }

  void moment(dom::element e, const JsonPath &path, MomentOfTruth &x) {
    read_object(e, path, {"id", "name", "segment", "owner", "stage", "importance", "volume", "channel"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (k == "id") set(x.id, id(v, p));
                  else if (k == "name") set(x.name, string(v, p));
                  else if (k == "segment") set(x.segment, id(v, p));
                  else if (k == "owner") set(x.owner, id(v, p));
                  else if (k == "stage") set(x.stage, integer(v, p));
                  else if (k == "importance") set(x.importance, number(v, p));
                  else if (k == "volume") set(x.volume, number(v, p));
                  else if (k == "channel") x.channel = v.is_null() ? std::nullopt : string(v, p);
                }, {"id", "segment", "owner"});
    if (x.name.empty()) x.name = x.id;
  }

  void scope(dom::element e, const JsonPath &path, Scope &s) {
    dom::object object;
    if (e.get_object().get(object)) {
      type_error(path, "an object ({} or one of level, unit, segment, moment)", e);
      return;
    }
    std::size_t count = 0;
    read_object(e, path, {"level", "unit", "segment", "moment"}, nullptr,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (++count > 1) {
                    diag_.error(p, "bad_value", "a scope names one of level, unit, segment or moment, not several");
                    return;
                  }
                  s.kind = k == "level" ? Scope::Kind::level : k == "unit" ? Scope::Kind::unit
                         : k == "segment" ? Scope::Kind::segment : Scope::Kind::moment;
                  if (s.kind == Scope::Kind::level) {
                    if (auto l = level(v, p)) s.id = std::string(to_string(*l));
                  } else {
                    set(s.id, id(v, p));
                  }
                });
  }

  void standard(dom::element e, const JsonPath &path, Standard &x) {
    read_object(e, path, {"id", "metric", "scope", "op", "target"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (k == "id") set(x.id, id(v, p));
                  else if (k == "metric") set(x.metric, string(v, p));
                  else if (k == "scope") scope(v, p, x.scope);
                  else if (k == "op") set(x.op, enumeration<Comparison>(v, p, parse_comparison, "<, <=, >, >=, =="));
                  else if (k == "target") set(x.target, number(v, p));
                }, {"id", "metric", "op", "target"});
  }

  void policy(dom::element e, const JsonPath &path, Policy &x) {
    read_object(e, path, {"id", "statement", "standards"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (k == "id") set(x.id, id(v, p));
                  else if (k == "statement") set(x.statement, string(v, p));
                  else read_list(v, p, x.standards, [&](auto se, const auto &sp, Standard &s) { standard(se, sp, s); });
                }, {"id"});
  }

  void module(dom::element e, const JsonPath &path, CurriculumModule &x) {
    read_object(e, path, {"id", "title", "level", "raises", "hours", "cost"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (k == "id") set(x.id, id(v, p));
                  else if (k == "title") set(x.title, string(v, p));
                  else if (k == "level") set(x.level, level(v, p));
                  else if (k == "raises") x.raises = competency_map(v, p);
                  else if (k == "hours") set(x.hours, number(v, p));
                  else if (k == "cost") set(x.cost, number(v, p));
                }, {"id", "level"});
    if (x.title.empty()) x.title = x.id;
  }

  void target(dom::element e, const JsonPath &path, ActionTarget &t) {
    std::size_t count = 0;
    read_object(e, path, {"unit", "person"}, nullptr, [&](std::string_view k, dom::element v, const JsonPath &p) {
      if (++count > 1) {
        diag_.error(p, "bad_value", "a target names one unit or one person, not both");
        return;
      }
      t.kind = k == "unit" ? ActionTarget::Kind::unit : ActionTarget::Kind::person;
      set(t.id, id(v, p));
    });
    if (count == 0 && e.is_object()) diag_.error(path, "missing_required", "a target names a \"unit\" or a \"person\"");
  }

  void effect(dom::element e, const JsonPath &path, ActionEffect &x) {
    bool quality = false, morale = false, competency = false, delta = false;
    read_object(e, path, {"quality", "morale", "competency", "delta"}, nullptr,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (k == "quality") quality = true, set(x.delta, number(v, p)), x.kind = ActionEffect::Kind::quality;
                  else if (k == "morale") morale = true, set(x.delta, number(v, p)), x.kind = ActionEffect::Kind::morale;
                  else if (k == "competency") competency = true, set(x.competency, id(v, p)), x.kind = ActionEffect::Kind::competency;
                  else delta = true, set(x.delta, number(v, p));
                });
    if (!e.is_object()) return;
    int kinds = int(quality) + int(morale) + int(competency);
    if (kinds != 1 || (competency != delta))
      diag_.error(path, "bad_value",
                  "an effect is {\"quality\": +d}, {\"morale\": +d} or {\"competency\": id, \"delta\": +levels}");
  }

  void action(dom::element e, const JsonPath &path, Action &x) {
    read_object(e, path, {"id", "title", "type", "stage", "target", "effect", "cost", "duration_days", "after", "owner", "due"},
                &x.extensions, [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (k == "id") set(x.id, id(v, p));
                  else if (k == "title") set(x.title, string(v, p));
                  else if (k == "type")
                    set(x.type, enumeration<ActionType>(v, p, parse_action_type, "immediate, corrective, preventive, improvement"));
                  else if (k == "stage") set(x.stage, enumeration<Stage>(v, p, parse_stage, "plan, do, check, act, done"));
                  else if (k == "target") target(v, p, x.target);
                  else if (k == "effect") effect(v, p, x.effect);
                  else if (k == "cost") set(x.cost, number(v, p));
                  else if (k == "duration_days") set(x.duration_days, number(v, p));
                  else if (k == "after") {
                    std::vector<std::optional<std::string>> ids;
                    read_list(v, p, ids, [&](auto ae, const auto &ap, std::optional<std::string> &s) { s = id(ae, ap); });
                    for (auto &s : ids) if (s) x.after.push_back(std::move(*s));
                  } else if (k == "owner") x.owner = nullable_id(v, p);
                  else if (k == "due") x.due = v.is_null() ? std::nullopt : string(v, p);
                }, {"id", "target", "effect"});
    if (x.title.empty()) x.title = x.id;
  }

  void plan(dom::element e, const JsonPath &path, Plan &x) {
    read_object(e, path, {"id", "name", "start", "budget", "actions"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (k == "id") set(x.id, id(v, p));
                  else if (k == "name") set(x.name, string(v, p));
                  else if (k == "start") x.start = v.is_null() ? std::nullopt : string(v, p);
                  else if (k == "budget") set(x.budget, number(v, p));
                  else read_list(v, p, x.actions, [&](auto ae, const auto &ap, Action &a) { action(ae, ap, a); });
                }, {"id"});
    if (x.name.empty()) x.name = x.id;
  }

  void assessment(dom::element e, const JsonPath &path, Assessment &x) {
    read_object(e, path, {"processes", "responses"}, &x.extensions, [&](std::string_view k, dom::element v, const JsonPath &p) {
      if (k == "processes") {
        x.processes.emplace();
        read_list(v, p, *x.processes, [&](auto pe, const auto &pp, MaturityProcess &proc) {
          read_object(pe, pp, {"id", "name", "items"}, nullptr, [&](std::string_view pk, dom::element pv, const JsonPath &pkp) {
            if (pk == "id") set(proc.id, id(pv, pkp));
            else if (pk == "name") set(proc.name, string(pv, pkp));
            else read_list(pv, pkp, proc.items, [&](auto ie, const auto &ip, MaturityItem &item) {
              read_object(ie, ip, {"id", "text"}, nullptr, [&](std::string_view ik, dom::element iv, const JsonPath &ikp) {
                if (ik == "id") set(item.id, id(iv, ikp));
                else set(item.text, string(iv, ikp));
              }, {"id"});
            });
          }, {"id"});
          if (proc.name.empty()) proc.name = proc.id;
        });
      } else {
        read_list(v, p, x.responses, [&](auto re, const auto &rp, MaturityResponse &r) {
          read_object(re, rp, {"respondent", "level", "scores"}, nullptr, [&](std::string_view rk, dom::element rv, const JsonPath &rkp) {
            if (rk == "respondent") set(r.respondent, string(rv, rkp));
            else if (rk == "level") set(r.level, level(rv, rkp));
            else r.scores = competency_map(rv, rkp);
          }, {"level", "scores"});
        });
      }
    });
  }

  Diagnostics &diag_;
  const ReadLimits &limits_;
};

}  // namespace

void validate_after_parse(const Model &model, Diagnostics &diagnostics) {
  // A field the reader already refused (say a missing id) would be reported again
  // by validation in other words; keep the reader's message only.
  Diagnostics semantic;
  validate(model, semantic);
  auto already = [&](const Diagnostic &d) {
    return std::any_of(diagnostics.errors.begin(), diagnostics.errors.end(), [&](const Diagnostic &e) {
      return d.path == e.path || d.path.starts_with(e.path + "/");
    });
  };
  for (auto &e : semantic.errors)
    if (!already(e)) diagnostics.errors.push_back(std::move(e));
  for (auto &w : semantic.warnings) diagnostics.warnings.push_back(std::move(w));
}

namespace {

// `padded` is released as soon as the DOM holds its content (the DOM keeps its
// own copies of strings and numbers): the file text and the Model being built
// are never in memory together.
Model parse_padded(simdjson::padded_string padded, Diagnostics &diagnostics, std::string_view source,
                   const ReadLimits &limits) {
  if (padded.size() > limits.max_bytes)
    throw LimitError(std::string(source) + ": " + std::to_string(padded.size()) + " bytes, over the limit of " +
                     std::to_string(limits.max_bytes));
  dom::parser parser;
  if (auto err = parser.allocate(padded.size() + 1, limits.max_depth))
    throw LimitError(std::string(source) + ": " + simdjson::error_message(err));
  dom::element root;
  if (auto err = parser.parse(padded).get(root)) throw_syntax_error(padded, source, err, limits);
  padded = simdjson::padded_string();
  logger()->debug("parsed {} as JSON", source);
  if (!root.is_object()) {
    diagnostics.error("", "wrong_type", "a model file is one JSON object");
    return {};
  }
  ModelReader reader(diagnostics, limits);
  Model model = reader.read(root);
  logger()->debug("read model: {} units, {} services, {} people", model.units.size(), model.services.size(),
                  model.people.size());
  return model;
}

Model load_padded(simdjson::padded_string padded, std::string_view source, Diagnostics *warnings,
                  const ReadLimits &limits) {
  Diagnostics diagnostics;
  Model model = parse_padded(std::move(padded), diagnostics, source, limits);
  validate_after_parse(model, diagnostics);
  logger()->debug("validated model: {} errors, {} warnings", diagnostics.errors.size(), diagnostics.warnings.size());
  if (!diagnostics.ok()) throw ValidationError(std::move(diagnostics));
  if (warnings) *warnings = std::move(diagnostics);
  return model;
}

simdjson::padded_string padded_copy(std::string_view text, std::string_view source, const ReadLimits &limits) {
  if (text.size() > limits.max_bytes)
    throw LimitError(std::string(source) + ": " + std::to_string(text.size()) + " bytes, over the limit of " +
                     std::to_string(limits.max_bytes));
  return simdjson::padded_string(text);
}

}  // namespace

Model parse_model_json(std::string_view text, Diagnostics &diagnostics, std::string_view source,
                       const ReadLimits &limits) {
  return parse_padded(padded_copy(text, source, limits), diagnostics, source, limits);
}

Model load_model_json(std::string_view text, std::string_view source, Diagnostics *warnings, const ReadLimits &limits) {
  return load_padded(padded_copy(text, source, limits), source, warnings, limits);
}

Model load_model_json_file(const std::filesystem::path &file, Diagnostics *warnings, const ReadLimits &limits) {
  // Read straight into simdjson's padded buffer: no second copy of a large file.
  return load_padded(read_file_padded(file, limits.max_bytes), file.string(), warnings, limits);
}

}  // namespace servicechain
