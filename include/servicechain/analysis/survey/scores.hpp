#pragma once
// Single-question scores (§4.5): Net Promoter Score (0–10), customer
// satisfaction CSAT (1–5) and customer effort CES (1–7), each read from one
// column; empty cells are skipped. No answers at all is an InputError.
#include <cstddef>
#include <optional>
#include <string>

#include "servicechain/analysis/survey/common.hpp"
#include "servicechain/io/csv.hpp"

namespace servicechain {

class JsonWriter;

/// Options of nps(), csat() and ces().
struct ScoreOptions {
  std::string column;               ///< required
  std::optional<RowFilter> filter;  ///< rows kept (nullopt: all)
  std::optional<Scale> scale;       ///< CES only (default 1–7); NPS and CSAT scales are fixed
};

/// Net Promoter Score of one column.
struct NpsResult {
  std::size_t n = 0;  ///< answers counted
  std::size_t promoters = 0;  ///< answers 9–10
  std::size_t passives = 0;  ///< answers 7–8
  std::size_t detractors = 0;  ///< answers 0–6
  double nps = 0;  ///< 100·(promoters − detractors)/n
  double se = 0;   ///< 100·sqrt((p_P + p_D − (p_P − p_D)²)/n)
  double ci_low = 0;   ///< nps − 1.96·se, not clamped to [−100, 100]
  double ci_high = 0;  ///< nps + 1.96·se, not clamped to [−100, 100]
};
/// Answers must be integers 0–10: promoters 9–10, detractors 0–6.
NpsResult nps(CsvReader &reader, const ScoreOptions &options);
/// Writes the JSON of `servicechain survey nps --json`.
void write_json(JsonWriter &w, const NpsResult &result);

/// Customer satisfaction (CSAT) of one column.
struct CsatResult {
  std::size_t n = 0;  ///< answers counted
  std::size_t satisfied = 0;  ///< answers 4 or 5
  double csat = 0;                 ///< share (0–1) of answers 4 or 5
  double ci_low = 0;   ///< lower end of the Wilson score interval, 95% (z = 1.96)
  double ci_high = 0;  ///< upper end of the Wilson score interval
};
/// Answers must be integers 1–5.
CsatResult csat(CsvReader &reader, const ScoreOptions &options);
/// Writes the JSON of `servicechain survey csat --json`.
void write_json(JsonWriter &w, const CsatResult &result);

/// Customer effort score (CES) of one column.
struct CesResult {
  std::size_t n = 0;  ///< answers counted
  double mean = 0;  ///< mean answer
  std::optional<double> sd;  ///< sample standard deviation (n − 1); null when n = 1
  std::optional<double> se;  ///< sd/√n
  std::optional<double> ci_low;   ///< mean − 1.96·se (normal approximation)
  std::optional<double> ci_high;  ///< mean + 1.96·se
  Scale scale{1, 7};  ///< the answer scale used
};
/// Answers must lie on the scale (default 1–7; decimals allowed).
CesResult ces(CsvReader &reader, const ScoreOptions &options);
/// Writes the JSON of `servicechain survey ces --json`.
void write_json(JsonWriter &w, const CesResult &result);

/// The 1.96 of every 95% interval here.
inline constexpr double z95 = 1.96;

}  // namespace servicechain
