#include "store/dialog_store.hpp"

#include <fstream>
#include <sstream>

#include "common/config_error.hpp"

namespace lapor::store {
namespace {

using dialog::Channel;

std::string SessionKey(const Keys& keys, const StepAddress& a) {
  return a.channel == Channel::kUssd ? keys.UssdSession(a.msisdn, a.ussd_session_id)
                                     : keys.SmsSession(a.msisdn);
}

Result<dialog::Session> ParseSession(const std::string& json) {
  auto doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded()) {
    return Error{Errc::kInternal, "stored session is not JSON"};
  }
  return dialog::SessionFromJson(doc);
}

int64_t ToInt(const RedisReply& reply) {
  if (reply.is_integer()) {
    return reply.integer;
  }
  try {
    return reply.is_string() ? std::stoll(reply.str) : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

LuaScript LoadLuaScript(const std::string& name) {
  std::string path = std::string(LAPOR_SOURCE_DIR) + "/server/store/lua/" + name + ".lua";
  std::ifstream in(path);
  if (!in) {
    throw ConfigError({path + ": cannot be read"});
  }
  std::stringstream text;
  text << in.rdbuf();
  return LuaScript::FromSource(name, text.str());
}

DialogStore::DialogStore(RedisClient& redis, Keys keys, StepTtls ttls, std::string region)
    : redis_(redis),
      keys_(std::move(keys)),
      ttls_(ttls),
      region_(std::move(region)),
      step_script_(LoadLuaScript("dialog_step")) {
  redis_.RegisterScript(step_script_);
}

boost::asio::awaitable<Result<StepSnapshot>> DialogStore::Read(const StepAddress& a) {
  std::vector<std::vector<std::string>> commands = {
      {"GET", keys_.Seen(a.provider, a.message_id)},
      {"HMGET", SessionKey(keys_, a), "v", "data"},
  };
  if (a.want_resume) {
    commands.push_back({"GET", keys_.UssdResume(a.msisdn)});
  }
  if (!a.lookup_no.empty()) {
    commands.push_back({"HMGET", keys_.Case(a.lookup_no), "status", "phone", "updated_at"});
  }
  auto replies = co_await redis_.Pipeline(std::move(commands));
  if (!replies) {
    co_return replies.error();
  }
  for (const auto& reply : *replies) {
    if (reply.is_error()) {
      co_return Error{Errc::kInternal, "redis: " + reply.str};
    }
  }
  StepSnapshot snap;
  size_t i = 0;
  const auto& seen = (*replies)[i++];
  if (seen.is_string() && !seen.str.empty()) {
    snap.seen_end = seen.str.front() == 'E';
    snap.seen_reply = seen.str.substr(1);
    co_return snap;
  }
  const auto& session = (*replies)[i++];
  if (session.is_array() && session.elements.size() == 2 && session.elements[1].is_string()) {
    auto parsed = ParseSession(session.elements[1].str);
    if (!parsed) {
      co_return parsed.error();
    }
    snap.session = std::move(*parsed);
    snap.version = ToInt(session.elements[0]);
  }
  if (a.want_resume) {
    const auto& resume = (*replies)[i++];
    if (resume.is_string()) {
      // A snapshot we cannot read is only a lost chance to resume, not a failed step.
      if (auto parsed = ParseSession(resume.str)) {
        snap.resume = std::move(*parsed);
      }
    }
  }
  if (!a.lookup_no.empty()) {
    const auto& found = (*replies)[i++];
    if (found.is_array() && found.elements.size() == 3 && found.elements[0].is_string()) {
      snap.lookup = dialog::CaseView{.tracking_no = a.lookup_no,
                                     .status = found.elements[0].str,
                                     .phone = found.elements[1].str,
                                     .updated_at = ToInt(found.elements[2])};
    }
  }
  co_return snap;
}

boost::asio::awaitable<Result<CommitResult>> DialogStore::Commit(const StepAddress& a,
                                                                 int64_t expected_version,
                                                                 const dialog::StepResult& step,
                                                                 const FilingExtras& filing,
                                                                 TimeMs now) {
  bool ussd = a.channel == Channel::kUssd;
  std::string session_json;
  std::string node;
  std::string lang = step.file_case ? step.file_case->lang : "";
  if (step.session) {
    session_json = dialog::ToJson(*step.session).dump();
    node = step.session->node;
    lang = step.session->lang;
  }
  // The resume snapshot follows a USSD dialog while it is under way, and goes when it ends.
  std::string resume = "none";
  if (ussd) {
    if (!step.session || step.end) {
      resume = "clear";
    } else if (step.session->node != dialog::kResumeNode) {
      resume = step.session->trail.empty() ? "clear" : "keep";
    }
  }
  std::string case_json;
  if (step.file_case) {
    nlohmann::json fields(step.file_case->answers);
    fields["status"] = "submitted";
    fields["phone"] = a.msisdn;
    fields["lang"] = step.file_case->lang;
    fields["channel"] = ussd ? "ussd" : "sms";
    fields["region"] = region_;
    for (const auto& [answer, label] : step.file_case->labels) {
      fields["label_" + answer] = label;
    }
    fields["created_at"] = now;
    fields["updated_at"] = now;
    case_json = fields.dump();
  }
  int64_t session_ttl = ussd ? ttls_.ussd_session_s : ttls_.sms_session_s;
  auto command = RedisClient::EvalSha(
      step_script_,
      {SessionKey(keys_, a), keys_.Seen(a.provider, a.message_id), keys_.UssdResume(a.msisdn),
       keys_.CaseSequence(), keys_.Citizen(a.msisdn), keys_.CitizenCases(a.msisdn), keys_.Due(),
       keys_.CaseIndex(), keys_.Outbox(), keys_.OutboxSequence()},
      {std::to_string(expected_version), session_json, std::to_string(session_ttl), node, lang,
       step.screen, step.end || !step.session ? "E" : "C", std::to_string(ttls_.dedupe_s), resume,
       std::to_string(ttls_.resume_s), case_json, std::string(dialog::kTrackingPlaceholder),
       std::to_string(now), keys_.CasePrefix(),
       step.file_case && filing.verify_due > 0 ? std::to_string(filing.verify_due) : "",
       step.file_case ? filing.received_text : "",
       step.opt_out ? (*step.opt_out ? "1" : "0") : ""});
  auto reply = co_await redis_.Command(std::move(command));
  if (!reply) {
    co_return reply.error();
  }
  if (reply->is_error()) {
    co_return Error{Errc::kInternal, "redis: " + reply->str};
  }
  const auto& parts = reply->elements;
  if (!reply->is_array() || parts.empty() || !parts[0].is_string()) {
    co_return Error{Errc::kInternal, "unexpected reply from dialog_step"};
  }
  CommitResult result;
  if (parts[0].str == "conflict") {
    result.outcome = CommitOutcome::kConflict;
  } else if (parts[0].str == "seen" && parts.size() == 2) {
    result.outcome = CommitOutcome::kSeen;
    result.end = !parts[1].str.empty() && parts[1].str.front() == 'E';
    result.reply = parts[1].str.empty() ? "" : parts[1].str.substr(1);
  } else if (parts[0].str == "ok" && parts.size() == 3) {
    result.reply = parts[1].str;
    result.tracking_no = parts[2].str;
    result.end = step.end || !step.session;
  } else {
    co_return Error{Errc::kInternal, "unexpected reply from dialog_step"};
  }
  co_return result;
}

}  // namespace lapor::store
