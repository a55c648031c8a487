#include "net/router.h"

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aicc::net {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using Outcome = Router::Outcome;

// A handler whose response names it, so a test can tell which route ran.
Handler tagged(std::string tag) {
  return [tag = std::move(tag)](Request&) {
    Response r;
    r.body = tag;
    return r;
  };
}

WsAccept ws_accept() {
  return [](Request&) -> std::variant<Response, WsCallbacks> { return WsCallbacks{}; };
}

// "404", "405" or the pattern of the matched route.
std::string resolve(const Router& router, Method method, std::string_view path,
                    bool websocket = false) {
  const auto m = router.match(method, path, websocket);
  switch (m.outcome) {
    case Outcome::kNotFound:
      EXPECT_EQ(m.route, nullptr);
      return "404";
    case Outcome::kMethodNotAllowed:
      EXPECT_EQ(m.route, nullptr);
      return "405";
    case Outcome::kFound:
      if (m.route == nullptr) {
        ADD_FAILURE() << "kFound without a route";
        return "<null>";
      }
      return m.route->pattern;
  }
  return "<bad outcome>";
}

// Runs the matched handler and returns its tag.
std::string run(const Router& router, Method method, std::string_view path) {
  const auto m = router.match(method, path);
  if (m.outcome != Outcome::kFound || !m.route || !m.route->handler) return "<no handler>";
  Request q;
  q.path_params = m.params;
  return m.route->handler(q).body;
}

// ---- Static routes ----

TEST(RouterStatic, ExactPathsMatch) {
  Router r;
  r.add(Method::kGet, "/healthz", tagged("health"));
  r.add(Method::kGet, "/api/v1/conversations", tagged("list"));
  r.add(Method::kPost, "/api/v1/conversations", tagged("open"));
  EXPECT_EQ(run(r, Method::kGet, "/healthz"), "health");
  EXPECT_EQ(run(r, Method::kGet, "/api/v1/conversations"), "list");
  EXPECT_EQ(run(r, Method::kPost, "/api/v1/conversations"), "open");
  EXPECT_EQ(resolve(r, Method::kGet, "/health"), "404");
  EXPECT_EQ(resolve(r, Method::kGet, "/healthzz"), "404");
  EXPECT_EQ(resolve(r, Method::kGet, "/healthz/extra"), "404");
  EXPECT_EQ(resolve(r, Method::kGet, "/api/v1"), "404");
  EXPECT_EQ(resolve(r, Method::kGet, "/API/v1/conversations"), "404") << "paths are case-sensitive";
  EXPECT_EQ(resolve(r, Method::kGet, ""), "404");
  EXPECT_EQ(resolve(r, Method::kGet, "/"), "404");
}

TEST(RouterStatic, RootRoute) {
  Router r;
  r.add(Method::kGet, "/", tagged("root"));
  r.add(Method::kGet, "/a", tagged("a"));
  EXPECT_EQ(run(r, Method::kGet, "/"), "root");
  EXPECT_EQ(run(r, Method::kGet, "/a"), "a");
  EXPECT_EQ(resolve(r, Method::kGet, "/b"), "404");
}

TEST(RouterStatic, EmptyRouterFindsNothing) {
  const Router r;
  EXPECT_THAT(r.routes(), IsEmpty());
  const auto m = r.match(Method::kGet, "/anything");
  EXPECT_EQ(m.outcome, Outcome::kNotFound);
  EXPECT_THAT(m.allowed, IsEmpty());
  EXPECT_THAT(m.params, IsEmpty());
}

// ---- Trailing and repeated slashes ----

TEST(RouterSlashes, TrailingAndRepeatedSlashesAreNotSignificant) {
  Router r;
  r.add(Method::kGet, "/api/v1/conversations/{id}", tagged("conv"));
  r.add(Method::kGet, "/healthz", tagged("health"));
  for (const char* path : {"/healthz", "/healthz/", "//healthz", "/healthz//", "healthz"}) {
    SCOPED_TRACE(path);
    EXPECT_EQ(run(r, Method::kGet, path), "health");
  }
  const auto m = r.match(Method::kGet, "/api//v1/conversations/c-1/");
  ASSERT_EQ(m.outcome, Outcome::kFound);
  EXPECT_EQ(m.params.at("id"), "c-1");
}

TEST(RouterSlashes, TrailingSlashInThePatternIsNotSignificantEither) {
  Router r;
  r.add(Method::kGet, "/docs/", tagged("docs"));
  EXPECT_EQ(run(r, Method::kGet, "/docs"), "docs");
  EXPECT_EQ(run(r, Method::kGet, "/docs/"), "docs");
}

// ---- {param} ----

TEST(RouterParams, CapturesOneSegment) {
  Router r;
  r.add(Method::kGet, "/api/v1/conversations/{id}", tagged("get"));
  r.add(Method::kGet, "/api/v1/conversations/{id}/messages/{msg_id}", tagged("msg"));
  auto m = r.match(Method::kGet, "/api/v1/conversations/c-42");
  ASSERT_EQ(m.outcome, Outcome::kFound);
  EXPECT_EQ(m.route->pattern, "/api/v1/conversations/{id}");
  EXPECT_THAT(m.params, ElementsAre(std::pair<const std::string, std::string>("id", "c-42")));

  m = r.match(Method::kGet, "/api/v1/conversations/c-1/messages/m-9");
  ASSERT_EQ(m.outcome, Outcome::kFound);
  EXPECT_EQ(m.route->pattern, "/api/v1/conversations/{id}/messages/{msg_id}");
  EXPECT_EQ(m.params.size(), 2u);
  EXPECT_EQ(m.params.at("id"), "c-1");
  EXPECT_EQ(m.params.at("msg_id"), "m-9");
}

TEST(RouterParams, AParamNeverSpansSlashesOrIsEmpty) {
  Router r;
  r.add(Method::kGet, "/c/{id}", tagged("c"));
  EXPECT_EQ(resolve(r, Method::kGet, "/c/a/b"), "404");
  EXPECT_EQ(resolve(r, Method::kGet, "/c"), "404");
  EXPECT_EQ(resolve(r, Method::kGet, "/c/"), "404");
}

TEST(RouterParams, ParamsArePercentDecoded) {
  Router r;
  r.add(Method::kGet, "/c/{id}", tagged("c"));
  struct Case {
    const char* path;
    const char* id;
  };
  for (const Case& c : std::vector<Case>{
           {"/c/a%20b", "a b"},
           {"/c/a+b", "a+b"},  // '+' is only a space in queries
           {"/c/%ED%95%9C%EA%B8%80", "한글"},
           {"/c/%ed%95%9c%ea%b8%80", "한글"},  // lower-case hex
           {"/c/상담원", "상담원"},            // raw UTF-8 bytes are passed through
           {"/c/a%2Fb", "a/b"},                // an encoded slash stays inside the segment
           {"/c/100%25", "100%"},
       }) {
    SCOPED_TRACE(c.path);
    const auto m = r.match(Method::kGet, c.path);
    ASSERT_EQ(m.outcome, Outcome::kFound);
    EXPECT_EQ(m.params.at("id"), c.id);
  }
}

TEST(RouterParams, MalformedEscapeDoesNotMatch) {
  Router r;
  r.add(Method::kGet, "/c/{id}", tagged("c"));
  for (const char* path : {"/c/%", "/c/%zz", "/c/a%4", "/c/%G0"}) {
    SCOPED_TRACE(path);
    EXPECT_EQ(resolve(r, Method::kGet, path), "404");
  }
}

// ---- Korean and percent-encoded literal segments ----

TEST(RouterLiterals, KoreanLiteralSegmentMatchesEncodedAndRawForms) {
  // Browsers send non-ASCII paths percent-encoded (RFC 3986); the pattern is written as text.
  Router r;
  r.add(Method::kGet, "/도움말/{topic}", tagged("help"));
  for (const char* path : {"/%EB%8F%84%EC%9B%80%EB%A7%90/%EA%B2%B0%EC%A0%9C",
                           "/%eb%8f%84%ec%9b%80%eb%a7%90/%ea%b2%b0%ec%a0%9c", "/도움말/결제"}) {
    SCOPED_TRACE(path);
    const auto m = r.match(Method::kGet, path);
    ASSERT_EQ(m.outcome, Outcome::kFound);
    EXPECT_EQ(m.params.at("topic"), "결제");
  }
  EXPECT_EQ(resolve(r, Method::kGet, "/%EB%8F%84%EC%9B%80/x"), "404");
}

TEST(RouterLiterals, EncodedUnreservedCharactersMatchLiterals) {
  // RFC 3986 §6.2.2.2: "%63onversations" and "conversations" are the same segment.
  Router r;
  r.add(Method::kGet, "/api/v1/conversations", tagged("list"));
  EXPECT_EQ(run(r, Method::kGet, "/api/v1/%63onversations"), "list");
  EXPECT_EQ(resolve(r, Method::kGet, "/api/v1/conversations%2Fx"), "404");
  EXPECT_EQ(resolve(r, Method::kGet, "/api/v1/conversation%"), "404");
}

// ---- {rest*} ----

TEST(RouterRest, CapturesTheRestOfThePathDecoded) {
  Router r;
  r.add(Method::kGet, "/assets/{file*}", tagged("asset"));
  struct Case {
    const char* path;
    const char* file;
  };
  for (const Case& c : std::vector<Case>{
           {"/assets/app.js", "app.js"},
           {"/assets/js/vendor/chart.min.js", "js/vendor/chart.min.js"},
           {"/assets/a%20b/%ED%95%9C.png", "a b/한.png"},
           {"/assets/dir/", "dir"},                 // trailing slash dropped
           {"/assets//a//b", "a/b"},                // empty segments collapse
           {"/assets/a%2Fb", "a/b"},                // encoded slash
           {"/assets/%2e%2e/secret", "../secret"},  // decoded: the handler must check for ".."
       }) {
    SCOPED_TRACE(c.path);
    const auto m = r.match(Method::kGet, c.path);
    ASSERT_EQ(m.outcome, Outcome::kFound);
    EXPECT_EQ(m.route->pattern, "/assets/{file*}");
    EXPECT_THAT(m.params, ElementsAre(std::pair<const std::string, std::string>("file", c.file)));
  }
}

TEST(RouterRest, MayBeEmpty) {
  Router r;
  r.add(Method::kGet, "/docs/{file*}", tagged("docs"));
  for (const char* path : {"/docs", "/docs/"}) {
    SCOPED_TRACE(path);
    const auto m = r.match(Method::kGet, path);
    ASSERT_EQ(m.outcome, Outcome::kFound);
    EXPECT_EQ(m.params.at("file"), "");
  }
  EXPECT_EQ(resolve(r, Method::kGet, "/doc"), "404");
}

TEST(RouterRest, MalformedEscapeDoesNotMatch) {
  Router r;
  r.add(Method::kGet, "/assets/{file*}", tagged("asset"));
  EXPECT_EQ(resolve(r, Method::kGet, "/assets/a/%zz/b"), "404");
}

TEST(RouterRest, AfterAParam) {
  Router r;
  r.add(Method::kGet, "/t/{tenant}/files/{path*}", tagged("f"));
  const auto m = r.match(Method::kGet, "/t/acme/files/x/y.txt");
  ASSERT_EQ(m.outcome, Outcome::kFound);
  EXPECT_EQ(m.params.at("tenant"), "acme");
  EXPECT_EQ(m.params.at("path"), "x/y.txt");
}

// ---- Precedence ----

// Registers the two routes in the given order.
Router two_routes(const char* first, const char* second) {
  Router r;
  r.add(Method::kGet, first, tagged(first));
  r.add(Method::kGet, second, tagged(second));
  return r;
}

TEST(RouterPrecedence, StaticBeatsParamInEitherRegistrationOrder) {
  for (bool static_first : {true, false}) {
    SCOPED_TRACE(static_first);
    const char* s = "/api/v1/conversations/search";
    const char* p = "/api/v1/conversations/{id}";
    const Router r = static_first ? two_routes(s, p) : two_routes(p, s);
    EXPECT_EQ(run(r, Method::kGet, "/api/v1/conversations/search"), s);
    EXPECT_EQ(run(r, Method::kGet, "/api/v1/conversations/c-1"), p);
    const auto m = r.match(Method::kGet, "/api/v1/conversations/search");
    EXPECT_THAT(m.params, IsEmpty()) << "params of a losing candidate do not leak";
  }
}

TEST(RouterPrecedence, DeeperStaticBeatsParam) {
  for (bool static_first : {true, false}) {
    SCOPED_TRACE(static_first);
    const char* s = "/a/{x}/b/c";
    const char* p = "/a/{x}/{y}/c";
    const Router r = static_first ? two_routes(s, p) : two_routes(p, s);
    EXPECT_EQ(resolve(r, Method::kGet, "/a/1/b/c"), s);
    EXPECT_EQ(resolve(r, Method::kGet, "/a/1/z/c"), p);
  }
}

TEST(RouterPrecedence, StaticBeatsRestInEitherRegistrationOrder) {
  for (bool static_first : {true, false}) {
    SCOPED_TRACE(static_first);
    const char* s = "/docs";
    const char* rest = "/docs/{file*}";
    const Router r = static_first ? two_routes(s, rest) : two_routes(rest, s);
    EXPECT_EQ(run(r, Method::kGet, "/docs"), s);
    EXPECT_EQ(run(r, Method::kGet, "/docs/"), s);
    EXPECT_EQ(run(r, Method::kGet, "/docs/swagger.css"), rest);
  }
}

TEST(RouterPrecedence, ParamBeatsRestInEitherRegistrationOrder) {
  for (bool param_first : {true, false}) {
    SCOPED_TRACE(param_first);
    const char* p = "/files/{id}";
    const char* rest = "/files/{path*}";
    const Router r = param_first ? two_routes(p, rest) : two_routes(rest, p);
    EXPECT_EQ(run(r, Method::kGet, "/files/x"), p);
    EXPECT_EQ(run(r, Method::kGet, "/files/x/y"), rest);
  }
}

// ---- 404 vs 405 ----

TEST(RouterMethods, WrongMethodOnAKnownPathIs405WithTheAllowedMethods) {
  Router r;
  r.add(Method::kGet, "/api/v1/conversations/{id}/messages", tagged("list"));
  r.add(Method::kPost, "/api/v1/conversations/{id}/messages", tagged("post"));
  r.add(Method::kGet, "/api/v1/conversations/{id}", tagged("get"));
  const auto m = r.match(Method::kDelete, "/api/v1/conversations/c-1/messages");
  EXPECT_EQ(m.outcome, Outcome::kMethodNotAllowed);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_THAT(m.allowed, ElementsAre(Method::kGet, Method::kPost));
  EXPECT_EQ(resolve(r, Method::kDelete, "/api/v1/nothing"), "404");
  EXPECT_THAT(r.match(Method::kDelete, "/api/v1/nothing").allowed, IsEmpty());
}

TEST(RouterMethods, AllowedMethodsAreListedOnce) {
  Router r;
  r.add(Method::kGet, "/x/{id}", tagged("a"));
  r.add(Method::kGet, "/x/fixed", tagged("b"));
  r.add(Method::kPut, "/x/{id}", tagged("c"));
  const auto m = r.match(Method::kPatch, "/x/fixed");
  EXPECT_EQ(m.outcome, Outcome::kMethodNotAllowed);
  EXPECT_THAT(m.allowed, ElementsAre(Method::kGet, Method::kPut));
}

TEST(RouterMethods, AMatchingMethodOnAnyCandidateWins) {
  Router r;
  r.add(Method::kPost, "/x/special", tagged("special"));
  r.add(Method::kGet, "/x/{id}", tagged("by-id"));
  EXPECT_EQ(run(r, Method::kGet, "/x/special"), "by-id");
  EXPECT_EQ(run(r, Method::kPost, "/x/special"), "special");
  EXPECT_EQ(resolve(r, Method::kPost, "/x/other"), "405");
}

TEST(RouterMethods, OtherMethodIsNeverFound) {
  Router r;
  r.add(Method::kGet, "/a", tagged("a"));
  const auto m = r.match(Method::kOther, "/a");
  EXPECT_EQ(m.outcome, Outcome::kMethodNotAllowed);
  EXPECT_THAT(m.allowed, ElementsAre(Method::kGet));
}

TEST(RouterMethods, HeadUsesTheGetRoute) {
  Router r;
  r.add(Method::kGet, "/healthz", tagged("health"));
  r.add(Method::kPost, "/submit", tagged("submit"));
  EXPECT_EQ(run(r, Method::kHead, "/healthz"), "health");
  const auto m = r.match(Method::kHead, "/submit");
  EXPECT_EQ(m.outcome, Outcome::kMethodNotAllowed);
  EXPECT_THAT(m.allowed, ElementsAre(Method::kPost));
}

TEST(RouterMethods, AnExplicitHeadRouteIsReachableAndPreferred) {
  for (bool head_first : {true, false}) {
    SCOPED_TRACE(head_first);
    Router r;
    if (head_first) r.add(Method::kHead, "/file", tagged("head"));
    r.add(Method::kGet, "/file", tagged("get"));
    if (!head_first) r.add(Method::kHead, "/file", tagged("head"));
    EXPECT_EQ(run(r, Method::kHead, "/file"), "head");
    EXPECT_EQ(run(r, Method::kGet, "/file"), "get");
  }
  Router only_head;
  only_head.add(Method::kHead, "/probe", tagged("probe"));
  EXPECT_EQ(run(only_head, Method::kHead, "/probe"), "probe");
  EXPECT_EQ(resolve(only_head, Method::kGet, "/probe"), "405");
}

TEST(RouterMethods, OptionsIsNotAnsweredByTheRouter) {
  // The pipeline answers OPTIONS (preflight, Allow); the router reports 405 with the methods.
  Router r;
  r.add(Method::kGet, "/a", tagged("a"));
  const auto m = r.match(Method::kOptions, "/a");
  EXPECT_EQ(m.outcome, Outcome::kMethodNotAllowed);
  EXPECT_THAT(m.allowed, ElementsAre(Method::kGet));
  r.add(Method::kOptions, "/b", tagged("own options"));
  EXPECT_EQ(run(r, Method::kOptions, "/b"), "own options");
}

// ---- Duplicates ----

TEST(RouterDuplicates, SameMethodAndPatternIsRejected) {
  Router r;
  r.add(Method::kGet, "/api/v1/conversations/{id}", tagged("first"));
  try {
    r.add(Method::kGet, "/api/v1/conversations/{id}", tagged("second"));
    ADD_FAILURE() << "a duplicate route was accepted and would be silently shadowed";
  } catch (const std::logic_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("/api/v1/conversations/{id}"));
    EXPECT_THAT(e.what(), HasSubstr("GET"));
  }
  EXPECT_EQ(r.routes().size(), 1u);
  EXPECT_EQ(run(r, Method::kGet, "/api/v1/conversations/c-1"), "first");
}

