// libFuzzer target: bytes as Redis would send them (RESP), read by hiredis's reader and turned
// into our RedisReply, then every record we decode from Redis: a case hash, a dedupe record, a
// `due` member, a dead letter, a session. A bad byte gives an error or an empty value, never a
// crash. Built by the CMake option LAPOR_FUZZ; run by scripts/fuzz.
#include <hiredis/hiredis.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "cases/case.hpp"
#include "dialog/session.hpp"
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
    auto json = nlohmann::json::parse(reply.str, nullptr, /*allow_exceptions=*/false);
    if (!json.is_discarded()) {
      (void)lapor::dialog::SessionFromJson(json);
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
