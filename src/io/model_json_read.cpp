// Reading servicechain/1 model JSON with simdjson's DOM parser (fast: the
// performance target is several hundred MB/s). simdjson gives no position for a
// syntax error, so a failed file is parsed a second time with nlohmann::json,
// which does, only to locate the error.
#include <algorithm>
#include <array>
#include <bit>
#include <atomic>
#include <exception>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <mutex>
#include <thread>
#include <utility>
#include <cmath>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <unordered_set>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "../util/exact.hpp"
#include "../util/quoted.hpp"
#include "json_locate.hpp"
#include "json_path.hpp"
#include "open_file.hpp"
#include "model_json_file.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/log.hpp"
#include "servicechain/text/messages.hpp"
#include "servicechain/validate.hpp"

namespace servicechain {
namespace {

namespace dom = simdjson::dom;
using Keys = std::initializer_list<std::string_view>;

/// `key == literal`, with the length known at compile time so that the
/// comparison is inlined (a library memcmp per key was a tenth of reading).
template <std::size_t N>
bool is(std::string_view key, const char (&literal)[N]) {
  return key.size() == N - 1 && std::memcmp(key.data(), literal, N - 1) == 0;
}

/// Position of `key` in `known` (known.size() when absent); the sizes are
/// compared first, bytes only for a key of the same length.
std::size_t find_key(Keys known, std::string_view key) {
  std::size_t at = 0;
  for (auto k : known) {
    if (k.size() == key.size() && std::equal(k.begin(), k.end(), key.begin())) return at;
    ++at;
  }
  return at;
}

/// Calls `on_number(begin, end)` for each number literal outside strings of
/// text[0, length): a run of number bytes that starts with '-' or a digit.
template <class OnNumber>
void for_each_number(char *text, std::size_t length, OnNumber &&on_number) {
  bool in_string = false;
  for (std::size_t i = 0; i < length; ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i + 1;
      while (end < length && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '.' ||
                              text[end] == '+' || text[end] == '-'))
        ++end;
      on_number(text + i, text + end);
      i = end - 1;
    }
  }
}

/// Rewrites, in place, each integer literal too big for 64 bits (simdjson 3.0's
/// DOM refuses those with NUMBER_ERROR) as the same double, `<digits>e<exponent>`
/// padded with spaces to the same length: JSON reads such an integer as a
/// number like any other (DESIGN §2), and no offset moves, so the positions of
/// other errors stay exact. A literal past the range of a double is left as it
/// is. True when anything was rewritten.
bool widen_big_integers(char *text, std::size_t length) {
  bool widened = false;
  for_each_number(text, length, [&](char *begin, char *end) {
    const char *digits = begin + (*begin == '-');
    if (digits == end || (*digits == '0' && end - digits > 1) ||
        !std::all_of(digits, static_cast<const char *>(end), [](char c) { return c >= '0' && c <= '9'; }))
      return;  // not a plain integer
    std::int64_t i;
    std::uint64_t u;
    if (*begin == '-' ? std::from_chars(begin, end, i).ec == std::errc() : std::from_chars(begin, end, u).ec == std::errc())
      return;  // simdjson holds it
    double d;
    if (std::from_chars(begin, end, d).ec != std::errc() || !std::isfinite(d)) return;
    const detail::Decimal shortest = detail::shortest_decimal(d);  // d = mantissa·10^exponent
    const std::string literal = std::to_string(shortest.mantissa) + "e" + std::to_string(shortest.exponent);
    if (literal.size() > static_cast<std::size_t>(end - begin)) return;
    std::fill(std::copy(literal.begin(), literal.end(), begin), end, ' ');
    widened = true;
  });
  return widened;
}

/// `error`, the result of parsing the padded text[0, length) into `value`, or,
/// when simdjson refused a number and widen_big_integers rewrote one, the
/// result of parsing it again.
simdjson::error_code parse_again_widened(dom::parser &parser, char *text, std::size_t length, dom::element &value,
                                         simdjson::error_code error) {
  if (error == simdjson::NUMBER_ERROR && widen_big_integers(text, length)) error = parser.parse(text, length, false).get(value);
  return error;
}

[[noreturn]] void throw_problem(const detail::JsonProblem &problem, std::string_view source) {
  ParseError error(std::string(source), problem.line, problem.column, problem.message);
  if (problem.limit) throw LimitError(error.what());
  throw error;
}

/// A ReadBytes over text in memory.
detail::ReadBytes read_from(std::string_view text) {
  return [text, at = std::size_t{0}](char *buffer, std::size_t capacity) mutable {
    const std::size_t n = std::min(capacity, text.size() - at);
    std::memcpy(buffer, text.data() + at, n);
    at += n;
    return n;
  };
}

/// Where `text`, which simdjson refused with `code`, stops being JSON: the
/// slower streaming locator (json_locate.hpp) names line and column.
[[noreturn]] void throw_syntax_error(std::string_view text, std::string_view source, simdjson::error_code code,
                                     const ReadLimits &limits) {
  std::string src(source);
  if (code == simdjson::EMPTY || text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw ParseError(src, 1, 1, "empty file: expected a JSON object");
  // Strings are not bounded here: a long one is the reader's diagnostic at its
  // JSON path, and the text is in memory already.
  if (auto problem = detail::locate_json_problem(read_from(text), SIZE_MAX, limits.max_depth))
    throw_problem(*problem, source);
  throw ParseError(src, 0, 0, std::string("JSON error: ") + simdjson::error_message(code));
}

[[noreturn]] void throw_whole_limit(std::string_view source, std::size_t size, const ReadLimits &limits) {
  throw LimitError(std::string(source) + ": " + std::to_string(size) + " bytes, over the limit of " +
                   std::to_string(limits.max_whole_bytes) + " bytes for a model that must be read whole (max_whole_bytes)");
}

/// Text in memory the piecewise reader could not read and too large for one
/// document (ReadLimits::max_whole_bytes): its first problem, or a LimitError.
[[noreturn]] void throw_too_large_to_read_whole(std::string_view text, std::string_view source, const ReadLimits &limits) {
  if (auto problem = detail::locate_json_problem(read_from(text), limits.max_string_bytes, limits.max_depth))
    throw_problem(*problem, source);
  throw_whole_limit(source, text.size(), limits);
}

/// The same for a regular file, read streaming: never held whole.
[[noreturn]] void throw_too_large_to_read_whole(const std::filesystem::path &file, std::size_t size, const ReadLimits &limits) {
  std::FILE *f = detail::open_for_reading(file);
  std::optional<detail::JsonProblem> problem;
  try {
    problem = detail::locate_json_problem([f](char *buffer, std::size_t capacity) { return std::fread(buffer, 1, capacity, f); },
                                          limits.max_string_bytes, limits.max_depth);
  } catch (...) {
    std::fclose(f);
    throw;
  }
  const bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) throw InputError(file.string() + ": read error");
  if (problem) throw_problem(*problem, file.string());
  throw_whole_limit(file.string(), size, limits);
}

// The keys seen in one object: a linear scan for the usual handful, then an
// open-addressing table (no allocation per key: an assessment's 30-odd scores
// per response made a node-based set most of the time of loading a small model),
// so that an object with 10^5 keys costs no 10^10 comparisons.
class KeySet {
 public:
  KeySet() = default;
  /// For an object of `keys` keys: a larger one starts with its table (an
  /// assessment's responses have 30-odd scores each: no table grown twice per response).
  explicit KeySet(std::size_t keys) {
    if (keys > few_.size()) rehash(std::bit_ceil(2 * keys));
  }

