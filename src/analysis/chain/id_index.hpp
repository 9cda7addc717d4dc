#pragma once
// Internal: id -> model index lookup for building analysis arrays. Open
// addressing with linear probing over a flat array of (hash tag, index, id view)
// slots: two cache misses per lookup (the slot, the id's bytes) where a
// node-based std::unordered_map takes several, which dominated building a
// 10M-service graph.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace servicechain::detail {

class IdIndex {
 public:
  /// The items' ids must outlive the index; the first of duplicate ids wins.
  template <class Range, class IdOf>
  IdIndex(const Range &items, IdOf id_of) {
    std::size_t capacity = 16;
    while (capacity < 2 * items.size()) capacity *= 2;
    mask_ = capacity - 1;
    slots_.assign(capacity, Slot{});
    std::uint32_t index = 0;
    for (const auto &item : items) {
      std::string_view id = id_of(item);
      const std::uint64_t h = hash(id);
      for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
        if (slots_[at].index == empty) {
          slots_[at] = {static_cast<std::uint32_t>(h >> 32), index, id};
          break;
        }
        if (slots_[at].tag == static_cast<std::uint32_t>(h >> 32) && slots_[at].id == id) break;
      }
      ++index;
    }
  }

  std::optional<std::uint32_t> find(std::string_view id) const {
    const std::uint64_t h = hash(id);
    for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
      const Slot &slot = slots_[at];
      if (slot.index == empty) return std::nullopt;
      if (slot.tag == static_cast<std::uint32_t>(h >> 32) && slot.id == id) return slot.index;
    }
  }

 private:
  static constexpr std::uint32_t empty = UINT32_MAX;
  struct Slot {  // the id's view sits in the slot: no third lookup to reach its bytes
    std::uint32_t tag = 0, index = empty;
    std::string_view id;
  };
  static std::uint64_t hash(std::string_view id) {
    // std::hash can be the identity on some libraries; mix so low and high bits both vary.
    std::uint64_t h = std::hash<std::string_view>{}(id);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
  }
  std::size_t mask_ = 0;
  std::vector<Slot> slots_;
};

}  // namespace servicechain::detail
