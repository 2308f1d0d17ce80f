#include "store/dialog_version_store.hpp"

#include "store/lua_library.hpp"
#include "store/outbox_records.hpp"
#include "store/template_store.hpp"

namespace lapor::store {
namespace {

using boost::asio::awaitable;
using nlohmann::json;

// The versions of an LRANGE of dlg:recent; nullopt for a member that is not a number.
std::optional<std::vector<int64_t>> VersionsOf(const RedisReply& reply) {
  if (!reply.is_array()) {
    return std::nullopt;
  }
  std::vector<int64_t> versions;
  for (const auto& item : reply.elements) {
    auto version = CounterValue(item);
    if (!version || item.is_nil()) {
      return std::nullopt;
    }
    versions.push_back(*version);
  }
  return versions;
}

}  // namespace

DialogVersionStore::DialogVersionStore(RedisClient& redis, Keys keys)
    : redis_(redis),
      keys_(std::move(keys)),
      save_script_(LibraryScript("dialog_save")),
      activate_script_(LibraryScript("dialog_activate")) {
  redis_.RegisterScript(save_script_);
  redis_.RegisterScript(activate_script_);
}

awaitable<Result<int64_t>> DialogVersionStore::Save(const json& dialog, DialogAuthor by) {
  json record = {{"dialog", dialog}, {"author", by.author}, {"note", by.note}, {"at", by.at}};
  RedisCommand call = RedisCommand::EvalSha(
      save_script_, {keys_.DialogSeq(), keys_.DialogDocs(), keys_.DialogHistory()},
      {record.dump(), by.author, by.note});
  call.Number(by.at);
  auto reply = co_await redis_.Command(std::move(call));
  if (!reply) {
    co_return reply.error();
  }
  if (!reply->is_integer()) {
    co_return Unexpected("dialog_save");
  }
  co_return reply->integer;
}

awaitable<Result<int64_t>> DialogVersionStore::Activate(int64_t version, std::string action,
                                                        DialogAuthor by) {
  RedisCommand call = RedisCommand::EvalSha(
      activate_script_,
      {keys_.DialogDocs(), keys_.DialogActive(), keys_.DialogRecent(), keys_.DialogHistory()}, {});
  call.Number(version).Arg(action).Arg(by.author).Arg(by.note).Number(by.at).Number(
      kKeptDialogVersions);
  auto reply = co_await redis_.Command(std::move(call));
  if (!reply) {
    co_return reply.error();
  }
  if (!reply->is_integer()) {
    co_return Unexpected("dialog_activate");
  }
  if (reply->integer < 0) {
    co_return Error{Errc::kNotFound, "no such dialog version"};
  }
  co_return reply->integer;
}

awaitable<Result<int64_t>> DialogVersionStore::Active() {
  co_return co_await ReadCounter(redis_, keys_.DialogActive());
}

awaitable<Result<json>> DialogVersionStore::Read(int64_t version) {
  RedisCommand command = {"HGET", keys_.DialogDocs(), std::to_string(version)};
  auto reply = co_await redis_.Command(std::move(command));
  if (!reply) {
    co_return reply.error();
  }
  if (reply->is_nil()) {
    co_return Error{Errc::kNotFound, "no such dialog version"};
  }
  auto record = json::parse(reply->str, nullptr, false);
  if (!reply->is_string() || !record.is_object() || !record.contains("dialog")) {
    co_return Unexpected("HGET dlg:docs");
  }
  co_return record;
}

awaitable<Result<RecentDialogs>> DialogVersionStore::Recent() {
  std::vector<RedisCommand> commands = {{"GET", keys_.DialogActive()},
                                        {"LRANGE", keys_.DialogRecent(), "0", "-1"}};
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  auto active = CounterValue(replies->at(0));
  auto versions = VersionsOf(replies->at(1));
  if (!active || !versions) {
    co_return Unexpected("GET dlg:active / LRANGE dlg:recent");
  }
  RecentDialogs out{.active = *active};
  for (int64_t version : *versions) {
    if (version == 0) {
      continue;  // as shipped: no document stored
    }
    auto record = co_await Read(version);
    if (!record) {
      co_return record.error();
    }
    out.dialogs.push_back({.version = version, .dialog = std::move((*record)["dialog"])});
  }
  co_return out;
}

awaitable<Result<std::vector<json>>> DialogVersionStore::History() {
  co_return co_await ReadJsonList(redis_, keys_.DialogHistory());
}

}  // namespace lapor::store
