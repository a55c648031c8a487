#include "workload.h"

#include <boost/json.hpp>

namespace aicc::bench {
namespace json = boost::json;

namespace {

using Script = std::vector<std::string_view>;

// What customers of a shop write, in short conversations that each end in a resolution (an FAQ
// answer, a completed scenario, a greeting) so the bot's "turns without resolution" and "same
// intent three times" escalations do not fire; one goodbye per cycle closes the conversation
// (the load generator then opens a new one, as a new customer would arrive). Scenario answers
// follow the default bot's scenarios in bot/scenarios/. Each conversation starts at a different
// script, so at any moment the mix is spread over all of them.
const std::vector<Script>& korean_scripts() {
  static const std::vector<Script> scripts = {
      {"안녕하세요"},
      {"영업시간이 어떻게 되나요?"},
      {"주문 조회하고 싶어요", "ORD-20240115-001"},
      {"배송비는 얼마인가요?"},
      {"상품 문의하려고요", "전자제품", "노트북", "가격"},
      {"오늘 날씨 어때요?", "어떤 결제 방법을 지원하나요?"},  // out of scope, then a question
      {"예약하고 싶어요", "방문 서비스", "내일", "010-1234-5678"},
      {"비밀번호를 잊어버렸어요"},
      {"주문 취소하고 싶어요", "ORD-20240115-002", "단순 변심", "예"},
      {"적립금은 어떻게 사용하나요?"},
      {"고객센터 전화번호는 무엇인가요?"},
      {"감사합니다. 안녕히 계세요"},
  };
  return scripts;
}

const std::vector<Script>& english_scripts() {
  static const std::vector<Script> scripts = {
      {"Hello"},
      {"What are your business hours?"},
      {"I want to check my order", "ORD-20240115-003"},
      {"How much is shipping?"},
      {"I have a question about a product", "Clothing", "winter jacket", "Stock"},
      {"Tell me a joke", "Which payment methods do you accept?"},
      {"I'd like to make a reservation", "Visit service", "tomorrow", "010-9876-5432"},
      {"I forgot my password."},
      {"I want to cancel my order", "ORD-20240115-004", "Changed my mind", "Yes"},
      {"How do I use a coupon?"},
      {"Do you ship internationally?"},
      {"Thanks, bye!"},
  };
  return scripts;
}

const std::vector<Script>& scripts_for(const Conversation& c) {
  return c.english ? english_scripts() : korean_scripts();
}

std::string conversation_target(const std::string& id) {
  return "/api/v1/conversations/" + id + "/messages";
}

const json::object* as_object(const json::value* v) {
  return v ? v->if_object() : nullptr;
}

std::string string_at(const json::object* o, std::string_view key) {
  if (!o) return {};
  const json::value* v = o->if_contains(key);
  if (!v || !v->is_string()) return {};
  return std::string(v->get_string());
}

}  // namespace

std::optional<WorkloadKind> parse_workload(std::string_view name) {
  if (name == "turns") return WorkloadKind::kTurns;
  if (name == "append") return WorkloadKind::kAppend;
  if (name == "healthz") return WorkloadKind::kHealthz;
  return std::nullopt;
}

std::string_view workload_name(WorkloadKind kind) {
  switch (kind) {
    case WorkloadKind::kTurns:
      return "turns";
    case WorkloadKind::kAppend:
      return "append";
    case WorkloadKind::kHealthz:
      return "healthz";
  }
  return "?";
}

ConversationPool::ConversationPool(WorkloadKind kind, std::string client_id_prefix,
                                   std::size_t size, std::size_t first_index)
    : kind_(kind), client_id_prefix_(std::move(client_id_prefix)), first_index_(first_index) {
  if (kind_ == WorkloadKind::kHealthz) size = 0;
  conversations_.resize(size);
  for (std::size_t i = 0; i < size; ++i) {
    const std::size_t global = first_index + i;
    Conversation& c = conversations_[i];
    c.english = global % 3 == 2;  // two Korean customers for each English one
    c.script = (global * 5) % scripts_for(c).size();
  }
}

RequestSpec ConversationPool::open_request(std::size_t i) const {
  const Conversation& c = conversations_[i];
  json::object body{{"channel", "api"}, {"language", c.english ? "en" : "ko"}};
  return {true, "/api/v1/conversations", json::serialize(body), static_cast<int>(i)};
}

bool ConversationPool::opened(std::size_t i, int status, std::string_view body) {
  if (status != 201) return false;
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) return false;
  const json::object* conv =
      as_object(v.is_object() ? v.get_object().if_contains("conversation") : nullptr);
  std::string id = string_at(conv, "id");
  if (id.empty()) return false;
  Conversation& c = conversations_[i];
  c.id = std::move(id);
  if (c.step != 0) {  // replaced mid-script: the new customer starts the next topic
    c.step = 0;
    c.script = (c.script + 1) % scripts_for(c).size();
  }
  return true;
}

