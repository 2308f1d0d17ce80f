#include "admin/dialog_versions.hpp"

#include "common/config_error.hpp"
#include "dialog/dialog_loader.hpp"

namespace lapor::admin {

EnginesInForce BuildEngines(const std::shared_ptr<const dialog::Engine>& base, int64_t active,
                            const std::vector<DialogDoc>& recent) {
  EnginesInForce out;
  out.shelf[0] = base;
  for (const auto& doc : recent) {
    const std::string source = "dialog version " + std::to_string(doc.version);
    try {
      auto dialog =
          std::make_shared<const dialog::Dialog>(dialog::ParseDialog(doc.dialog, {}, source));
      out.shelf[doc.version] = base->WithDialog(std::move(dialog), doc.version);
    } catch (const ConfigError& e) {
      out.problems.insert(out.problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  auto in_force = out.shelf.find(active);
  if (in_force != out.shelf.end()) {
    out.active = in_force->second;
  } else {
    out.problems.push_back(std::to_string(active) + ": the active dialog version is not stored");
  }
  return out;
}

}  // namespace lapor::admin
