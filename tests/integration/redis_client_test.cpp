#include "store/redis_client.hpp"

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <ostream>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "store/redis_url.hpp"
#include "support/io_threads.hpp"
#include "support/redis_process.hpp"

namespace lapor::store {

void PrintTo(const RedisReply& reply, std::ostream* out) {
  static const char* const kNames[] = {"nil", "integer", "string", "status", "error", "array"};
  *out << kNames[static_cast<int>(reply.type)] << "(";
  if (reply.is_integer()) {
    *out << reply.integer;
  } else if (reply.is_array()) {
    for (const RedisReply& element : reply.elements) {
      PrintTo(element, out);
      *out << " ";
    }
  } else {
    *out << '"' << reply.str << '"';
  }
  *out << ")";
}

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using lapor::test::Eventually;
using lapor::test::IoThreads;
using lapor::test::RedisProcess;

RedisOptions Options(const std::string& url) {
  Result<RedisOptions> options = ParseRedisUrl(url);
  EXPECT_TRUE(options.ok()) << options.error().message;
  return options.ok() ? *options : RedisOptions{};
}

// Keys of one test, apart from any other user of a shared LAPOR1708_TEST_REDIS_URL.
std::string Key(const std::string& name) {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  return "lapor1708:test:" + std::to_string(::getpid()) + ":" + test->name() + ":" + name;
}

// A blocking hiredis connection, to look at Redis from beside the client under test.
class BlockingRedis {
 public:
  explicit BlockingRedis(const RedisOptions& options)
      : context_(redisConnect(options.host.c_str(), options.port)) {
    if (context_ == nullptr || context_->err != 0) {
      ADD_FAILURE() << "cannot connect to Redis";
      return;
    }
    if (!options.password.empty()) {
      Call({"AUTH", options.password});
    }
    if (options.db != 0) {
      Call({"SELECT", std::to_string(options.db)});
    }
  }
  ~BlockingRedis() {
    if (context_ != nullptr) {
      redisFree(context_);
    }
  }

  // The reply as text: a string, status or error as is, an integer in decimal, nil as "(nil)",
  // an array as "[a,b]".
  std::string Call(const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (const std::string& arg : args) {
      argv.push_back(arg.data());
      lengths.push_back(arg.size());
    }
    auto* reply = static_cast<redisReply*>(
        redisCommandArgv(context_, static_cast<int>(args.size()), argv.data(), lengths.data()));
    if (reply == nullptr) {
      ADD_FAILURE() << "blocking Redis call failed";
      return "";
    }
    std::string text = Text(*reply);
    freeReplyObject(reply);
    return text;
  }

  // INFO <section> as field -> value.
  std::map<std::string, std::string> Info(const std::string& section) {
    std::map<std::string, std::string> fields;
    std::string text = Call({"INFO", section});
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find("\r\n", start);
      if (end == std::string::npos) {
        end = text.size();
      }
      std::string line = text.substr(start, end - start);
      if (size_t colon = line.find(':'); colon != std::string::npos && line[0] != '#') {
        fields[line.substr(0, colon)] = line.substr(colon + 1);
      }
      start = end + 2;
    }
    return fields;
  }

 private:
  static std::string Text(const redisReply& reply) {
    switch (reply.type) {
      case REDIS_REPLY_INTEGER:
        return std::to_string(reply.integer);
      case REDIS_REPLY_NIL:
        return "(nil)";
      case REDIS_REPLY_ARRAY: {
        std::string text = "[";
        for (size_t i = 0; i < reply.elements; ++i) {
          text += (i == 0 ? "" : ",") + Text(*reply.element[i]);
        }
        return text + "]";
      }
      default:
        return std::string(reply.str, reply.len);
    }
  }

  redisContext* context_;
};

int64_t InfoNumber(const std::map<std::string, std::string>& info, const std::string& field) {
  auto it = info.find(field);
  return it == info.end() ? -1 : std::stoll(it->second);
}

// "calls=12,usec=..." -> 12
int64_t CommandCalls(const std::map<std::string, std::string>& info, const std::string& command) {
  auto it = info.find("cmdstat_" + command);
  if (it == info.end()) {
    return 0;
  }
  return std::stoll(it->second.substr(it->second.find('=') + 1));
}

RedisReply Status(std::string text) {
  return RedisReply{RedisReply::Type::kStatus, 0, std::move(text), {}};
}
RedisReply String(std::string text) {
  return RedisReply{RedisReply::Type::kString, 0, std::move(text), {}};
}
RedisReply Integer(int64_t value) { return RedisReply{RedisReply::Type::kInteger, value, {}, {}}; }
RedisReply Nil() { return RedisReply{}; }

