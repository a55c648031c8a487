// The Lambda request types on a real store: conversations per contact, escalation through
// the port, hours, queue status and the caller check.
#include <filesystem>

#include <gtest/gtest.h>

#include "connect/escalation_contact_center.h"
#include "test_contact.h"

namespace aicc::connect {
namespace {

ContactEvent event(StringMap parameters, std::string contact = "c-1") {
  return {std::move(contact), "VOICE", "+821012345678", {}, std::move(parameters)};
}

TEST_F(ContactTest, OneContactIsOneConversation) {
  auto a = engine_->conversation_for("c-1", "voice", "+821012345678");
  auto b = engine_->conversation_for("c-1", "voice", "+821012345678");
  auto c = engine_->conversation_for("c-2", "voice", "+821012345678");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->id, b->id);
  EXPECT_NE(a->id, c->id);
  EXPECT_EQ(a->customer_id, c->customer_id);  // the same caller
  EXPECT_TRUE(is_uuid(a->id));
  EXPECT_EQ(a->id, conversation_id_for("c-1"));
}

TEST_F(ContactTest, OpeningAChosenIdTwiceIsAConflict) {
  OpenConversation open;
  open.channel = "voice";
  NewCustomer customer;
  customer.external_id = "connect:x";
  open.customer = customer;
  open.id = conversation_id_for("c-dup");
  auto first = chat_->open(open);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->conversation.id, *open.id);
  auto second = chat_->open(open);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
}

TEST_F(ContactTest, ChatTurnIsStoredInTheContactsConversation) {
  auto out = engine_->lambda(event({{"requestType", "chat"}, {"userInput", "배송 조회"}}));
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(out->at("conversationId"), conversation_id_for("c-1"));
  auto page = store_->list_messages(conversation_id_for("c-1"), 0, 10);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->messages.size(), 1u);
  EXPECT_EQ(page->messages[0].text, "배송 조회");
}

TEST_F(ContactTest, EmptyVoiceInputAsksAgainAndTooLongInputIsRefused) {
  auto out = engine_->lambda(event({{"requestType", "voice"}, {"userInput", " "}}));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->at("nextAction"), "retry");
  auto bad =
      engine_->lambda(event({{"requestType", "chat"}, {"userInput", std::string(1001, 'a')}}));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(ContactTest, EscalationTransfersThroughThePort) {
  center_.wait_s = 600;
  auto out = engine_->lambda(
      event({{"requestType", "escalation"}, {"queue", "q-1"}, {"escalationReason", "callback"}}));
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(out->at("nextAction"), "confirm_wait");
  EXPECT_NE(out->at("responseText").find("약 10분"), std::string::npos);
  ASSERT_EQ(center_.transfers.size(), 1u);
  EXPECT_EQ(center_.transfers[0].queue, "q-1");
  EXPECT_EQ(center_.transfers[0].reason, "callback");
  EXPECT_EQ(center_.transfers[0].conversation_id, conversation_id_for("c-1"));
}

TEST_F(ContactTest, BusinessHoursAndQueueStatus) {
  center_.open = false;
  auto hours = engine_->lambda(event({{"requestType", "business_hours"}}));
  ASSERT_TRUE(hours);
  EXPECT_EQ(hours->at("isBusinessHours"), "false");
  EXPECT_EQ(hours->at("nextAction"), "offer_alternatives");
  center_.available = 0;
  auto queue = engine_->lambda(event({{"requestType", "queue_status"}}));
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->at("nextAction"), "queue_wait");
  EXPECT_EQ(queue->at("availableAgents"), "0");
}

TEST_F(ContactTest, VerifyCustomerComparesTheLastFourDigits) {
  EXPECT_EQ(engine_->lambda(event({{"requestType", "verify_customer"}, {"customerInput", "5678"}}))
                ->at("ValidationResult"),
            "Success");
  EXPECT_EQ(engine_->lambda(event({{"requestType", "verify_customer"}, {"customerInput", "1234"}}))
                ->at("ValidationResult"),
            "Failed");
  EXPECT_EQ(engine_->lambda(event({{"requestType", "verify_customer"}}))->at("ValidationResult"),
            "Failed");
}

