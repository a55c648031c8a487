// Internal: the masked form of one detected span, shared by extract() (which never copies a
// clear card or resident number into an Entity) and mask_sensitive().
#pragma once

#include <string>
#include <string_view>

namespace aicc::nlu::detail {

// `original` is the span's text as the customer wrote it (ASCII or full-width digits).
//   card_number: every digit but the last four → '*'
//   resident_registration_number: every digit → '*'
//   phone: every digit but the first group (or first three) and the last four → '*'
//   email: every character of the local part but the first → '*'
// Other types are returned unchanged. Separators are kept, so the shape stays readable.
std::string mask_span(std::string_view type, std::string_view original);

}  // namespace aicc::nlu::detail
