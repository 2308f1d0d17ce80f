#include <gtest/gtest.h>
#include <iostream>
#include "unit/dialog/chat.hpp"
#include "unit/dialog/engine_fixture.hpp"
#include "dialog/screen.hpp"
namespace lapor::dialog {
namespace {
void P(const StepResult& r) { std::cout << "-----" << (r.end ? " END" : "") << (r.session ? "" : " nosess") << " len=" << ScreenLength(r.screen) << "\n" << r.screen << "\n"; }
void Feed(test::Chat& c, std::vector<std::string> in) {
  for (auto t : in) { std::cout << ">> [" << t << "]\n"; P(c.Send(t)); }
}
TEST(Scratch, Dump) {
  auto e = test::DefaultEngine();
  test::Chat c(*e, Channel::kUssd);
  P(c.Dial());
  Feed(c, {"1","1","1","1","98","98","98","98","98","0","0","0","0","Ciawi","Desa Pakansari", std::string(300,'y'), "3", "zz", "2", "0", "00"});
  Feed(c, {"4","2","1","1","1","1","98","98","98","98","0","0","0","0", "1", "Desa", "Antrean di puskesmas lama", "1", "2", "0","0"});
  std::cout << "======== SMS\n";
  test::Chat s(*e, Channel::kSms);
  Feed(s, {"halo", "1", "lapor", "LAPOR jalan rusak di depan sekolah dasar", "1", "1","1", "7", "Desa Pakansari", "0", "0", "Desa X", "1", "2", "00", "batal karena jalan rusak parah", "batal", "EN", "1", "ID", "bantuan", "cek", "cek 12345678", "CEK 1234567", "STATUS 12345670", "help", "cancel"});
}
}  // namespace
}  // namespace lapor::dialog
