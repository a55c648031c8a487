// The outbound-webhook part of SqliteStore, as functions on one connection: writes run
// on the group-commit writer (each call in its own savepoint), reads on a reader.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/webhook.h"
#include "store/sqlite/sqlite_connection.h"

namespace aicc::sqlite {

Result<WebhookSubscription> insert_webhook(Connection& conn, const WebhookSubscription& s);
Result<WebhookSubscription> load_webhook(Connection& conn, std::string_view id);
Result<std::vector<WebhookSubscription>> load_webhooks(Connection& conn);
Result<WebhookSubscription> save_webhook(Connection& conn, const WebhookSubscription& s);
Status remove_webhook(Connection& conn, std::string_view id);

Result<int> insert_deliveries(Connection& conn, const std::vector<WebhookDelivery>& deliveries);
Result<std::vector<WebhookDelivery>> lease_deliveries(Connection& conn, TimePoint now,
                                                      TimePoint lease_until, int limit);
Status save_attempt(Connection& conn, const WebhookDelivery& d);
Result<WebhookDelivery> load_delivery(Connection& conn, std::string_view id);
Result<std::vector<WebhookDelivery>> load_deliveries(Connection& conn,
                                                     std::string_view subscription_id,
                                                     std::optional<DeliveryState> state, int limit);

}  // namespace aicc::sqlite
