#pragma once
// Person-position fit (§4.6), a person's level and a unit's intrinsic quality (§2).
#include <optional>
#include <span>
#include <vector>

#include "servicechain/model.hpp"

namespace servicechain {

/// fit = Σ_c w_c·min(have_c/req_c, 1) / Σ_c w_c over competencies with req_c > 0
/// (w_c from the position's weights, default 1); 1 when nothing is required.
double fit(const Person &person, const Position &position);

/// fit of each person in model order; 1 for a person without a (known) position.
/// Every analysis takes a person's fit from here (people, check, plans).
std::vector<double> people_fit(const Model &model);

/// Level of each person in model order (§2): their position's level; for a
/// position without one, the level of the position's unit; for a person without a
/// (known) position, their own unit's level; nullopt when no unit is known.
/// Every analysis takes a person's level from here (training needs, check scopes).
std::vector<std::optional<Level>> people_levels(const Model &model);

/// The morale ceiling c_u of each unit (§2): the mean over its people of
/// morale × fit (a missing morale counts as 1; `fit` is people_fit(model), 1 for
/// a person without a position); null for a unit without people.
std::vector<std::optional<double>> morale_ceiling(const Model &model, std::span<const double> fit);

/// The mean morale of each unit's people (a missing morale counts as 1); null for
/// a unit without people.
std::vector<std::optional<double>> unit_morale(const Model &model);

/// The one rule of §2: s = min(quality, ceiling) when both exist (quality alone
/// when `morale_cap` is false), quality when there are no people, the ceiling when
/// there is no quality, else 1.0 (validation warns: unknown_quality).
double capped_quality(std::optional<double> quality, std::optional<double> ceiling, bool morale_cap = true);

/// True when the ceiling is what sets s (raising c_u raises s): a unit with people
/// and no quality, or, with the cap on, one whose ceiling is below its quality.
bool ceiling_binds(std::optional<double> quality, std::optional<double> ceiling, bool morale_cap = true);

/// Intrinsic quality with the figures behind it, one entry per unit (model order).
struct IntrinsicQuality {
  std::vector<double> s;  ///< s_u after the ceiling (capped_quality)
  std::vector<std::optional<double>> ceiling;  ///< c_u; null without people
  /// true only when quality and ceiling both exist, the cap is on and c_u < quality_u
  std::vector<char> capped;
  std::vector<char> binds;  ///< ceiling_binds: ∂s/∂c_u = 1 (morale_impact = impact)
};

/// s, c, capped and binds for every unit; `fit` is people_fit(model).
IntrinsicQuality intrinsic_quality_detail(const Model &model, std::span<const double> fit, bool morale_cap = true);

/// Intrinsic quality s_u of each unit in model order (§2): capped_quality of its
/// `quality` and its morale ceiling. `fit` is people_fit(model) (pass it to avoid
/// recomputing). `morale_cap` false restores s_u = quality_u whenever it is given.
std::vector<double> intrinsic_quality(const Model &model, std::span<const double> fit, bool morale_cap = true);
/// The same, computing people_fit(model) itself.
std::vector<double> intrinsic_quality(const Model &model, bool morale_cap = true);

}  // namespace servicechain
