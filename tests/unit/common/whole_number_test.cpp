#include "common/whole_number.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace lapor {
namespace {

TEST(WholeNumber, FormatsEveryWidthIntoItsBufferAndReadsBack) {
  char digits[24];
  EXPECT_EQ(FormatWhole(0, digits), "0");
  EXPECT_EQ(FormatWhole(-42, digits), "-42");
  EXPECT_EQ(FormatWhole(size_t{1234567}, digits), "1234567");
  EXPECT_EQ(FormatWhole(std::numeric_limits<int64_t>::min(), digits), "-9223372036854775808");
  EXPECT_EQ(FormatWhole(std::numeric_limits<uint64_t>::max(), digits), "18446744073709551615");
  int64_t back = 0;
  EXPECT_TRUE(ParseWhole(FormatWhole(int64_t{-9000000000}, digits), back));
  EXPECT_EQ(back, -9000000000);
  EXPECT_FALSE(ParseWhole(std::string_view("12x"), back));
  EXPECT_FALSE(ParseWhole(std::string_view(""), back));
}

}  // namespace
}  // namespace lapor
