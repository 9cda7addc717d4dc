#pragma once
// A synthetic internal customer survey (§4.12) of a model: for tests, demos and
// the bundled hotel example (`servicechain generate --internal-survey FILE`,
// docs/generate.md). Deterministic for a seed on every platform.
#include <cstddef>
#include <cstdint>
#include <string>

#include "servicechain/model.hpp"

namespace servicechain {

/// Shape of a generated internal survey (generate_internal_survey_csv).
struct GeneratedInternalSurveyOptions {
  std::uint64_t seed = 1;  ///< the same model, options and seed give the same file
  /// Respondents of each unit that has suppliers; 0: the unit's headcount (6 for a
  /// unit without people). At most 100,000.
  std::size_t respondents_per_unit = 0;
  std::string date;  ///< written in a `date` column when not empty (YYYY-MM-DD)
};

/// An internal survey of `model` in the CSV of §4.12: `respondent, respondent_unit,
/// supplier_unit, service, rating, enps[, date]`. Every respondent of a unit rates
/// every service the unit receives, in model order; ratings 1–5 fall around
/// 1 + 4·q of the supplier (its linearly propagated delivered quality), so the
/// survey's means track the model; the respondent's eNPS (0–10, around 10·s of
/// their unit) is on their first row only, so it counts once. Throws
/// ArgumentError on options out of range or a bad date.
std::string generate_internal_survey_csv(const Model &model, const GeneratedInternalSurveyOptions &options = {});

}  // namespace servicechain
