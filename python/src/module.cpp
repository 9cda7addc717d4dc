// servicechain._core: the Python package's native layer. Deliberately thin:
// a loaded model handle and the library's one request/response call, run()
// (docs/requests.md). JSON parsing, typed calls and exceptions live in Python
// (python/servicechain/), so every call takes the same path as the CLI.
#include <pybind11/pybind11.h>

#include <string>
#include <string_view>
#include <utility>

#include "servicechain/run.hpp"

namespace py = pybind11;

namespace {

/// A validated model with its frozen chain graph; immutable, so any number of
/// Python threads may run requests on one handle at once.
struct ModelHandle {
  servicechain::SharedModel model;
};

/// (status, body, media_type, error) — the library's Response as a tuple.
py::tuple to_tuple(servicechain::Response &&r) {
  return py::make_tuple(r.status, py::str(r.body), py::str(r.media_type), r.error);
}

/// Loads servicechain/1 JSON: (handle, None) on success, (None, response) otherwise.
py::tuple load(const std::string &json, const std::string &source) {
  servicechain::SharedModel model;
  servicechain::Response response;
  {
    py::gil_scoped_release release;  // parsing and validating a large model takes a while
    response = servicechain::load_model_response(json, model, source);
  }
  if (!response.ok()) return py::make_tuple(py::none(), to_tuple(std::move(response)));
  return py::make_tuple(ModelHandle{std::move(model)}, py::none());
}

py::tuple run(const std::string &request, const ModelHandle *handle) {
  const servicechain::ModelAndGraph *model = handle != nullptr ? handle->model.get() : nullptr;
  servicechain::Response response;
  {
    py::gil_scoped_release release;  // other Python threads run while the library works
    response = servicechain::run(request, model);
  }
  return to_tuple(std::move(response));
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "servicechain's native layer: use the `servicechain` package instead.";
  m.attr("__version__") = SERVICECHAIN_VERSION_STRING;
  py::class_<ModelHandle>(m, "ModelHandle", "A loaded, validated, immutable model.");
  m.def("load", &load, py::arg("json"), py::arg("source"),
        "Load servicechain/1 JSON: (handle, None) or (None, (status, body, media_type, error)).");
  m.def("run", &run, py::arg("request"), py::arg("model").none(true),
        "Run one request (JSON text) on a model handle or None: (status, body, media_type, error).");
}
