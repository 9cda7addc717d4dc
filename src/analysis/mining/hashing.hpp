#pragma once
// Flat open-addressing tables for the event-log miner: 64-bit keys, linear
// probing, power-of-two capacity. Much lighter per entry than std::unordered_map,
// and the miner touches one per event.
#include <cstdint>
#include <vector>

namespace servicechain::mining_detail {

/// Final mix of a 64-bit value (every input bit affects every output bit).
inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

/// A set of 64-bit fingerprints (0 is stored as 1: 0 marks an empty slot).
class FingerprintSet {
 public:
  bool contains(std::uint64_t key) const {
    if (slots_.empty()) return false;
    key = key ? key : 1;
    for (std::size_t i = mix64(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i] == key) return true;
      if (slots_[i] == 0) return false;
    }
  }
  void insert(std::uint64_t key) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    key = key ? key : 1;
    for (std::size_t i = mix64(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i] == key) return;
      if (slots_[i] == 0) {
        slots_[i] = key;
        ++size_;
        return;
      }
    }
  }
  void clear() {
    slots_.clear();
    slots_.shrink_to_fit();
    size_ = 0;
    mask_ = 0;
  }

 private:
  void grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (std::uint64_t k : old)
      if (k) insert(k);
  }
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0, mask_ = 0;
};

/// (from, to) resource id pair -> accumulated value. Key and value share a
/// slot: one cache miss per update on a table larger than the cache.
class PairMap {
 public:
  static std::uint64_t key(std::uint32_t from, std::uint32_t to) { return (std::uint64_t{from} << 32) | to; }
  double &operator[](std::uint64_t k) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    for (std::size_t i = mix64(k) & mask_;; i = (i + 1) & mask_) {
      Slot &s = slots_[i];
      if (s.key == k) return s.value;
      if (s.key == empty) {
        s.key = k;
        ++size_;
        return s.value;
      }
    }
  }
  template <class F>
  void for_each(F &&f) const {
    for (const Slot &s : slots_)
      if (s.key != empty) f(static_cast<std::uint32_t>(s.key >> 32), static_cast<std::uint32_t>(s.key), s.value);
  }
  std::size_t size() const { return size_; }
  void clear() {
    slots_.clear();
    size_ = 0;
    mask_ = 0;
  }

 private:
  static constexpr std::uint64_t empty = ~std::uint64_t{0};  // ids stay below 2^32 - 1
  struct Slot {
    std::uint64_t key = empty;
    double value = 0;
  };
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 256 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Slot &s : old)
      if (s.key != empty) (*this)[s.key] = s.value;
  }
  std::vector<Slot> slots_;
  std::size_t size_ = 0, mask_ = 0;
};

}  // namespace servicechain::mining_detail
