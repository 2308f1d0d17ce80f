// libFuzzer target: bytes as Redis would send them (RESP), read by hiredis's reader and turned
// into our RedisReply, then every record we decode from Redis: a case hash, a dedupe record, a
// `due` member, a dead letter, a session. A bad byte gives an error or an empty value, never a
// crash. Built by the CMake option LAPOR_FUZZ; run by scripts/fuzz.
#include <hiredis/hiredis.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "cases/case.hpp"
#include "dialog/session_record.hpp"
#include "dialog/ussd_state.hpp"
#include "store/dedupe_record.hpp"
#include "store/keys.hpp"
#include "store/outbox_records.hpp"
#include "store/redis_reply.hpp"

namespace {

void Decode(const lapor::store::RedisReply& reply) {
  using lapor::store::RedisReply;
  if (reply.is_string()) {
    (void)lapor::store::DecodeDedupe(reply.str);
    (void)lapor::store::ParseDueMember(reply.str);
    (void)lapor::store::ParseDeadLetter(reply.str);
    (void)lapor::dialog::DecodeSession(reply.str);
    if (auto state = lapor::dialog::DecodeUssdState(reply.str)) {
      (void)lapor::dialog::DecodeSession(state->session);
    }
  }
  if (reply.is_array()) {
    std::map<std::string, std::string> fields;
    for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
      fields[reply.elements[i].str] = reply.elements[i + 1].str;
    }
    (void)lapor::cases::CaseFromFields(fields);
    std::vector<lapor::store::OutboxEntry> entries;
    for (auto lane : {lapor::store::OutboxLane::kNotices, lapor::store::OutboxLane::kReplies}) {
      (void)lapor::store::AppendRead(reply, lane, entries);
      (void)lapor::store::AppendClaimed(reply, lane, entries);
    }
    for (const RedisReply& element : reply.elements) {
      Decode(element);
    }
  }
}

// Whether some "*<count>" in `input` declares more elements than the input could hold (each
// takes at least ":0\r\n"). hiredis 0.14 (Debian 12) allocates a declared array whole before
// reading its elements, so "*345678901\r\n" is a 2.7 GB calloc: its trust in its peer, not our
// decoding (hiredis 1.x caps it with `maxelements`). The Redis we talk to is our own; these
// inputs are skipped so the target fuzzes what we do with replies.
bool DeclaresMoreThanItHolds(std::string_view input) {
  for (size_t star = input.find('*'); star != std::string_view::npos;
       star = input.find('*', star + 1)) {
    uint64_t count = 0;
    for (size_t i = star + 1; i < input.size() && input[i] >= '0' && input[i] <= '9'; ++i) {
      count = count * 10 + static_cast<uint64_t>(input[i] - '0');
      if (count > input.size() / 4) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (DeclaresMoreThanItHolds({reinterpret_cast<const char*>(data), size})) {
    return 0;
  }
  redisReader* reader = redisReaderCreate();
  if (redisReaderFeed(reader, reinterpret_cast<const char*>(data), size) == REDIS_OK) {
    void* reply = nullptr;
    while (redisReaderGetReply(reader, &reply) == REDIS_OK && reply != nullptr) {
      Decode(lapor::store::ToRedisReply(*static_cast<redisReply*>(reply)));
      freeReplyObject(reply);
      reply = nullptr;
    }
  }
  redisReaderFree(reader);
  return 0;
}