  /// False when `key` was already there.
  bool insert(std::string_view key) {
    if (slots_.empty()) {
      if (std::find(few_.begin(), few_.begin() + count_, key) != few_.begin() + count_) return false;
      if (count_ < few_.size()) {
        few_[count_++] = key;
        return true;
      }
      rehash(4 * few_.size());
      for (auto k : few_) place(k);
    }
    if (2 * (size_ + 1) > slots_.size()) rehash(2 * slots_.size());
    return place(key);
  }

 private:
  struct Slot {
    std::string_view key;
    bool used = false;
  };
  // Linear probing in a power-of-two table kept at most half full.
  bool place(std::string_view key) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = std::hash<std::string_view>{}(key) & mask;; i = (i + 1) & mask) {
      if (!slots_[i].used) {
        slots_[i] = {key, true};
        ++size_;
        return true;
      }
      if (slots_[i].key == key) return false;
    }
  }
  void rehash(std::size_t capacity) {
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(capacity));
    size_ = 0;
    for (const Slot &slot : old)
      if (slot.used) place(slot.key);
  }
  std::array<std::string_view, 16> few_;  // no allocation for an ordinary object
  std::size_t count_ = 0;
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

class ModelReader {
 public:
  ModelReader(Diagnostics &diagnostics, const ReadLimits &limits) : diag_(diagnostics), limits_(limits) {}

  static inline const Keys top_level_keys = {"format", "organization", "units", "competencies", "positions", "people",
                                          "segments", "services", "moments_of_truth", "policies", "curriculum", "plans",
                                          "assessment"};

  Model read(dom::element root) {
    Model model;
    read_object(root, JsonPath(), top_level_keys, &model.extensions,
                [&](std::string_view key, dom::element v, const JsonPath &path) { top_field(model, key, v, path); });
    if (root.is_object()) finish(model);
    return model;
  }

  /// The keys of one object seen so far: repeated keys are errors, "x-" keys go
  /// to `extensions`, unknown keys are errors. Known keys are told apart by
  /// their position in `known` and a bit mask (no allocation, no hashing).
  struct ObjectKeys {
    ObjectKeys(Keys known_keys, Extensions *extension_list) : known(known_keys), extensions(extension_list) {}
    Keys known;
    Extensions *extensions = nullptr;
    std::uint64_t seen_known = 0;
    KeySet seen_other;
    bool seen(std::string_view key) const {
      return (seen_known >> find_key(known, key)) & 1;
    }
  };

  /// One field of an object: true when it is a known key seen for the first
  /// time, to be read by the caller.
  bool accept_field(ObjectKeys &keys, std::string_view key, dom::element value, const JsonPath &field_path) {
    const std::size_t at = find_key(keys.known, key);
    if (at == keys.known.size() && !key_within_limit(key, field_path)) return false;  // known keys are short
    const bool repeated = at < keys.known.size() ? (keys.seen_known >> at) & 1 : !keys.seen_other.insert(key);
    if (repeated) {
      duplicate_key(field_path, key);
      return false;
    }
    if (at < keys.known.size()) {
      keys.seen_known |= std::uint64_t{1} << at;
      return true;
    }
    if (key.starts_with("x-") && keys.extensions) {
      if (check_extension_value(value, field_path)) keys.extensions->emplace_back(std::string(key), simdjson::minify(value));
    } else {
      unknown_key(field_path, key, keys.known);
    }
    return false;
  }

  void duplicate_key(const JsonPath &path, std::string_view key) {
    diag_.error(text::diagnostic(path, "duplicate_key", "diag.duplicate_key", {detail::quoted(key)}));
  }

  /// An unknown key, with the known key it most likely misspells.
  void unknown_key(const JsonPath &path, std::string_view key, Keys known) {
    // A near miss is most likely a typo of a known key.
    for (auto k : known)
      if (one_typo_away(key, k)) {
        diag_.error(text::diagnostic(path, "unknown_key", "diag.unknown_key.typo", {detail::quoted(key), std::string(k)}));
        return;
      }
    diag_.error(text::diagnostic(path, "unknown_key", "diag.unknown_key", {detail::quoted(key)}));
  }

  /// False, with a limit_exceeded error at `path`, for a key or string value
  /// longer than max_string_bytes.
  bool within_string_limit(std::string_view text, const JsonPath &path, std::string_view what) {
    if (text.size() <= limits_.max_string_bytes) return true;
    diag_.error(text::diagnostic(path, "limit_exceeded", "diag.limit_exceeded.bytes",
                                 {text::word(what), std::to_string(text.size()), std::to_string(limits_.max_string_bytes)}));
    return false;
  }

  /// within_string_limit for a key, reported at the object that holds it: the
  /// key's own path would repeat it whole.
  bool key_within_limit(std::string_view key, const JsonPath &field_path) {
    if (key.size() <= limits_.max_string_bytes) return true;
    const JsonPath root;
    diag_.error(text::diagnostic(field_path.parent() ? *field_path.parent() : root, "limit_exceeded", "diag.limit_exceeded.key",
                                 {detail::quoted(key), std::to_string(key.size()),
                                  std::to_string(limits_.max_string_bytes)}));
    return false;
  }

  /// The user's own data (an "x-" value) is free in content, but at any depth a
  /// repeated key is an error, and a key or string past max_string_bytes is one
  /// as anywhere else. True when the value has no such problem.
  bool check_extension_value(dom::element value, const JsonPath &path) {
    dom::object object;
    dom::array array;
    std::string_view text;
    bool ok = true;
    if (!value.get_object().get(object)) {
      KeySet seen;
      for (auto field : object) {
        const JsonPath field_path(path, field.key);
        if (!key_within_limit(field.key, field_path)) ok = false;
        else if (!seen.insert(field.key)) duplicate_key(field_path, field.key), ok = false;
        else ok = check_extension_value(field.value, field_path) && ok;
      }
    } else if (!value.get_array().get(array)) {
      std::size_t index = 0;
      for (dom::element item : array) ok = check_extension_value(item, JsonPath(path, index++)) && ok;
    } else if (!value.get_string().get(text)) {
      ok = within_string_limit(text, path, "string");
    }
    return ok;
  }

  /// A top-level field (or one piece of a top-level list, see read_list_piece).
  void top_field(Model &model, std::string_view key, dom::element v, const JsonPath &path) {
    if (is(key, "format")) {
      has_format_ = true;
      if (auto f = string(v, path); f && *f != model_format)
        diag_.error(text::diagnostic(path, "unsupported_format", "diag.unsupported_format", {std::string(*f), std::string(model_format)}));
    } else if (is(key, "organization")) {
      Organization org;
      read_object(v, path, {"id", "name"}, &org.extensions, [&](auto k, auto fv, const auto &fp) {
        if (is(k, "id")) set(org.id, id(fv, fp));
        else set(org.name, string(fv, fp));
      }, {"id"});
      if (org.name.empty()) org.name = org.id;
      model.organization = std::move(org);
    } else if (is(key, "units")) {
      read_list(v, path, model.units, [&](dom::element e, const JsonPath &p, Unit &u) { unit(e, p, u); });
    } else if (is(key, "competencies")) {
      read_list(v, path, model.competencies, [&](auto e, const auto &p, Competency &c) { competency(e, p, c); });
    } else if (is(key, "positions")) {
      read_list(v, path, model.positions, [&](auto e, const auto &p, Position &x) { position(e, p, x); });
    } else if (is(key, "people")) {
      read_list(v, path, model.people, [&](auto e, const auto &p, Person &x) { person(e, p, x); });
    } else if (is(key, "segments")) {
      read_list(v, path, model.segments, [&](auto e, const auto &p, Segment &x) { segment(e, p, x); });
    } else if (is(key, "services")) {
      read_list(v, path, model.services, [&](auto e, const auto &p, Service &x) { service(e, p, x); });
    } else if (is(key, "moments_of_truth")) {
      read_list(v, path, model.moments, [&](auto e, const auto &p, MomentOfTruth &x) { moment(e, p, x); });
    } else if (is(key, "policies")) {
      read_list(v, path, model.policies, [&](auto e, const auto &p, Policy &x) { policy(e, p, x); });
    } else if (is(key, "curriculum")) {
      model.curriculum.emplace();
      read_list(v, path, *model.curriculum, [&](auto e, const auto &p, CurriculumModule &x) { module(e, p, x); });
    } else if (is(key, "plans")) {
      read_list(v, path, model.plans, [&](auto e, const auto &p, Plan &x) { plan(e, p, x); });
    } else if (is(key, "assessment")) {
      model.assessment.emplace();
      assessment(v, path, *model.assessment);
    }
  }

