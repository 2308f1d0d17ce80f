#include <gtest/gtest.h>
#include <iostream>
#include "unit/dialog/chat.hpp"
#include "unit/dialog/engine_fixture.hpp"
namespace lapor::dialog {
namespace {
void P(const StepResult& r) { std::cout << "-----" << (r.end ? " END" : "") << (r.session ? "" : " nosess") << "\n" << r.screen << "\n"; }
TEST(Scratch, Dump) {
  auto e = test::DefaultEngine();
  test::Chat c(*e, Channel::kUssd);
  P(c.Dial());
  for (auto t : {"1","1","1","98","98","98","98","0","0","0","1","x","98", "Cibinong", "ab", "Desa Pakansari", "pendek", "Antrean puskesmas lama sekali", "9", "2", "9", "2", "0", "0", "00", "4", "2", "1","1","1","1","98","98","1","Desa Pakansari","Antrean puskesmas lama sekali","2","5","3"}) {
    std::cout << ">> " << t << "\n"; P(c.Send(t));
  }
}
}  // namespace
}  // namespace lapor::dialog