const char kIncrByScript[] = "return redis.call('INCRBY', KEYS[1], ARGV[1])";

// ---------------------------------------------------------------------------------------------
// ParseRedisUrl

TEST(ParseRedisUrl, HostAloneGetsDefaultPortAndDatabase) {
  Result<RedisOptions> options = ParseRedisUrl("redis://redis.internal");
  ASSERT_TRUE(options.ok()) << options.error().message;
  EXPECT_EQ(options->host, "redis.internal");
  EXPECT_EQ(options->port, 6379);
  EXPECT_EQ(options->db, 0);
  EXPECT_EQ(options->user, "");
  EXPECT_EQ(options->password, "");
  EXPECT_EQ(options->connections, 1);
}

TEST(ParseRedisUrl, ReadsPortDatabaseUserAndPassword) {
  Result<RedisOptions> options = ParseRedisUrl("redis://lapor:s3cret@10.0.0.5:6380/2");
  ASSERT_TRUE(options.ok()) << options.error().message;
  EXPECT_EQ(options->host, "10.0.0.5");
  EXPECT_EQ(options->port, 6380);
  EXPECT_EQ(options->db, 2);
  EXPECT_EQ(options->user, "lapor");
  EXPECT_EQ(options->password, "s3cret");
}

TEST(ParseRedisUrl, PasswordAloneAfterColon) {
  Result<RedisOptions> options = ParseRedisUrl("redis://:s3cret@localhost/");
  ASSERT_TRUE(options.ok()) << options.error().message;
  EXPECT_EQ(options->user, "");
  EXPECT_EQ(options->password, "s3cret");
  EXPECT_EQ(options->db, 0);
}

TEST(ParseRedisUrl, PasswordMayBePercentEncodedOrHoldAtSignsAndColons) {
  Result<RedisOptions> encoded = ParseRedisUrl("redis://:p%40ss%2Fw%3Ard@h");
  ASSERT_TRUE(encoded.ok()) << encoded.error().message;
  EXPECT_EQ(encoded->password, "p@ss/w:rd");
  Result<RedisOptions> raw = ParseRedisUrl("redis://u:a:b@c@h:1");
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  EXPECT_EQ(raw->user, "u");
  EXPECT_EQ(raw->password, "a:b@c");
  EXPECT_EQ(raw->host, "h");
  EXPECT_EQ(raw->port, 1);
}

TEST(ParseRedisUrl, Ipv6HostInBrackets) {
  Result<RedisOptions> options = ParseRedisUrl("redis://[::1]:7000/15");
  ASSERT_TRUE(options.ok()) << options.error().message;
  EXPECT_EQ(options->host, "::1");
  EXPECT_EQ(options->port, 7000);
  EXPECT_EQ(options->db, 15);
}

TEST(ParseRedisUrl, BadUrlsAreRefusedNamingWhatIsWrong) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"http://localhost", "must start with redis://"},
      {"rediss://localhost", "TLS"},
      {"", "must start with redis://"},
      {"redis://", "host is empty"},
      {"redis://:6379", "host is empty"},
      {"redis://h:0", "port \"0\""},
      {"redis://h:65536", "port \"65536\""},
      {"redis://h:", "port \"\""},
      {"redis://h:63a9", "port \"63a9\""},
      {"redis://h/x", "database \"x\""},
      {"redis://h/-1", "database \"-1\""},
      {"redis://h/1/2", "database \"1/2\""},
      {"redis://s3cret@h", "[user]:password"},
      {"redis://user:@h", "password after ':' is empty"},
      {"redis://:%zz@h", "percent-encoding"},
      {"redis://::1:6379", "brackets"},
      {"redis://[::1", "closing ']'"},
      {"redis://[::1]6379", "':port'"},
      {"redis://h?db=1", "query"},
      {"redis://bad host", "not allowed"},
  };
  for (const auto& [url, expected] : cases) {
    Result<RedisOptions> options = ParseRedisUrl(url);
    ASSERT_FALSE(options.ok()) << url;
    EXPECT_EQ(options.error().code, Errc::kBadRequest) << url;
    EXPECT_NE(options.error().message.find(expected), std::string::npos)
        << url << " -> " << options.error().message;
  }
}

TEST(ParseRedisUrl, ErrorNeverShowsThePassword) {
  Result<RedisOptions> options = ParseRedisUrl("redis://:topsecret@h:notaport");
  ASSERT_FALSE(options.ok());
  EXPECT_EQ(options.error().message.find("topsecret"), std::string::npos)
      << options.error().message;
}

// ---------------------------------------------------------------------------------------------
// LuaScript

