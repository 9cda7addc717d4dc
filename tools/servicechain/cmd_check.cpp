// servicechain check MODEL [--survey FILE]... [--fidelity F] [--no-morale-cap] [--json]
// Policies, norms and standards of service (§4.7); docs/policies.md.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "servicechain/analysis/policies/compliance.hpp"
#include "servicechain/io/json_writer.hpp"

namespace servicechain::cli {
namespace {

std::string share(std::optional<double> x) {
  if (!x) return "-";
  return text::format_number(100 * *x, 1, global().language()) + "%";
}

std::string value_text(std::optional<double> x) {
  if (!x) return msg("cli.analyze.none_3");
  std::ostringstream s;
  s << std::setprecision(4) << *x;
  std::string out = s.str();
  if (global().language() == Language::es) std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

/// The model's name of an entity, or its id when it has none (or is not found).
template <class T>
std::string name_of(const std::vector<T> &items, const std::string &id) {
  for (const T &item : items)
    if (item.id == id) return item.name.empty() ? id : item.name;
  return id;
}

/// "unit Front Desk": the kind in --lang and the entity's name (people read names, not ids).
std::string entity_text(const Model &model, EntityKind kind, const std::string &id) {
  std::string name = id;
  switch (kind) {
    case EntityKind::unit: name = name_of(model.units, id); break;
    case EntityKind::person:
    case EntityKind::manager: name = name_of(model.people, id); break;
    case EntityKind::moment: name = name_of(model.moments, id); break;
    case EntityKind::segment: name = name_of(model.segments, id); break;
    case EntityKind::organization: name = model.organization && !model.organization->name.empty() ? model.organization->name : id; break;
    case EntityKind::survey: break;
  }
  return std::string(msg("cli.check.kind." + std::string(to_string(kind)))) + " " + name;
}

std::string scope_text(const Model &model, const Scope &s) {
  switch (s.kind) {
    case Scope::Kind::all: return msg("cli.check.all");
    case Scope::Kind::level: {
      const auto level = parse_level(s.id);
      const char *id = !level ? nullptr
                       : *level == Level::directive ? "cli.demo.directive"
                       : *level == Level::managerial ? "cli.demo.managerial" : "cli.demo.operative";
      return std::string(msg("cli.check.level")) + " " + (id ? std::string(msg(id)) : s.id);
    }
    case Scope::Kind::unit: return entity_text(model, EntityKind::unit, s.id);
    case Scope::Kind::segment: return entity_text(model, EntityKind::segment, s.id);
    case Scope::Kind::moment: return entity_text(model, EntityKind::moment, s.id);
  }
  return "";
}

// Readable report; `failures` caps the failing entities listed per standard.
void print_compliance(const Model &model, const ComplianceResult &r, std::ostream &out, std::size_t failures) {
  print_convergence(out, r.convergence);
  for (const auto &p : r.policies) {
    out << p.id << ": " << share(p.compliance) << " " << msg("cli.check.compliance") << " ("
        << p.standards_met << "/" << p.standards_evaluated << " " << msg("cli.check.standards_met") << ")\n";
    for (const auto &s : p.standards) {
      out << "  " << (s.status == StandardStatus::not_evaluated ? "  ?" : s.failed == 0 && s.passed > 0 ? " ok" : " !!")
          << " " << s.id << ": " << s.metric << " " << to_string(s.op) << " " << value_text(s.target) << " ["
          << scope_text(model, s.scope) << "] ";
      if (s.status == StandardStatus::not_evaluated) {
        out << msg("cli.check.not_evaluated") << " (" << s.reason << ")\n";
        continue;
      }
      out << s.passed << "/" << (s.passed + s.failed) << " " << msg("cli.check.pass") << " (" << share(s.compliance)
          << ")\n";
      std::size_t shown = 0;
      for (const auto &e : s.entities) {
        if (!e.pass || *e.pass) continue;
        if (shown++ == failures) {
          out << "         ... " << (s.failed - failures) << " " << msg("cli.check.more") << "\n";
          break;
        }
        out << "         " << msg("cli.check.fails") << ": " << entity_text(model, e.kind, e.id) << " = "
            << value_text(e.value) << "\n";
      }
    }
  }
  out << msg("cli.check.overall") << ": " << share(r.compliance) << " " << msg("cli.check.of_checks_pass")
      << "; " << r.standards_met << "/" << r.standards << " " << msg("cli.check.standards_met");
  if (r.standards_not_evaluated) out << ", " << r.standards_not_evaluated << " " << msg("cli.check.not_evaluated_2");
  out << "\n";
}

struct Args {
  std::string model_file, propagation = "linear", delimiter = ",", servqual_scale = "1-7", ipa_scale = "1-5";
  std::vector<std::string> surveys;
  bool decimal_comma = false, json = false, no_morale_cap = false;
  double fidelity = 0.9;
};

void setup(CLI::App &app) {
  auto a = std::make_shared<Args>();
  auto *cmd = app.add_subcommand("check");
  cmd->add_option("model", a->model_file)->required();
  cmd->add_option("--survey", a->surveys);
  cmd->add_option("--model", a->propagation)
      ->check(CLI::IsMember({"linear", "geometric"}));
  cmd->add_option("--servqual-scale", a->servqual_scale);
  cmd->add_option("--ipa-scale", a->ipa_scale);
  cmd->add_option("--delimiter", a->delimiter);
  cmd->add_flag("--decimal-comma", a->decimal_comma);
  cmd->add_flag("--json", a->json);
  cmd->add_option("--fidelity", a->fidelity);
  add_morale_cap_option(cmd, a->no_morale_cap);
  cmd->callback([cmd, a] {
    if (!(a->fidelity >= 0 && a->fidelity <= 1)) throw usage_error("cli.usage.share", {"--fidelity"});
    ComplianceOptions o;
    o.model = *parse_propagation_model(a->propagation);
    o.solver = global().solver;
    o.morale_cap = !a->no_morale_cap;
    o.fidelity = a->fidelity;
    auto delimiter = parse_csv_delimiter(a->delimiter);
    if (!delimiter) throw usage_error("cli.usage.delimiter", {a->delimiter});
    auto sq = parse_scale(a->servqual_scale), ip = parse_scale(a->ipa_scale);
    if (!sq || !ip) throw usage_error("cli.usage.scales");
    o.servqual_scale = *sq;
    o.ipa_scale = *ip;
    CsvOptions csv;
    csv.delimiter = *delimiter;
    csv.decimal_comma = a->decimal_comma;
    for (const auto &file : a->surveys) {
      CsvReader::open(file, csv);  // fail early (exit 1) on a missing file or a bad header
      o.surveys.push_back(survey_file(file, csv));
    }
    if (a->json) {
      const ModelAndGraph loaded = load_model_and_graph_file(a->model_file);
      return run_json(*cmd, "check", {.model = &loaded});
    }
    Model model = load_model_file(a->model_file);
    print_compliance(model, check_policies(model, o), std::cout, 10);
  });
}
SERVICECHAIN_COMMAND(60, setup);

void demo_section(const Model &model, Language, std::ostream &out) {
  if (model.policies.empty()) return;
  out << msg("cli.check.policies_and_standards_of_service") << "\n" << std::string(60, '-') << "\n";
  print_compliance(model, check_policies(model), out, 3);
  out << "\n";
}
SERVICECHAIN_DEMO_SECTION(200, demo_section);

}  // namespace
}  // namespace servicechain::cli
