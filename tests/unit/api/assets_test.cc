#include "api/assets.h"

#include <gtest/gtest.h>

namespace aicc::api {
namespace {

TEST(AssetCaching, PagesAndTheEmbedScriptAreRevalidatedEveryTime) {
  EXPECT_EQ(cache_control_for("docs/index.html"), "no-cache");
  EXPECT_EQ(cache_control_for("widget/demo.html"), "no-cache");
  // Other sites link to /widget.js by a fixed URL: a new release must reach them at once.
  EXPECT_EQ(cache_control_for("widget/widget.js"), "no-cache");
}

TEST(AssetCaching, ContentHashedFilesAreImmutable) {
  EXPECT_EQ(cache_control_for("agent/app-3F7K2QX9.js"), "public, max-age=31536000, immutable");
  EXPECT_EQ(cache_control_for("chunk-ab12cd34ef.css"), "public, max-age=31536000, immutable");
}

TEST(AssetCaching, NamesThatOnlyLookHashedAreNot) {
  EXPECT_EQ(cache_control_for("docs/swagger-ui-bundle.js"), "public, max-age=3600");  // "bundle"
  EXPECT_EQ(cache_control_for("docs/favicon-32x32.png"), "public, max-age=3600");     // 5 chars
  EXPECT_EQ(cache_control_for("docs/swagger-ui.css"), "public, max-age=3600");
  EXPECT_EQ(cache_control_for("widget/app-3F7K_QX9.js"), "public, max-age=3600");
  EXPECT_EQ(cache_control_for("LICENSE"), "public, max-age=3600");
}

TEST(AssetTypes, WidgetFilesHaveTheirTypes) {
  EXPECT_EQ(content_type_for("widget/widget.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("widget/demo.html"), "text/html; charset=utf-8");
}

}  // namespace
}  // namespace aicc::api
