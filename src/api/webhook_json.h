// Webhook deliveries at the API edge, shared by the two delivery logs: outbound webhook
// subscriptions (/api/v1/admin/webhooks/{id}/deliveries) and inbound channels' callbacks
// (/api/v1/admin/channels/{id}/deliveries), which are webhook subscriptions too.
#pragma once

#include <string_view>

#include "api/api.h"
#include "api/json_io.h"
#include "core/webhook.h"
#include "net/http.h"

namespace aicc::api {

// A delivery as an API resource; `owner_field` names the field that carries its
// subscription's id ("subscription_id" for webhooks, "channel_id" for channels).
json::object webhook_delivery_json(const WebhookDelivery& d, std::string_view owner_field);

// The delivery log of subscription req.param("id"), filtered by ?state= and capped by
// ?limit= (1–500, default 50), newest first: {"deliveries": [...]}. The caller has checked
// that the subscription exists and is of its kind.
net::Response webhook_delivery_log(ApiContext& ctx, const net::Request& req,
                                   std::string_view owner_field);

}  // namespace aicc::api
