#include "store/template_store.hpp"

#include <charconv>

#include "store/lua_library.hpp"
#include "store/outbox_records.hpp"

namespace lapor::store {

std::optional<int64_t> CounterValue(const RedisReply& reply) {
  if (reply.is_nil()) {
    return 0;
  }
  int64_t value = 0;
  const char* end = reply.str.data() + reply.str.size();
  auto [ptr, ec] = std::from_chars(reply.str.data(), end, value);
  if (!reply.is_string() || ec != std::errc() || ptr != end) {
    return std::nullopt;
  }
  return value;
}

TemplateStore::TemplateStore(RedisClient& redis, Keys keys, std::vector<std::string> languages)
    : redis_(redis),
      keys_(std::move(keys)),
      languages_(std::move(languages)),
      save_script_(LibraryScript("template_save")) {
  redis_.RegisterScript(save_script_);
}

boost::asio::awaitable<Result<int64_t>> TemplateStore::Save(TemplateEdit edit) {
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& c : edit.changes) {
    changes.push_back({{"lang", c.lang}, {"key", c.key}, {"text", c.text}});
  }
  nlohmann::json doc = {
      {"author", edit.author}, {"note", edit.note}, {"at", edit.at}, {"changes", changes}};
  // KEYS: the version, the history, then each language's texts; ARGV: the edit, the languages.
  RedisCommand call = RedisCommand::EvalSha(save_script_, 2 + languages_.size());
  call.Arg(keys_.TemplateVersion()).Arg(keys_.TemplateHistory());
  for (const auto& lang : languages_) {
    call.Arg(keys_.TemplateTexts(lang));
  }
  call.Arg(doc.dump()).Args(languages_);
  auto reply = co_await redis_.Command(std::move(call));
  if (!reply) {
    co_return reply.error();
  }
  if (!reply->is_integer()) {
    co_return Unexpected("template_save");
  }
  co_return reply->integer;
}

boost::asio::awaitable<Result<int64_t>> ReadCounter(RedisClient& redis, std::string key) {
  RedisCommand command = {"GET", key};
  auto reply = co_await redis.Command(std::move(command));
  if (!reply) {
    co_return reply.error();
  }
  auto value = CounterValue(*reply);
  if (!value) {
    co_return Unexpected("GET of a counter");
  }
  co_return *value;
}

boost::asio::awaitable<Result<int64_t>> TemplateStore::Version() {
  co_return co_await ReadCounter(redis_, keys_.TemplateVersion());
}

boost::asio::awaitable<Result<TemplateOverrides>> TemplateStore::Load() {
  std::vector<RedisCommand> commands = {{"GET", keys_.TemplateVersion()}};
  for (const auto& lang : languages_) {
    commands.push_back({"HGETALL", keys_.TemplateTexts(lang)});
  }
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  TemplateOverrides out;
  auto version = CounterValue(replies->at(0));
  if (!version) {
    co_return Unexpected("GET tpl:version");
  }
  out.version = *version;
  for (size_t i = 0; i < languages_.size(); ++i) {
    const RedisReply& texts = replies->at(i + 1);
    if (!texts.is_array() || texts.elements.size() % 2 != 0) {
      co_return Unexpected("HGETALL tpl:<lang>");
    }
    for (size_t j = 0; j + 1 < texts.elements.size(); j += 2) {
      out.texts[languages_[i]][texts.elements[j].str] = texts.elements[j + 1].str;
    }
  }
  co_return out;
}

boost::asio::awaitable<Result<std::vector<nlohmann::json>>> TemplateStore::History() {
  co_return co_await ReadJsonList(redis_, keys_.TemplateHistory());
}

boost::asio::awaitable<Result<std::vector<nlohmann::json>>> ReadJsonList(RedisClient& redis,
                                                                         std::string key) {
  RedisCommand command = {"LRANGE", key, "0", "-1"};
  auto reply = co_await redis.Command(std::move(command));
  if (!reply) {
    co_return reply.error();
  }
  if (!reply->is_array()) {
    co_return Unexpected("LRANGE of a JSON list");
  }
  std::vector<nlohmann::json> entries;
  for (const auto& item : reply->elements) {
    auto entry = nlohmann::json::parse(item.str, nullptr, false);
    if (entry.is_object()) {
      entries.push_back(std::move(entry));
    }
  }
  co_return entries;
}

}  // namespace lapor::store
