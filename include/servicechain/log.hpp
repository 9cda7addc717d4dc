#pragma once
// servicechain never prints. It logs through one named spdlog logger, "servicechain",
// which is silent (no sink, level off) until the host configures it:
//   servicechain::set_logger(spdlog::stderr_color_mt("servicechain"));
// No personal data (names, fit, morale) is ever put in a log message.
#include <memory>
#include <spdlog/logger.h>

namespace servicechain {

/// The library's logger. Never null.
std::shared_ptr<spdlog::logger> logger();

/// Replace the library's logger (pass nullptr to return to the silent default).
void set_logger(std::shared_ptr<spdlog::logger> logger);

}  // namespace servicechain