  /// Top-level lists that may arrive in pieces (plain vectors in the Model).
  static bool splittable(std::string_view key) {
    return is(key, "units") || is(key, "competencies") || is(key, "positions") || is(key, "people") || is(key, "segments") ||
           is(key, "services") || is(key, "moments_of_truth");
  }

  /// Items [first, first + size of piece) of a top-level list, read into
  /// their places in the Model's list (already sized by size_list).
  void read_list_piece(Model &model, std::string_view key, dom::element piece, const JsonPath &path, std::size_t first) {
    list_offset_ = first;
    in_place_ = true;
    top_field(model, key, piece, path);
  }

  /// Gives a splittable top-level list its final size before its pieces are read.
  static void size_list(Model &model, std::string_view key, std::size_t size) {
    if (is(key, "units")) model.units.resize(size);
    else if (is(key, "competencies")) model.competencies.resize(size);
    else if (is(key, "positions")) model.positions.resize(size);
    else if (is(key, "people")) model.people.resize(size);
    else if (is(key, "segments")) model.segments.resize(size);
    else if (is(key, "services")) model.services.resize(size);
    else if (is(key, "moments_of_truth")) model.moments.resize(size);
  }

  /// Checks after the last top-level field.
  void finish(const Model &) {
    if (!has_format_)
      diag_.error(text::diagnostic("/format", "missing_required", "diag.missing_required.format"));
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
    ObjectKeys keys{known, extensions};
    for (auto field : object) {
      const JsonPath field_path(path, field.key);
      if (accept_field(keys, field.key, field.value, field_path)) on_field(field.key, field.value, field_path);
    }
    for (auto key : required)
      if (!keys.seen(key))
        diag_.error(text::diagnostic(JsonPath(path, key), "missing_required", "diag.missing_required", {std::string(key)}));
  }

  template <class T, class ReadItem>
  void read_list(dom::element element, const JsonPath &path, std::vector<T> &out, ReadItem &&read_item) {
    // A piece of a top-level list continues its numbering; nested lists start at 0.
    std::size_t index = std::exchange(list_offset_, 0);
    const bool in_place = std::exchange(in_place_, false);
    dom::array array;
    if (element.get_array().get(array)) {
      type_error(path, "an array", element);
      return;
    }
    if (array.size() > limits_.max_entities) {
      diag_.error(text::diagnostic(path, "limit_exceeded", "diag.limit_exceeded.elements",
                                   {std::to_string(array.size()), std::to_string(limits_.max_entities)}));
      return;
    }
    if (in_place) {
      for (dom::element item : array) {
        read_item(item, JsonPath(path, index), out[index]);
        ++index;
      }
      return;
    }
    out.reserve(array.size());
    for (dom::element item : array) {
      out.emplace_back();
      read_item(item, JsonPath(path, index++), out.back());
    }
  }

  /// True when `key` is one typo away from `known`: a letter added, dropped or
  /// changed, or two neighbouring letters swapped (`levle`, `weigth`).
  static bool one_typo_away(std::string_view key, std::string_view known) {
    std::size_t a = key.size(), b = known.size();
    if (a + 1 < b || b + 1 < a) return false;
    std::size_t i = 0;  // common prefix
    while (i < std::min(a, b) && key[i] == known[i]) ++i;
    std::size_t j = 0;  // common suffix, not overlapping the prefix
    while (j < std::min(a, b) - i && key[a - 1 - j] == known[b - 1 - j]) ++j;
    if (i + j + 1 >= std::max(a, b)) return true;
    return a == b && i + j + 2 == a && key[i] == known[i + 1] && key[i + 1] == known[i];
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
    diag_.error(text::diagnostic(path, "wrong_type", "diag.wrong_type", {text::word(expected), text::word(type_name(got))}));
  }

  // Views into the parser's copy of the text: copied once, straight into the
  // Model's field by set() (a std::string here cost three copies per string).
  std::optional<std::string_view> string(dom::element e, const JsonPath &path) {
    std::string_view s;
    if (e.get_string().get(s)) {
      type_error(path, "a string", e);
      return std::nullopt;
    }
    if (!within_string_limit(s, path, "string")) return std::nullopt;
    return s;
  }

  std::optional<std::string_view> id(dom::element e, const JsonPath &path) {
    auto s = string(e, path);
    if (s && s->empty()) {
      diag_.error(text::diagnostic(path, "empty_id", "diag.empty_id.json"));
      return std::nullopt;
    }
    return s;
  }

