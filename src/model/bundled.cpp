#include "servicechain/bundled.hpp"

#include <string>

#include "servicechain/error.hpp"
#include "servicechain/io/model_json.hpp"

namespace servicechain {
namespace bundled {
// Defined in the generated bundled_data.cpp (cmake/EmbedData.cmake).
std::string_view curriculum_en();
std::string_view curriculum_es();
std::string_view maturity_en();
std::string_view maturity_es();
std::string_view example_hotel_en();
std::string_view example_hotel_es();
}  // namespace bundled

namespace {
// The bundled files use the model's own shapes, so the model reader parses them.
Model parse_bundled(const std::string &wrapped, std::string_view name) {
  Diagnostics diagnostics;
  Model model = parse_model_json(wrapped, diagnostics, name);
  if (!diagnostics.ok()) throw Error("bundled data " + std::string(name) + " is invalid: " + diagnostics.errors[0].message);
  return model;
}

std::vector<CurriculumModule> load_curriculum(std::string_view json, std::string_view name) {
  auto model = parse_bundled("{\"format\":\"servicechain/1\",\"curriculum\":" + std::string(json) + "}", name);
  return std::move(*model.curriculum);
}

std::vector<MaturityProcess> load_maturity(std::string_view json, std::string_view name) {
  auto model = parse_bundled("{\"format\":\"servicechain/1\",\"assessment\":" + std::string(json) + "}", name);
  return std::move(*model.assessment->processes);
}
}  // namespace

std::optional<Language> parse_language(std::string_view text) {
  if (text == "en") return Language::en;
  if (text == "es") return Language::es;
  return std::nullopt;
}

const std::vector<CurriculumModule> &default_curriculum(Language language) {
  static const auto en = load_curriculum(bundled::curriculum_en(), "curriculum.en.json");
  static const auto es = load_curriculum(bundled::curriculum_es(), "curriculum.es.json");
  return language == Language::es ? es : en;
}

const std::vector<MaturityProcess> &default_maturity_model(Language language) {
  static const auto en = load_maturity(bundled::maturity_en(), "maturity.en.json");
  static const auto es = load_maturity(bundled::maturity_es(), "maturity.es.json");
  return language == Language::es ? es : en;
}

std::string_view example_model_json(Language language) {
  return language == Language::es ? bundled::example_hotel_es() : bundled::example_hotel_en();
}

const std::vector<CurriculumModule> &curriculum_of(const Model &model, Language language) {
  return model.curriculum ? *model.curriculum : default_curriculum(language);
}

const std::vector<MaturityProcess> &maturity_model_of(const Model &model, Language language) {
  return model.assessment && model.assessment->processes ? *model.assessment->processes
                                                         : default_maturity_model(language);
}

}  // namespace servicechain
