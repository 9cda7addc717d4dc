#include "servicechain/detail/scc.hpp"

#include <limits>

namespace servicechain {

SccResult strongly_connected_components(std::span<const std::uint32_t> offsets,
                                        std::span<const std::uint32_t> targets) {
  constexpr std::uint32_t unvisited = std::numeric_limits<std::uint32_t>::max();
  const std::uint32_t n = offsets.empty() ? 0 : static_cast<std::uint32_t>(offsets.size() - 1);
  SccResult result;
  result.component.assign(n, unvisited);
  std::vector<std::uint32_t> index(n, unvisited), low(n), stack, edge_pos(n);
  std::vector<std::uint32_t> call;  // DFS path
  std::vector<bool> on_stack(n, false);
  std::uint32_t next_index = 0;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (index[root] != unvisited) continue;
    call.push_back(root);
    index[root] = low[root] = next_index++;
    edge_pos[root] = offsets[root];
    stack.push_back(root);
    on_stack[root] = true;
    while (!call.empty()) {
      std::uint32_t v = call.back();
      if (edge_pos[v] < offsets[v + 1]) {
        std::uint32_t w = targets[edge_pos[v]++];
        if (index[w] == unvisited) {
          index[w] = low[w] = next_index++;
          edge_pos[w] = offsets[w];
          stack.push_back(w);
          on_stack[w] = true;
          call.push_back(w);
        } else if (on_stack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      call.pop_back();
      if (!call.empty() && low[v] < low[call.back()]) low[call.back()] = low[v];
      if (low[v] == index[v]) {
        std::uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          result.component[w] = result.count;
        } while (w != v);
        ++result.count;
      }
    }
  }
  return result;
}

}  // namespace servicechain
