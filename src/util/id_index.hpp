#pragma once
// Internal: id -> index lookup, for validation and for building analysis
// arrays. Open addressing with linear probing over a flat array of 32-byte
// slots (hash tag, index, the id's first bytes and where the rest is): one
// cache miss per lookup of an id of up to 12 bytes, two for a longer one, where
// a node-based std::unordered_map takes several, which dominated validating and
// building a 10M-service graph.
#include <algorithm>
#include <cstdint>
#include <cstring>
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
    const Key key(id);
    for (std::size_t at = key.hash & mask_;; at = (at + 1) & mask_) {
      Slot &slot = slots_[at];
      if (slot.index == empty) {
        slot = key.slot(index);
        ++size_;
        return true;
      }
      if (key.matches(slot)) return false;
    }
  }

  std::optional<std::uint32_t> find(std::string_view id) const {
    const std::uint32_t at = find(Key(id));
    if (at == not_found) return std::nullopt;
    return at;
  }

  static constexpr std::uint32_t not_found = UINT32_MAX;

  /// out[i] = the index of id_at(i), or not_found, for i in [0, count). Each
  /// batch of ids is hashed and its slots prefetched before any is probed, so
  /// the cache misses of ids in no useful order (a service list's suppliers)
  /// overlap instead of following one another.
  template <class IdAt>
  void find_many(std::size_t count, IdAt id_at, std::uint32_t *out) const {
    constexpr std::size_t batch = 16;
    Key keys[batch];
    for (std::size_t start = 0; start < count; start += batch) {
      const std::size_t size = std::min(batch, count - start);
      for (std::size_t i = 0; i < size; ++i) {
        keys[i] = Key(id_at(start + i));
        __builtin_prefetch(&slots_[keys[i].hash & mask_]);
      }
      for (std::size_t i = 0; i < size; ++i) out[start + i] = find(keys[i]);
    }
  }

  bool contains(std::string_view id) const { return find(id).has_value(); }
  std::size_t size() const { return size_; }

 private:
  static constexpr std::uint32_t empty = UINT32_MAX;
  static constexpr std::size_t inline_bytes = 12;
  struct Slot {
    std::uint32_t tag = 0, index = empty;
    const char *data = nullptr;  ///< the whole id; read only past the inline bytes
    std::uint32_t size = 0;
    char head[inline_bytes] = {};  ///< the id's first bytes, zero-padded
  };
  static_assert(sizeof(Slot) == 32, "two slots per cache line");
  /// A looked-up id, hashed and with its head padded once for all the probes.
  struct Key {
    Key() = default;
    explicit Key(std::string_view id) : id(id), hash(hash_of(id)) {
      std::memcpy(head, id.data(), std::min(id.size(), inline_bytes));
    }
    bool matches(const Slot &slot) const {
      return slot.tag == static_cast<std::uint32_t>(hash >> 32) && slot.size == id.size() &&
             std::memcmp(slot.head, head, inline_bytes) == 0 &&
             (id.size() <= inline_bytes ||
              std::memcmp(slot.data + inline_bytes, id.data() + inline_bytes, id.size() - inline_bytes) == 0);
    }
    Slot slot(std::uint32_t index) const {
      Slot s;
      s.tag = static_cast<std::uint32_t>(hash >> 32);
      s.index = index;
      s.data = id.data();
      s.size = static_cast<std::uint32_t>(id.size());
      std::memcpy(s.head, head, inline_bytes);
      return s;
    }
    std::string_view id;
    std::uint64_t hash = 0;
    char head[inline_bytes] = {};
  };
  std::uint32_t find(const Key &key) const {
    for (std::size_t at = key.hash & mask_;; at = (at + 1) & mask_) {
      const Slot &slot = slots_[at];
      if (slot.index == empty) return not_found;
      if (key.matches(slot)) return slot.index;
    }
  }
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
      std::size_t at = hash_of(std::string_view(slot.data, slot.size)) & mask_;
      while (slots_[at].index != empty) at = (at + 1) & mask_;
      slots_[at] = slot;
    }
  }
  static std::uint64_t hash_of(std::string_view id) {
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

/// IdIndex::find_many over a long list read front to back: at(i), for i
/// ascending, is the index of id_at(i) or IdIndex::not_found. The ids are
/// resolved a block at a time, so a list of any length needs no array of its
/// answers.
template <class IdAt>
class BlockedLookup {
 public:
  BlockedLookup(const IdIndex &index, std::size_t count, IdAt id_at)
      : index_(index), count_(count), id_at_(std::move(id_at)) {}
  std::uint32_t at(std::size_t i) {
    if (i - begin_ >= block) {  // also when i < begin_ (unsigned wrap)
      begin_ = i;
      index_.find_many(std::min(block, count_ - i), [&](std::size_t k) { return id_at_(begin_ + k); }, found_);
    }
    return found_[i - begin_];
  }

 private:
  static constexpr std::size_t block = 512;
  const IdIndex &index_;
  std::size_t count_, begin_ = SIZE_MAX - block;
  IdAt id_at_;
  std::uint32_t found_[block];
};

/// The supplier and customer units of each service (`from`, `to`), for i ascending.
template <class Services>
class ServiceEnds {
  struct FromId {
    const Services *services;
    std::string_view operator()(std::size_t i) const { return (*services)[i].from; }
  };
  struct ToId {
    const Services *services;
    std::string_view operator()(std::size_t i) const { return (*services)[i].to; }
  };

 public:
  ServiceEnds(const IdIndex &units, const Services &services)
      : from_(units, services.size(), FromId{&services}), to_(units, services.size(), ToId{&services}) {}
  std::uint32_t from(std::size_t i) { return from_.at(i); }
  std::uint32_t to(std::size_t i) { return to_.at(i); }

 private:
  BlockedLookup<FromId> from_;
  BlockedLookup<ToId> to_;
};

}  // namespace servicechain::detail
