// hiredis's reader building our RedisReply as it parses (RedisReplyReader): every kind of reply,
// bytes arriving a few at a time, a count the peer declares but does not send, a protocol error
// half way through an array, and the head hiredis itself reads of a reply no callback waits for.
#include "store/redis_reply_reader.hpp"

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lapor::store {
namespace {

using Type = RedisReply::Type;

struct ReaderFree {
  void operator()(redisReader* reader) const { redisReaderFree(reader); }
};
using Reader = std::unique_ptr<redisReader, ReaderFree>;

Reader MakeReader() { return Reader(redisReaderCreateWithFunctions(RedisReplyReader())); }

// A reader that has been given `wire`.
Reader FedWith(std::string_view wire) {
  Reader reader = MakeReader();
  EXPECT_EQ(redisReaderFeed(reader.get(), wire.data(), wire.size()), REDIS_OK);
  return reader;
}

// Every whole reply in `wire`, fed `chunk` bytes at a time.
std::vector<RedisReply> ReadAll(std::string_view wire, size_t chunk) {
  Reader reader = MakeReader();
  std::vector<RedisReply> replies;
  for (size_t at = 0; at < wire.size(); at += chunk) {
    const std::string_view piece = wire.substr(at, chunk);
    EXPECT_EQ(redisReaderFeed(reader.get(), piece.data(), piece.size()), REDIS_OK);
    void* reply = nullptr;
    while (redisReaderGetReply(reader.get(), &reply) == REDIS_OK && reply != nullptr) {
      replies.push_back(std::move(ReadReply(reply)));
      reader->fn->freeObject(reply);
    }
  }
  return replies;
}

RedisReply Bulk(std::string text) { return {.type = Type::kString, .str = std::move(text)}; }

TEST(RedisReplyReader, BuildsEveryKindOfReplyWholeHoweverTheBytesArrive) {
  const std::string long_text(300, 'x');
  const std::string wire =
      "+OK\r\n-NOSCRIPT No matching script\r\n:-42\r\n$-1\r\n*-1\r\n*0\r\n$0\r\n\r\n"
      "$300\r\n" +
      long_text +
      "\r\n"
      "*3\r\n$1\r\nv\r\n*2\r\n:7\r\n*1\r\n$3\r\nabc\r\n$-1\r\n";
  const std::vector<RedisReply> expected = {
      {.type = Type::kStatus, .str = "OK"},
      {.type = Type::kError, .str = "NOSCRIPT No matching script"},
      {.type = Type::kInteger, .integer = -42},
      {.type = Type::kNil},
      {.type = Type::kNil},
      {.type = Type::kArray},
      Bulk(""),
      Bulk(long_text),
      {.type = Type::kArray,
       .elements = {Bulk("v"),
                    {.type = Type::kArray,
                     .elements = {{.type = Type::kInteger, .integer = 7},
                                  {.type = Type::kArray, .elements = {Bulk("abc")}}}},
                    {.type = Type::kNil}}},
  };
  for (size_t chunk : {wire.size(), size_t{1}, size_t{3}, size_t{7}}) {
    SCOPED_TRACE(chunk);
    EXPECT_EQ(ReadAll(wire, chunk), expected);
  }
}

TEST(RedisReplyReader, AHugeDeclaredCountIsNotAllocatedAheadOfItsElements) {
  Reader reader = FedWith("*1000000000\r\n:1\r\n:2\r\n");
  void* reply = nullptr;
  ASSERT_EQ(redisReaderGetReply(reader.get(), &reply), REDIS_OK);
  EXPECT_EQ(reply, nullptr);  // not whole yet
  ASSERT_NE(reader->reply, nullptr);
  const RedisReply& partial = ReadReply(reader->reply);
  EXPECT_EQ(partial.elements.size(), 2u);
  EXPECT_LE(partial.elements.capacity(), 1024u);
  // Freeing the reader frees the half-read reply (AddressSanitizer reports a leak otherwise).
}

TEST(RedisReplyReader, AProtocolErrorHalfWayThroughAnArrayIsAnErrorAndLeaksNothing) {
  Reader reader = FedWith("*3\r\n$2\r\nok\r\n*2\r\n:1\r\n?what\r\n");
  void* reply = nullptr;
  EXPECT_EQ(redisReaderGetReply(reader.get(), &reply), REDIS_ERR);
  EXPECT_EQ(reply, nullptr);
  EXPECT_NE(std::string(reader->errstr), "");
}

// hiredis (async.c) reads a reply that arrives with no callback waiting, such as the error a
// server sends as it refuses a connection, as a redisReply of its own: type and str.
TEST(RedisReplyReader, AWholeReplyBeginsWithTheRedisReplyHiredisReadsOfIt) {
  Reader reader = FedWith("-ERR max number of clients reached\r\n:5\r\n");
  void* reply = nullptr;
  ASSERT_EQ(redisReaderGetReply(reader.get(), &reply), REDIS_OK);
  ASSERT_NE(reply, nullptr);
  const auto* head = static_cast<const redisReply*>(reply);
  EXPECT_EQ(head->type, REDIS_REPLY_ERROR);
  EXPECT_STREQ(head->str, "ERR max number of clients reached");
  reader->fn->freeObject(reply);
  ASSERT_EQ(redisReaderGetReply(reader.get(), &reply), REDIS_OK);
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(static_cast<const redisReply*>(reply)->type, REDIS_REPLY_INTEGER);
  EXPECT_EQ(ReadReply(reply).integer, 5);
  reader->fn->freeObject(reply);
}

}  // namespace
}  // namespace lapor::store
