#include "channels/africastalking/sms.hpp"

namespace lapor::channels::africastalking {

Result<InboundMessage> ParseSms(const Fields& form) { return ParseSmsFields(form, "at-sms"); }

}  // namespace lapor::channels::africastalking
