#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "e2e/support/child_process.hpp"

namespace lapor::e2e {

// One SMS the phone network got from Kannel (an MT), as fakesmsc printed it.
struct Mt {
  std::string from;  // the sender id Kannel put on it
  std::string to;    // the phone it was for
  std::string type;  // fakesmsc's type: text, ucs2, data, udh...
  std::string text;  // text (ucs2 and data decoded to UTF-8); other types as printed
  std::chrono::system_clock::time_point seen_at;  // when the test first read it
  int parts = 1;  // SMS it came in: a long text is concatenated (UDH), reassembled here
};

// The phone network: Kannel's fakesmsc (package kannel-extras) connected to bearerbox's fake
// SMSC, run in its interactive mode (no message on its command line):
//   fakesmsc -H 127.0.0.1 -r <port> -i 0
// Each line on its stdin, "<from> <to> text <text>", is one MO; it prints each MT it gets from
// bearerbox on stderr as "Got message N: <<from> <to> <type> <text>>". A text with line breaks
// comes as one such line per text line; Parse() joins them again.
//
// A text longer than one SMS comes as concatenated parts, each printed as "<from> <to> udh <UDH>
// data <text>" (or ucs2); the parts are put back together into one Mt of type "text" (or "ucs2")
// once the last has come, as a phone shows them.
//
// Quirk: fakesmsc reads its socket only after a line on stdin or after 1 s without one, so the
// test writes an empty line (Poke) while it waits, to see MTs within ~100 ms.
class FakeSmsc {
 public:
  // Starts fakesmsc; bearerbox's fake SMSC must be listening on `port` already.
  FakeSmsc(const std::string& binary, int port, const std::string& log_path);

  // Sends one MO. Throws std::runtime_error if fakesmsc has gone away.
  void SendMo(const std::string& from, const std::string& to, const std::string& text);
  // An empty line: fakesmsc sends nothing and reads what waits on its socket.
  void Poke();
  // Every MT so far, in the order fakesmsc got them. Reads the log from where it left off.
  const std::vector<Mt>& Received();
  // Only the MTs to `to`.
  std::vector<Mt> ReceivedBy(const std::string& to);

  ChildProcess& process() { return *process_; }
  const std::string& log_path() const { return log_path_; }
  std::string command() const { return command_; }

 private:
  void Parse(const std::string& line);
  // One part of a concatenated MT ("udh" type): kept until its message is whole.
  void AddPart(Mt part, const std::string& rest);

  // Parts of concatenated MTs still incomplete, by (phone, reference number).
  struct Parts {
    int total = 0;
    std::map<int, std::string> texts;
  };
  std::map<std::pair<std::string, int>, Parts> parts_;
  std::string log_path_;
  std::string command_;
  std::unique_ptr<ChildProcess> process_;
  size_t log_offset_ = 0;  // bytes of the log already parsed (whole lines only)
  std::vector<Mt> mts_;
};

// URL-decoding as fakesmsc and Kannel use it ('+' is a space).
std::string UrlDecode(const std::string& text);

}  // namespace lapor::e2e