  // null or an id
  std::optional<std::string_view> nullable_id(dom::element e, const JsonPath &path) {
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
      diag_.error(text::diagnostic(path, "wrong_type", "diag.wrong_type.integer"));
      return std::nullopt;
    }
    return static_cast<std::int64_t>(*d);
  }

  template <class Enum, class Parse>
  std::optional<Enum> enumeration(dom::element e, const JsonPath &path, Parse parse, std::string_view allowed) {
    auto s = string(e, path);
    if (!s) return std::nullopt;
    auto v = parse(*s);
    if (!v) diag_.error(text::diagnostic(path, "bad_value", "diag.bad_value", {std::string(*s), std::string(allowed)}));
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
    const std::size_t size = std::min<std::size_t>(object.size(), 1024);
    KeySet seen(size);
    map.reserve(size);
    for (auto field : object) {
      const JsonPath p(path, field.key);
      if (!seen.insert(field.key)) {
        duplicate_key(p, field.key);
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
  static void set(std::string &target, std::optional<std::string_view> value) {
    if (value) target.assign(*value);
  }
  template <class T>
  static void set(std::optional<T> &target, std::optional<T> value) {
    target = std::move(value);
  }

  void unit(dom::element e, const JsonPath &path, Unit &u) {
    read_object(e, path, {"id", "name", "parent", "level", "quality"}, &u.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (is(k, "id")) set(u.id, id(v, p));
                  else if (is(k, "name")) set(u.name, string(v, p));
                  else if (is(k, "parent")) u.parent = nullable_id(v, p);
                  else if (is(k, "level")) set(u.level, level(v, p));
                  else if (is(k, "quality")) u.quality = v.is_null() ? std::nullopt : number(v, p);
                }, {"id", "level"});
    if (u.name.empty()) u.name = u.id;
  }

  void competency(dom::element e, const JsonPath &path, Competency &c) {
    read_object(e, path, {"id", "name"}, &c.extensions, [&](std::string_view k, dom::element v, const JsonPath &p) {
      if (is(k, "id")) set(c.id, id(v, p));
      else set(c.name, string(v, p));
    }, {"id"});
    if (c.name.empty()) c.name = c.id;
  }

  void position(dom::element e, const JsonPath &path, Position &x) {
    read_object(e, path, {"id", "title", "unit", "level", "requires", "weights"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (is(k, "id")) set(x.id, id(v, p));
                  else if (is(k, "title")) set(x.title, string(v, p));
                  else if (is(k, "unit")) set(x.unit, id(v, p));
                  else if (is(k, "level")) x.level = level(v, p);
                  else if (is(k, "requires")) x.requires_levels = competency_map(v, p);
                  else if (is(k, "weights")) x.weights = competency_map(v, p);
                }, {"id", "unit"});
    if (x.title.empty()) x.title = x.id;
  }

  void person(dom::element e, const JsonPath &path, Person &x) {
    read_object(e, path, {"id", "name", "unit", "position", "manager", "morale", "competencies",
                          "customer_contacts_per_year", "training_hours"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (is(k, "id")) set(x.id, id(v, p));
                  else if (is(k, "name")) set(x.name, string(v, p));
                  else if (is(k, "unit")) set(x.unit, id(v, p));
                  else if (is(k, "position")) x.position = nullable_id(v, p);
                  else if (is(k, "manager")) x.manager = nullable_id(v, p);
                  else if (is(k, "morale")) x.morale = v.is_null() ? std::nullopt : number(v, p);
                  else if (is(k, "competencies")) x.competencies = competency_map(v, p);
                  else if (is(k, "customer_contacts_per_year")) set(x.customer_contacts_per_year, number(v, p));
                  else if (is(k, "training_hours")) set(x.training_hours, number(v, p));
                }, {"id", "unit"});
    if (x.name.empty()) x.name = x.id;
  }

  void segment(dom::element e, const JsonPath &path, Segment &x) {
    read_object(e, path, {"id", "name", "size"}, &x.extensions, [&](std::string_view k, dom::element v, const JsonPath &p) {
      if (is(k, "id")) set(x.id, id(v, p));
      else if (is(k, "name")) set(x.name, string(v, p));
      else set(x.size, number(v, p));
    }, {"id"});
    if (x.name.empty()) x.name = x.id;
  }

  void service(dom::element e, const JsonPath &path, Service &x) {
    read_object(e, path, {"from", "to", "name", "weight", "rating"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (is(k, "from")) set(x.from, id(v, p));
                  else if (is(k, "to")) set(x.to, id(v, p));
                  else if (is(k, "name")) set(x.name, string(v, p));
                  else if (is(k, "weight")) set(x.weight, number(v, p));
                  else if (is(k, "rating")) x.rating = v.is_null() ? std::nullopt : number(v, p);
                }, {"from", "to", "weight"});
  }

  void moment(dom::element e, const JsonPath &path, MomentOfTruth &x) {
    read_object(e, path, {"id", "name", "segment", "owner", "stage", "importance", "volume", "channel"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (is(k, "id")) set(x.id, id(v, p));
                  else if (is(k, "name")) set(x.name, string(v, p));
                  else if (is(k, "segment")) set(x.segment, id(v, p));
                  else if (is(k, "owner")) set(x.owner, id(v, p));
                  else if (is(k, "stage")) set(x.stage, integer(v, p));
                  else if (is(k, "importance")) set(x.importance, number(v, p));
                  else if (is(k, "volume")) set(x.volume, number(v, p));
                  else if (is(k, "channel")) x.channel = v.is_null() ? std::nullopt : string(v, p);
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
                    diag_.error(text::diagnostic(p, "bad_value", "diag.bad_value.scope"));
                    return;
                  }
                  s.kind = is(k, "level") ? Scope::Kind::level : is(k, "unit") ? Scope::Kind::unit
                         : is(k, "segment") ? Scope::Kind::segment : Scope::Kind::moment;
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
                  if (is(k, "id")) set(x.id, id(v, p));
                  else if (is(k, "metric")) set(x.metric, string(v, p));
                  else if (is(k, "scope")) scope(v, p, x.scope);
                  else if (is(k, "op")) set(x.op, enumeration<Comparison>(v, p, parse_comparison, "<, <=, >, >=, =="));
                  else if (is(k, "target")) set(x.target, number(v, p));
                }, {"id", "metric", "op", "target"});
  }

  void policy(dom::element e, const JsonPath &path, Policy &x) {
    read_object(e, path, {"id", "statement", "standards"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (is(k, "id")) set(x.id, id(v, p));
                  else if (is(k, "statement")) set(x.statement, string(v, p));
                  else read_list(v, p, x.standards, [&](auto se, const auto &sp, Standard &s) { standard(se, sp, s); });
                }, {"id"});
  }

  void module(dom::element e, const JsonPath &path, CurriculumModule &x) {
    read_object(e, path, {"id", "title", "level", "raises", "hours", "cost"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (is(k, "id")) set(x.id, id(v, p));
                  else if (is(k, "title")) set(x.title, string(v, p));
                  else if (is(k, "level")) set(x.level, level(v, p));
                  else if (is(k, "raises")) x.raises = competency_map(v, p);
                  else if (is(k, "hours")) set(x.hours, number(v, p));
                  else if (is(k, "cost")) set(x.cost, number(v, p));
                }, {"id", "level"});
    if (x.title.empty()) x.title = x.id;
  }

  void target(dom::element e, const JsonPath &path, ActionTarget &t) {
    std::size_t count = 0;
    read_object(e, path, {"unit", "person"}, nullptr, [&](std::string_view k, dom::element v, const JsonPath &p) {
      if (++count > 1) {
        diag_.error(text::diagnostic(p, "bad_value", "diag.bad_value.target"));
        return;
      }
      t.kind = is(k, "unit") ? ActionTarget::Kind::unit : ActionTarget::Kind::person;
      set(t.id, id(v, p));
    });
    if (count == 0 && e.is_object()) diag_.error(text::diagnostic(path, "missing_required", "diag.missing_required.target"));
  }

  void effect(dom::element e, const JsonPath &path, ActionEffect &x) {
    bool quality = false, morale = false, competency = false, delta = false;
    read_object(e, path, {"quality", "morale", "competency", "delta"}, nullptr,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (is(k, "quality")) quality = true, set(x.delta, number(v, p)), x.kind = ActionEffect::Kind::quality;
                  else if (is(k, "morale")) morale = true, set(x.delta, number(v, p)), x.kind = ActionEffect::Kind::morale;
                  else if (is(k, "competency")) competency = true, set(x.competency, id(v, p)), x.kind = ActionEffect::Kind::competency;
                  else delta = true, set(x.delta, number(v, p));
                });
    if (!e.is_object()) return;
    int kinds = int(quality) + int(morale) + int(competency);
    if (kinds != 1 || (competency != delta))
      diag_.error(text::diagnostic(path, "bad_value", "diag.bad_value.effect"));
  }

  void action(dom::element e, const JsonPath &path, Action &x) {
    read_object(e, path, {"id", "title", "type", "stage", "target", "effect", "cost", "duration_days", "after", "owner", "due"},
                &x.extensions, [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (is(k, "id")) set(x.id, id(v, p));
                  else if (is(k, "title")) set(x.title, string(v, p));
                  else if (is(k, "type"))
                    set(x.type, enumeration<ActionType>(v, p, parse_action_type, "immediate, corrective, preventive, improvement"));
                  else if (is(k, "stage")) set(x.stage, enumeration<Stage>(v, p, parse_stage, "plan, do, check, act, done"));
                  else if (is(k, "target")) target(v, p, x.target);
                  else if (is(k, "effect")) effect(v, p, x.effect);
                  else if (is(k, "cost")) set(x.cost, number(v, p));
                  else if (is(k, "duration_days")) set(x.duration_days, number(v, p));
                  else if (is(k, "after")) {
                    std::vector<std::optional<std::string>> ids;
                    read_list(v, p, ids, [&](auto ae, const auto &ap, std::optional<std::string> &s) { s = id(ae, ap); });
                    for (auto &s : ids) if (s) x.after.push_back(std::move(*s));
                  } else if (is(k, "owner")) x.owner = nullable_id(v, p);
                  else if (is(k, "due")) x.due = v.is_null() ? std::nullopt : string(v, p);
                }, {"id", "target", "effect"});
    if (x.title.empty()) x.title = x.id;
  }

  void plan(dom::element e, const JsonPath &path, Plan &x) {
    read_object(e, path, {"id", "name", "start", "budget", "actions"}, &x.extensions,
                [&](std::string_view k, dom::element v, const JsonPath &p) {
                  if (is(k, "id")) set(x.id, id(v, p));
                  else if (is(k, "name")) set(x.name, string(v, p));
                  else if (is(k, "start")) x.start = v.is_null() ? std::nullopt : string(v, p);
                  else if (is(k, "budget")) set(x.budget, number(v, p));
                  else read_list(v, p, x.actions, [&](auto ae, const auto &ap, Action &a) { action(ae, ap, a); });
                }, {"id"});
    if (x.name.empty()) x.name = x.id;
  }

  void assessment(dom::element e, const JsonPath &path, Assessment &x) {
    read_object(e, path, {"processes", "responses"}, &x.extensions, [&](std::string_view k, dom::element v, const JsonPath &p) {
      if (is(k, "processes")) {
        x.processes.emplace();
        read_list(v, p, *x.processes, [&](auto pe, const auto &pp, MaturityProcess &proc) { maturity_process(pe, pp, proc); });
      } else {
        read_list(v, p, x.responses, [&](auto re, const auto &rp, MaturityResponse &r) { maturity_response(re, rp, r); });
      }
    });
  }

  void maturity_process(dom::element e, const JsonPath &path, MaturityProcess &x) {
    read_object(e, path, {"id", "name", "items"}, &x.extensions, [&](std::string_view k, dom::element v, const JsonPath &p) {
      if (is(k, "id")) set(x.id, id(v, p));
      else if (is(k, "name")) set(x.name, string(v, p));
      else read_list(v, p, x.items, [&](auto ie, const auto &ip, MaturityItem &item) { maturity_item(ie, ip, item); });
    }, {"id"});
    if (x.name.empty()) x.name = x.id;
  }

  void maturity_item(dom::element e, const JsonPath &path, MaturityItem &x) {
    read_object(e, path, {"id", "text"}, &x.extensions, [&](std::string_view k, dom::element v, const JsonPath &p) {
      if (is(k, "id")) set(x.id, id(v, p));
      else set(x.text, string(v, p));
    }, {"id"});
  }

  void maturity_response(dom::element e, const JsonPath &path, MaturityResponse &x) {
    read_object(e, path, {"respondent", "level", "scores"}, &x.extensions, [&](std::string_view k, dom::element v, const JsonPath &p) {
      if (is(k, "respondent")) set(x.respondent, string(v, p));
      else if (is(k, "level")) set(x.level, level(v, p));
      else x.scores = competency_map(v, p);
    }, {"level", "scores"});
  }

  Diagnostics &diag_;
  const ReadLimits &limits_;
  bool has_format_ = false;
  std::size_t list_offset_ = 0;  ///< index of the first item of the next top-level list piece
  bool in_place_ = false;        ///< the next top-level list piece goes to slots made by size_list
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

