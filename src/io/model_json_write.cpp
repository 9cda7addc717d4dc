#include <filesystem>

#include "servicechain/io/archive.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/io/model_json.hpp"
#include "model_json_file.hpp"

namespace servicechain {
namespace {

class ModelWriter {
 public:
  explicit ModelWriter(JsonWriter &w) : w_(w) {}

  void write(const Model &m) {
    w_.begin_object().field("format", model_format);
    if (m.organization) {
      w_.key("organization").begin_object().field("id", m.organization->id).field("name", m.organization->name);
      extensions(m.organization->extensions);
      w_.end_object();
    }
    list("units", m.units, [&](const Unit &u) {
      w_.field("id", u.id).field("name", u.name).field("parent", u.parent).field("level", to_string(u.level));
      if (u.quality) w_.field("quality", *u.quality);
    });
    list("competencies", m.competencies, [&](const Competency &c) { w_.field("id", c.id).field("name", c.name); });
    list("positions", m.positions, [&](const Position &p) {
      w_.field("id", p.id).field("title", p.title).field("unit", p.unit);
      if (p.level) w_.field("level", to_string(*p.level));
      map("requires", p.requires_levels);
      if (!p.weights.empty()) map("weights", p.weights);
    });
    list("people", m.people, [&](const Person &p) {
      w_.field("id", p.id).field("name", p.name).field("unit", p.unit);
      if (p.position) w_.field("position", *p.position);
      w_.field("manager", p.manager);
      if (p.morale) w_.field("morale", *p.morale);
      map("competencies", p.competencies);
      w_.field("customer_contacts_per_year", p.customer_contacts_per_year).field("training_hours", p.training_hours);
    });
    list("segments", m.segments, [&](const Segment &s) { w_.field("id", s.id).field("name", s.name).field("size", s.size); });
    list("services", m.services, [&](const Service &s) {
      w_.field("from", s.from).field("to", s.to).field("name", s.name).field("weight", s.weight);
      if (s.rating) w_.field("rating", *s.rating);
    });
    list("moments_of_truth", m.moments, [&](const MomentOfTruth &x) {
      w_.field("id", x.id).field("name", x.name).field("segment", x.segment).field("owner", x.owner)
          .field("stage", x.stage).field("importance", x.importance).field("volume", x.volume);
      if (x.channel) w_.field("channel", *x.channel);
    });
    list("policies", m.policies, [&](const Policy &p) {
      w_.field("id", p.id).field("statement", p.statement);
      list("standards", p.standards, [&](const Standard &s) {
        w_.field("id", s.id).field("metric", s.metric).key("scope").begin_object();
        if (s.scope.kind != Scope::Kind::all) w_.field(scope_key(s.scope.kind), s.scope.id);
        w_.end_object().field("op", to_string(s.op)).field("target", s.target);
      });
    });
    if (m.curriculum)
      list("curriculum", *m.curriculum, [&](const CurriculumModule &c) {
        w_.field("id", c.id).field("title", c.title).field("level", to_string(c.level));
        map("raises", c.raises);
        w_.field("hours", c.hours).field("cost", c.cost);
      });
    list("plans", m.plans, [&](const Plan &p) {
      w_.field("id", p.id).field("name", p.name);
      if (p.start) w_.field("start", *p.start);
      w_.field("budget", p.budget);
      list("actions", p.actions, [&](const Action &a) { action(a); });
    });
    if (m.assessment) {
      const Assessment &a = *m.assessment;
      w_.key("assessment").begin_object();
      if (a.processes)
        list("processes", *a.processes, [&](const MaturityProcess &p) {
          w_.field("id", p.id).field("name", p.name);
          list("items", p.items, [&](const MaturityItem &i) { w_.field("id", i.id).field("text", i.text); });
        });
      list("responses", a.responses, [&](const MaturityResponse &r) {
        w_.field("respondent", r.respondent).field("level", to_string(r.level));
        map("scores", r.scores);
      });
      extensions(a.extensions);
      w_.end_object();
    }
    extensions(m.extensions);
    w_.end_object();
  }

 private:
  static std::string_view scope_key(Scope::Kind kind) {
    switch (kind) {
      case Scope::Kind::level: return "level";
      case Scope::Kind::unit: return "unit";
      case Scope::Kind::segment: return "segment";
      case Scope::Kind::moment: return "moment";
      case Scope::Kind::all: break;
    }
    return "";
  }

  void action(const Action &a) {
    w_.field("id", a.id).field("title", a.title).field("type", to_string(a.type)).field("stage", to_string(a.stage));
    w_.key("target").begin_object()
        .field(a.target.kind == ActionTarget::Kind::unit ? "unit" : "person", a.target.id).end_object();
    w_.key("effect").begin_object();
    switch (a.effect.kind) {
      case ActionEffect::Kind::quality: w_.field("quality", a.effect.delta); break;
      case ActionEffect::Kind::morale: w_.field("morale", a.effect.delta); break;
      case ActionEffect::Kind::competency: w_.field("competency", a.effect.competency).field("delta", a.effect.delta); break;
    }
    w_.end_object().field("cost", a.cost).field("duration_days", a.duration_days);
    w_.key("after").begin_array();
    for (const auto &id : a.after) w_.value(id);
    w_.end_array();
    if (a.owner) w_.field("owner", *a.owner);
    if (a.due) w_.field("due", *a.due);
  }

  // Writes `key: [ {...}, ... ]`; each element's fields by `body`, then its "x-" data.
  template <class T, class Body>
  void list(std::string_view key, const std::vector<T> &items, Body &&body) {
    w_.key(key).begin_array();
    for (const T &item : items) {
      w_.begin_object();
      body(item);
      extensions(item.extensions);
      w_.end_object();
    }
    w_.end_array();
  }

  void map(std::string_view key, const CompetencyMap &values) {
    w_.key(key).begin_object();
    for (const auto &[k, v] : values) w_.field(k, v);
    w_.end_object();
  }

  void extensions(const Extensions &ext) {
    for (const auto &[k, raw] : ext) w_.key(k).raw(raw);
  }

  JsonWriter &w_;
};

}  // namespace

std::string to_json(const Model &model, int indent) {
  std::string out;
  JsonWriter writer(out, indent);
  ModelWriter(writer).write(model);
  out.push_back('\n');
  return out;
}

void save_model(const Model &model, const std::filesystem::path &file) {
  auto ext = file.extension().string();
  if (auto format = archive_format_for_extension(ext)) {
    write_file_atomic(file, to_archive(model, *format));
  } else {
    write_file_atomic(file, to_json(model));
  }
}

Model load_model(const std::filesystem::path &file, Diagnostics *warnings, bool trusted, const ReadLimits &limits) {
  if (auto format = archive_format_for_extension(file.extension().string())) {
    if (!trusted)  // refused before a byte is read
      throw InputError(file.string() + ": a Boost.Serialization archive is loaded only when trusted "
                       "(archives are not safe on untrusted input; pass --trusted)");
    std::string text = read_file(file, limits.max_bytes);
    Model model;
    try {
      model = from_archive(text, *format);
    } catch (const InputError &e) {
      throw InputError(file.string() + ": " + e.what());
    }
    finish_loading(model, {}, warnings, file.string());
    return model;
  }
  return load_model_json_file(file, warnings, limits);
}

}  // namespace servicechain