TEST_F(ContactTest, UnknownRequestTypeGetsThePrototypesGreeting) {
  auto out = engine_->lambda(event({{"requestType", "weather"}}));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->at("nextAction"), "continue");
}

routing::QueueSet bot_queues() {
  auto queues =
      routing::QueueSet::load(std::filesystem::path(AICC_SOURCE_DIR) / "bot" / "queues.json");
  EXPECT_TRUE(queues) << queues.error().message;
  return std::move(*queues);
}

TimePoint korea(int y, int mo, int d, int h) {
  using namespace std::chrono;
  return TimePoint(sys_days(year(y) / mo / d) + hours(h) - hours(9));
}

TEST_F(ContactTest, TransferIsAnEscalationInTheNamedQueueOnce) {
  const routing::LiveQueueSet queues(bot_queues());
  EscalationService escalations(*store_, queues, clock_, ids_);
  EscalationContactCenter center(*store_, queues, escalations);
  clock_.set(korea(2026, 3, 3, 10));  // a Tuesday morning (2 March 2026 is a substitute holiday)
  auto conv = engine_->conversation_for("c-9", "voice", "");
  ASSERT_TRUE(conv);
  auto first = center.transfer({conv->id, "", "payment_issue", ""});
  auto again = center.transfer({conv->id, "", "payment_issue", ""});
  ASSERT_TRUE(first && again) << (first ? again.error().message : first.error().message);
  EXPECT_TRUE(first->accepted && again->accepted);
  EXPECT_EQ(first->queue, "payment-queue");
  EXPECT_EQ(store_->get_conversation(conv->id)->state, ConversationState::kQueued);
  auto status =
      center.queue_status("arn:aws:connect:ap-northeast-2:1:instance/i/queue/payment-queue");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->waiting, 1) << "one escalation, however often Connect asks";
  EXPECT_FALSE(center.transfer({"00000000-0000-7000-8000-000000000000", "", "", ""}));
}

TEST_F(ContactTest, TransferOnAHolidayOffersACallbackInsteadOfQueueing) {
  const routing::LiveQueueSet queues(bot_queues());
  EscalationService escalations(*store_, queues, clock_, ids_);
  EscalationContactCenter center(*store_, queues, escalations);
  clock_.set(korea(2026, 1, 1, 10));  // New Year's Day
  auto conv = engine_->conversation_for("c-10", "voice", "");
  ASSERT_TRUE(conv);
  auto out = center.transfer({conv->id, "general-queue", "callback", ""});
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_FALSE(out->accepted) << "Connect's QueueAtCapacity branch";
}

TEST_F(ContactTest, HoursFollowTheQueuesOfTheBotData) {
  const routing::LiveQueueSet queues(bot_queues());
  EscalationService escalations(*store_, queues, clock_, ids_);
  EscalationContactCenter center(*store_, queues, escalations);
  EXPECT_TRUE(center.is_open("", korea(2026, 3, 3, 9))->open);    // Tuesday 09:00
  EXPECT_FALSE(center.is_open("", korea(2026, 3, 3, 18))->open);  // Tuesday 18:00
  EXPECT_TRUE(center.is_open("", korea(2026, 3, 7, 10))->open);   // Saturday 10:00
  EXPECT_FALSE(center.is_open("", korea(2026, 3, 7, 17))->open);  // Saturday 17:00
  EXPECT_FALSE(center.is_open("", korea(2026, 1, 1, 12))->open);  // a holiday
  EXPECT_EQ(center.queue_for("arn:aws:connect:x:1:instance/i/queue/payment-queue").id,
            "payment-queue");
  EXPECT_EQ(center.queue_for("some-connect-queue").id, queues.current()->default_queue().id);
  EXPECT_NE(center.is_open("", korea(2026, 3, 3, 9))->schedule.find("평일"), std::string::npos);
}

}  // namespace
}  // namespace aicc::connect