TEST(RouterDuplicates, SameShapeWithOtherParamNamesOrSlashesIsRejected) {
  Router r;
  r.add(Method::kPost, "/c/{id}/close", tagged("a"));
  EXPECT_THROW(r.add(Method::kPost, "/c/{conversation}/close", tagged("b")), std::logic_error);
  EXPECT_THROW(r.add(Method::kPost, "/c/{id}/close/", tagged("c")), std::logic_error);
  r.add(Method::kGet, "/files/{path*}", tagged("d"));
  EXPECT_THROW(r.add(Method::kGet, "/files/{other*}", tagged("e")), std::logic_error);
  EXPECT_EQ(r.routes().size(), 2u);
}

TEST(RouterDuplicates, SamePatternWithAnotherMethodOrKindIsFine) {
  Router r;
  r.add(Method::kGet, "/c/{id}", tagged("get"));
  EXPECT_NO_THROW(r.add(Method::kPut, "/c/{id}", tagged("put")));
  EXPECT_NO_THROW(r.add(Method::kGet, "/c/{id}/x", tagged("x")));
  EXPECT_NO_THROW(r.add(Method::kGet, "/c/fixed", tagged("fixed")));
  EXPECT_NO_THROW(r.add(Method::kGet, "/c/{id*}", tagged("rest")));
  EXPECT_NO_THROW(r.add_websocket("/c/{id}", ws_accept()));
  EXPECT_THROW(r.add_websocket("/c/{other}", ws_accept()), std::logic_error);
  EXPECT_EQ(r.routes().size(), 6u);
}

