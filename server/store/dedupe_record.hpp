#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lapor::store {

// What a message id was answered with, kept under `seen:<provider>:<id>` so a provider's retry
// gets the same answer and changes nothing. Stored as one kind letter ('C' the conversation went
// on, 'E' it ended) and the reply; the Lua prelude's remember() writes the
// same form.
struct DedupeRecord {
  std::string reply;
  bool end = false;
};

// The kind letter of a record, for the scripts that write it.
inline std::string DedupeKind(bool end) { return end ? "E" : "C"; }
// nullopt for an empty value (nothing stored).
std::optional<DedupeRecord> DecodeDedupe(std::string_view stored);

}  // namespace lapor::store
