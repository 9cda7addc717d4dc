#include "servicechain/log.hpp"

#include <mutex>
#include <spdlog/sinks/null_sink.h>

namespace servicechain {
namespace {
std::mutex logger_mutex;

std::shared_ptr<spdlog::logger> silent_logger() {
  auto silent = std::make_shared<spdlog::logger>("servicechain", std::make_shared<spdlog::sinks::null_sink_mt>());
  silent->set_level(spdlog::level::off);
  return silent;
}

std::shared_ptr<spdlog::logger> &current() {
  static std::shared_ptr<spdlog::logger> instance = silent_logger();
  return instance;
}
}  // namespace

std::shared_ptr<spdlog::logger> logger() {
  std::lock_guard lock(logger_mutex);
  return current();
}

void set_logger(std::shared_ptr<spdlog::logger> logger) {
  std::lock_guard lock(logger_mutex);
  current() = logger ? std::move(logger) : silent_logger();
}

}  // namespace servicechain
