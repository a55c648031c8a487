// What the load generator sends and how it judges the answers, free of any networking: the
// customer-message mix for bot turns, the conversation pool it is spread over, and the checks
// on each response. The network side (loadgen.cc) only moves bytes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aicc::bench {

enum class WorkloadKind { kTurns, kAppend, kHealthz };

std::optional<WorkloadKind> parse_workload(std::string_view name);
std::string_view workload_name(WorkloadKind kind);

// One HTTP request to send: method, target and (for POST) a JSON body.
struct RequestSpec {
  bool post = false;
  std::string target;
  std::string body;
  int conversation = -1;  // index into the pool, -1 when the request is about no conversation
};

// How a response was judged.
struct Verdict {
  bool ok = false;
  std::string error;           // kind of failure when !ok ("status 500", "no bot reply: …")
  std::string decision;        // the bot's decision on a turn ("faq_answer", …), if any
  std::string replace_reason;  // non-empty: the conversation is over for the bot; open a new one
};

// A customer conversation as the load generator drives it: the script it is in and the step.
struct Conversation {
  std::string id;
  bool english = false;
  std::size_t script = 0;  // index into the language's scripts
  std::size_t step = 0;    // next message within the script
  bool busy = false;       // a request for it is in flight (customers do not talk over the bot)
};

// The conversations of one shard and the message mix they are driven with. Not thread-safe:
// each shard of the load generator owns one.
class ConversationPool {
 public:
  ConversationPool(WorkloadKind kind, std::string client_id_prefix, std::size_t size,
                   std::size_t first_index);

  WorkloadKind kind() const { return kind_; }
  std::size_t size() const { return conversations_.size(); }
  Conversation& at(std::size_t i) { return conversations_[i]; }

  // The request that opens conversation `i` (in its language).
  RequestSpec open_request(std::size_t i) const;
  // Reads the id from a 201 answer to open_request; false when the answer is not one.
  bool opened(std::size_t i, int status, std::string_view body);

  // The next request of the workload. For turns and append: the next message of the next idle
  // conversation (round-robin), which is then busy until release(). nullopt when every
  // conversation is busy (the pool is smaller than the number of connections).
  std::optional<RequestSpec> next();
  // Judges the response to `spec`, advances the conversation's script and frees it.
  Verdict judge(const RequestSpec& spec, int status, std::string_view body);
  // Frees a conversation whose request failed without a response (timeout, connection error).
  void release(const RequestSpec& spec);

  // The customer messages of the mix, for --list-messages.
  static std::vector<std::string> all_messages();

 private:
  WorkloadKind kind_;
  std::string client_id_prefix_;
  std::vector<Conversation> conversations_;
  std::size_t round_robin_ = 0;
  std::uint64_t sequence_ = 0;
  std::size_t first_index_;
};

}  // namespace aicc::bench
