// Embedding servicechain in an HR application: the HR system knows who works
// where (its org chart export); the quality model knows what each position
// requires and which competencies each person has shown. Refresh the model's
// people from the org chart, then plan training where it raises customer
// satisfaction most.
//
//   servicechain_example_hr_embedding [EXAMPLES_DIR]   (default: examples)
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <servicechain/analysis/chain/graph.hpp>
#include <servicechain/analysis/chain/impact.hpp>
#include <servicechain/analysis/chain/propagation.hpp>
#include <servicechain/analysis/people/fit.hpp>
#include <servicechain/analysis/people/training.hpp>
#include <servicechain/io/model_json.hpp>
#include <servicechain/io/orgchart.hpp>
#include <servicechain/validate.hpp>

namespace sc = servicechain;

// The model id that an org chart text maps to; a text the model does not know
// is a data problem for HR to fix, reported as such.
const std::string &model_id(const std::map<std::string, std::string> &ids, const std::string &text, const char *what) {
  auto found = ids.find(text);
  if (found == ids.end()) throw sc::InputError(std::string("org chart ") + what + " \"" + text + "\" is not in the model");
  return found->second;
}

// The org chart names units and positions by their texts; the model has ids.
// Replace the model's people by the org chart's, mapping texts to model ids and
// keeping what the model knew of each person (competencies, morale).
void update_people(sc::Model &model, const sc::Model &chart) {
  std::map<std::string, std::string> unit_of;      // chart unit id -> model unit id (same name)
  std::map<std::string, std::string> position_of;  // chart position id -> model position id (same unit, title)
  for (const auto &chart_unit : chart.units)
    for (const auto &unit : model.units)
      if (unit.name == chart_unit.name) unit_of[chart_unit.id] = unit.id;
  for (const auto &chart_position : chart.positions) {
    auto unit = unit_of.find(chart_position.unit);
    if (unit == unit_of.end()) continue;  // an unknown unit is reported below
    for (const auto &position : model.positions)
      if (position.title == chart_position.title && position.unit == unit->second)
        position_of[chart_position.id] = position.id;
  }

  std::map<std::string, sc::Person> known;
  for (auto &person : model.people) known[person.id] = std::move(person);
  model.people.clear();
  for (const auto &hr : chart.people) {
    sc::Person person = known.count(hr.id) ? known[hr.id] : sc::Person{};  // a new hire: no records yet
    person.id = hr.id;
    person.name = hr.name;
    person.manager = hr.manager;
    person.unit = model_id(unit_of, hr.unit, "unit");
    person.position.reset();
    if (hr.position) person.position = model_id(position_of, *hr.position, "position");
    model.people.push_back(std::move(person));
  }
}

int main(int argc, char **argv) try {
  std::filesystem::path dir = argc > 1 ? argv[1] : "examples";
  sc::Model model = sc::load_model(dir / "hotel.json");
  sc::OrgChartImport chart = sc::import_orgchart(dir / "orgchart.csv");
  update_people(model, chart.model);
  sc::Diagnostics diagnostics = sc::validate(model);
  if (!diagnostics.ok()) throw sc::ValidationError(diagnostics);

  // Training is worth most where a unit's quality moves the customer
  // satisfaction index most: ∂CSI/∂s per unit, from one adjoint sweep.
  sc::ChainGraph graph(model);
  std::vector<double> intrinsic = sc::intrinsic_quality(model);
  sc::PropagationResult quality = sc::propagate(graph, intrinsic, sc::PropagationModel::linear);
  std::vector<double> impact;  // left empty without a CSI (no moments of truth): every unit counts alike
  if (sc::csi(graph, quality.delivered))
    for (const auto &value : sc::impact(graph, intrinsic, quality.delivered).impact) impact.push_back(value.value_or(0));

  sc::TrainingResult training = sc::training_needs(model, impact);
  std::cout << model.people.size() << " people, " << training.needs.size() << " competency gaps\n";
  for (const sc::LevelTraining &level : training.by_level) {
    std::cout << sc::to_string(level.level) << ": " << level.people << " people, " << level.enrolments
              << " enrolments, " << level.hours << " h, cost " << level.cost << "\n";
    for (const auto &[module, participants] : level.modules)
      std::cout << "  " << module << ": " << participants << " people\n";
  }
  std::cout << "total: " << training.hours << " h, cost " << training.cost << "\n";
} catch (const std::exception &e) {
  std::cerr << "error: " << e.what() << "\n";
  return 1;
}
