// Masking and JSON output.
#include <algorithm>
#include <cstdint>

#include "nlu/entities/entities.h"
#include "nlu/entities/mask_internal.h"
#include "nlu/entities/text_scan.h"

namespace aicc::nlu {
namespace detail {
namespace {

// Byte length of the digit at `i` (ASCII or full-width ０-９), 0 if none.
std::size_t digit_len(std::string_view s, std::size_t i) {
  if (is_digit(s[i])) return 1;
  if (s.size() - i >= 3 && static_cast<unsigned char>(s[i]) == 0xEF &&
      static_cast<unsigned char>(s[i + 1]) == 0xBC &&
      static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99)
    return 3;
  return 0;
}

// Masks digits with index in [keep_front, total - keep_back).
std::string mask_digits(std::string_view s, std::size_t keep_front, std::size_t keep_back) {
  std::size_t total = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = digit_len(s, i);
    total += n > 0;
    i += n > 0 ? n : 1;
  }
  std::string out;
  out.reserve(s.size());
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = digit_len(s, i);
    if (n == 0) {
      out.push_back(s[i++]);
      continue;
    }
    const bool keep = seen < keep_front || seen + keep_back >= total;
    if (keep) {
      out.append(s.substr(i, n));
    } else {
      out.push_back('*');
    }
    ++seen;
    i += n;
  }
  return out;
}

std::string mask_phone(std::string_view s) {
  // Digits in the first group, when the number is written in groups; else the first three
  // (two after '+', the country code).
  const bool plus = !s.empty() && (s[0] == '+' || starts_with(s, 0, "\xEF\xBC\x8B"));
  std::size_t first_group = 0;
  bool separated = false;
  for (std::size_t i = plus ? (s[0] == '+' ? 1 : 3) : 0; i < s.size();) {
    const std::size_t n = digit_len(s, i);
    if (n == 0) {
      separated = first_group > 0;
      break;
    }
    ++first_group;
    i += n;
  }
  const std::size_t lead = separated ? first_group : (plus ? 2 : 3);
  return mask_digits(s, lead, 4);
}

std::string mask_email(std::string_view s) {
  const std::size_t at =
      s.find('@') != std::string_view::npos ? s.find('@') : s.find("\xEF\xBC\xA0");  // ＠
  if (at == std::string_view::npos || at <= 1) return std::string(s);
  std::string out;
  std::size_t len = 0;
  code_point_at(s, 0, &len);
  out.append(s.substr(0, len));
  for (std::size_t i = len; i < at; i += len) {
    code_point_at(s, i, &len);
    out.push_back('*');
  }
  out.append(s.substr(at));
  return out;
}

}  // namespace

std::string mask_span(std::string_view type, std::string_view original) {
  if (type == entity_type::kCardNumber) return mask_digits(original, 0, 4);
  if (type == entity_type::kResidentNumber) return mask_digits(original, 0, 0);
  if (type == entity_type::kPhone) return mask_phone(original);
  if (type == entity_type::kEmail) return mask_email(original);
  return std::string(original);
}

}  // namespace detail

std::string mask_sensitive(std::string_view text, const std::vector<Entity>& entities) {
  std::vector<const Entity*> spans;
  for (const Entity& e : entities) {
    const bool maskable = e.type == entity_type::kCardNumber ||
                          e.type == entity_type::kResidentNumber || e.type == entity_type::kEmail ||
                          (e.type == entity_type::kPhone && !e.value.empty() && e.value[0] == '+');
    if (maskable) spans.push_back(&e);
  }
  std::sort(spans.begin(), spans.end(),
            [](const Entity* a, const Entity* b) { return a->begin < b->begin; });
  auto on_boundary = [&](std::size_t pos) {
    return pos == text.size() || (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80;
  };
  std::string out;
  out.reserve(text.size());
  std::size_t done = 0;
  for (const Entity* e : spans) {
    if (e->begin < done || e->end > text.size() || e->begin >= e->end || !on_boundary(e->begin) ||
        !on_boundary(e->end))
      continue;
    out.append(text.substr(done, e->begin - done));
    out.append(detail::mask_span(e->type, text.substr(e->begin, e->end - e->begin)));
    done = e->end;
  }
  out.append(text.substr(done));
  return out;
}

namespace {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(ch);  // UTF-8 passes through; callers hold valid UTF-8 (core/utf8.h)
        }
    }
  }
  out.push_back('"');
}

}  // namespace

std::string entities_to_json(const std::vector<Entity>& entities) {
  std::string out = "[";
  for (std::size_t i = 0; i < entities.size(); ++i) {
    const Entity& e = entities[i];
    if (i > 0) out.push_back(',');
    out += "{\"type\":";
    append_json_string(out, e.type);
    out += ",\"text\":";
    append_json_string(out, e.sensitive ? detail::mask_span(e.type, e.text) : e.text);
    out += ",\"begin\":" + std::to_string(e.begin);
    out += ",\"end\":" + std::to_string(e.end);
    out += ",\"value\":";
    append_json_string(out, e.value);
    out += ",\"sensitive\":";
    out += e.sensitive ? "true" : "false";
    out.push_back('}');
  }
  out.push_back(']');
  return out;
}

}  // namespace aicc::nlu
