// DOT -> SVG with Graphviz's libraries (libgvc, libcgraph), when built with them.
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "servicechain/error.hpp"
#include "servicechain/log.hpp"
#include "servicechain/report/html.hpp"

#ifdef SERVICECHAIN_HAVE_GRAPHVIZ
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#endif

namespace servicechain {

#ifdef SERVICECHAIN_HAVE_GRAPHVIZ

namespace {

// Graphviz keeps global state (error handler, last error, plugin caches) and is
// not thread-safe.
std::mutex graphviz_mutex;

// Graphviz prints its warnings and errors to stderr unless given a handler; the
// library never prints, so they go to the logger.
int log_graphviz_message(char *message) {
  std::string_view text(message);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (!text.empty()) logger()->debug("graphviz: {}", text);
  return 0;
}

// One context for the whole process, created on first use and never freed.
// Graphviz's plugins cache pointers into a context's data between calls (the
// pango text layout keeps the last font name, owned by the context's font
// dictionary), so freeing a context and creating another made the next layout
// read freed memory (AddressSanitizer, docs/reliability.md). Call with the mutex held.
GVC_t *shared_context() {
  static GVC_t *context = nullptr;
  if (!context) context = gvContext();
  if (!context) throw Error("graphviz: cannot create a context");
  return context;
}

struct RenderedData {
  char *data = nullptr;
  ~RenderedData() {
    if (data) gvFreeRenderData(data);
  }
};

}  // namespace

bool graphviz_available() { return true; }

std::optional<std::string> dot_to_svg(std::string_view dot, const GraphAttributes &attributes) {
  std::lock_guard lock(graphviz_mutex);
  agseterrf(log_graphviz_message);
  std::string text(dot);  // agmemread needs a terminated string
  GVC_t *context = shared_context();
  Agraph_t *graph = agmemread(text.c_str());
  if (!graph) throw Error("graphviz: the chain's DOT text was rejected");
  for (const auto &[name, value] : attributes) {
    std::string n = name, v = value;  // cgraph takes non-const strings
    agsafeset(graph, n.data(), v.data(), const_cast<char *>(""));
  }
  std::string svg;
  bool ok = gvLayout(context, graph, "dot") == 0;
  if (ok) {
    RenderedData rendered;
    unsigned int length = 0;
    ok = gvRenderData(context, graph, "svg", &rendered.data, &length) == 0 && rendered.data;
    if (ok) svg.assign(rendered.data, length);
    gvFreeLayout(context, graph);
  }
  agclose(graph);
  if (!ok) throw Error("graphviz: layout or SVG rendering failed");
  // Keep only the <svg> element: an XML prolog or doctype is not valid inside HTML.
  auto start = svg.find("<svg");
  if (start == std::string::npos) throw Error("graphviz: no <svg> element in its output");
  svg.erase(0, start);
  return svg;
}

#else

bool graphviz_available() { return false; }

std::optional<std::string> dot_to_svg(std::string_view, const GraphAttributes &) { return std::nullopt; }

#endif

}  // namespace servicechain
