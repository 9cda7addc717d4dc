// The bundled culture roadmap content (data/roadmap.<lang>.json, embedded by
// cmake/EmbedData.cmake), read strictly: a malformed file is a build mistake and
// throws naming the file and the JSON path.
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>

#include "servicechain/analysis/people/roadmap.hpp"
#include "servicechain/error.hpp"

namespace servicechain {
namespace bundled {
// Defined in the generated bundled_data.cpp.
std::string_view roadmap_en();
std::string_view roadmap_es();
}  // namespace bundled

namespace {

using nlohmann::json;

struct Reader {
  std::string_view file;
  [[noreturn]] void fail(const std::string &path, const std::string &what) const {
    throw Error("bundled data " + std::string(file) + ": " + path + ": " + what);
  }
  const json &at(const json &object, const char *key, const std::string &path) const {
    if (!object.is_object() || !object.contains(key)) fail(path, std::string("missing \"") + key + "\"");
    return object.at(key);
  }
  std::string text(const json &object, const char *key, const std::string &path) const {
    const json &v = at(object, key, path);
    if (!v.is_string() || v.get_ref<const std::string &>().empty()) fail(path + "/" + key, "expected a non-empty string");
    return v.get<std::string>();
  }
  double number(const json &object, const char *key, const std::string &path) const {
    const json &v = at(object, key, path);
    if (!v.is_number() || v.get<double>() < 0) fail(path + "/" + key, "expected a number >= 0");
    return v.get<double>();
  }
  const json &array(const json &object, const char *key, const std::string &path) const {
    const json &v = at(object, key, path);
    if (!v.is_array()) fail(path + "/" + key, "expected an array");
    return v;
  }
};

ActionEffect read_effect(const Reader &r, const json &e, const std::string &path) {
  ActionEffect effect;
  if (e.contains("quality")) {
    effect.kind = ActionEffect::Kind::quality;
    effect.delta = r.number(e, "quality", path);
  } else if (e.contains("morale")) {
    effect.kind = ActionEffect::Kind::morale;
    effect.delta = r.number(e, "morale", path);
  } else {
    effect.kind = ActionEffect::Kind::competency;
    effect.competency = r.text(e, "competency", path);
    effect.delta = r.number(e, "delta", path);
  }
  return effect;
}

RoadmapTemplate read_template(const Reader &r, const json &a, const std::string &path) {
  RoadmapTemplate t;
  t.id = r.text(a, "id", path);
  t.title = r.text(a, "title", path);
  auto level = parse_level(r.text(a, "level", path));
  if (!level) r.fail(path + "/level", "unknown level");
  t.level = *level;
  auto type = parse_action_type(r.text(a, "type", path));
  if (!type) r.fail(path + "/type", "unknown action type");
  t.type = *type;
  t.effect = read_effect(r, r.at(a, "effect", path), path + "/effect");
  t.cost = r.number(a, "cost", path);
  t.cost_per_person = r.number(a, "cost_per_person", path);
  t.duration_days = r.number(a, "duration_days", path);
  return t;
}

RoadmapContent parse_content(std::string_view text, std::string_view file) {
  const Reader r{file};
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception &e) {
    r.fail("", e.what());
  }
  RoadmapContent content;
  std::unordered_set<std::string> lever_ids, template_ids;
  const json &levers = r.array(doc, "levers", "");
  for (std::size_t i = 0; i < levers.size(); ++i) {
    const std::string path = "/levers/" + std::to_string(i);
    content.levers.push_back({r.text(levers[i], "id", path), r.text(levers[i], "name", path)});
    lever_ids.insert(content.levers.back().id);
  }
  const json &processes = r.array(doc, "processes", "");
  for (std::size_t i = 0; i < processes.size(); ++i) {
    const std::string path = "/processes/" + std::to_string(i);
    RoadmapProcessContent p;
    p.process = r.text(processes[i], "process", path);
    const std::string kind = r.text(processes[i], "kind", path);
    if (kind != "process" && kind != "lever") r.fail(path + "/kind", "expected \"process\" or \"lever\"");
    p.lever = kind == "lever";
    for (const auto &lever : r.array(processes[i], "levers", path)) {
      if (!lever.is_string() || !lever_ids.contains(lever.get<std::string>())) r.fail(path + "/levers", "unknown lever");
      p.levers.push_back(lever.get<std::string>());
    }
    const json &actions = r.array(processes[i], "actions", path);
    for (std::size_t a = 0; a < actions.size(); ++a) {
      p.actions.push_back(read_template(r, actions[a], path + "/actions/" + std::to_string(a)));
      if (!template_ids.insert(p.actions.back().id).second) r.fail(path + "/actions/" + std::to_string(a), "duplicate id");
    }
    content.processes.push_back(std::move(p));
  }
  return content;
}

}  // namespace

const RoadmapContent &default_roadmap_content(Language language) {
  static const auto en = parse_content(bundled::roadmap_en(), "roadmap.en.json");
  static const auto es = parse_content(bundled::roadmap_es(), "roadmap.es.json");
  return language == Language::es ? es : en;
}

}  // namespace servicechain
