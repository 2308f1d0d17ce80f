#include "store/redis_reply_reader.hpp"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <new>

namespace lapor::store {
namespace {

// A whole reply as the reader builds it. hiredis reads a reply that no callback waits for (the
// error a server sends as it refuses a connection) as its own redisReply (async.c), so a whole
// reply begins with one describing it; the replies inside an array are plain RedisReplys in
// their array's `elements`.
struct WholeReply {
  redisReply head{};
  RedisReply reply;
};

// The array `task`'s reply goes into: its parent task's object.
RedisReply& ArrayOf(const redisReadTask* task) {
  const redisReadTask* parent = task->parent;
  return parent->parent == nullptr ? static_cast<WholeReply*>(parent->obj)->reply
                                   : *static_cast<RedisReply*>(parent->obj);
}

// Makes the reply `task` reads as `type`, fills it (`fill(RedisReply&)`) and returns what the
// reader keeps for it; null (hiredis's "out of memory") when it cannot be allocated.
template <typename Fill>
void* Make(const redisReadTask* task, int type, Fill fill) {
  try {
    if (task->parent == nullptr) {
      auto* whole = new WholeReply;
      fill(whole->reply);
      whole->head.type = type;
      whole->head.str = whole->reply.str.data();
      whole->head.len = whole->reply.str.size();
      return whole;
    }
    // Elements arrive in order, each after the whole of the one before: only the element being
    // read is pointed at when the next one is added, so the vector may grow meanwhile.
    RedisReply& element = ArrayOf(task).elements.emplace_back();
    fill(element);
    return &element;
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

void* CreateString(const redisReadTask* task, char* text, size_t length) {
  const RedisReply::Type type = task->type == REDIS_REPLY_ERROR    ? RedisReply::Type::kError
                                : task->type == REDIS_REPLY_STATUS ? RedisReply::Type::kStatus
                                                                   : RedisReply::Type::kString;
  return Make(task, task->type, [&](RedisReply& reply) {
    reply.type = type;
    reply.str.assign(text, length);
  });
}

void* CreateArray(const redisReadTask* task, int count) {
  return Make(task, REDIS_REPLY_ARRAY, [&](RedisReply& reply) {
    reply.type = RedisReply::Type::kArray;
    // Reserved up to a bound: a count is the peer's word, the elements are what it sent.
    reply.elements.reserve(std::min(count, 1024));
  });
}

void* CreateInteger(const redisReadTask* task, long long value) {
  return Make(task, REDIS_REPLY_INTEGER, [&](RedisReply& reply) {
    reply.type = RedisReply::Type::kInteger;
    reply.integer = value;
  });
}

void* CreateNil(const redisReadTask* task) {
  return Make(task, REDIS_REPLY_NIL,
              [](RedisReply& reply) { reply.type = RedisReply::Type::kNil; });
}

// Called for a whole reply only: an element lives in its array.
void FreeWhole(void* object) { delete static_cast<WholeReply*>(object); }

redisReplyObjectFunctions functions = {
    .createString = CreateString,
    .createArray = CreateArray,
    .createInteger = CreateInteger,
    .createNil = CreateNil,
    .freeObject = FreeWhole,
};

}  // namespace

redisReplyObjectFunctions* RedisReplyReader() { return &functions; }

RedisReply& ReadReply(void* object) { return static_cast<WholeReply*>(object)->reply; }

}  // namespace lapor::store
