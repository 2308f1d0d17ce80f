#include "common/digest.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lapor {
namespace {

TEST(Digest, HmacsMatchTheRfcTestVectors) {
  // RFC 2202 test case 2 (HMAC-SHA1) and RFC 4231 test case 2 (HMAC-SHA256).
  EXPECT_EQ(LowerHex(HmacSha1("Jefe", "what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  EXPECT_EQ(LowerHex(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(LowerHex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(LowerHex(Sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST(Digest, AShortSha1HexIsTheStartOfTheWholeOne) {
  EXPECT_EQ(Sha1HexPrefix("abc", 6), "a9993e364706");
  EXPECT_EQ(Sha1HexPrefix("abc", 20), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(Sha1HexPrefix("abc", 99), "a9993e364706816aba3e25717850c26c9cd0d89d");
  for (const std::string data : {"", "ATUid_0123456789abcdef", "1*1*1*koba*1"}) {
    EXPECT_EQ(Sha1HexPrefix(data, 6), LowerHex(Sha1(data)).substr(0, 12)) << data;
  }
}

TEST(Digest, Base64MatchesRfc4648) {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [in, out] : cases) {
    EXPECT_EQ(Base64(in), out) << in;
  }
  EXPECT_EQ(Base64Url("\xfb\xff"), "-_8");
  EXPECT_EQ(Base64("\xfb\xff"), "+/8=");
}

}  // namespace
}  // namespace lapor
