#include "e2e/support/fake_smsc.hpp"

#include <fstream>
#include <regex>
#include <stdexcept>

#include "text/url_encoding.hpp"
#include "text/utf8.hpp"

namespace lapor::e2e {
namespace {

constexpr std::string_view kGot = "Got message ";

// UCS-2 / UTF-16BE bytes as UTF-8.
std::string Utf16BeToUtf8(const std::string& bytes) {
  std::string out;
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    uint32_t unit =
        (static_cast<unsigned char>(bytes[i]) << 8) | static_cast<unsigned char>(bytes[i + 1]);
    if (unit >= 0xD800 && unit < 0xDC00 && i + 3 < bytes.size()) {
      uint32_t low = (static_cast<unsigned char>(bytes[i + 2]) << 8) |
                     static_cast<unsigned char>(bytes[i + 3]);
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    }
    text::AppendUtf8(static_cast<char32_t>(unit), out);
  }
  return out;
}

}  // namespace

std::string UrlDecode(const std::string& text) {
  // Kannel's log is not ours to refuse: a bad escape is shown as written.
  return text::PercentDecode(text, /*plus_is_space=*/true).value_or(text);
}

FakeSmsc::FakeSmsc(const std::string& binary, int port, const std::string& log_path)
    : log_path_(log_path) {
  std::vector<std::string> argv = {binary, "-H", "127.0.0.1", "-r", std::to_string(port),
                                   "-i",   "0"};
  for (const auto& arg : argv) {
    command_ += (command_.empty() ? "" : " ") + arg;
  }
  process_ = ChildProcess::Start(
      {.name = "fakesmsc", .argv = argv, .log_path = log_path, .stdin_pipe = true});
}

void FakeSmsc::SendMo(const std::string& from, const std::string& to, const std::string& text) {
  if (!process_->WriteLine(from + " " + to + " text " + text)) {
    throw std::runtime_error("fakesmsc is gone (" + process_->ending() + "); its log:\n" +
                             FileTail(log_path_, 20));
  }
}

void FakeSmsc::Poke() { process_->WriteLine(""); }

const std::vector<Mt>& FakeSmsc::Received() {
  std::ifstream in(log_path_, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(log_offset_));
  std::string chunk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Whole lines only: the last one may still be being written.
  size_t end = chunk.rfind('\n');
  if (end == std::string::npos) {
    return mts_;
  }
  size_t start = 0;
  while (start <= end) {
    size_t newline = chunk.find('\n', start);
    Parse(chunk.substr(start, newline - start));
    start = newline + 1;
  }
  log_offset_ += end + 1;
  return mts_;
}

std::vector<Mt> FakeSmsc::ReceivedBy(const std::string& to) {
  std::vector<Mt> out;
  for (const Mt& mt : Received()) {
    if (mt.to == to) {
      out.push_back(mt);
    }
  }
  return out;
}

// "2026-11-28 23:19:24 [23007] [0] DEBUG: Got message 7: <1708 +6281234567890 text Kategori:>"
// starts an MT; "... Got message 8: <1. Kesehatan>" continues the last one on a new line.
void FakeSmsc::Parse(const std::string& line) {
  size_t got = line.find(kGot);
  if (got == std::string::npos) {
    return;
  }
  size_t open = line.find(": <", got);
  size_t close = line.rfind('>');
  if (open == std::string::npos || close == std::string::npos || close < open + 3) {
    return;
  }
  std::string content = line.substr(open + 3, close - open - 3);
  static const std::regex kHeader(
      R"(^(\S+) (\+?[0-9]+) (text|data|ucs2|udh|udh-data|udh-text|route|dlr-mask) ?(.*)$)");
  std::smatch m;
  if (std::regex_match(content, m, kHeader)) {
    Mt mt{.from = m[1], .to = m[2], .type = m[3], .text = m[4]};
    if (mt.type == "udh") {
      AddPart(std::move(mt), m[4]);
      return;
    }
    if (mt.type == "data") {
      mt.text = UrlDecode(mt.text);
    } else if (mt.type == "ucs2") {
      mt.text = Utf16BeToUtf8(UrlDecode(mt.text));
    }
    mt.seen_at = std::chrono::system_clock::now();
    mts_.push_back(std::move(mt));
    return;
  }
  if (mts_.empty()) {
    mts_.push_back({.type = "?", .text = content, .seen_at = std::chrono::system_clock::now()});
    return;
  }
  mts_.back().text += "\n" + content;
}

// "<UDH> data <text>": the UDH of a concatenated SMS is 05 00 03 <reference> <total> <number>.
void FakeSmsc::AddPart(Mt part, const std::string& rest) {
  static const std::regex kUdh(R"(^(\S+) (data|ucs2|text) ?(.*)$)");
  std::smatch m;
  std::string udh;
  if (std::regex_match(rest, m, kUdh)) {
    udh = UrlDecode(m[1]);
  }
  if (udh.size() < 6 || udh[0] != 5 || udh[1] != 0 || udh[2] != 3) {
    part.seen_at = std::chrono::system_clock::now();
    mts_.push_back(std::move(part));  // not a concatenation: shown as printed
    return;
  }
  const std::string type = m[2];
  std::string text = type == "ucs2" ? Utf16BeToUtf8(UrlDecode(m[3])) : UrlDecode(m[3]);
  auto& parts = parts_[{part.to, static_cast<unsigned char>(udh[3])}];
  parts.total = static_cast<unsigned char>(udh[4]);
  parts.texts[static_cast<unsigned char>(udh[5])] = std::move(text);
  if (static_cast<int>(parts.texts.size()) < parts.total) {
    return;
  }
  Mt whole{.from = part.from,
           .to = part.to,
           .type = type == "ucs2" ? "ucs2" : "text",
           .seen_at = std::chrono::system_clock::now(),
           .parts = parts.total};
  for (const auto& [number, piece] : parts.texts) {
    whole.text += piece;
  }
  parts_.erase({part.to, static_cast<unsigned char>(udh[3])});
  mts_.push_back(std::move(whole));
}

}  // namespace lapor::e2e
