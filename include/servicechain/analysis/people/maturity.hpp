#pragma once
// Culture maturity (§4.9): processes with items scored 1–5 by respondents of
// each level. Scores per process and level, an overall index 0–100, the
// weakest processes and the directive–operative perception gap. Definitions:
// docs/people.md.
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "servicechain/bundled.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// 100·(mean − 1)/4: a mean score of 1 is 0, 5 is 100.
double maturity_index(double mean_score);

/// Maturity scores of one culture process.
struct ProcessMaturity {
  std::string id;  ///< process id
  std::string name;  ///< process name
  std::size_t scores = 0;              ///< item scores received (all levels)
  std::optional<double> score;         ///< mean of all its item scores; null without any
  std::optional<double> index;         ///< maturity_index(score)
  std::array<std::optional<double>, 3> by_level;  ///< mean item score per level (directive, managerial, operative)
  std::optional<double> gap;           ///< by_level[directive] − by_level[operative]
};

/// Result of assess_maturity() (§4.9).
struct MaturityResult {
  std::size_t respondents = 0;  ///< responses counted
  std::array<std::size_t, 3> respondents_by_level{};  ///< responses per level (directive, managerial, operative)
  std::vector<ProcessMaturity> processes;  ///< maturity model order
  std::optional<double> score;             ///< mean of the process scores (processes with any score)
  std::optional<double> index;             ///< maturity_index(score)
  std::array<std::optional<double>, 3> level_score;  ///< mean of the processes' by_level scores
  std::array<std::optional<double>, 3> level_index;  ///< maturity_index of each level score
  std::optional<double> gap;               ///< mean of the process gaps (processes with one)
  std::vector<std::string> weakest;        ///< lowest scores first (ties: id in byte order)
};

/// Options of assess_maturity().
struct MaturityOptions {
  std::size_t weakest = 3;  ///< how many processes `weakest` lists
  Language language = Language::en;  ///< of the bundled maturity model
};

/// Scores of `responses` against `processes`. Item ids not in any process are ignored.
MaturityResult assess_maturity(std::span<const MaturityProcess> processes, std::span<const MaturityResponse> responses,
                               const MaturityOptions &options = {});

/// The model's assessment against its maturity model (the bundled default when it
/// has none); no assessment gives a result without scores.
MaturityResult assess_maturity(const Model &model, const MaturityOptions &options = {});

/// The result as JSON (what `servicechain maturity --json` prints; keys in docs/people.md).
void write_json(JsonWriter &w, const MaturityResult &result);

}  // namespace servicechain
