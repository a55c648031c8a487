#include "service/conversation_export.h"

#include "core/pii.h"

namespace aicc {
namespace {

constexpr int kPage = 200;

std::size_t code_point_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// A field that holds nothing but a phone number or an address: masked with the usual
// shape, or wholly when the detector does not recognise its format.
std::string mask_contact(const std::string& value) {
  if (value.empty()) return value;
  std::string masked = mask_pii(value);
  return masked == value ? std::string("****") : masked;
}

}  // namespace

std::string mask_name(std::string_view name) {
  if (name.empty()) return {};
  const std::size_t first =
      std::min(code_point_length(static_cast<unsigned char>(name[0])), name.size());
  std::string out(name.substr(0, first));
  for (std::size_t i = first; i < name.size();
       i += code_point_length(static_cast<unsigned char>(name[i])))
    out += '*';
  return out;
}

void mask_personal_data(ConversationRecord& r) {
  std::string name;
  if (r.customer) name = r.customer->name;
  const std::string masked_name = mask_name(name);
  auto mask_text = [&](std::string& text) {
    text = mask_pii(text);
    // A name shorter than two characters would mask ordinary words.
    if (name.size() > 3) replace_all(text, name, masked_name);
  };
  for (auto& m : r.messages) {
    mask_text(m.text);
    mask_text(m.entities_json);
    mask_text(m.details_json);
  }
  if (r.customer) {
    r.customer->name = masked_name;
    r.customer->phone = mask_contact(r.customer->phone);
    r.customer->email = mask_contact(r.customer->email);
  }
  if (r.escalation) {
    mask_text(r.escalation->note);
    mask_text(r.escalation->wrap_up_notes);
    r.escalation->callback_phone = mask_contact(r.escalation->callback_phone);
  }
}

Result<std::int64_t> export_conversations(
    Store& store, TimePoint from, TimePoint to, bool raw,
    const std::function<Status(const ConversationRecord&)>& sink) {
  std::int64_t count = 0;
  std::string after;
  for (;;) {
    auto page = store.list_conversations_between(from, to, after, kPage);
    if (!page) return tl::unexpected(page.error());
    for (auto& c : *page) {
      ConversationRecord r;
      r.conversation = c;
      if (auto customer = store.get_customer(c.customer_id)) r.customer = std::move(*customer);
      std::int64_t seq = 0;
      for (;;) {
        auto messages = store.list_messages(c.id, seq, 500);
        if (!messages) return tl::unexpected(messages.error());
        for (auto& m : messages->messages) {
          seq = m.seq;
          r.messages.push_back(std::move(m));
        }
        if (!messages->has_more) break;
      }
      auto escalation = store.latest_escalation(c.id);
      if (!escalation) return tl::unexpected(escalation.error());
      r.escalation = std::move(*escalation);
      if (!raw) mask_personal_data(r);
      if (auto st = sink(r); !st) return tl::unexpected(st.error());
      ++count;
    }
    if (static_cast<int>(page->size()) < kPage) return count;
    after = page->back().id;
  }
}

}  // namespace aicc
