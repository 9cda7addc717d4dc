// servicechain._core: the Python package's native layer. Deliberately thin:
// a loaded model handle and the library's one request/response call, run()
// (docs/requests.md). JSON parsing, typed calls and exceptions live in Python
// (python/servicechain/), so every call takes the same path as the CLI.
#include <pybind11/pybind11.h>
#include <simdjson.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
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

/// A JSON body as Python objects, what json.loads gives (int, float, str, bool,
/// None, list, dict), built straight from simdjson's document: parsing the
/// body in Python was most of a small analysis's time. Keys repeat (every
/// unit has the same ones), so each distinct key becomes one str.
class PythonFromJson {
 public:
  py::object convert(simdjson::dom::element e) {
    switch (e.type()) {
      case simdjson::dom::element_type::ARRAY: {
        simdjson::dom::array array = e.get_array().value_unsafe();
        py::list list(array.size());
        std::size_t i = 0;
        for (simdjson::dom::element item : array) PyList_SET_ITEM(list.ptr(), i++, convert(item).release().ptr());
        return list;
      }
      case simdjson::dom::element_type::OBJECT: {
        py::dict dict;
        const simdjson::dom::object object = e.get_object().value_unsafe();
        for (simdjson::dom::key_value_pair field : object)
          if (PyDict_SetItem(dict.ptr(), key(field.key).ptr(), convert(field.value).ptr()) != 0) throw py::error_already_set();
        return dict;
      }
      case simdjson::dom::element_type::INT64: return py::reinterpret_steal<py::object>(PyLong_FromLongLong(e.get_int64().value_unsafe()));
      case simdjson::dom::element_type::UINT64:
        return py::reinterpret_steal<py::object>(PyLong_FromUnsignedLongLong(e.get_uint64().value_unsafe()));
      case simdjson::dom::element_type::DOUBLE: return py::reinterpret_steal<py::object>(PyFloat_FromDouble(e.get_double().value_unsafe()));
      case simdjson::dom::element_type::STRING: {
        std::string_view text = e.get_string().value_unsafe();
        return py::reinterpret_steal<py::object>(PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "strict"));
      }
      case simdjson::dom::element_type::BOOL: return py::bool_(e.get_bool().value_unsafe());
      case simdjson::dom::element_type::NULL_VALUE: return py::none();
    }
    throw std::logic_error("unknown JSON element type");
  }

 private:
  const py::object &key(std::string_view text) {
    auto [it, added] = keys_.try_emplace(text);
    if (added) it->second = py::reinterpret_steal<py::object>(PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "strict"));
    if (!it->second) throw py::error_already_set();
    return it->second;
  }
  std::unordered_map<std::string_view, py::object> keys_;
};

/// run() with the JSON body already parsed: (status, value, media_type, error),
/// value a dict/list for application/json (a str for anything else). The body
/// is parsed while the GIL is released; only the Python objects need it.
py::tuple run_parsed(const std::string &request, const ModelHandle *handle) {
  const servicechain::ModelAndGraph *model = handle != nullptr ? handle->model.get() : nullptr;
  servicechain::Response response;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  bool parsed = false;
  {
    py::gil_scoped_release release;
    response = servicechain::run(request, model);
    parsed = response.media_type == "application/json" && !parser.parse(response.body).get(root);
  }
  if (!parsed) return to_tuple(std::move(response));  // HTML, or (never expected) a body simdjson refuses
  return py::make_tuple(response.status, PythonFromJson().convert(root), py::str(response.media_type), response.error);
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
  m.def("run_parsed", &run_parsed, py::arg("request"), py::arg("model").none(true),
        "run() with a JSON body parsed into Python objects: (status, value, media_type, error).");
}
