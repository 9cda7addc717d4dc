#pragma once
// Internal: what every section of the HTML report reads — the input, the texts
// of the message catalogue in the report's language, the number formatter, and
// the names of the model's things (names instead of ids wherever there are names).
#include <string>
#include <string_view>
#include <unordered_map>

#include "servicechain/analysis/chain/collapse.hpp"
#include "servicechain/report/html.hpp"
#include "servicechain/text/messages.hpp"

namespace servicechain::report_detail {

struct Context {
  const HtmlReportInput &in;
  const Model &model;
  const ChainAnalysis &chain;
  const CollapsedChain *collapsed = nullptr;  ///< the collapsed view shown, or null for the full chain
  std::unordered_map<std::string_view, std::size_t> unit_index;  ///< unit id → index

  Context(const HtmlReportInput &input, const CollapsedChain *view);

  /// The catalogue's text of `id` (not escaped: catalogue texts are trusted markup).
  std::string msg(std::string_view id) const { return std::string(text::message(id, in.language)); }
  /// The catalogue's text with {0}, {1}, … replaced by `args` (escape data yourself).
  std::string fmt(std::string_view id, std::initializer_list<std::string_view> args) const {
    return text::format(id, in.language, args);
  }
  std::string num(double value, int decimals) const { return text::format_number(value, decimals, in.language); }
  std::string count(std::size_t n) const { return text::format_count(n, in.language); }
  std::string money(double value) const { return text::format_money(value, in.currency, in.language); }
  std::string percent(double share, int decimals = 0) const { return text::format_percent(share, decimals, in.language); }
  std::string date(std::string_view iso) const { return text::format_date(iso, in.language); }

  /// A unit's name (its id when it has none), escaped; an unknown id comes back escaped.
  std::string unit_name(std::string_view id) const;
  std::string unit_name(std::size_t index) const;
  /// A person's, segment's, competency's, position's name, escaped (the id when none).
  std::string person_name(std::string_view id) const;
  std::string segment_name(std::string_view id) const;
  std::string competency_name(std::string_view id) const;
  std::string position_name(std::string_view id) const;
  /// "directivo" / "directive" …
  std::string level_name(Level level) const;
  /// A SERVQUAL dimension in the report's language ("reliability" → "Fiabilidad"); another name as it is (not escaped).
  std::string dimension_name(std::string_view name) const;
  /// A PDCA stage in the report's language: plan → planificar, do → hacer, …
  std::string stage_name(Stage stage) const;
};

/// The report's sections about the areas of the seeds (areas.cpp).
void executive_summary(std::string &out, const Context &c);
void moments_section(std::string &out, const Context &c);
void internal_section(std::string &out, const Context &c);
void compliance_section(std::string &out, const Context &c);
void alignment_section(std::string &out, const Context &c);
void culture_section(std::string &out, const Context &c);
void simulation_section(std::string &out, const Context &c);
void warnings_section(std::string &out, const Context &c);
/// The trends over the waves (trends.cpp), and what the summary says of them: the
/// CSI's and the maturity index's change between the last two model snapshots
/// (" …", or empty) and a list item on the survey measures of the latest wave.
void trends_section(std::string &out, const Context &c);
std::string trends_csi_sentence(const Context &c);
std::string trends_maturity_sentence(const Context &c);
std::string trends_summary(const Context &c);
/// "<p class=\"lead\">…</p>": what a section shows and how to read it, in one sentence.
std::string lead(const Context &c, std::string_view id);

}  // namespace servicechain::report_detail
