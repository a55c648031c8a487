// The outbound-webhook part of the PostgreSQL store, as functions on one connection
// (the caller owns the transaction).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/webhook.h"
#include "store/postgres/pg_connection.h"

namespace aicc::pg {

Result<WebhookSubscription> insert_webhook(PgConnection& conn, const WebhookSubscription& s);
Result<WebhookSubscription> load_webhook(PgConnection& conn, std::string_view id);
Result<std::vector<WebhookSubscription>> load_webhooks(PgConnection& conn);
Result<WebhookSubscription> save_webhook(PgConnection& conn, const WebhookSubscription& s);
Status remove_webhook(PgConnection& conn, std::string_view id);

Result<int> insert_deliveries(PgConnection& conn, const std::vector<WebhookDelivery>& deliveries);
Result<std::vector<WebhookDelivery>> lease_deliveries(PgConnection& conn, TimePoint now,
                                                      TimePoint lease_until, int limit);
Status save_attempt(PgConnection& conn, const WebhookDelivery& d);
Result<WebhookDelivery> load_delivery(PgConnection& conn, std::string_view id);
Result<std::vector<WebhookDelivery>> load_deliveries(PgConnection& conn,
                                                     std::string_view subscription_id,
                                                     std::optional<DeliveryState> state, int limit);

}  // namespace aicc::pg