TEST(LuaScript, Sha1IsTheOneRedisComputes) {
  LuaScript script = LuaScript::FromSource("one", "return 1");
  // The digest Redis's own docs give for SCRIPT LOAD "return 1".
  EXPECT_EQ(script.sha1, "e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
  LuaScript incr = LuaScript::FromSource("incrby", kIncrByScript);
  BlockingRedis redis(Options(lapor::test::TestRedisUrl()));
  EXPECT_EQ(redis.Call({"SCRIPT", "LOAD", kIncrByScript}), incr.sha1);
}

// ---------------------------------------------------------------------------------------------
// RedisCommand: the wire format as it is built

TEST(RedisCommand, IsWrittenInRespWithTheCountFirst) {
  EXPECT_EQ(RedisCommand{"PING"}.Resp(), "*1\r\n$4\r\nPING\r\n");
  RedisCommand set = {"SET", "k"};
  set.Arg("").Number(-42);
  EXPECT_EQ(set.size(), 4u);
  EXPECT_EQ(set.Resp(), "*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n$3\r\n-42\r\n");
  EXPECT_TRUE(RedisCommand{}.empty());
  EXPECT_EQ(RedisCommand{}.Resp(), "*0\r\n");
}

TEST(RedisCommand, CountsPastOneDigitAndKeepsBinaryArgumentsWhole) {
  const std::string binary("a\r\n\0$*b", 7);
  RedisCommand command = {"RPUSH", "list"};
  for (int i = 0; i < 10; ++i) {
    command.Arg(binary);
  }
  std::string expected = "*12\r\n$5\r\nRPUSH\r\n$4\r\nlist\r\n";
  for (int i = 0; i < 10; ++i) {
    expected += "$7\r\n" + binary + "\r\n";
  }
  EXPECT_EQ(command.Resp(), expected);
  for (int i = 10; i < 121; ++i) {
    command.Number(i);
  }
  EXPECT_TRUE(command.Resp().starts_with("*123\r\n$5\r\nRPUSH\r\n"))
      << command.Resp().substr(0, 12);
  EXPECT_TRUE(command.Resp().ends_with("$3\r\n120\r\n"));
}

TEST(RedisCommand, EvalShaNamesTheScriptAndCountsItsKeys) {
  LuaScript script = LuaScript::FromSource("s", "return 1");
  RedisCommand built = RedisCommand::EvalSha(script, 2);
  built.Arg("k1").Arg("k2").Arg("a");
  EXPECT_EQ(RedisCommand::EvalSha(script, {"k1", "k2"}, {"a"}), built);
  EXPECT_EQ(built, (RedisCommand{"EVALSHA", script.sha1, "2", "k1", "k2", "a"}));
}

// ---------------------------------------------------------------------------------------------
// RedisClient against a real redis-server

TEST(RedisClient, PipelineReturnsRepliesInOrder) {
  IoThreads threads;
  RedisClient client(threads.io(), Options(lapor::test::TestRedisUrl()));
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();

  const std::string binary("a\0b\r\n", 5);
  Result<std::vector<RedisReply>> replies = threads.Run(client.Pipeline({
      {"DEL", Key("s"), Key("n"), Key("l")},
      {"SET", Key("s"), binary},
      {"GET", Key("s")},
      {"INCRBY", Key("n"), "41"},
      {"INCR", Key("n")},
      {"GET", Key("missing")},
      {"RPUSH", Key("l"), "x", "y"},
      {"LRANGE", Key("l"), "0", "-1"},
      {"PING"},
  }));
  ASSERT_TRUE(replies.ok()) << replies.error().message;
  ASSERT_EQ(replies->size(), 9u);
  EXPECT_TRUE((*replies)[0].is_integer());
  EXPECT_EQ((*replies)[1], Status("OK"));
  EXPECT_EQ((*replies)[2], String(binary));
  EXPECT_EQ((*replies)[3], Integer(41));
  EXPECT_EQ((*replies)[4], Integer(42));
  EXPECT_EQ((*replies)[5], Nil());
  EXPECT_EQ((*replies)[6], Integer(2));
  EXPECT_EQ((*replies)[7],
            (RedisReply{RedisReply::Type::kArray, 0, "", {String("x"), String("y")}}));
  EXPECT_EQ((*replies)[8], Status("PONG"));
  EXPECT_EQ(client.error_count(), 0u);
  EXPECT_EQ(client.last_error(), "");
}

TEST(RedisClient, EmptyPipelineAnswersEmptyAndEmptyCommandIsInternalError) {
  IoThreads threads;
  RedisClient client(threads.io(), Options(lapor::test::TestRedisUrl()));
  Result<std::vector<RedisReply>> none = threads.Run(client.Pipeline({}));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();
  Result<std::vector<RedisReply>> bad = threads.Run(client.Pipeline({{"PING"}, {}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, Errc::kInternal);
}

// Redis counts the reads and writes it does per client socket. If the client waited for each
// reply before sending the next command, 100 commands would take 100 reads and 100 writes.
TEST(RedisClient, PipelineOfManyCommandsIsOneWriteAndOneRoundTrip) {
  std::unique_ptr<RedisProcess> redis = RedisProcess::Start();
  IoThreads threads;
  RedisOptions options = Options(redis->url());
  RedisClient client(threads.io(), options);
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();

  constexpr int kCommands = 100;
  std::vector<RedisCommand> commands;
  for (int i = 0; i < kCommands; ++i) {
    commands.push_back({"INCR", "counter"});
  }
  BlockingRedis observer(options);
  const auto stats_before = observer.Info("stats");
  const auto calls_before = observer.Info("commandstats");

  Result<std::vector<RedisReply>> replies = threads.Run(client.Pipeline(commands));

  const auto calls_after = observer.Info("commandstats");
  const auto stats_after = observer.Info("stats");
  ASSERT_TRUE(replies.ok()) << replies.error().message;
  ASSERT_EQ(replies->size(), static_cast<size_t>(kCommands));
  for (int i = 0; i < kCommands; ++i) {
    EXPECT_EQ((*replies)[i], Integer(i + 1)) << "reply " << i;
  }
  EXPECT_EQ(CommandCalls(calls_after, "incr") - CommandCalls(calls_before, "incr"), kCommands);
  // Between the two snapshots: the pipeline, the observer's INFO commandstats x2 and INFO stats
  // (its read is counted before the snapshot, its reply written after). One read and one write
  // for the pipeline leaves 1 + 3 reads and 1 + 3 writes; allow one more for a split segment.
  const int64_t reads = InfoNumber(stats_after, "total_reads_processed") -
                        InfoNumber(stats_before, "total_reads_processed");
  const int64_t writes = InfoNumber(stats_after, "total_writes_processed") -
                         InfoNumber(stats_before, "total_writes_processed");
  EXPECT_LE(reads, 5) << "reads by Redis during a " << kCommands << "-command pipeline";
  EXPECT_LE(writes, 5) << "writes by Redis during a " << kCommands << "-command pipeline";
}

TEST(RedisClient, ErrorReplyComesBackAsErrorReplyNotAsError) {
  IoThreads threads;
  RedisClient client(threads.io(), Options(lapor::test::TestRedisUrl()));
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();

  Result<std::vector<RedisReply>> replies = threads.Run(client.Pipeline({
      {"SET", Key("word"), "abc"},
      {"INCR", Key("word")},
      {"NOSUCHCOMMAND", "x"},
      {"GET", Key("word")},
  }));
  ASSERT_TRUE(replies.ok()) << replies.error().message;
  EXPECT_EQ((*replies)[0], Status("OK"));
  EXPECT_TRUE((*replies)[1].is_error());
  EXPECT_TRUE((*replies)[1].is_error_kind("ERR")) << (*replies)[1].str;
  EXPECT_TRUE((*replies)[2].is_error_kind("ERR")) << (*replies)[2].str;
  EXPECT_EQ((*replies)[3], String("abc"));  // the commands after an error still ran

  Result<RedisReply> wrong_type = threads.Run(client.Command({"LPUSH", Key("word"), "x"}));
  ASSERT_TRUE(wrong_type.ok()) << wrong_type.error().message;
  EXPECT_TRUE(wrong_type->is_error_kind("WRONGTYPE")) << wrong_type->str;
  EXPECT_TRUE(client.connected());
  EXPECT_EQ(client.error_count(), 0u);
}

TEST(RedisClient, RegisteredScriptIsLoadedOnConnectAndRunsWithEvalSha) {
  IoThreads threads;
  RedisOptions options = Options(lapor::test::TestRedisUrl());
  const LuaScript script = LuaScript::FromSource("incrby", kIncrByScript);
  BlockingRedis observer(options);
  observer.Call({"SCRIPT", "FLUSH"});
  RedisClient client(threads.io(), options);
  client.RegisterScript(script);
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();
  EXPECT_EQ(observer.Call({"SCRIPT", "EXISTS", script.sha1}), "[1]");

  Result<RedisReply> reply =
      threads.Run(client.Command(RedisCommand::EvalSha(script, {Key("n")}, {"5"})));
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(*reply, Integer(5));
}

TEST(RedisClient, NoScriptReloadsScriptsAndRetriesThePipelineOnce) {
  IoThreads threads;
  RedisOptions options = Options(lapor::test::TestRedisUrl());
  const LuaScript script = LuaScript::FromSource("incrby", kIncrByScript);
  RedisClient client(threads.io(), options);
  client.RegisterScript(script);
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();

  BlockingRedis(options).Call({"SCRIPT", "FLUSH"});
  Result<std::vector<RedisReply>> replies = threads.Run(client.Pipeline({
      {"SET", Key("n"), "10"},
      RedisCommand::EvalSha(script, {Key("n")}, {"5"}),
      {"GET", Key("n")},
  }));
  ASSERT_TRUE(replies.ok()) << replies.error().message;
  EXPECT_EQ((*replies)[0], Status("OK"));
  EXPECT_EQ((*replies)[1], Integer(15));
  EXPECT_EQ((*replies)[2], String("15"));

  // A script Redis does not know even after the reload stays a NOSCRIPT reply: no second retry.
  const LuaScript unknown = LuaScript::FromSource("unknown", "return 'never loaded'");
  Result<RedisReply> reply = threads.Run(client.Command(RedisCommand::EvalSha(unknown, {}, {})));
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_TRUE(reply->is_error_kind("NOSCRIPT")) << reply->str;
}

TEST(RedisClient, EvalShaWorksAfterRedisRestartBecauseScriptsAreReloaded) {
  std::unique_ptr<RedisProcess> redis = RedisProcess::Start();
  IoThreads threads;
  RedisOptions options = Options(redis->url());
  const LuaScript script = LuaScript::FromSource("incrby", kIncrByScript);
  RedisClient client(threads.io(), options);
  client.RegisterScript(script);
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();
  Result<RedisReply> before =
      threads.Run(client.Command(RedisCommand::EvalSha(script, {"n"}, {"2"})));
  ASSERT_TRUE(before.ok()) << before.error().message;
  EXPECT_EQ(*before, Integer(2));

  redis->Kill();
  ASSERT_TRUE(Eventually([&] { return !client.connected(); }));
  redis->Restart();  // empty: no persistence, no scripts
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();
  // Loaded by the reconnect itself, before the connection counted as up.
  EXPECT_EQ(BlockingRedis(options).Call({"EVALSHA", script.sha1, "1", "probe", "1"}), "1");

  Result<RedisReply> after =
      threads.Run(client.Command(RedisCommand::EvalSha(script, {"n"}, {"3"})));
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(*after, Integer(3));
}

TEST(RedisClient, NotConnectedAnswersUnavailableAtOnce) {
  IoThreads threads;
  RedisOptions options;
  options.port = lapor::test::UnusedPort();
  RedisClient client(threads.io(), options);

  auto timed_ping = [&] {
    const auto start = Clock::now();
    Result<RedisReply> reply = threads.Run(client.Command({"PING"}));
    return std::make_pair(std::move(reply), Clock::now() - start);
  };

  auto [before_start, before_start_took] = timed_ping();
  ASSERT_FALSE(before_start.ok());
  EXPECT_EQ(before_start.error().code, Errc::kUnavailable);
  EXPECT_LT(before_start_took, 100ms);

  client.Start();
  auto [connecting, connecting_took] = timed_ping();  // the first connect is still under way
  ASSERT_FALSE(connecting.ok());
  EXPECT_EQ(connecting.error().code, Errc::kUnavailable);
  EXPECT_LT(connecting_took, 100ms);

  ASSERT_TRUE(Eventually([&] { return client.error_count() >= 2; }));  // it keeps trying
  auto [refused, refused_took] = timed_ping();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Errc::kUnavailable);
  EXPECT_LT(refused_took, 100ms);
  EXPECT_FALSE(client.connected());
  EXPECT_NE(client.last_error().find("refused"), std::string::npos) << client.last_error();
}

TEST(RedisClient, HungRedisDoesNotCountAsConnected) {
  std::unique_ptr<RedisProcess> redis = RedisProcess::Start();
  redis->Pause();  // the kernel still accepts TCP; nothing answers PING
  IoThreads threads;
  RedisOptions options = Options(redis->url());
  options.connect_timeout_ms = 200;
  options.reconnect_delay_ms = 50;
  RedisClient client(threads.io(), options);
  client.Start();

  ASSERT_TRUE(Eventually([&] {
    return client.last_error().find("connect timed out") != std::string::npos;
  })) << client.last_error();
  EXPECT_FALSE(client.connected());
  const auto start = Clock::now();
  Result<RedisReply> reply = threads.Run(client.Command({"PING"}));
  EXPECT_LT(Clock::now() - start, 100ms);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, Errc::kUnavailable);

  redis->Resume();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();
  EXPECT_EQ(client.last_error(), "");
}

TEST(RedisClient, PausedRedisTimesOutWhileTheIoThreadKeepsServingOtherWork) {
  std::unique_ptr<RedisProcess> redis = RedisProcess::Start();
  IoThreads threads(1);  // one thread: if anything blocked it, the timer below could not fire
  RedisOptions options = Options(redis->url());
  options.command_timeout_ms = 300;
  options.connect_timeout_ms = 300;
  options.reconnect_delay_ms = 50;
  RedisClient client(threads.io(), options);
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();

  redis->Pause();
  const auto start = Clock::now();
  std::future<Clock::time_point> timer_fired = asio::co_spawn(
      threads.io(),
      []() -> asio::awaitable<Clock::time_point> {
        asio::steady_timer timer(co_await asio::this_coro::executor, 50ms);
        co_await timer.async_wait(asio::use_awaitable);
        co_return Clock::now();
      },
      asio::use_future);
  Result<RedisReply> reply = threads.Run(client.Command({"PING"}));
  const auto finished = Clock::now();

  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, Errc::kTimeout);
  EXPECT_GE(finished - start, 290ms);
  EXPECT_LT(finished - start, 300ms + 400ms);
  const Clock::time_point fired = timer_fired.get();
  EXPECT_LT(fired - start, 250ms) << "the timer waited for the hung Redis call";
  EXPECT_LT(fired, finished);
  EXPECT_GE(client.error_count(), 1u);
  EXPECT_FALSE(client.connected());  // the stuck connection was dropped
  EXPECT_NE(client.last_error(), "");

  redis->Resume();
  ASSERT_TRUE(Eventually([&] {
    Result<RedisReply> pong = threads.Run(client.Command({"PING"}));
    return pong.ok() && *pong == Status("PONG");
  })) << client.last_error();
}

