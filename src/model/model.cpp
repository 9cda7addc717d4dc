#include "servicechain/model.hpp"

#include <array>

namespace servicechain {
namespace {
template <class Enum, std::size_t N>
std::optional<Enum> parse_name(const std::array<std::string_view, N> &names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

constexpr std::array<std::string_view, 3> level_names{"directive", "managerial", "operative"};
constexpr std::array<std::string_view, 5> comparison_names{"<", "<=", ">", ">=", "=="};
constexpr std::array<std::string_view, 4> action_type_names{"immediate", "corrective", "preventive", "improvement"};
constexpr std::array<std::string_view, 5> stage_names{"plan", "do", "check", "act", "done"};
}  // namespace

std::string_view to_string(Level level) { return level_names[static_cast<std::size_t>(level)]; }
std::optional<Level> parse_level(std::string_view text) { return parse_name<Level>(level_names, text); }

std::string_view to_string(Comparison op) { return comparison_names[static_cast<std::size_t>(op)]; }
std::optional<Comparison> parse_comparison(std::string_view text) {
  return parse_name<Comparison>(comparison_names, text);
}

std::string_view to_string(ActionType type) { return action_type_names[static_cast<std::size_t>(type)]; }
std::optional<ActionType> parse_action_type(std::string_view text) {
  return parse_name<ActionType>(action_type_names, text);
}

std::string_view to_string(Stage stage) { return stage_names[static_cast<std::size_t>(stage)]; }
std::optional<Stage> parse_stage(std::string_view text) { return parse_name<Stage>(stage_names, text); }

std::optional<double> find_value(const CompetencyMap &map, std::string_view key) {
  for (const auto &[k, v] : map)
    if (k == key) return v;
  return std::nullopt;
}

std::string_view version() { return SERVICECHAIN_VERSION_STRING; }

}  // namespace servicechain