// ---- WebSocket routes ----

TEST(RouterWebSocket, MatchedOnlyForUpgrades) {
  Router r;
  r.add_websocket("/api/v1/conversations/{id}/stream", ws_accept());
  r.add(Method::kGet, "/api/v1/conversations/{id}", tagged("get"));

  const auto ws = r.match(Method::kGet, "/api/v1/conversations/%EC%83%81/stream", true);
  ASSERT_EQ(ws.outcome, Outcome::kFound);
  EXPECT_EQ(ws.route->pattern, "/api/v1/conversations/{id}/stream");
  EXPECT_TRUE(static_cast<bool>(ws.route->websocket));
  EXPECT_FALSE(static_cast<bool>(ws.route->handler));
  EXPECT_EQ(ws.route->method, Method::kGet);
  EXPECT_EQ(ws.params.at("id"), "상");

  // A plain GET on the stream path is not routed to the WebSocket route, and an upgrade
  // on an ordinary route finds nothing.
  const auto plain = r.match(Method::kGet, "/api/v1/conversations/c-1/stream");
  EXPECT_EQ(plain.outcome, Outcome::kNotFound);
  EXPECT_THAT(plain.allowed, IsEmpty()) << "a WebSocket route does not make a 405";
  EXPECT_EQ(resolve(r, Method::kGet, "/api/v1/conversations/c-1", true), "404");
  EXPECT_EQ(resolve(r, Method::kGet, "/api/v1/conversations/c-1"), "/api/v1/conversations/{id}");
}

