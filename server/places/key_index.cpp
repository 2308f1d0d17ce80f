#include "places/key_index.hpp"

#include <algorithm>
#include <bit>

#include "places/place_key.hpp"

namespace lapor::places {
namespace {

uint32_t Fnv1a(std::string_view text) {
  uint32_t hash = 2166136261u;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

// Calls `emit` with the hash of `text` and of every string made from it by deleting up to
// `count` (at most 2) characters; a string made twice is emitted twice. No allocation: a prefix
// is at most KeyIndex::kPrefix characters.
template <typename Emit>
void ForEachDeletion(std::string_view text, size_t count, Emit&& emit) {
  char buffer[KeyIndex::kPrefix];
  size_t n = std::min(text.size(), KeyIndex::kPrefix);
  auto hash_without = [&](size_t skip1, size_t skip2) {
    size_t length = 0;
    for (size_t i = 0; i < n; ++i) {
      if (i != skip1 && i != skip2) {
        buffer[length++] = text[i];
      }
    }
    emit(Fnv1a(std::string_view(buffer, length)));
  };
  constexpr size_t kNone = SIZE_MAX;
  hash_without(kNone, kNone);
  for (size_t i = 0; count >= 1 && i < n; ++i) {
    hash_without(i, kNone);
    for (size_t j = i + 1; count >= 2 && j < n; ++j) {
      hash_without(i, j);
    }
  }
}

// The letters and digits a key holds, one bit each ('0'-'9' share one): a key within d edits of
// another lacks at most d of its letters and has at most d others.
uint32_t LetterMask(std::string_view key) {
  uint32_t mask = 0;
  for (char c : key) {
    mask |= c >= 'a' && c <= 'z' ? uint32_t{1} << (c - 'a') : uint32_t{1} << 26;
  }
  return mask;
}

}  // namespace

KeyIndex::KeyIndex(std::vector<std::pair<std::string, uint32_t>> entries) {
  std::erase_if(entries, [](const auto& entry) { return entry.first.empty(); });
  std::sort(entries.begin(), entries.end());
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i == 0 || entries[i].first != entries[i - 1].first) {
      key_start_.push_back(static_cast<uint32_t>(arena_.size()));
      id_start_.push_back(static_cast<uint32_t>(ids_.size()));
      arena_ += entries[i].first;
    }
    ids_.push_back(entries[i].second);
  }
  key_start_.push_back(static_cast<uint32_t>(arena_.size()));
  id_start_.push_back(static_cast<uint32_t>(ids_.size()));
  masks_.reserve(keys());
  for (uint32_t k = 0; k < keys(); ++k) {
    masks_.push_back(LetterMask(Key(k)));
  }
  // Groups: keys with the same prefix, in key order.
  for (uint32_t k = 0; k < keys(); ++k) {
    if (k == 0 || Key(k).substr(0, kPrefix) != Key(k - 1).substr(0, kPrefix)) {
      group_start_.push_back(k);
    }
  }
  group_start_.push_back(static_cast<uint32_t>(keys()));
  BuildDeletions();
}

// The deletion index, packed in 32 bits an entry: the directory holds the hash's top 16 bits, an
// entry the group and as many of the hash's low 16 bits as fit beside it. Two passes over the
// groups' deletions (count per directory slot, then place: a counting sort), then each slot's few
// entries sorted and made unique in place; no temporary bigger than the index itself.
void KeyIndex::BuildDeletions() {
  const auto groups = static_cast<uint32_t>(group_start_.size() - 1);
  group_bits_ = std::max<int>(16, std::bit_width(groups));
  auto slot_of = [](uint32_t hash) { return hash >> (32 - kDirectoryBits); };
  auto each = [&](auto&& take) {
    for (uint32_t group = 0; group < groups; ++group) {
      std::string_view prefix = Key(group_start_[group]).substr(0, kPrefix);
      ForEachDeletion(prefix, kMaxTypos, [&](uint32_t hash) { take(hash, group); });
    }
  };
  std::vector<uint32_t> next((size_t{1} << kDirectoryBits) + 1, 0);
  each([&](uint32_t hash, uint32_t) { ++next[slot_of(hash) + 1]; });
  for (size_t i = 1; i < next.size(); ++i) {
    next[i] += next[i - 1];
  }
  const std::vector<uint32_t> begin = next;
  deletions_.resize(next.back());
  each([&](uint32_t hash, uint32_t group) {
    deletions_[next[slot_of(hash)]++] = (LowHashBits(hash) << group_bits_) | group;
  });
  directory_.assign(begin.size(), 0);
  uint32_t kept = 0;
  for (size_t slot = 0; slot + 1 < begin.size(); ++slot) {
    auto first = deletions_.begin() + begin[slot];
    auto last = deletions_.begin() + begin[slot + 1];
    std::sort(first, last);
    kept = static_cast<uint32_t>(
        std::copy(first, std::unique(first, last), deletions_.begin() + kept) - deletions_.begin());
    directory_[slot + 1] = kept;
  }
  deletions_.resize(kept);
  deletions_.shrink_to_fit();
}

