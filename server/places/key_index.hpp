#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lapor::places {

// How a typed key matched a name's key, best first.
enum class MatchKind : uint8_t { kExact, kPrefix, kFuzzy };

// Names' match keys (place_key.hpp) and the ids each key stands for, searched three ways: the
// same key, keys that start with it, and keys within a few typos of it. Built once; immutable and
// thread-safe after.
//
// The typo search is a symmetric-deletion index (as SymSpell): each key's first kPrefix
// characters are stored with every way of deleting up to kMaxTypos of them; a typed key's prefix,
// with its own deletions, meets a stored one exactly when their prefixes are within that many
// edits. Candidates are then checked on the whole key with BoundedDistance. Stored as 32-bit
// hashes: a collision only adds a candidate that the check turns away.
class KeyIndex {
 public:
  static constexpr size_t kPrefix = 7;
  static constexpr size_t kMaxTypos = 2;

  struct Hit {
    uint32_t id = 0;
    MatchKind kind = MatchKind::kExact;
    uint8_t distance = 0;  // typos, for kFuzzy
  };

  // `entries`: (key, id) pairs in any order; empty keys are left out.
  explicit KeyIndex(std::vector<std::pair<std::string, uint32_t>> entries);

  // Appends to `out` the ids of keys equal to `key`, then (when `key` has 3 characters or more)
  // of at most `max_prefix_keys` keys that start with it.
  void Lookup(std::string_view key, size_t max_prefix_keys, std::vector<Hit>& out) const;
  // Appends to `out` the ids of keys 1 to `typos` edits (capped at kMaxTypos) away from `key`.
  // An id may appear more than once.
  void Fuzzy(std::string_view key, size_t typos, std::vector<Hit>& out) const;

  size_t keys() const { return key_start_.empty() ? 0 : key_start_.size() - 1; }
  size_t deletion_entries() const { return deletions_.size(); }
  // Bytes held, for the benchmark's record.
  size_t bytes() const;

 private:
  std::string_view Key(uint32_t k) const;
  // First key index >= `key`.
  uint32_t LowerBound(std::string_view key) const;
  void AddIds(uint32_t k, MatchKind kind, size_t distance, std::vector<Hit>& out) const;

  static constexpr size_t kDirectoryBits = 16;
  void BuildDeletions();
  // The hash's bits below the directory's that an entry keeps beside the group.
  uint32_t LowHashBits(uint32_t hash) const;

  std::string arena_;                // every key, sorted, back to back
  std::vector<uint32_t> key_start_;  // key k is arena_[key_start_[k], key_start_[k + 1])
  std::vector<uint32_t> id_start_;   // key k stands for ids_[id_start_[k], id_start_[k + 1])
  std::vector<uint32_t> ids_;
  std::vector<uint32_t> masks_;        // key k's letters (LetterMask), to skip most candidates
  std::vector<uint32_t> group_start_;  // keys sharing a kPrefix prefix: a group, in key order
  // The deletion index: entries for hashes whose top kDirectoryBits bits are b are
  // deletions_[directory_[b], directory_[b + 1]), each (LowHashBits(hash) << group_bits_) | group.
  std::vector<uint32_t> directory_;
  std::vector<uint32_t> deletions_;
  int group_bits_ = 16;
};

}  // namespace lapor::places