std::optional<RequestSpec> ConversationPool::next() {
  if (kind_ == WorkloadKind::kHealthz) return RequestSpec{false, "/healthz", {}, -1};
  const std::size_t n = conversations_.size();
  for (std::size_t tried = 0; tried < n; ++tried) {
    const std::size_t i = round_robin_;
    round_robin_ = (round_robin_ + 1) % n;
    Conversation& c = conversations_[i];
    if (c.busy || c.id.empty()) continue;
    c.busy = true;
    const Script& script = scripts_for(c)[c.script];
    json::object body{{"text", script[c.step]},
                      {"client_msg_id", client_id_prefix_ + std::to_string(first_index_) + "-" +
                                            std::to_string(++sequence_)}};
    return RequestSpec{true, conversation_target(c.id), json::serialize(body), static_cast<int>(i)};
  }
  return std::nullopt;
}

void ConversationPool::release(const RequestSpec& spec) {
  if (spec.conversation >= 0)
    conversations_[static_cast<std::size_t>(spec.conversation)].busy = false;
}

Verdict ConversationPool::judge(const RequestSpec& spec, int status, std::string_view body) {
  Verdict v;
  if (kind_ == WorkloadKind::kHealthz) {
    v.ok = status == 200;
    if (!v.ok) v.error = "status " + std::to_string(status);
    return v;
  }
  Conversation& c = conversations_[static_cast<std::size_t>(spec.conversation)];
  c.busy = false;
  // The script moves on whatever happened: a customer does not repeat a message because the
  // server was slow.
  const auto& scripts = scripts_for(c);
  if (++c.step >= scripts[c.script].size()) {
    c.step = 0;
    c.script = (c.script + 1) % scripts.size();
  }
  if (status != 201) {
    v.error = "status " + std::to_string(status);
    if (status == 409) v.replace_reason = "closed (409)";
    return v;
  }
  boost::system::error_code ec;
  json::value doc = json::parse(body, ec);
  const json::object* root = ec ? nullptr : doc.if_object();
  if (!root || !as_object(root->if_contains("message"))) {
    v.error = "201 without the stored message";
    return v;
  }
  const json::value* replies = root->if_contains("replies");
  const json::array* list = replies ? replies->if_array() : nullptr;
  const json::object* bot = as_object(root->if_contains("bot"));
  if (kind_ == WorkloadKind::kAppend) {
    v.ok = true;  // the bot is off: the stored message is the whole answer
    return v;
  }
  if (!list || list->empty()) {
    const std::string reason = string_at(bot, "reason");
    v.error = "no bot reply (" + (reason.empty() ? std::string("no reason") : reason) + ")";
    v.replace_reason = "bot inactive: " + (reason.empty() ? std::string("?") : reason);
    return v;
  }
  v.ok = true;
  const json::object* reply = as_object(&list->front());
  v.decision = string_at(reply, "decision");
  if (v.decision == "escalate") {
    const json::object* details = as_object(reply ? reply->if_contains("details") : nullptr);
    const json::object* esc = as_object(details ? details->if_contains("escalation") : nullptr);
    v.replace_reason = "escalated: " + string_at(esc, "reason");
  } else if (v.decision == "goodbye") {
    v.replace_reason = "goodbye (closed)";
  }
  return v;
}

std::vector<std::string> ConversationPool::all_messages() {
  std::vector<std::string> out;
  for (const auto* scripts : {&korean_scripts(), &english_scripts()})
    for (const auto& s : *scripts)
      for (auto m : s) out.emplace_back(m);
  return out;
}

}  // namespace aicc::bench
