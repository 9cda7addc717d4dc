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

/// Intrinsic quality s_u of each unit in model order: its `quality` if given,
/// else the mean over its people of morale × fit (missing morale counts as 1),
/// else 1.0. `fit` is people_fit(model) (pass it to avoid recomputing).
std::vector<double> intrinsic_quality(const Model &model, std::span<const double> fit);
/// The same, computing people_fit(model) itself.
std::vector<double> intrinsic_quality(const Model &model);

}  // namespace servicechain
