// The fixture of the storage contract: every TEST_P runs once per backend with a fresh,
// migrated database, and builds its records with the helpers below.
//
// PostgreSQL cases fail (never skip silently) when AICC_TEST_PG_URL is not set, unless
// AICC_TEST_ALLOW_NO_PG=1 says skipping is intended.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/clock.h"
#include "store/store.h"
#include "test_backend.h"

namespace aicc::testing_support {

// 2026-09-21T…Z, with a microsecond part, so that truncation to millis would show.
inline TimePoint test_time(std::int64_t offset_us = 0) {
  return from_unix_micros(1'790'000'000'123'457 + offset_us);
}

inline Customer make_customer(std::string id, std::string external_id = "") {
  Customer c;
  c.id = std::move(id);
  c.external_id = std::move(external_id);
  c.name = "Customer " + c.id;
  c.created_at = test_time();
  c.updated_at = test_time();
  return c;
}

inline Conversation make_conversation(std::string id, std::string customer_id) {
  Conversation c;
  c.id = std::move(id);
  c.customer_id = std::move(customer_id);
  c.channel = "web";
  c.language = "ko";
  c.created_at = test_time();
  c.updated_at = test_time();
  c.last_activity_at = test_time();
  return c;
}

inline Message make_message(std::string id, std::string conversation_id, std::string text,
                            std::optional<std::string> client_msg_id = std::nullopt) {
  Message m;
  m.id = std::move(id);
  m.conversation_id = std::move(conversation_id);
  m.text = std::move(text);
  m.client_msg_id = std::move(client_msg_id);
  m.created_at = test_time(1000);
  return m;
}

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      const auto pg = postgres_availability();
      if (!pg.problem.empty()) {
        if (pg.allow_missing) GTEST_SKIP() << "AICC_TEST_ALLOW_NO_PG=1: " << pg.problem;
        FAIL() << pg.problem;
      }
    }
    auto db = make_test_database(GetParam());
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    reopen();
    ASSERT_TRUE(store_);
    auto migrated = store_->migrate();
    ASSERT_TRUE(migrated) << migrated.error().message;
  }

  void TearDown() override {
    store_.reset();  // before the database goes away
    db_.reset();
  }

  // Closes the store (if open) and opens it again on the same database.
  void reopen() {
    store_.reset();
    auto store = open_test_store(*db_);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
  }

  Store& store() { return *store_; }
  TestDatabase& db() { return *db_; }

  // A customer and a conversation in state bot, ready for messages.
  Conversation given_conversation(const std::string& id = "conv-1") {
    const std::string customer_id = "cust-of-" + id;
    auto customer = store_->create_customer(make_customer(customer_id));
    EXPECT_TRUE(customer) << customer.error().message;
    auto conv = store_->create_conversation(make_conversation(id, customer_id));
    EXPECT_TRUE(conv) << conv.error().message;
    return conv.value_or(Conversation{});
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Store> store_;
};

std::string backend_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace aicc::testing_support
