#pragma once
// Internal: id -> index lookup, for validation and for building analysis
// arrays. Open addressing with linear probing over a flat array of (hash tag,
// index, id view) slots: two cache misses per lookup (the slot, the id's bytes)
// where a node-based std::unordered_map takes several, which dominated
// validating and building a 10M-service graph.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace servicechain::detail {

class IdIndex {
 public:
  IdIndex() { rehash(16); }

  /// The items' ids must outlive the index; the first of duplicate ids wins.
  template <class Range, class IdOf>
  IdIndex(const Range &items, IdOf id_of) {
    rehash(capacity_for(items.size()));
    std::uint32_t index = 0;
    for (const auto &item : items) insert(id_of(item), index++);
  }

  /// Adds `id` -> `index` unless `id` is there already (then false; the first stays).
  /// The id's bytes must outlive the index.
  bool insert(std::string_view id, std::uint32_t index) {
    if (2 * (size_ + 1) > slots_.size()) rehash(2 * slots_.size());
    const std::uint64_t h = hash(id);
    for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
      Slot &slot = slots_[at];
      if (slot.index == empty) {
        slot = {static_cast<std::uint32_t>(h >> 32), index, id};
        ++size_;
        return true;
      }
      if (slot.tag == static_cast<std::uint32_t>(h >> 32) && slot.id == id) return false;
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

  bool contains(std::string_view id) const { return find(id).has_value(); }
  std::size_t size() const { return size_; }

 private:
  static constexpr std::uint32_t empty = UINT32_MAX;
  struct Slot {  // the id's view sits in the slot: no third lookup to reach its bytes
    std::uint32_t tag = 0, index = empty;
    std::string_view id;
  };
  static std::size_t capacity_for(std::size_t n) {
    std::size_t capacity = 16;
    while (capacity < 2 * n) capacity *= 2;
    return capacity;
  }
  void rehash(std::size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    mask_ = capacity - 1;
    for (const Slot &slot : old) {
      if (slot.index == empty) continue;
      std::size_t at = (static_cast<std::uint64_t>(hash(slot.id))) & mask_;
      while (slots_[at].index != empty) at = (at + 1) & mask_;
      slots_[at] = slot;
    }
  }
  static std::uint64_t hash(std::string_view id) {
    // std::hash can be the identity on some libraries; mix so low and high bits both vary.
    std::uint64_t h = std::hash<std::string_view>{}(id);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
  }
  std::size_t mask_ = 0, size_ = 0;
  std::vector<Slot> slots_;
};

/// IdIndex::find that remembers its last answer. Lists such as services usually
/// come sorted by one end (each customer's inputs together), so the same id is
/// asked for many times in a row; a string compare then replaces the hash and the
/// probe's cache misses. The ids looked up must outlive the lookup.
class RecentIdLookup {
 public:
  explicit RecentIdLookup(const IdIndex &index) : index_(index) {}
  std::optional<std::uint32_t> find(std::string_view id) {
    if (!asked_ || id != last_) {
      last_ = id;
      found_ = index_.find(id);
      asked_ = true;
    }
    return found_;
  }

 private:
  const IdIndex &index_;
  std::string_view last_;
  std::optional<std::uint32_t> found_;
  bool asked_ = false;
};

}  // namespace servicechain::detail