// One timer watches every call in flight (RedisConnection::WatchDeadlines): a call sent later
// than another still gets its whole timeout, and is not forgotten once the first has timed out.
TEST(RedisClient, EachCallInFlightTimesOutATimeoutAfterItWasSent) {
  std::unique_ptr<RedisProcess> redis = RedisProcess::Start();
  IoThreads threads(1);
  RedisOptions options = Options(redis->url());
  options.command_timeout_ms = 300;
  RedisClient client(threads.io(), options);
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();

  struct Call {
    Clock::time_point sent;
    Clock::time_point done;
    Errc code = Errc::kInternal;
  };
  auto call = [&](std::chrono::milliseconds after) {
    return asio::co_spawn(
        threads.io(),
        [&client, after]() -> asio::awaitable<Call> {
          asio::steady_timer wait(co_await asio::this_coro::executor, after);
          co_await wait.async_wait(asio::use_awaitable);
          Call c{.sent = Clock::now()};
          RedisCommand ping = {"PING"};  // no braced list in co_await (GCC 12)
          Result<RedisReply> reply = co_await client.Command(std::move(ping));
          c.done = Clock::now();
          c.code = reply.ok() ? Errc::kInternal : reply.error().code;
          co_return c;
        },
        asio::use_future);
  };
  redis->Pause();
  std::future<Call> first = call(0ms);
  std::future<Call> second = call(150ms);
  ASSERT_EQ(second.wait_for(3s), std::future_status::ready) << "the later call was never timed out";
  const Call a = first.get();
  const Call b = second.get();
  redis->Resume();

  EXPECT_EQ(a.code, Errc::kTimeout);
  EXPECT_EQ(b.code, Errc::kTimeout);
  EXPECT_GE(a.done - a.sent, 290ms);
  EXPECT_GE(b.done - b.sent, 290ms) << "the later call was timed out with the first";
  EXPECT_LT(b.done - b.sent, 300ms + 400ms);
  EXPECT_LT(a.done, b.done);
}

