#pragma once

#include "store/redis_reply.hpp"

struct redisReplyObjectFunctions;

namespace lapor::store {

// hiredis's reader, told to build each reply as our RedisReply as it parses (its
// redisReplyObjectFunctions), instead of a redisReply tree of its own (an allocation per
// element) that we would copy out and free again. Give them to a reader (a context's
// `c.reader->fn`, or redisReaderCreateWithFunctions) before it reads anything.
redisReplyObjectFunctions* RedisReplyReader();

// What such a reader hands over (a callback's `reply`, redisReaderGetReply's `*reply`), not null.
// The reader still owns the object and frees it (`fn->freeObject`) after the callback.
RedisReply& ReadReply(void* object);

}  // namespace lapor::store
