#pragma once
// Synthetic organizations for tests, demos and benchmarks (docs/generate.md):
// a unit tree, a mostly local internal customer chain with a few long-range
// services and small circular dependencies (or, with a support share, a few
// support units that serve and are served by almost everyone), segments and moments of truth,
// optionally people and an improvement plan. Deterministic for a seed on every
// platform (own integer sampling, no std distributions). The result passes
// validation without errors or warnings.
#include <cstddef>
#include <cstdint>
#include <string>

#include "servicechain/model.hpp"

namespace servicechain {

/// Size and shape of a generated model (generate_model).
struct GenerateOptions {
  std::size_t units = 1000;            ///< >= 1
  double services_per_unit = 5;        ///< mean incoming services per unit, in [0, 10]
  std::uint64_t seed = 1;  ///< random seed: the same options and seed give the same model
  double cycle_share = 0.02;           ///< share of units inside circular dependencies (SCCs of 2-50 units), [0, 1]
  double long_range_share = 0.05;      ///< share of services between units far apart in the tree, [0, 1]
  /// Share of services that go to or from the support units (half each way),
  /// [0, 1]; 0 (the default) keeps the local shape, about 0.3 and up makes
  /// most units one strongly connected component with the support units.
  double support_share = 0;
  std::size_t support_units = 4;       ///< support units (units 1..support_units), [1, 1000]
  std::size_t branching = 8;           ///< children per unit in the unit tree, >= 2
  std::size_t people_per_unit = 0;     ///< 0: unit qualities are given instead of people
  std::size_t segments = 3;            ///< >= 1
  std::size_t moments = 0;             ///< moments of truth in all; 0: about one per 20 units (at least 2 per segment, at most 10,000)
  double rated_share = 0.3;            ///< share of services with an internal rating
  std::size_t plan_actions = 0;        ///< >0: one improvement plan with that many actions
};

/// Builds a synthetic organization. Throws ArgumentError on options out of range.
Model generate_organization(const GenerateOptions &options);

/// Size of a generated SERVQUAL survey (generate_servqual_csv).
struct GeneratedSurveyOptions {
  std::size_t respondents = 1000;  ///< rows, in [1, 50,000,000]
  std::uint64_t seed = 1;          ///< the same model, options and seed give the same file
  double missing_share = 0.02;     ///< share of unanswered E/P cells, [0, 1)
};

/// A SERVQUAL survey of the customers of `model`'s moments of truth, in the wide
/// CSV of docs/survey.md on the 1–7 scale: `respondent, segment, moment, E1..E22,
/// P1..P22, W_<dimension>` (weights: points out of 100). Each respondent meets
/// one moment (chosen by volume); perceptions fall below expectations by about
/// 6 × (1 − quality) of the moment's owner unit (0.8 when the unit has no
/// quality). Throws ArgumentError when the model has no moment of truth.
std::string generate_servqual_csv(const Model &model, const GeneratedSurveyOptions &options = {});

/// Size of a generated event log (generate_event_log_csv).
struct GeneratedEventLogOptions {
  std::size_t cases = 1000;      ///< cases, in [1, 50,000,000]
  std::uint64_t seed = 1;        ///< the same model, options and seed give the same file
  std::size_t max_events = 10;   ///< events per case at most, in [1, 1000]
};

/// An event log of work flowing along `model`'s internal customer chain, in the
/// CSV of docs/mining.md (`case:concept:name, concept:name, org:resource,
/// time:timestamp`, ISO 8601, grouped by case, time-ordered): each case starts
/// at a random unit and follows services from provider to customer; the
/// resource is the unit's id and the activity the service's name, so mining the
/// log's handover of work finds services of the model. Throws ArgumentError on
/// options out of range or a model without units.
std::string generate_event_log_csv(const Model &model, const GeneratedEventLogOptions &options = {});

}  // namespace servicechain
