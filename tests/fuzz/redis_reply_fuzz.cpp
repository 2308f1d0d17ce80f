// libFuzzer target: bytes as Redis would send them (RESP), read by hiredis's reader into our
// RedisReply (RedisReplyReader), then every record we decode from Redis: a case hash, a dedupe
// record, a `due` member, a dead letter, a session. A bad byte gives an error or an empty value,
// never a crash. Built by the CMake option LAPOR_FUZZ; run by scripts/fuzz.
#include <hiredis/hiredis.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "cases/case.hpp"
#include "dialog/session_record.hpp"
#include "dialog/ussd_state.hpp"
#include "store/dedupe_record.hpp"
#include "store/keys.hpp"
#include "store/outbox_records.hpp"
#include "store/redis_reply.hpp"
#include "store/redis_reply_reader.hpp"

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // An array's declared count is not allocated ahead of its elements (RedisReplyReader), so a
  // short input declaring a huge array is read like any other.
  redisReader* reader = redisReaderCreateWithFunctions(lapor::store::RedisReplyReader());
  if (redisReaderFeed(reader, reinterpret_cast<const char*>(data), size) == REDIS_OK) {
    void* reply = nullptr;
    while (redisReaderGetReply(reader, &reply) == REDIS_OK && reply != nullptr) {
      Decode(lapor::store::ReadReply(reply));
      reader->fn->freeObject(reply);
      reply = nullptr;
    }
  }
  redisReaderFree(reader);
  return 0;
}
