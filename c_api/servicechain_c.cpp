// The C API (include/servicechain/servicechain.h): a thin layer over the
// library's one request/response contract (servicechain/run.hpp). A handle holds
// a SharedModel (no copy of the model); sc_run is run() on it. No exception
// leaves here; there are no temporary files, no argv and no thread-local state.
#include "servicechain/servicechain.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <shared_mutex>
#include <string_view>
#include <unordered_set>

#include "servicechain/run.hpp"

struct sc_model {
  std::uint64_t tag;  // live_tag while the handle is live
  servicechain::SharedModel model;
};

namespace {

constexpr std::uint64_t live_tag = 0x73632d6d6f64656cULL;  // "sc-model"

/// The live handles. A handle is looked up here before it is touched, so a freed
/// or foreign pointer is refused without reading memory it points to (reading a
/// tag there would itself be a use after free); the tag then checks the handle.
class Handles {
 public:
  void add(const sc_model *m) {
    std::unique_lock lock(mutex_);
    live_.insert(m);
  }
  /// Removes `m`; false when it was not live.
  bool remove(const sc_model *m) {
    std::unique_lock lock(mutex_);
    return live_.erase(m) > 0;
  }
  /// The model of a live handle (a reference of its own, so a concurrent
  /// sc_model_free cannot pull it away mid-call); null when `m` is not live.
  servicechain::SharedModel get(const sc_model *m) const {
    std::shared_lock lock(mutex_);
    if (!live_.count(m) || m->tag != live_tag) return nullptr;
    return m->model;
  }

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_set<const sc_model *> live_;
};

Handles &handles() {
  static Handles *h = new Handles;  // never destroyed: handles may be freed during exit
  return *h;
}

// string_view parameters: a message never needs an allocation that could
// throw on its way out of a noexcept function.
char *copy_to_c(std::string_view text) noexcept {
  char *s = static_cast<char *>(std::malloc(text.size() + 1));
  if (s) {
    std::memcpy(s, text.data(), text.size());
    s[text.size()] = '\0';
  }
  return s;
}

void set_error(char **error, std::string_view message) noexcept {
  if (error) *error = copy_to_c(message);
}

/// An error object of DESIGN §5 for failures at the boundary itself.
void set_error_object(char **error, std::string_view code, std::string_view message) noexcept {
  if (!error) return;
  try {
    std::string body = "{\n  \"error\": {\n    \"code\": \"";
    body.append(code).append("\",\n    \"message\": \"").append(message).append("\"\n  }\n}\n");
    *error = copy_to_c(body);
  } catch (...) {
    *error = nullptr;
  }
}

}  // namespace

extern "C" {

const char *sc_version(void) { return SERVICECHAIN_VERSION_STRING; }

sc_model *sc_model_from_json(const char *json, size_t length, char **error) {
  if (error) *error = nullptr;
  if (!json) {
    set_error_object(error, "bad_request", "sc_model_from_json: json is NULL");
    return nullptr;
  }
  try {
    servicechain::SharedModel model;
    servicechain::Response response = servicechain::load_model_response(std::string_view(json, length), model);
    if (!response.ok()) {
      set_error(error, response.body);
      return nullptr;
    }
    auto *handle = new sc_model{live_tag, std::move(model)};
    handles().add(handle);
    return handle;
  } catch (const std::bad_alloc &) {
    set_error_object(error, "limit_exceeded", "out of memory");
  } catch (...) {
    set_error_object(error, "internal_error", "unknown error");
  }
  return nullptr;
}

void sc_model_free(sc_model *model) {
  if (!model) return;
  try {
    if (!handles().remove(model)) return;  // freed already, or not a handle: nothing to do
  } catch (...) {
    return;
  }
  model->tag = 0;
  delete model;
}

char *sc_run(const sc_model *model, const char *request_json, char **error) {
  if (error) *error = nullptr;
  if (!request_json) {
    set_error_object(error, "bad_request", "sc_run: request_json is NULL");
    return nullptr;
  }
  try {
    servicechain::SharedModel held;
    if (model) {
      held = handles().get(model);
      if (!held) {
        set_error_object(error, "bad_request", "sc_run: model is not a live sc_model handle (freed already, or never made by sc_model_from_json)");
        return nullptr;
      }
    }
    servicechain::Response response = servicechain::run(request_json, held.get());
    if (response.error) {
      set_error(error, response.body);
      return nullptr;
    }
    char *result = copy_to_c(response.body);
    if (!result) set_error_object(error, "limit_exceeded", "out of memory");
    return result;
  } catch (const std::bad_alloc &) {
    set_error_object(error, "limit_exceeded", "out of memory");
  } catch (...) {
    set_error_object(error, "internal_error", "unknown error");
  }
  return nullptr;
}

void sc_string_free(char *s) { std::free(s); }

}  // extern "C"
