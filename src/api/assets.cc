#include "api/assets.h"

namespace aicc::api {

std::string_view content_type_for(std::string_view path) {
  const auto dot = path.rfind('.');
  const auto ext = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json") return "application/json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "map") return "application/json";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

namespace {
// "app-3F7K2QX9.js": a dash, then 8 or more letters and digits, then the extension.
bool has_content_hash(std::string_view path) {
  const auto slash = path.rfind('/');
  const auto name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const auto dot = name.rfind('.');
  const auto dash = name.rfind('-', dot);
  if (dot == std::string_view::npos || dash == std::string_view::npos || dot - dash - 1 < 8)
    return false;
  for (const char c : name.substr(dash + 1, dot - dash - 1))
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  return true;
}
}  // namespace

std::string_view cache_control_for(std::string_view path) {
  if (path.ends_with(".html") || path == "widget/widget.js") return "no-cache";
  // The dashboard's script and styles have fixed names: revalidate, so an upgrade shows.
  if (path.starts_with("supervisor/")) return "no-cache";
  if (has_content_hash(path)) return "public, max-age=31536000, immutable";
  return "public, max-age=3600";
}

}  // namespace aicc::api