// ---- Reading a large file in pieces ------------------------------------------
// A whole-file DOM takes about 1.5× the file; together with the Model built
// from it that was over 3× the file at peak. A light scan finds the top-level
// fields and cuts the big lists between elements into pieces of about
// `piece_bytes`; each piece is parsed (fully validated) on its own with one
// reused parser, read, and dropped. Anything unexpected (keys with escapes, a
// piece that does not parse, a short piece) sends the file to the whole-file
// reader, which gives the exact errors: the pieces only ever read valid JSON.
//
// A regular file is never in memory whole: the scan reads it through a small
// window and each piece is read from the file when it is parsed. Reading a
// 1.3 GB file into one fresh buffer cost about 1 s of page faults (the whole
// load took 3.4–4.2 s); reading it twice through reused buffers costs 0.3 s.

constexpr std::size_t piece_bytes = std::size_t{1} << 20;
constexpr std::size_t none = std::string_view::npos;

struct ListPiece {
  std::size_t open, close;  ///< offsets of the '[' or ',' before and the ',' or ']' after the piece's elements
  std::size_t count;        ///< elements in the piece
};

struct TopLevelField {
  std::string key;
  std::size_t begin = 0, end = 0;  ///< the value: text[begin, end)
  std::vector<ListPiece> pieces;   ///< two or more for a list read in pieces
};

/// The model text in memory, as the caller holds it: a large text is not
/// copied (padded for simdjson) unless the whole-file reader must read it.
class TextInMemory {
 public:
  explicit TextInMemory(std::string_view text) : text_(text) {}
  std::size_t size() const { return text_.size(); }
  char at(std::size_t i) const { return text_[i]; }
  /// 16 readable bytes from `i`; bytes past the end of the text read as zero.
  const char *block(std::size_t i) const {
    if (i + 16 <= text_.size()) return text_.data() + i;
    tail_.fill('\0');
    if (i < text_.size()) std::memcpy(tail_.data(), text_.data() + i, text_.size() - i);
    return tail_.data();
  }
  /// text[begin, end) appended to `out`.
  bool append(std::size_t begin, std::size_t end, std::string &out) const {
    out.append(text_.substr(begin, end - begin));
    return true;
  }
  /// text[begin, end) with simdjson's padding (any readable bytes) after it:
  /// the text itself, or near its end a copy in `scratch`.
  const char *padded(std::size_t begin, std::size_t end, std::string &scratch) const {
    if (end + simdjson::SIMDJSON_PADDING <= text_.size()) return text_.data() + begin;
    scratch.assign(text_.substr(begin, end - begin));
    scratch.resize(scratch.size() + simdjson::SIMDJSON_PADDING);
    return scratch.data();
  }
  bool intact() const { return true; }

 private:
  std::string_view text_;
  mutable std::array<char, 16> tail_{};  // the last block, zero-padded (the scan runs on one thread)
};

/// A regular file read through a window for the scan and with pread for the
/// pieces (pread keeps no file position: the reading threads share the file).
class TextInFile {
 public:
  TextInFile(const TextInFile &) = delete;
  TextInFile &operator=(const TextInFile &) = delete;
  ~TextInFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  /// Opens `file` when it is a regular file (regular() tells; nothing thrown).
  /// Anything else is not even opened: opening a pipe (a FIFO, /dev/stdin) and
  /// closing it again would drop what its writer sent; read_file_padded reads
  /// it, opening it once.
  explicit TextInFile(const std::filesystem::path &file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return;
    fd_ = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return;
    if (::fstat(fd_, &info) != 0 || !S_ISREG(info.st_mode)) {  // replaced since the stat
      ::close(fd_);
      fd_ = -1;
      return;
    }
    size_ = static_cast<std::size_t>(info.st_size);
  }
  bool regular() const { return fd_ >= 0; }
  std::size_t size() const { return size_; }
  char at(std::size_t i) { return *block(i); }
  /// 16 readable bytes from `i`; bytes past the end of the file read as zero.
  /// Valid until the next call. The scan moves forward, so the window only ever
  /// slides forward.
  const char *block(std::size_t i) {
    if (i < window_begin_ || i + 16 > window_begin_ + window_.size() - simdjson::SIMDJSON_PADDING) refill(i);
    return window_.data() + (i - window_begin_);
  }
  bool append(std::size_t begin, std::size_t end, std::string &out) const {
    const std::size_t at = out.size();
    out.resize(at + (end - begin));
    return read_at(begin, out.data() + at, end - begin);
  }
  const char *padded(std::size_t begin, std::size_t end, std::string &scratch) const {
    scratch.clear();
    if (!append(begin, end, scratch)) return nullptr;
    scratch.resize(scratch.size() + simdjson::SIMDJSON_PADDING);
    return scratch.data();
  }
  /// False when the file could not be read as scanned (it shrank, or a read failed).
  bool intact() const { return intact_; }

