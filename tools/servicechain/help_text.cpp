// The CLI's help and CLI11's parse errors in the --lang language (help_text.hpp).
#include "help_text.hpp"

#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "servicechain/error.hpp"
#include "servicechain/text/messages.hpp"

namespace servicechain::cli {

namespace {

std::string command_path(const CLI::App &command) {
  std::string path;
  for (const CLI::App *app = &command; app->get_parent(); app = app->get_parent())
    path.insert(0, path.empty() ? app->get_name() : app->get_name() + ".");
  return path.empty() ? "main" : path;
}

// A positional's key is "arg." and its name: `check MODEL` and `check --model` differ.
std::string option_name(const CLI::Option &option) {
  if (option.get_positional()) return "arg." + option.get_name();
  return option.get_lnames().empty() ? option.get_name() : option.get_lnames().front();
}

// CLI11's own words in help output, by the key its formatter looks up.
constexpr std::pair<const char *, const char *> formatter_labels[] = {
    {"Usage", "cli.help.label.usage"},       {"OPTIONS", "cli.help.label.options_placeholder"},
    {"SUBCOMMAND", "cli.help.label.command"}, {"SUBCOMMANDS", "cli.help.label.commands"},
    {"Positionals", "cli.help.label.positionals"}, {"REQUIRED", "cli.help.label.required"},
    {"Needs", "cli.help.label.needs"},       {"Excludes", "cli.help.label.excludes"},
    {"TEXT", "cli.help.label.text"},         {"INT", "cli.help.label.int"},   {"in", "cli.help.label.in"},
    {"UINT", "cli.help.label.uint"},         {"FLOAT", "cli.help.label.float"}, {"FILE", "cli.help.label.file"},
};

/// CLI11's formatter with its type words ("TEXT", "UINT:INT in [0, 9]") in the
/// labels' language too: CLI11 looks up only a type name that is one word.
class LocalizedFormatter final : public CLI::Formatter {
 public:
  std::string make_option_opts(const CLI::Option *option) const override {
    const std::string opts = CLI::Formatter::make_option_opts(option);
    std::string out;
    for (std::size_t i = 0; i < opts.size();) {
      std::size_t end = i;
      while (end < opts.size() && opts[end] >= 'A' && opts[end] <= 'Z') ++end;
      if (end == i) {
        const bool range = opts.compare(i, 5, " in [") == 0;  // "INT in [0, 9]"
        out += range ? " " + get_label("in") + " [" : std::string(1, opts[i]);
        i += range ? 5 : 1;
        continue;
      }
      const std::string word = opts.substr(i, end - i);
      const bool type_word = word == "TEXT" || word == "INT" || word == "UINT" || word == "FLOAT" || word == "FILE";
      out += type_word ? get_label(word) : word;
      i = end;
    }
    return out;
  }
};

void localize_command(CLI::App &command, Language language, const std::shared_ptr<CLI::FormatterBase> &formatter) {
  command.formatter(formatter);
  command.description(std::string(text::message(help_id(command), language)));
  const std::string options_group(text::message("cli.help.group.options", language));
  for (CLI::Option *option : command.get_options()) {
    std::string id;
    if (option == command.get_help_ptr()) id = "cli.help.shared.help";
    else if (option == command.get_option_no_throw("--version")) id = "cli.help.shared.version";
    else {
      auto [own, shared] = help_ids(command, *option);
      id = text::find_message(own) ? own : shared;
    }
    option->description(std::string(text::message(id, language)));
    if (option->get_group() == "Options") option->group(options_group);
  }
  for (CLI::App *sub : command.get_subcommands({})) {
    if (sub->get_group() == "Subcommands") sub->group(std::string(text::message("cli.help.group.commands", language)));
    localize_command(*sub, language, formatter);
  }
}

/// `text` split at the first `separator`, or nullopt when it has none.
std::optional<std::pair<std::string, std::string>> split(std::string_view text, std::string_view separator) {
  const auto at = text.find(separator);
  if (at == std::string_view::npos) return std::nullopt;
  return std::pair{std::string(text.substr(0, at)), std::string(text.substr(at + separator.size()))};
}

/// The detail of a failed check (after "NAME: "): the checks CLI11 and the CLI use.
std::string check_detail(const std::string &detail, Language language) {
  if (auto parts = split(detail, " not in {")) return text::format("cli.error.not_in", language, {parts->first, "{" + parts->second});
  if (auto parts = split(detail, "File does not exist: ")) return text::format("cli.error.no_file", language, {parts->second});
  return detail;
}

/// CLI11's English message `what` of `error` in Spanish, from its exception type
/// and the parts of the message; a form not known keeps the English in a Spanish frame.
std::string translated_parse_error(const CLI::Error &error, const std::string &what, Language language) {
  if (dynamic_cast<const CLI::ExtrasError *>(&error)) {
    if (auto parts = split(what, "not expected: "))
      return text::format(what.find("arguments were") != std::string::npos ? "cli.error.unexpected_many" : "cli.error.unexpected",
                          language, {parts->second});
  } else if (dynamic_cast<const CLI::RequiredError *>(&error)) {
    if (what == "A subcommand is required") return std::string(text::message("cli.error.command_required", language));
    if (what.ends_with(" is required")) return text::format("cli.error.required", language, {what.substr(0, what.size() - 12)});
  } else if (dynamic_cast<const CLI::ValidationError *>(&error)) {
    if (auto parts = split(what, ": ")) return text::format("cli.error.invalid", language, {parts->first, check_detail(parts->second, language)});
  } else if (dynamic_cast<const CLI::ConversionError *>(&error)) {
    if (auto parts = split(what, "Could not convert: "))
      if (auto value = split(parts->second, " = ")) return text::format("cli.error.conversion", language, {value->first, value->second});
  } else if (dynamic_cast<const CLI::ArgumentMismatch *>(&error)) {
    if (auto parts = split(what, ": "); parts && what.ends_with(" missing"))
      return text::format("cli.error.missing_value", language, {parts->first});
  } else if (dynamic_cast<const CLI::RequiresError *>(&error)) {
    if (auto parts = split(what, " requires ")) return text::format("cli.error.requires", language, {parts->first, parts->second});
  } else if (dynamic_cast<const CLI::ExcludesError *>(&error)) {
    if (auto parts = split(what, " excludes ")) return text::format("cli.error.excludes", language, {parts->first, parts->second});
  }
  return text::format("cli.error.other", language, {what});
}

/// The kind of file an ImportError names ("org chart") in `language`; a kind the catalogue lacks stays as it is.
std::string import_kind(std::string_view english, Language language) {
  for (std::string_view id : {"cli.error.import_kind.org_chart", "cli.error.import_kind.services_csv"})
    if (text::message(id, Language::en) == english) return std::string(text::message(id, language));
  return std::string(english);
}

}  // namespace

std::string usage_error_message(const CLI::App &, const CLI::Error &error, Language language) {
  // English keeps CLI11's own sentence; Spanish maps it through the catalogue.
  const std::string what = error.what();
  std::string out = language == Language::en ? what : translated_parse_error(error, what, language);
  out.append("\n").append(text::format("cli.error.run_help", language, {"--help"})).append("\n");
  return out;
}

std::string error_message(const std::exception &error, Language language) {
  const std::vector<Diagnostic> *problems = nullptr;
  std::string source;
  if (const auto *invalid = dynamic_cast<const ValidationError *>(&error)) {
    problems = &invalid->diagnostics().errors;
    source = invalid->source();
  } else if (const auto *import = dynamic_cast<const ImportError *>(&error)) {
    problems = &import->errors();
  }
  if (!problems || language == Language::en) return error.what();
  // The same shape as detail::summarize_errors: a head line, then one line per problem.
  const std::string at = source.empty() ? std::string() : source + ": ";
  const std::string what = error.what(), count = std::to_string(problems->size());
  std::string out = dynamic_cast<const ValidationError *>(&error)
                        ? at + text::format("cli.error.invalid_model", language, {count})
                        : text::format("cli.error.import_failed", language,
                                       {import_kind(what.substr(0, what.find(": ")), language), count});
  for (const Diagnostic &d : *problems)
    out.append("\n  ").append(at).append(d.path).append(": ").append(text::diagnostic_message(d, language)).append(" [").append(d.code).append("]");
  return out;
}

Language command_line_language(int argc, const char *const *argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    std::optional<Language> given;
    if (arg == "--lang" && i + 1 < argc) given = parse_language(argv[i + 1]);
    else if (arg.starts_with("--lang=")) given = parse_language(arg.substr(7));
    if (given) return *given;
  }
  if (const char *env = std::getenv("SERVICECHAIN_LANG"))
    if (auto language = parse_language(env)) return *language;
  return Language::en;
}

std::string help_id(const CLI::App &command) { return "cli.help." + command_path(command); }

std::pair<std::string, std::string> help_ids(const CLI::App &command, const CLI::Option &option) {
  const std::string name = option_name(option);
  return {help_id(command) + "." + name, "cli.help.shared." + name};
}

void localize_help(CLI::App &app, Language language) {
  auto formatter = std::make_shared<LocalizedFormatter>();
  for (auto [key, id] : formatter_labels) formatter->label(key, std::string(text::message(id, language)));
  localize_command(app, language, formatter);
  app.failure_message([language](const CLI::App *failed, const CLI::Error &error) {
    return usage_error_message(*failed, error, language);
  });
}

}  // namespace servicechain::cli
