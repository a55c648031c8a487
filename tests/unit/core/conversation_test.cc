#include "core/conversation.h"

#include <gtest/gtest.h>

namespace aicc {
namespace {

using S = ConversationState;

TEST(Conversation, HappyPathThroughAnAgent) {
  Conversation c;
  const auto t = from_unix_micros(42);
  ASSERT_TRUE(transition(c, S::kQueued, t));
  ASSERT_TRUE(transition(c, S::kAssigned, t));
  ASSERT_TRUE(transition(c, S::kClosed, t, "agent"));
  EXPECT_EQ(c.state, S::kClosed);
  EXPECT_EQ(c.close_reason, "agent");
  EXPECT_EQ(c.closed_at, t);
}

TEST(Conversation, TerminalStatesAreFinal) {
  for (auto terminal : {S::kClosed, S::kAbandoned}) {
    for (auto to : {S::kBot, S::kQueued, S::kAssigned, S::kClosed, S::kAbandoned}) {
      Conversation c;
      c.state = terminal;
      const auto r = transition(c, to, from_unix_micros(1));
      ASSERT_FALSE(r);
      EXPECT_EQ(r.error().code, ErrorCode::kConflict);
      EXPECT_EQ(c.state, terminal) << "state must not change on a refused transition";
    }
  }
}

TEST(Conversation, IllegalTransitionsAreErrors) {
  Conversation c;                                                  // bot
  EXPECT_FALSE(transition(c, S::kAssigned, from_unix_micros(1)));  // must queue first
  EXPECT_FALSE(transition(c, S::kBot, from_unix_micros(1)));       // no self loop
  EXPECT_EQ(c.state, S::kBot);
}

TEST(Conversation, EscalationCanBeCancelledAndTransferredBack) {
  EXPECT_TRUE(can_transition(S::kQueued, S::kBot));
  EXPECT_TRUE(can_transition(S::kAssigned, S::kQueued));
  EXPECT_FALSE(can_transition(S::kAssigned, S::kBot));
}

TEST(Conversation, StateNamesRoundTrip) {
  for (auto s : {S::kBot, S::kQueued, S::kAssigned, S::kClosed, S::kAbandoned})
    EXPECT_EQ(parse_conversation_state(to_string(s)), s);
  EXPECT_FALSE(parse_conversation_state("open"));
}

TEST(Conversation, ChannelsAndLanguages) {
  EXPECT_TRUE(is_known_channel("web"));
  EXPECT_TRUE(is_known_channel("voice"));
  EXPECT_FALSE(is_known_channel("WEB"));
  EXPECT_FALSE(is_known_channel(""));
  EXPECT_TRUE(is_supported_language("ko"));
  EXPECT_FALSE(is_supported_language("jp"));
}

}  // namespace
}  // namespace aicc