TEST(RedisClient, ReconnectsByItselfAfterRedisIsKilledAndRestarted) {
  std::unique_ptr<RedisProcess> redis = RedisProcess::Start();
  IoThreads threads;
  RedisOptions options = Options(redis->url());
  options.connections = 2;
  RedisClient client(threads.io(), options);
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();

  redis->Kill();
  ASSERT_TRUE(Eventually([&] { return !client.connected(); }));
  Result<RedisReply> down = threads.Run(client.Command({"PING"}));
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code, Errc::kUnavailable);
  EXPECT_NE(client.last_error(), "");
  EXPECT_GE(client.error_count(), 1u);

  redis->Restart();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();
  Result<std::vector<RedisReply>> replies =
      threads.Run(client.Pipeline({{"SET", "k", "v"}, {"GET", "k"}}));
  ASSERT_TRUE(replies.ok()) << replies.error().message;
  EXPECT_EQ((*replies)[1], String("v"));
  EXPECT_EQ(client.last_error(), "");
}

// The scheduler writes a thousand cases in one pipeline while it reads the next thousand: a
// call goes to the connection with the fewest commands waiting, not round-robin behind a long
// one. A BLPOP that waits for a push stands for the long pipeline.
TEST(RedisClient, ACallGoesToTheConnectionWithFewestCommandsWaiting) {
  IoThreads threads;
  RedisOptions options = Options(lapor::test::TestRedisUrl());
  options.connections = 2;
  options.command_timeout_ms = 10000;
  RedisClient client(threads.io(), options);
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();
  BlockingRedis beside(options);
  const auto blocked_before = InfoNumber(beside.Info("clients"), "blocked_clients");

  std::future<Result<RedisReply>> long_call =
      threads.Spawn(client.Command({"BLPOP", Key("wake"), "0"}));
  ASSERT_TRUE(Eventually(
      [&] { return InfoNumber(beside.Info("clients"), "blocked_clients") == blocked_before + 1; }));
  const auto start = Clock::now();
  for (int i = 0; i < 4; ++i) {  // round-robin would send two of these behind the BLPOP
    Result<RedisReply> pong = threads.Run(client.Command({"PING"}));
    ASSERT_TRUE(pong.ok()) << i << ": " << pong.error().message;
    EXPECT_EQ(*pong, Status("PONG"));
  }
  EXPECT_LT(Clock::now() - start, 5000ms);
  EXPECT_EQ(long_call.wait_for(0ms), std::future_status::timeout) << "the BLPOP is still waiting";

  beside.Call({"RPUSH", Key("wake"), "now"});
  Result<RedisReply> woken = long_call.get();
  ASSERT_TRUE(woken.ok()) << woken.error().message;
  EXPECT_EQ(*woken,
            (RedisReply{RedisReply::Type::kArray, 0, "", {String(Key("wake")), String("now")}}));
  beside.Call({"DEL", Key("wake")});
}

