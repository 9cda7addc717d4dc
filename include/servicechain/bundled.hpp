#pragma once
// Content that ships inside the library, in English and Spanish: the default
// curriculum (§4.6), the default culture maturity model (§4.9) and the example
// hotel organization the demo runs on.
#include <optional>
#include <string_view>
#include <vector>

#include "servicechain/model.hpp"

namespace servicechain {

/// Language of bundled content and readable output (JSON keys stay English).
enum class Language : std::uint8_t { en, es };
/// "en" or "es"; nullopt otherwise.
std::optional<Language> parse_language(std::string_view text);

/// The bundled curriculum, used when a model has no "curriculum".
const std::vector<CurriculumModule> &default_curriculum(Language language = Language::en);

/// The bundled maturity model: seven culture processes and six motivation levers.
const std::vector<MaturityProcess> &default_maturity_model(Language language = Language::en);

/// The bundled example organization (a hotel), as servicechain/1 JSON text.
std::string_view example_model_json(Language language = Language::en);

/// The model's curriculum, or the bundled default when it has none.
const std::vector<CurriculumModule> &curriculum_of(const Model &model, Language language = Language::en);

/// The model's maturity processes, or the bundled default when it has none.
const std::vector<MaturityProcess> &maturity_model_of(const Model &model, Language language = Language::en);

}  // namespace servicechain
