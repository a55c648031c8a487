#include "connect/escalation_desk.h"

namespace aicc::connect {

Result<std::unique_ptr<EscalationDesk>> assemble_escalation_desk(
    Store& store, const std::filesystem::path& bot_dir, const Clock& clock, IdGenerator& ids,
    EscalationSettings settings) {
  auto seed = routing::QueueSet::load(bot_dir / "queues.json");
  if (!seed) return tl::unexpected(seed.error());
  auto desk = std::make_unique<EscalationDesk>(store, *seed, clock, ids, settings);
  if (auto st = desk->admin.load_or_seed(*seed); !st)
    return make_error(st.error().code, "queue configuration: " + st.error().message,
                      st.error().details);
  return desk;
}

}  // namespace aicc::connect