TEST(RedisClient, StopCompletesPendingCallsWithUnavailable) {
  std::unique_ptr<RedisProcess> redis = RedisProcess::Start();
  IoThreads threads;
  RedisOptions options = Options(redis->url());
  options.command_timeout_ms = 5000;
  RedisClient client(threads.io(), options);
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();

  redis->Pause();
  const auto start = Clock::now();
  std::future<Result<RedisReply>> pending = threads.Spawn(client.Command({"PING"}));
  // Let the call reach the connection's strand; whether it has or not, the answer below is
  // the same, only the path differs.
  std::this_thread::sleep_for(20ms);
  client.Stop();
  Result<RedisReply> reply = pending.get();
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, Errc::kUnavailable);
  EXPECT_LT(Clock::now() - start, 1000ms);
  EXPECT_FALSE(client.connected());

  Result<RedisReply> after = threads.Run(client.Command({"PING"}));
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, Errc::kUnavailable);
  redis->Resume();
}

TEST(RedisClient, AuthAndSelectAreSentOnConnect) {
  std::unique_ptr<RedisProcess> redis = RedisProcess::Start({"--requirepass", "s3cret"});
  IoThreads threads;
  const std::string url = "redis://:s3cret@127.0.0.1:" + std::to_string(redis->port()) + "/3";
  RedisClient client(threads.io(), Options(url));
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();
  Result<RedisReply> set = threads.Run(client.Command({"SET", "in-db-3", "yes"}));
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(*set, Status("OK"));
  EXPECT_EQ(BlockingRedis(Options(url)).Call({"GET", "in-db-3"}), "yes");
}

