#include "dialog/session_record.hpp"

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/whole_number.hpp"

namespace lapor::dialog {
namespace {

// What a record starts with. "S2" keeps updated_at as an offset from started_at (a few digits
// instead of thirteen); the older "S1" kept it as a whole timestamp, and is still read. Both are
// two bytes, which the decoder relies on.
constexpr std::string_view kSessionMagic = "S2";
constexpr std::string_view kSessionMagicWholeUpdatedAt = "S1";
static_assert(kSessionMagic.size() == kSessionMagicWholeUpdatedAt.size());

// A length before each of a session's ~20 fields, on every step.
void Put(std::string& out, std::string_view value) {
  char digits[24];
  out += FormatWhole(value.size(), digits);
  out += ':';
  out += value;
}

void PutCount(std::string& out, size_t count) {
  char digits[24];
  Put(out, FormatWhole(count, digits));
}

// Takes fields off the front of a record; any malformed length leaves it failed.
class RecordReader {
 public:
  explicit RecordReader(std::string_view rest) : rest_(rest) {}

  std::optional<std::string_view> Next() {
    size_t length = 0;
    auto [end, ec] = std::from_chars(rest_.data(), rest_.data() + rest_.size(), length);
    size_t digits = static_cast<size_t>(end - rest_.data());
    if (ec != std::errc{} || digits == rest_.size() || *end != ':' ||
        length > rest_.size() - digits - 1) {
      return std::nullopt;
    }
    std::string_view value = rest_.substr(digits + 1, length);
    rest_.remove_prefix(digits + 1 + length);
    return value;
  }

  template <typename Int>
  bool NextInt(Int& value) {
    auto text = Next();
    return text && ParseWhole(*text, value);
  }

  bool NextString(std::string& value) {
    auto text = Next();
    if (text) {
      value.assign(*text);
    }
    return text.has_value();
  }

  // A count, then that many strings, each given to `add`.
  template <typename Add>
  bool NextList(Add add) {
    size_t count = 0;
    if (!NextInt(count) || count > rest_.size()) {
      return false;
    }
    for (size_t i = 0; i < count; ++i) {
      auto item = Next();
      if (!item) {
        return false;
      }
      add(*item);
    }
    return true;
  }

  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// A map as a list of key, value, key, value...
template <typename Map>
bool NextMap(RecordReader& in, Map& map) {
  std::string_view key;
  bool have_key = false;  // (not an optional: GCC 12 warns it may be used uninitialized)
  bool ok = in.NextList([&](std::string_view item) {
    if (have_key) {
      map.emplace(std::string(key), std::string(item));
    } else {
      key = item;
    }
    have_key = !have_key;
  });
  return ok && !have_key;
}

template <typename Map>
void PutMap(std::string& out, const Map& map) {
  PutCount(out, map.size() * 2);
  for (const auto& [key, value] : map) {
    Put(out, key);
    Put(out, value);
  }
}

Result<Session> DecodeJson(std::string_view json) {
  auto doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded()) {
    return Error{Errc::kInternal, "stored session is neither a record nor JSON"};
  }
  return SessionFromJson(doc);
}

}  // namespace

std::string EncodeSession(const Session& s) {
  std::string out(kSessionMagic);
  out.reserve(160);
  Put(out, s.node);
  Put(out, s.lang);
  Put(out, std::to_string(s.page));
  Put(out, std::to_string(s.started_at));
  Put(out, std::to_string(s.updated_at - s.started_at));
  Put(out, std::to_string(s.dialog_version));
  Put(out, s.ussd_text);
  Put(out, s.resume_node);
  PutCount(out, s.trail.size());
  for (const auto& node : s.trail) {
    Put(out, node);
  }
  PutCount(out, s.prefilled.size());
  for (const auto& slot : s.prefilled) {
    Put(out, slot);
  }
  PutMap(out, s.answers);
  PutMap(out, s.offers);
  return out;
}

Result<Session> DecodeSession(std::string_view record) {
  if (record.starts_with('{')) {
    return DecodeJson(record);
  }
  Session s;
  const bool offset = record.starts_with(kSessionMagic);
  const bool known = offset || record.starts_with(kSessionMagicWholeUpdatedAt);
  RecordReader in(record.substr(known ? kSessionMagic.size() : record.size()));
  bool ok = known && in.NextString(s.node) && in.NextString(s.lang) && in.NextInt(s.page) &&
            in.NextInt(s.started_at) && in.NextInt(s.updated_at) && in.NextInt(s.dialog_version) &&
            in.NextString(s.ussd_text) && in.NextString(s.resume_node) &&
            in.NextList([&](std::string_view node) { s.trail.emplace_back(node); }) &&
            in.NextList([&](std::string_view slot) { s.prefilled.emplace(slot); }) &&
            NextMap(in, s.answers) && NextMap(in, s.offers) && in.done();
  if (!ok) {
    return Error{Errc::kInternal, "stored session record is malformed"};
  }
  if (offset) {
    s.updated_at += s.started_at;
  }
  return s;
}

}  // namespace lapor::dialog
