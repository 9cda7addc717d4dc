// Message lookup and the number, money and date formatters (messages.hpp).
#include "servicechain/text/messages.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "catalogue.hpp"
#include "servicechain/model.hpp"

namespace servicechain::text {

std::span<const Message> message_catalogue() {
  static const std::vector<Message> sorted = [] {
    std::vector<Message> v(detail::catalogue_entries, detail::catalogue_entries + detail::catalogue_size);
    v.insert(v.end(), detail::diagnostic_entries, detail::diagnostic_entries + detail::diagnostic_entries_size);
    v.insert(v.end(), detail::cli_help_entries, detail::cli_help_entries + detail::cli_help_entries_size);
    std::stable_sort(v.begin(), v.end(), [](const Message &a, const Message &b) { return a.id < b.id; });
    return v;
  }();
  return sorted;
}

const Message *find_message(std::string_view id) {
  const auto catalogue = message_catalogue();
  const auto it = std::lower_bound(catalogue.begin(), catalogue.end(), id, [](const Message &m, std::string_view key) { return m.id < key; });
  return it == catalogue.end() || it->id != id ? nullptr : &*it;
}

std::string_view message(std::string_view id, Language language) {
  const Message *m = find_message(id);
  if (!m) throw std::out_of_range("no message \"" + std::string(id) + "\" in the catalogue");
  return language == Language::es ? m->es : m->en;
}

std::string format(std::string_view id, Language language, std::initializer_list<std::string_view> args) {
  return format(id, language, std::span<const std::string_view>(args.begin(), args.size()));
}

std::string format(std::string_view id, Language language, std::span<const std::string_view> args) {
  const std::string_view text = message(id, language);
  std::string out;
  out.reserve(text.size() + 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    // "{N}" with one digit N < args.size() is replaced; anything else is copied.
    if (text[i] == '{' && i + 2 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9' && text[i + 2] == '}') {
      const std::size_t n = static_cast<std::size_t>(text[i + 1] - '0');
      if (n < args.size()) {
        out.append(args[n]);
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

namespace {
// The mark of a term() argument: a control character, which no id or name holds
// (validation refuses them), so no value is taken for a term.
constexpr char term_mark = '\x1F';
}  // namespace

std::string term(std::string_view id) {
  std::string out(1, term_mark);
  out.append(id);
  return out;
}

std::string word(std::string_view english) {
  std::string id = "diag.word.";
  bool gap = false;  // a run of other characters becomes one '_' between letters
  for (char c : english) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!letter) {
      gap = true;
      continue;
    }
    if (gap && !id.ends_with('.')) id.push_back('_');
    gap = false;
    id.push_back(c);
  }
  // The English text is the catalogue's: a message reads the same whether or not it is looked up.
  const Message *m = find_message(id);
  return m && m->en == english ? term(id) : std::string(english);
}

std::string word_in_text(std::string_view english) {
  std::string out = word(english);
  if (out.starts_with(term_mark)) out.push_back(term_mark);
  return out;
}

namespace {
/// `arg` with its terms in `language`: a term runs from a mark to the next mark
/// (word_in_text) or to the end (term, word); the rest is kept as it is.
std::string with_terms(std::string_view arg, Language language) {
  std::string out;
  bool in_term = false;
  for (std::size_t start = 0;;) {
    const std::size_t mark = arg.find(term_mark, start);
    const std::string_view piece = arg.substr(start, mark == std::string_view::npos ? std::string_view::npos : mark - start);
    const Message *m = in_term ? find_message(piece) : nullptr;
    out.append(m ? (language == Language::es ? m->es : m->en) : piece);
    if (mark == std::string_view::npos) return out;
    in_term = !in_term;
    start = mark + 1;
  }
}
}  // namespace

std::string diagnostic_message(const Diagnostic &d, Language language) {
  if (d.message_id.empty()) return d.message;
  std::vector<std::string> texts;
  texts.reserve(d.args.size());
  for (const std::string &arg : d.args) texts.push_back(with_terms(arg, language));
  const std::vector<std::string_view> args(texts.begin(), texts.end());
  return format(d.message_id, language, args);
}

Diagnostic diagnostic(std::string path, std::string code, std::string_view id, std::vector<std::string> args) {
  Diagnostic d{std::move(path), std::move(code), {}, std::string(id), std::move(args)};
  d.message = diagnostic_message(d, Language::en);
  return d;
}

namespace {

// Digits of a non-negative whole number grouped by three with `separator`.
std::string group_thousands(std::string_view digits, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.append(separator);
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

std::string format_number(double value, int decimals, Language language) {
  if (!std::isfinite(value)) return "–";
  decimals = std::clamp(decimals, 0, 12);
  char buffer[400];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string_view text(buffer);
  bool negative = text.starts_with('-');
  if (negative) text.remove_prefix(1);
  const auto point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  // "-0.00": a value that rounds to zero carries no sign.
  if (negative && whole.find_first_not_of('0') == std::string_view::npos && fraction.find_first_not_of('0') == std::string_view::npos)
    negative = false;
  const bool es = language == Language::es;
  std::string out = negative ? "-" : "";
  out += group_thousands(whole, es ? "." : ",");
  if (!fraction.empty()) {
    out.push_back(es ? ',' : '.');
    out.append(fraction);
  }
  return out;
}

std::string format_count(std::uint64_t value, Language language) {
  return group_thousands(std::to_string(value), language == Language::es ? "." : ",");
}

std::string format_percent(double share, int decimals, Language language) {
  return format_number(100 * share, decimals, language) + "\u00a0%";
}

std::string format_money(double value, std::string_view currency, Language language) {
  std::string out = format_number(value, 2, language);
  if (!currency.empty()) {
    out += "\u00a0";
    out.append(currency);
  }
  return out;
}

std::string format_date(std::string_view iso_date, Language language) {
  static constexpr const char *months_en[] = {"January", "February", "March",     "April",   "May",      "June",
                                              "July",    "August",   "September", "October", "November", "December"};
  static constexpr const char *months_es[] = {"enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
                                              "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
  auto digits = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (iso_date[i] < '0' || iso_date[i] > '9') return -1;
      v = v * 10 + (iso_date[i] - '0');
    }
    return v;
  };
  if (iso_date.size() != 10 || iso_date[4] != '-' || iso_date[7] != '-') return std::string(iso_date);
  const int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return std::string(iso_date);
  const std::string d = std::to_string(day), y = std::to_string(year);
  if (language == Language::es) return d + " de " + months_es[month - 1] + " de " + y;
  return d + " " + months_en[month - 1] + " " + y;
}

std::optional<std::string> model_currency(const Model &model) {
  if (!model.organization) return std::nullopt;
  for (const auto &[key, json] : model.organization->extensions) {
    // The extension's value is compact JSON text: a plain string "XYZ" is taken as it is.
    if (key != "x-currency" || json.size() < 3 || json.front() != '"' || json.back() != '"') continue;
    std::string code = json.substr(1, json.size() - 2);
    if (code.find_first_of("\\\"<>&") != std::string::npos || code.size() > 8) continue;
    return code;
  }
  return std::nullopt;
}

WarningSummary summarize_warnings(std::size_t total, std::size_t limit, std::size_t shown_when_summarized) {
  WarningSummary s;
  s.total = total;
  s.summarized = total > limit;
  s.shown = s.summarized ? std::min(shown_when_summarized, total) : total;
  return s;
}

}  // namespace servicechain::text
