#include "dialog/session.hpp"

namespace lapor::dialog {

Result<Session> SessionFromJson(const nlohmann::json& doc) {
  try {
    Session s;
    s.node = doc.at("node").get<std::string>();
    s.lang = doc.at("lang").get<std::string>();
    s.answers = doc.at("answers").get<std::map<std::string, std::string>>();
    s.trail = doc.at("trail").get<std::vector<std::string>>();
    s.page = doc.at("page").get<int>();
    s.prefilled = doc.at("prefilled").get<std::set<std::string>>();
    s.offers = doc.value("offers", std::map<std::string, std::string>{});
    s.resume_node = doc.value("resume_node", "");
    s.started_at = doc.at("started_at").get<TimeMs>();
    s.updated_at = doc.at("updated_at").get<TimeMs>();
    s.ussd_text = doc.value("ussd_text", "");
    s.dialog_version = doc.value("dialog_version", int64_t{0});
    return s;
  } catch (const nlohmann::json::exception& e) {
    return Error{Errc::kInternal, std::string("stored session is malformed: ") + e.what()};
  }
}

}  // namespace lapor::dialog