TEST(RedisClient, WrongPasswordKeepsClientDownWithAReasonThatHidesThePassword) {
  std::unique_ptr<RedisProcess> redis = RedisProcess::Start({"--requirepass", "s3cret"});
  IoThreads threads;
  RedisOptions options = Options(redis->url());
  options.password = "wrong-guess";
  RedisClient client(threads.io(), options);
  client.Start();
  ASSERT_TRUE(Eventually([&] {
    return client.last_error().find("AUTH failed") != std::string::npos;
  })) << client.last_error();
  EXPECT_FALSE(client.connected());
  EXPECT_EQ(client.last_error().find("wrong-guess"), std::string::npos) << client.last_error();
}

TEST(RedisClient, ManyConcurrentPipelinesFromFourThreadsAllCompleteCorrectly) {
  IoThreads threads(4);
  RedisOptions options = Options(lapor::test::TestRedisUrl());
  options.connections = 3;
  RedisClient client(threads.io(), options);
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();
  ASSERT_TRUE(threads.Run(client.Command({"DEL", Key("total")})).ok());

  constexpr int kCalls = 400;
  std::vector<std::future<std::string>> results;
  for (int i = 0; i < kCalls; ++i) {
    // Each coroutine checks its own replies and reports a problem as text.
    auto call = [&client, i, key = Key(std::to_string(i)),
                 total = Key("total")]() -> asio::awaitable<std::string> {
      // Built before co_await: GCC 12 cannot keep an initializer_list in a coroutine frame.
      std::vector<RedisCommand> commands = {
          {"SET", key, std::to_string(i)}, {"INCR", key}, {"GET", key}, {"INCR", total}};
      Result<std::vector<RedisReply>> replies = co_await client.Pipeline(std::move(commands));
      if (!replies.ok()) {
        co_return "call " + std::to_string(i) + ": " + replies.error().message;
      }
      const std::vector<RedisReply>& r = *replies;
      if (r.size() != 4 || r[0] != Status("OK") || r[1] != Integer(i + 1) ||
          r[2] != String(std::to_string(i + 1)) || !r[3].is_integer()) {
        co_return "call " + std::to_string(i) + ": wrong replies";
      }
      co_return std::string();
    };
    results.push_back(asio::co_spawn(threads.io(), std::move(call), asio::use_future));
  }
  for (std::future<std::string>& result : results) {
    EXPECT_EQ(result.get(), "");
  }
  Result<RedisReply> total = threads.Run(client.Command({"GET", Key("total")}));
  ASSERT_TRUE(total.ok()) << total.error().message;
  EXPECT_EQ(*total, String(std::to_string(kCalls)));
  EXPECT_EQ(client.error_count(), 0u);
}

