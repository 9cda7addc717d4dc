#pragma once
// The one message catalogue of readable text (the report, the CLI's readable
// output) and the one number formatter: every readable string in English and
// Spanish, looked up by id, with placeholders {0}, {1}, … (docs/language.md).
// JSON output never goes through here: its numbers keep the '.' decimal point.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <vector>

#include "servicechain/bundled.hpp"
#include "servicechain/error.hpp"

namespace servicechain::text {

/// One message: its id and its text in each language.
struct Message {
  std::string_view id;  ///< e.g. "report.summary.title"
  std::string_view en;  ///< English text
  std::string_view es;  ///< Spanish text (Latin American usage: capacitación, costo, …)
};

/// Every message, sorted by id (unique ids).
std::span<const Message> message_catalogue();

/// The message `id`, or null when the catalogue has none.
const Message *find_message(std::string_view id);

/// The text of message `id` in `language`. Throws std::out_of_range for an unknown id
/// (a programming error the tests catch: every call site's id is in the catalogue).
std::string_view message(std::string_view id, Language language);

/// The message with {0}, {1}, … replaced by `args` in order (a placeholder
/// without an argument stays as it is).
std::string format(std::string_view id, Language language, std::initializer_list<std::string_view> args);
/// format() with the arguments in a span.
std::string format(std::string_view id, Language language, std::span<const std::string_view> args);

/// A word of the catalogue as an argument of a diagnostic ("diag.kind.unit"):
/// diagnostic_message writes it in the message's language.
std::string term(std::string_view id);
/// The term of a word of diagnostics given in English ("moment of truth" is
/// "diag.word.moment_of_truth"); a word the catalogue lacks stays as it is.
std::string word(std::string_view english);
/// word() to embed in a longer argument ("(no manager) ×2"): the term is
/// closed, so text may follow it.
std::string word_in_text(std::string_view english);
/// The diagnostic whose message is catalogue message `id` with `args` (each a
/// value as it is, or a term()); its `message` is the English text.
Diagnostic diagnostic(std::string path, std::string code, std::string_view id, std::vector<std::string> args = {});
/// The message of `d` in `language`: its catalogue message with its arguments
/// (a term in `language` too); a diagnostic without a catalogue id: its message.
std::string diagnostic_message(const Diagnostic &d, Language language);

/// `value` with `decimals` decimals and thousands grouped: 1,234.5 in English,
/// 1.234,5 in Spanish; "-0" printed as "0". Not finite: "–".
std::string format_number(double value, int decimals, Language language);
/// A whole count with thousands grouped: 20,000 / 20.000.
std::string format_count(std::uint64_t value, Language language);
/// `value` as a share in percent with `decimals` decimals: "83.3 %" / "83,3 %".
std::string format_percent(double share, int decimals, Language language);
/// Money with two decimals and the currency code after it when given:
/// "20,120.00 USD" / "20.120,00 USD" (no code: just the number).
std::string format_money(double value, std::string_view currency, Language language);
/// A date YYYY-MM-DD for people: "5 March 2026" / "5 de marzo de 2026"; any
/// other text comes back unchanged.
std::string format_date(std::string_view iso_date, Language language);

/// The currency of a model: its organization's "x-currency" extension (a JSON
/// string, e.g. "USD"), or nullopt.
std::optional<std::string> model_currency(const Model &model);

/// A list of warnings for people: all of them up to `limit`, else the count,
/// the first `shown` and how to see all (`how_to_see_all`, e.g. "--all-warnings").
struct WarningSummary {
  std::size_t total = 0;  ///< warnings in all
  std::size_t shown = 0;  ///< the first ones listed
  bool summarized = false;  ///< some were left out
};
/// How many of `total` warnings to show: every one up to `limit`, else `shown_when_summarized`.
WarningSummary summarize_warnings(std::size_t total, std::size_t limit = 20, std::size_t shown_when_summarized = 5);

}  // namespace servicechain::text