TEST(RouterWebSocket, AcceptCanRefuseOrAccept) {
  Router r;
  r.add_websocket("/ws/{id}", [](Request& q) -> std::variant<Response, WsCallbacks> {
    if (q.param("id") == "nope") return error_response(404, "not_found", "no such thing");
    return WsCallbacks{};
  });
  const auto m = r.match(Method::kGet, "/ws/nope", true);
  ASSERT_EQ(m.outcome, Outcome::kFound);
  Request q;
  q.path_params = m.params;
  const auto refused = m.route->websocket(q);
  ASSERT_TRUE(std::holds_alternative<Response>(refused));
  EXPECT_EQ(std::get<Response>(refused).status, 404);
  q.path_params["id"] = "ok";
  EXPECT_TRUE(std::holds_alternative<WsCallbacks>(m.route->websocket(q)));
}

// ---- Route listing (the OpenAPI document is generated from it) ----

TEST(RouterListing, RoutesKeepOrderDocsAndSegments) {
  Router r;
  r.add(Method::kPost, "/api/v1/conversations/{id}/messages", tagged("post"),
        RouteDoc{.operation_id = "postMessage",
                 .summary = "Send a customer message",
                 .tag = "Customer chat",
                 .request_schema_json = R"({"$ref":"#/components/schemas/PostMessageRequest"})",
                 .params = {{.name = "Idempotency-Key", .in = "header"}},
                 .responses = {{201, "Stored", R"({"type":"object"})"}, {404, "No such"}}});
  r.add(Method::kGet, "/assets/{file*}", tagged("asset"), RouteDoc{.hidden = true});
  r.add_websocket("/api/v1/conversations/{id}/stream", ws_accept(),
                  RouteDoc{.operation_id = "streamConversation"});
  r.add(Method::kGet, "/healthz", tagged("health"));

  const auto& routes = r.routes();
  ASSERT_EQ(routes.size(), 4u);

  const Route& post = routes[0];
  EXPECT_EQ(post.method, Method::kPost);
  EXPECT_EQ(post.pattern, "/api/v1/conversations/{id}/messages");
  EXPECT_THAT(post.segments, ElementsAre("api", "v1", "conversations", "{id}", "messages"));
  EXPECT_TRUE(static_cast<bool>(post.handler));
  EXPECT_FALSE(static_cast<bool>(post.websocket));
  EXPECT_EQ(post.doc.operation_id, "postMessage");
  EXPECT_EQ(post.doc.summary, "Send a customer message");
  EXPECT_EQ(post.doc.tag, "Customer chat");
  EXPECT_FALSE(post.doc.hidden);
  ASSERT_EQ(post.doc.params.size(), 1u);
  EXPECT_EQ(post.doc.params[0].in, "header");
  EXPECT_EQ(post.doc.params[0].schema_json, R"({"type":"string"})") << "default schema";
  EXPECT_FALSE(post.doc.params[0].required);
  ASSERT_EQ(post.doc.responses.size(), 2u);
  EXPECT_EQ(post.doc.responses[0].status, 201);
  EXPECT_EQ(post.doc.responses[1].content_type, "application/json");
  EXPECT_EQ(post.doc.responses[1].schema_json, "");

  EXPECT_TRUE(routes[1].doc.hidden);
  EXPECT_THAT(routes[1].segments, ElementsAre("assets", "{file*}"));

  EXPECT_TRUE(static_cast<bool>(routes[2].websocket));
  EXPECT_EQ(routes[2].method, Method::kGet);
  EXPECT_EQ(routes[2].doc.operation_id, "streamConversation");

  EXPECT_THAT(routes[3].segments, ElementsAre("healthz"));
  EXPECT_EQ(routes[3].doc.operation_id, "") << "an undocumented route has an empty doc";
}

TEST(RouterListing, RouteAddressesStayValidForMatches) {
  // Match results point into routes(); lookups by many paths return those same objects.
  Router r;
  r.add(Method::kGet, "/a/{id}", tagged("a"));
  r.add(Method::kGet, "/b", tagged("b"));
  EXPECT_EQ(r.match(Method::kGet, "/a/1").route, &r.routes()[0]);
  EXPECT_EQ(r.match(Method::kGet, "/b").route, &r.routes()[1]);
  EXPECT_THAT(r.match(Method::kGet, "/a/1").params,
              UnorderedElementsAre(std::pair<const std::string, std::string>("id", "1")));
}

}  // namespace
}  // namespace aicc::net
