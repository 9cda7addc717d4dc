#pragma once
// The CLI's help in the --lang language: every description of a command and an
// option, the group names and CLI11's own words ("Usage", "Options",
// "REQUIRED", its parse errors) come from the message catalogue
// (text/messages.hpp), ids "cli.help.*" (docs/language.md).
#include <CLI/CLI.hpp>
#include <string>

#include "servicechain/bundled.hpp"

namespace servicechain::cli {

/// The language readable output uses, known before the command line is parsed
/// (the help is built before parsing): the value of --lang VALUE or --lang=VALUE
/// anywhere before "--", else the environment's SERVICECHAIN_LANG, else English.
/// A value other than en or es counts as not given (--lang's own check refuses it).
Language command_line_language(int argc, const char *const *argv);

/// The catalogue id of a command's description: "cli.help." and the command's
/// path ("cli.help.survey.nps"; the program itself: "cli.help.main").
std::string help_id(const CLI::App &command);

/// The catalogue ids of an option's description, the command's own first:
/// "cli.help.<path>.<name>" and the shared "cli.help.shared.<name>" (name: the
/// first long name without dashes; a positional's: "arg." and its name).
std::pair<std::string, std::string> help_ids(const CLI::App &command, const CLI::Option &option);

/// Gives `app`, its options and every command below it their descriptions in
/// `language`, names the option groups and CLI11's labels in it, and routes
/// CLI11's parse errors through the catalogue (usage_error_message). Throws
/// std::out_of_range naming the id of a description the catalogue lacks.
void localize_help(CLI::App &app, Language language);

/// A parse error of CLI11 (an unexpected argument, a missing required option, a
/// value that fails its check, ...) as one readable sentence in `language`,
/// plus how to get help.
std::string usage_error_message(const CLI::App &app, const CLI::Error &error, Language language);

/// The message of a servicechain error for standard error in `language`: an
/// invalid model or import lists its problems in it (text::diagnostic_message);
/// any other error, and everything in English, is its what().
std::string error_message(const std::exception &error, Language language);

}  // namespace servicechain::cli
