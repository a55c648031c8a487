#include "convtest/local_bot.h"

#include <cstdlib>
#include <string>
#include <system_error>

namespace aicc::convtest {
namespace fs = std::filesystem;

Result<std::unique_ptr<bot::BotEngine>> load_bot_in_memory(const fs::path& dir) {
  bot::BotOptions options;
  options.dir = dir;
  options.model_path.clear();  // train in memory
  return bot::BotEngine::load(options);
}

namespace {

Result<fs::path> make_temp_dir() {
  std::error_code ec;
  const fs::path base = fs::temp_directory_path(ec);
  if (ec) return make_error(ErrorCode::kUnavailable, "no temporary directory: " + ec.message());
  std::string pattern = (base / "aicc-local-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    return make_error(ErrorCode::kUnavailable, "cannot create a directory under " + base.string());
  return fs::path(pattern);
}

}  // namespace

Result<std::unique_ptr<LocalBot>> LocalBot::open(const bot::BotEngine& bot, const Clock& clock) {
  auto dir = make_temp_dir();
  if (!dir) return tl::unexpected(dir.error());
  StoreOptions so;
  so.url = "sqlite:" + (*dir / "aicc.db").string();
  so.pool_size = 1;
  auto store = open_store(so);
  if (store) {
    if (auto st = (*store)->migrate(); !st) store = tl::unexpected(st.error());
  }
  if (!store) {
    std::error_code ec;
    fs::remove_all(*dir, ec);
    return tl::unexpected(store.error());
  }
  return std::unique_ptr<LocalBot>(new LocalBot(*dir, std::move(*store), bot, clock));
}

LocalBot::LocalBot(fs::path dir, std::unique_ptr<Store> store, const bot::BotEngine& bot,
                   const Clock& clock)
    : dir_(std::move(dir)),
      store_(std::move(store)),
      ids_(clock, random_),
      turns_(*store_, bot, clock, ids_),
      chat_(*store_, clock, ids_, {}, &turns_) {}

LocalBot::~LocalBot() {
  store_.reset();  // close the database before its files go
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

Result<OpenedConversation> LocalBot::open_conversation(const std::string& language,
                                                       std::optional<CustomerTier> tier) {
  OpenConversation request;
  request.channel = "chat";
  request.language = language;
  NewCustomer customer;
  customer.tier = tier;
  request.customer = customer;
  return chat_.open(request);
}

Result<PostedMessage> LocalBot::say(const std::string& conversation_id, const std::string& text) {
  return chat_.post_customer_message(conversation_id, text, "local-" + std::to_string(++sent_));
}

Result<Conversation> LocalBot::conversation(const std::string& conversation_id) {
  return chat_.get(conversation_id);
}

}  // namespace aicc::convtest
