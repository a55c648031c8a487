// Static web assets (Swagger UI, and later the web apps) compiled into the binary, so
// one file serves everything. The table is generated at build time from web/dist
// (see cmake/EmbedAssets.cmake); it is empty when the web build has not run.
#pragma once

#include <cstddef>
#include <string_view>

namespace aicc::api {

struct Asset {
  std::string_view path;  // relative to web/dist, e.g. "docs/index.html"
  std::string_view data;
};

// nullptr if no asset has this path.
const Asset* find_asset(std::string_view path);
std::size_t asset_count();

// MIME type from the file extension.
std::string_view content_type_for(std::string_view path);

// Cache-Control for an asset. Pages and the widget's embed script have fixed URLs that
// other pages link to, so browsers revalidate them every time (cheap: ETag, 304); files
// whose names carry a content hash (name-HASH.ext, 8+ letters/digits) never change and are
// cached for a year; the rest (the Swagger UI files) for an hour.
std::string_view cache_control_for(std::string_view path);

}  // namespace aicc::api