// Replies, timeouts and disconnects racing on the same calls: DEBUG SLEEP makes replies arrive
// right around the command timeout, while Redis is killed, restarted, paused and resumed. Every
// call completes exactly once (a promise set twice would throw, a lost call would hang) and
// nothing touches freed memory (run this under -fsanitize=address).
TEST(RedisClient, CallsRacingWithTimeoutsAndDisconnectsEachCompleteOnce) {
  std::unique_ptr<RedisProcess> redis = RedisProcess::Start({"--enable-debug-command", "yes"});
  IoThreads threads(4);
  RedisOptions options = Options(redis->url());
  options.connections = 2;
  options.command_timeout_ms = 10;
  options.connect_timeout_ms = 50;
  options.reconnect_delay_ms = 5;
  RedisClient client(threads.io(), options);
  client.Start();
  ASSERT_TRUE(Eventually([&] { return client.connected(); })) << client.last_error();

  std::atomic<int> ok{0};
  std::atomic<int> timed_out{0};
  std::atomic<int> unavailable{0};
  std::vector<std::future<void>> calls;
  const std::vector<std::function<void()>> disturbances = {
      [&] {  // none: replies and timeouts race alone
        for (std::future<void>& call : calls) {
          call.get();
        }
      },
      [&] { redis->Kill(); },
      [&] { redis->Restart(); },
      [&] { redis->Pause(); },
      [&] { redis->Resume(); },
  };
  for (const auto& disturb : disturbances) {
    // Let the client settle into the new state (reconnected, or failing fast) for a moment.
    Eventually([&] { return client.connected(); }, 200ms);
    for (int i = 0; i < 200; ++i) {
      const std::string sleep = i % 2 == 0 ? "0.009" : "0";
      // co_spawn keeps the lambda, and so its captures, alive until the coroutine ends.
      auto call = [&client, &ok, &timed_out, &unavailable, sleep]() -> asio::awaitable<void> {
        std::vector<RedisCommand> commands = {{"INCR", "n"}, {"DEBUG", "SLEEP", sleep}, {"PING"}};
        Result<std::vector<RedisReply>> replies = co_await client.Pipeline(std::move(commands));
        if (replies.ok()) {
          ok.fetch_add(1);
        } else if (replies.error().code == Errc::kTimeout) {
          timed_out.fetch_add(1);
        } else if (replies.error().code == Errc::kUnavailable) {
          unavailable.fetch_add(1);
        }
      };
      calls.push_back(asio::co_spawn(threads.io(), std::move(call), asio::use_future));
    }
    disturb();
  }
  for (std::future<void>& call : calls) {
    if (call.valid()) {
      call.get();
    }
  }
  EXPECT_EQ(ok + timed_out + unavailable, 1000);
  EXPECT_GT(timed_out, 0);    // the race was on
  EXPECT_GT(unavailable, 0);  // and so were the disconnects
  ASSERT_TRUE(Eventually([&] {
    Result<RedisReply> pong = threads.Run(client.Command({"PING"}));
    return pong.ok();
  })) << client.last_error();
}

}  // namespace
}  // namespace lapor::store