uint32_t KeyIndex::LowHashBits(uint32_t hash) const {
  uint32_t low = hash & ((uint32_t{1} << (32 - kDirectoryBits)) - 1);
  return low >> (group_bits_ - (32 - kDirectoryBits));
}

std::string_view KeyIndex::Key(uint32_t k) const {
  return std::string_view(arena_).substr(key_start_[k], key_start_[k + 1] - key_start_[k]);
}

uint32_t KeyIndex::LowerBound(std::string_view key) const {
  uint32_t low = 0;
  uint32_t high = static_cast<uint32_t>(keys());
  while (low < high) {
    uint32_t mid = low + (high - low) / 2;
    if (Key(mid) < key) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

void KeyIndex::AddIds(uint32_t k, MatchKind kind, size_t distance, std::vector<Hit>& out) const {
  for (uint32_t i = id_start_[k]; i < id_start_[k + 1]; ++i) {
    out.push_back({.id = ids_[i], .kind = kind, .distance = static_cast<uint8_t>(distance)});
  }
}

void KeyIndex::Lookup(std::string_view key, size_t max_prefix_keys, std::vector<Hit>& out) const {
  if (key.empty()) {
    return;
  }
  uint32_t k = LowerBound(key);
  if (k < keys() && Key(k) == key) {
    AddIds(k, MatchKind::kExact, 0, out);
    ++k;
  }
  if (key.size() >= 3) {
    for (size_t seen = 0; k < keys() && seen < max_prefix_keys && Key(k).starts_with(key);
         ++k, ++seen) {
      AddIds(k, MatchKind::kPrefix, 0, out);
    }
  }
}

void KeyIndex::Fuzzy(std::string_view key, size_t typos, std::vector<Hit>& out) const {
  typos = std::min(typos, kMaxTypos);
  if (typos == 0 || key.empty()) {
    return;
  }
  std::vector<uint32_t> groups;
  const uint32_t group_mask = (uint32_t{1} << group_bits_) - 1;
  ForEachDeletion(key, typos, [&](uint32_t hash) {
    size_t slot = hash >> (32 - kDirectoryBits);
    uint32_t low = LowHashBits(hash);
    for (uint32_t i = directory_[slot]; i < directory_[slot + 1]; ++i) {
      if ((deletions_[i] >> group_bits_) == low) {
        groups.push_back(deletions_[i] & group_mask);
      }
    }
  });
  std::sort(groups.begin(), groups.end());
  groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  const uint32_t mask = LetterMask(key);
  for (uint32_t group : groups) {
    for (uint32_t k = group_start_[group]; k < group_start_[group + 1]; ++k) {
      std::string_view candidate = Key(k);
      size_t length_gap = candidate.size() > key.size() ? candidate.size() - key.size()
                                                        : key.size() - candidate.size();
      if (length_gap > typos || static_cast<size_t>(std::popcount(masks_[k] & ~mask)) > typos ||
          static_cast<size_t>(std::popcount(mask & ~masks_[k])) > typos) {
        continue;
      }
      size_t distance = BoundedDistance(key, candidate, typos);
      if (distance > 0 && distance <= typos) {
        AddIds(k, MatchKind::kFuzzy, distance, out);
      }
    }
  }
}

size_t KeyIndex::bytes() const {
  return arena_.capacity() +
         (key_start_.capacity() + id_start_.capacity() + ids_.capacity() + masks_.capacity() +
          group_start_.capacity()) *
             sizeof(uint32_t) +
         (deletions_.capacity() + directory_.capacity()) * sizeof(uint32_t);
}

}  // namespace lapor::places
