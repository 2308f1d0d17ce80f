#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lapor::places {

// The words of `text` as place matching sees them: runs of ASCII letters and digits, lowercased;
// everything else (spaces, punctuation, other scripts) separates words. "Kec. Pangkalan-Baru"
// -> {"kec", "pangkalan", "baru"}.
std::vector<std::string> PlaceWords(std::string_view text);

// True for a word that names a kind of place rather than a place: kabupaten, kab, kota,
// kecamatan, kec, desa, ds, kelurahan, kel, provinsi, prov, administrasi.
bool IsPlaceKindWord(std::string_view word);

// The key a name is matched by: its words joined without spaces, after the leading place-kind
// words ("Kabupaten Bangka Tengah" -> "bangkatengah", "kec. Koba" -> "koba", "Pangkalan Baru"
// -> "pangkalanbaru"). A name of kind words only keeps them ("Kota" -> "kota").
std::string PlaceKey(std::string_view text);
// The same key without dropping kind words ("Kota Agung" -> "kotaagung"), for names that start
// with one.
std::string FullPlaceKey(std::string_view text);

// Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions
// and swaps of neighbours) between a and b, or `bound` + 1 when it is more than `bound`.
size_t BoundedDistance(std::string_view a, std::string_view b, size_t bound);

// How many typos a key of this length may hold and still match: 0 up to 3 characters, 1 up to
// 6, 2 from 7 on.
size_t TyposAllowed(size_t key_length);

}  // namespace lapor::places