 private:
  static constexpr std::size_t window_bytes = std::size_t{1} << 20;

  bool read_at(std::size_t offset, char *into, std::size_t length) const {
    while (length > 0) {
      const ssize_t got = ::pread(fd_, into, length, static_cast<off_t>(offset));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;
      into += got;
      offset += static_cast<std::size_t>(got);
      length -= static_cast<std::size_t>(got);
    }
    return true;
  }

  void refill(std::size_t i) {
    window_.resize(window_bytes + simdjson::SIMDJSON_PADDING);
    window_begin_ = i;
    std::size_t length = i < size_ ? std::min(window_bytes, size_ - i) : 0;
    if (!read_at(i, window_.data(), length)) {
      intact_ = false;
      length = 0;
    }
    std::fill(window_.begin() + static_cast<std::ptrdiff_t>(length), window_.end(), '\0');
  }

  int fd_ = -1;
  bool intact_ = true;
  std::size_t size_ = 0, window_begin_ = 0;
  std::vector<char> window_ = std::vector<char>(simdjson::SIMDJSON_PADDING);
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Length of the UTF-8 byte-order mark `text` starts with: 3, or 0 without one.
/// RFC 8259 lets a parser ignore it; both readers take it for spaces.
template <class Text>
std::size_t bom_length(Text &text) {
  constexpr char bom[] = "\xEF\xBB\xBF";
  return text.size() >= 3 && text.at(0) == bom[0] && text.at(1) == bom[1] && text.at(2) == bom[2] ? 3 : 0;
}


/// End of the string whose opening quote is at `i` (just past its closing quote), or none.
template <class Text>
std::size_t skip_string(Text &text, std::size_t i) {
  for (++i; i < text.size(); ++i) {
    const char c = text.at(i);
    if (c == '\\') ++i;
    else if (c == '"') return i + 1;
  }
  return none;
}

/// Bit masks of one 16-byte block: quotes, backslashes, and the bytes that
/// shape nesting ([ ] { } ,).
struct BlockMasks {
  unsigned quotes = 0, backslashes = 0, structure = 0;
};

BlockMasks block_masks(const char *p) {
  BlockMasks m;
#if defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
  auto eq = [&](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
  m.quotes = static_cast<unsigned>(_mm_movemask_epi8(eq('"')));
  m.backslashes = static_cast<unsigned>(_mm_movemask_epi8(eq('\\')));
  m.structure = static_cast<unsigned>(_mm_movemask_epi8(
      _mm_or_si128(_mm_or_si128(_mm_or_si128(eq('['), eq(']')), _mm_or_si128(eq('{'), eq('}'))), eq(','))));
#else
  for (unsigned k = 0; k < 16; ++k) {
    const char c = p[k];
    if (c == '"') m.quotes |= 1u << k;
    else if (c == '\\') m.backslashes |= 1u << k;
    else if (c == '[' || c == ']' || c == '{' || c == '}' || c == ',') m.structure |= 1u << k;
  }
#endif
  return m;
}

/// End of the value starting at `i`, or none. With `pieces`, an array's
/// elements are grouped into pieces of about piece_bytes. Reads up to 15 bytes
/// past the end of `text` (simdjson's padding is there). Works 16 bytes at a
/// time: in a block without backslashes, which bytes lie inside strings is the
/// running parity of the quotes before them, so only the nesting bytes outside
/// strings are visited (a byte-by-byte scan cost as much as parsing).
template <class Text>
std::size_t skip_value(Text &text, std::size_t i, std::vector<ListPiece> *pieces) {
  const char first = text.at(i);
  if (first == '"') return skip_string(text, i);
  if (first != '[' && first != '{') {
    for (char c; i < text.size() && (c = text.at(i)) != ',' && c != '}' && c != ']' && !is_space(c);) ++i;
    return i;
  }
  const bool split = pieces && first == '[';
  const std::size_t n = text.size();
  std::size_t depth = 0, piece_open = i, elements = 1;
  bool in_string = false, escaped = false;  // escaped: the block starts with a byte a backslash escapes
  // One nesting byte `c` outside strings, at offset `at`; true when the value ends there.
  auto nesting = [&](char c, std::size_t at) {
    switch (c) {
      case '[':
      case '{': ++depth; return false;
      case ']':
      case '}':
        if (--depth > 0) return false;
        if (split && !pieces->empty()) pieces->push_back({piece_open, at, elements});
        return true;
      default:  // ','
        if (depth == 1 && split) {
          if (at - piece_open >= piece_bytes) {
            pieces->push_back({piece_open, at, elements});
            piece_open = at;
            elements = 1;
          } else {
            ++elements;
          }
        }
        return false;
    }
  };
  for (std::size_t block = i; block < n; block += 16) {
    const char *bytes = text.block(block);
    const BlockMasks m = block_masks(bytes);
    if (m.backslashes == 0 && !escaped) {
      unsigned inside = m.quotes;  // bit k: odd number of quotes at or before k
      inside ^= inside << 1;
      inside ^= inside << 2;
      inside ^= inside << 4;
      inside ^= inside << 8;
      if (in_string) inside = ~inside;
      inside &= 0xFFFFu;
      for (unsigned mask = m.structure & ~inside; mask; mask &= mask - 1) {
        const auto k = static_cast<std::size_t>(__builtin_ctz(mask));
        const std::size_t at = block + k;
        if (at >= n) return none;
        if (nesting(bytes[k], at)) return at + 1;
      }
      in_string = (inside >> 15) & 1u;
      continue;
    }
    // A block with escapes: byte by byte.
    for (std::size_t at = block; at < block + 16; ++at) {
      if (escaped) {
        escaped = false;
        continue;
      }
      if (at >= n) return none;
      const char c = bytes[at - block];
      if (in_string) {
        if (c == '"') in_string = false;
        else if (c == '\\') escaped = true;
      } else if (c == '"') {
        in_string = true;
      } else if (c == '\\') {
        return none;  // a backslash outside a string
      } else if (c == '[' || c == ']' || c == '{' || c == '}' || c == ',') {
        if (nesting(c, at)) return at + 1;
      }
    }
  }
  return none;
}

/// The top-level fields of `text`, or nullopt when its shape is not the plain
/// `{"key": value, ...}` this reader handles (the whole-file reader then does).
template <class Text>
std::optional<std::vector<TopLevelField>> scan_top_level(Text &text) {
  std::size_t i = 0;
  auto skip_spaces = [&] {
    while (i < text.size() && is_space(text.at(i))) ++i;
  };
  auto at = [&](char c) { return i < text.size() && text.at(i) == c; };
  std::vector<TopLevelField> fields;
  i = bom_length(text);
  skip_spaces();
  if (!at('{')) return std::nullopt;
  ++i;
  skip_spaces();
  if (!at('}')) {
    while (true) {
      skip_spaces();
      if (!at('"')) return std::nullopt;
      const std::size_t key_end = skip_string(text, i);
      if (key_end == none) return std::nullopt;
      TopLevelField field;
      if (!text.append(i + 1, key_end - 1, field.key)) return std::nullopt;
      // The key is the one piece of text simdjson never sees: check it as it
      // would (escapes are left to the whole-file reader).
      if (field.key.find('\\') != std::string_view::npos ||
          std::any_of(field.key.begin(), field.key.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }) ||
          !simdjson::validate_utf8(field.key.data(), field.key.size()))
        return std::nullopt;
      i = key_end;
      skip_spaces();
      if (!at(':')) return std::nullopt;
      ++i;
      skip_spaces();
      if (i >= text.size()) return std::nullopt;
      field.begin = i;
      field.end = skip_value(text, i, &field.pieces);
      if (field.end == none || field.end == field.begin) return std::nullopt;
      if (!field.pieces.empty() && (text.at(field.begin) != '[' || text.at(field.end - 1) != ']')) return std::nullopt;
      i = field.end;
      fields.push_back(std::move(field));
      skip_spaces();
      if (at(',')) {
        ++i;
        continue;
      }
      if (at('}')) break;
      return std::nullopt;
    }
  }
  ++i;
  skip_spaces();
  if (i != text.size()) return std::nullopt;
  return fields;
}

/// Parses and (when `read`) reads the pieces of one top-level list on up to
/// four threads. Each piece goes to its own slots of the list and keeps its
/// diagnostics apart; they are appended to `diagnostics` in list order, so the
/// result is the same as reading the pieces one after the other. False when a
/// piece does not parse as the scan expected.
template <class Text>
bool read_list_pieces(const Text &text, const TopLevelField &field, bool read, Model &model,
                      Diagnostics &diagnostics, const ReadLimits &limits) {
  const auto &pieces = field.pieces;
  std::vector<std::size_t> first(pieces.size() + 1, 0);
  for (std::size_t k = 0; k < pieces.size(); ++k) first[k + 1] = first[k] + pieces[k].count;
  if (first.back() > limits.max_entities) return false;  // the whole-file reader reports it
  if (read) ModelReader::size_list(model, field.key, first.back());
  std::vector<Diagnostics> found(pieces.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr exception;
  std::mutex exception_mutex;
  const JsonPath root, path(root, field.key);
  auto work = [&] {
    try {
      dom::parser parser(limits.max_bytes);
      // A piece alone sits one level higher than inside the file's object.
      if (parser.allocate(2 * piece_bytes, limits.max_depth - 1)) return void(failed = true);
      std::string buffer;  // "[elements]" of one piece, then simdjson's padding
      for (std::size_t k; !failed && (k = next.fetch_add(1)) < pieces.size();) {
        const ListPiece &piece = pieces[k];
        buffer.assign(1, '[');
        if (!text.append(piece.open + 1, piece.close, buffer)) return void(failed = true);
        buffer.push_back(']');
        const std::size_t length = buffer.size();
        buffer.resize(length + simdjson::SIMDJSON_PADDING);
        dom::element value;
        dom::array array;
        const auto error =
            parse_again_widened(parser, buffer.data(), length, value, parser.parse(buffer.data(), length, false).get(value));
        if (error || value.get_array().get(array) || array.size() != piece.count) return void(failed = true);
        if (read) ModelReader(found[k], limits).read_list_piece(model, field.key, value, path, first[k]);
      }
    } catch (...) {
      std::lock_guard lock(exception_mutex);
      exception = std::current_exception();
      failed = true;
    }
  };
  const std::size_t threads = std::min<std::size_t>({std::max(1u, std::thread::hardware_concurrency()), 4, pieces.size()});
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (auto &helper : helpers) helper.join();
  if (exception) std::rethrow_exception(exception);
  if (failed) return false;
  for (auto &d : found) {
    for (auto &e : d.errors) diagnostics.errors.push_back(std::move(e));
    for (auto &w : d.warnings) diagnostics.warnings.push_back(std::move(w));
  }
  return true;
}

/// A parser with room for `capacity` bytes at `max_depth`: the one kept from an
/// earlier load when it is free, else a new one. A parser of at most
/// kept_capacity goes back to be kept. Why: on the hotel (79 KB) the parser's
/// buffers (about 14 bytes per byte of capacity), allocated and freed on every
/// load, grew and trimmed the heap each time, and the page faults of the fresh
/// memory were a third of the load's wall time. At most one parser, about
/// 1.8 MB, stays allocated between loads; loads on other threads at the same
/// time get parsers of their own.
class ParserLease {
 public:
  static constexpr std::size_t kept_capacity = std::size_t{128} << 10;

  ParserLease(std::size_t capacity, std::size_t max_depth) {
    {
      std::lock_guard lock(mutex_);
      parser_ = std::move(kept_);
    }
    if (!parser_) parser_ = std::make_unique<dom::parser>();
    // Grown, never shrunk: allocate() with another capacity reallocates.
    if (parser_->capacity() < capacity || parser_->max_depth() != max_depth)
      failed_ = parser_->allocate(std::max(capacity, parser_->capacity()), max_depth) != simdjson::SUCCESS;
    // The tape of the parsed document grows with each larger value unless it
    // is made whole first.
    if (!failed_ && parser_->doc.capacity() < parser_->capacity())
      failed_ = parser_->doc.allocate(parser_->capacity()) != simdjson::SUCCESS;
  }
  ParserLease(const ParserLease &) = delete;
  ParserLease &operator=(const ParserLease &) = delete;
  ~ParserLease() {
    if (failed_ || parser_->capacity() > kept_capacity) return;
    std::lock_guard lock(mutex_);
    if (!kept_) kept_ = std::move(parser_);
  }
  explicit operator bool() const { return !failed_; }
  dom::parser &operator*() { return *parser_; }

 private:
  static inline std::mutex mutex_;
  static inline std::unique_ptr<dom::parser> kept_;
  std::unique_ptr<dom::parser> parser_;
  bool failed_ = false;
};

/// Reads `text` field by field and its big lists piece by piece; false when the
/// whole-file reader must do it (the model and diagnostics are then garbage).
template <class Text>
bool read_in_pieces(Text &text, ModelReader &reader, Diagnostics &diagnostics, Model &model, const ReadLimits &limits) {
  auto fields = scan_top_level(text);
  if (!fields || !text.intact() || limits.max_depth < 2) return false;
  if (logger()->should_log(spdlog::level::debug)) {
    std::size_t pieces = 0;
    for (const auto &field : *fields) pieces += field.pieces.size();
    logger()->debug("scanned {} top-level fields, {} list pieces", fields->size(), pieces);
  }
  // Sized for the largest value parsed alone, not the whole text (simdjson's
  // buffers take about 14 bytes per byte of capacity).
  std::size_t largest = 0;
  for (const TopLevelField &field : *fields)
    if (field.pieces.empty() || !ModelReader::splittable(field.key)) largest = std::max(largest, field.end - field.begin);
  // A value alone sits one level higher than inside the file's object.
  ParserLease lease(std::min(largest, 2 * piece_bytes) + 1, limits.max_depth - 1);
  if (!lease) return false;
  dom::parser &parser = *lease;
  ModelReader::ObjectKeys keys{ModelReader::top_level_keys, &model.extensions};
  const JsonPath root;
  std::string scratch;
  for (const TopLevelField &field : *fields) {
    const JsonPath path(root, field.key);
    if (field.pieces.empty() || !ModelReader::splittable(field.key)) {
      dom::element value;
      const std::size_t length = field.end - field.begin;
      const char *bytes = text.padded(field.begin, field.end, scratch);
      if (!bytes) return false;
      auto error = parser.parse(bytes, length, false).get(value);
      if (error == simdjson::NUMBER_ERROR) {  // perhaps an integer too big for 64 bits
        if (bytes != scratch.data()) {
          scratch.assign(bytes, length);
          scratch.resize(length + simdjson::SIMDJSON_PADDING);
        }
        error = parse_again_widened(parser, scratch.data(), length, value, error);
      }
      if (error) return false;
      if (reader.accept_field(keys, field.key, value, path)) reader.top_field(model, field.key, value, path);
    } else {
      // A list is never an "x-" value: accept_field does not look at it.
      const bool read = reader.accept_field(keys, field.key, dom::element(), path);
      if (!read_list_pieces(text, field, read, model, diagnostics, limits)) return false;
    }
  }
  reader.finish(model);
  return true;
}

/// The model read from `text` in pieces, its diagnostics added to `diagnostics`;
/// nullopt when the whole-file reader must read it.
template <class Text>
std::optional<Model> try_read_in_pieces(Text &text, Diagnostics &diagnostics, std::string_view source,
                                        const ReadLimits &limits) {
  Diagnostics found;
  ModelReader reader(found, limits);
  Model model;
  if (!read_in_pieces(text, reader, found, model, limits)) return std::nullopt;
  for (auto &e : found.errors) diagnostics.errors.push_back(std::move(e));
  for (auto &w : found.warnings) diagnostics.warnings.push_back(std::move(w));
  logger()->debug("read {} in pieces: {} units, {} services, {} people", source, model.units.size(),
                  model.services.size(), model.people.size());
  return model;
}

/// The whole-file reader: one DOM of the whole text, exact syntax errors.
/// `padded` is released as soon as the DOM holds its content (the DOM keeps its
/// own copies of strings and numbers): the file text and the Model being built
/// are never in memory together.
Model read_whole(simdjson::padded_string padded, Diagnostics &diagnostics, std::string_view source,
                 const ReadLimits &limits) {
  if (padded.size() > limits.max_whole_bytes) throw_too_large_to_read_whole(padded, source, limits);
  dom::parser parser;
  if (auto err = parser.allocate(padded.size() + 1, limits.max_depth))
    throw LimitError(std::string(source) + ": " + simdjson::error_message(err));
  // A leading byte-order mark reads as spaces: offsets (and the columns of
  // errors) stay those of the file.
  const TextInMemory whole(padded);
  std::fill_n(padded.data(), bom_length(whole), ' ');
  dom::element root;
  const auto err = parse_again_widened(parser, padded.data(), padded.size(), root, parser.parse(padded).get(root));
  if (err) throw_syntax_error(padded, source, err, limits);
  padded = simdjson::padded_string();
  logger()->debug("parsed {} as JSON", source);
  if (!root.is_object()) {
    diagnostics.error(text::diagnostic("", "wrong_type", "diag.wrong_type.model_file"));
    return {};
  }
  ModelReader reader(diagnostics, limits);
  Model model = reader.read(root);
  logger()->debug("read model: {} units, {} services, {} people", model.units.size(), model.services.size(),
                  model.people.size());
  return model;
}

/// Text already checked against max_bytes (check_size, read_file_padded), read
/// in pieces, or whole (from the padded string `whole()` gives) when the pieces
/// cannot read it.
template <class Whole>
Model parse_text(std::string_view text, Whole &&whole, Diagnostics &diagnostics, std::string_view source,
                 const ReadLimits &limits) {
  // A text in memory up to ParserLease::kept_capacity never comes here unless it
  // has a problem (try_read_small).
  {
    const TextInMemory in(text);
    if (auto model = try_read_in_pieces(in, diagnostics, source, limits)) return std::move(*model);
  }
  return read_whole(whole(), diagnostics, source, limits);
}

Model parse_padded(simdjson::padded_string padded, Diagnostics &diagnostics, std::string_view source,
                   const ReadLimits &limits) {
  const std::string_view text(padded.data(), padded.size());
  return parse_text(text, [&] { return std::move(padded); }, diagnostics, source, limits);
}

/// The most bytes of a model read whole from a pipe or device.
std::size_t whole_limit(const ReadLimits &limits) { return std::min(limits.max_bytes, limits.max_whole_bytes); }

/// A regular file is read in pieces straight from the file; anything else (a
/// pipe), or a file the pieces cannot read, is read whole.
Model parse_file(const std::filesystem::path &file, Diagnostics &diagnostics, const ReadLimits &limits) {
  const std::string source = file.string();
  {
    TextInFile text(file);
    // A pipe or device is read whole: stopped one byte past the smaller limit.
    if (!text.regular()) return parse_padded(read_file_padded(file, whole_limit(limits)), diagnostics, source, limits);
    if (text.size() > limits.max_bytes)
      throw LimitError(source + ": " + std::to_string(text.size()) + " bytes, over the limit of " +
                       std::to_string(limits.max_bytes) + " bytes (max_bytes)");
    if (auto model = try_read_in_pieces(text, diagnostics, source, limits)) return std::move(*model);
    if (text.size() > limits.max_whole_bytes) throw_too_large_to_read_whole(file, text.size(), limits);
  }
  return read_whole(read_file_padded(file, whole_limit(limits)), diagnostics, source, limits);
}

void check_size(std::string_view text, std::string_view source, const ReadLimits &limits) {
  if (text.size() > limits.max_bytes)
    throw LimitError(std::string(source) + ": " + std::to_string(text.size()) + " bytes, over the limit of " +
                     std::to_string(limits.max_bytes));
}

/// A text the kept parser can hold, parsed as one document with it: on the
/// hotel the scan for the top-level fields cost 13% of the load's
/// instructions. nullopt when it does not parse to an object: the usual
/// readers then find and report the problem.
std::optional<Model> try_read_small(std::string_view text, Diagnostics &diagnostics, std::string_view source,
                                    const ReadLimits &limits) {
  if (text.size() > ParserLease::kept_capacity) return std::nullopt;
  simdjson::padded_string padded(text);
  const TextInMemory whole(padded);
  std::fill_n(padded.data(), bom_length(whole), ' ');  // read as spaces, as read_whole does
  ParserLease lease(padded.size(), limits.max_depth);
  if (!lease) return std::nullopt;
  dom::parser &parser = *lease;
  dom::element root;
  if (parse_again_widened(parser, padded.data(), padded.size(), root, parser.parse(padded.data(), padded.size(), false).get(root)) ||
      !root.is_object())
    return std::nullopt;
  ModelReader reader(diagnostics, limits);
  Model model = reader.read(root);
  logger()->debug("read {} as one document: {} units, {} services, {} people", source, model.units.size(),
                  model.services.size(), model.people.size());
  return model;
}

/// Text in memory, copied (padded for simdjson) only when it is read whole.
Model parse_in_memory(std::string_view text, Diagnostics &diagnostics, std::string_view source, const ReadLimits &limits) {
  check_size(text, source, limits);
  if (auto model = try_read_small(text, diagnostics, source, limits)) return std::move(*model);
  return parse_text(text, [text] { return simdjson::padded_string(text); }, diagnostics, source, limits);
}

}  // namespace

void finish_loading(const Model &model, Diagnostics diagnostics, Diagnostics *warnings, std::string_view source) {
  validate_after_parse(model, diagnostics);
  logger()->debug("validated model: {} errors, {} warnings", diagnostics.errors.size(), diagnostics.warnings.size());
  if (!diagnostics.ok()) throw ValidationError(std::move(diagnostics), std::string(source));
  if (warnings) *warnings = std::move(diagnostics);
}

Model parse_model_json(std::string_view text, Diagnostics &diagnostics, std::string_view source,
                       const ReadLimits &limits) {
  return parse_in_memory(text, diagnostics, source, limits);
}

Model load_model_json(std::string_view text, std::string_view source, Diagnostics *warnings, const ReadLimits &limits) {
  Diagnostics diagnostics;
  Model model = parse_in_memory(text, diagnostics, source, limits);
  finish_loading(model, std::move(diagnostics), warnings, source);
  return model;
}

Model parse_model_file(const std::filesystem::path &file, Diagnostics &diagnostics, const ReadLimits &limits) {
  return parse_file(file, diagnostics, limits);
}

Model load_model_json_file(const std::filesystem::path &file, Diagnostics *warnings, const ReadLimits &limits) {
  Diagnostics diagnostics;
  Model model = parse_file(file, diagnostics, limits);
  finish_loading(model, std::move(diagnostics), warnings, file.string());
  return model;
}

}  // namespace servicechain
