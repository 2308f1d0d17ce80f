// The one router, in a real server on loopback: patterns with parameters, 404, 405 with Allow,
// gates before routing, one media-type check, and per-route request metrics.
#include "http/router.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>

#include "support/http_client.hpp"
#include "support/io_threads.hpp"

namespace lapor::http {
namespace {

namespace bhttp = boost::beast::http;
using boost::asio::awaitable;

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.Add(bhttp::verb::get, "/cases/{no}",
                [](Request& req, RouteContext& ctx) -> awaitable<Response> {
                  co_return TextResponse(req, bhttp::status::ok,
                                         "case " + ctx.params.at(0) + " " + std::string(ctx.query));
                });
    router_.Add(bhttp::verb::post, "/cases/{no}/actions",
                [](Request& req, RouteContext& ctx) -> awaitable<Response> {
                  co_return TextResponse(req, bhttp::status::ok, "acted on " + ctx.params.at(0));
                },
                {.media_type = "application/json"});
    router_.Add(bhttp::verb::get, "/broken",
                [](Request& req, RouteContext&) -> awaitable<Response> {
                  co_return TextResponse(req, static_cast<bhttp::status>(302), "moved");
                });
    router_.Add(bhttp::verb::get, "/secret/effect",
                [this](Request& req, RouteContext&) -> awaitable<Response> {
                  ++effects_;
                  co_return TextResponse(req, bhttp::status::ok, "changed something");
                });
    router_.AddGate("/secret", [](const Request& req, const Peer&) -> std::optional<Response> {
      if (req[bhttp::field::authorization] != "Bearer ok") {
        return JsonError(req, {Errc::kUnauthorized, "no"});
      }
      return std::nullopt;
    });
    router_.Add(bhttp::verb::get, "/secret/thing",
                [](Request& req, RouteContext&) -> awaitable<Response> {
                  co_return TextResponse(req, bhttp::status::ok, "thing");
                });
    server_ = std::make_unique<Server>(io_.io(), Limits{}, [this](Request& req, const Peer& peer) {
      return router_.Handle(req, peer);
    });
    EXPECT_TRUE(server_->Listen("127.0.0.1", 0));
  }
  ~RouterTest() override { server_->Stop(); }

  test::HttpReply Call(const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers = {}) {
    return test::HttpRequestWithHeaders(server_->port(), method, target, "", headers);
  }

  test::IoThreads io_;
  metrics::Registry registry_;
  Router router_{registry_};
  std::unique_ptr<Server> server_;
  std::atomic<int> effects_{0};
};

TEST_F(RouterTest, ParametersAndQueryReachTheHandler) {
  auto reply = Call("GET", "/cases/000000427?x=1");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "case 000000427 x=1");
}

TEST_F(RouterTest, UnknownPathIs404AndAnEmptySegmentMatchesNothing) {
  EXPECT_EQ(Call("GET", "/nothing").status, 404);
  EXPECT_EQ(Call("GET", "/cases/").status, 404);
  EXPECT_EQ(Call("GET", "/cases//actions").status, 404);
  EXPECT_EQ(Call("GET", "/cases/1/").status, 404);
}

TEST_F(RouterTest, KnownPathWithAnotherMethodIs405WithAllow) {
  auto reply = Call("GET", "/cases/1/actions");
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.Header("allow"), "POST");
  EXPECT_EQ(Call("DELETE", "/cases/1").Header("allow"), "GET");
}

TEST_F(RouterTest, TheMediaTypeIsCheckedAfterTheRouteAndIgnoresCaseAndParameters) {
  EXPECT_EQ(Call("POST", "/cases/1/actions", {{"Content-Type", "text/plain"}}).status, 415);
  EXPECT_EQ(Call("POST", "/cases/1/actions").status, 415);
  auto ok = Call("POST", "/cases/1/actions", {{"Content-Type", "Application/JSON; charset=utf-8"}});
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "acted on 1");
}

TEST_F(RouterTest, AGateAnswersBeforeRoutingEvenForUnknownPaths) {
  EXPECT_EQ(Call("GET", "/secret/thing").status, 401);
  EXPECT_EQ(Call("GET", "/secret/nothing-here").status, 401);
  EXPECT_EQ(Call("POST", "/secret/thing").status, 401);
  EXPECT_EQ(Call("GET", "/secret/thing", {{"Authorization", "Bearer ok"}}).status, 200);
  EXPECT_EQ(Call("GET", "/secret/nothing-here", {{"Authorization", "Bearer ok"}}).status, 404);
  EXPECT_EQ(Call("GET", "/secretive").status, 404);  // not under the prefix
}

TEST_F(RouterTest, HeadIsAnsweredWithoutRunningTheGetHandler) {
  auto head = Call("HEAD", "/secret/effect", {{"Authorization", "Bearer ok"}});
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.Header("allow"), "GET, HEAD");
  EXPECT_EQ(effects_.load(), 0);
  // The gate still comes first, and an unknown path is still 404.
  EXPECT_EQ(Call("HEAD", "/secret/effect").status, 401);
  EXPECT_EQ(Call("HEAD", "/nothing").status, 404);
  EXPECT_EQ(effects_.load(), 0);
  EXPECT_EQ(Call("GET", "/secret/effect", {{"Authorization", "Bearer ok"}}).status, 200);
  EXPECT_EQ(effects_.load(), 1);
}

TEST_F(RouterTest, EachRouteCountsItsRequestsByStatusAndLatency) {
  Call("GET", "/cases/1");
  Call("GET", "/cases/2");
  Call("GET", "/broken");
  Call("GET", "/nothing");
  const std::string text = registry_.Render();
  EXPECT_TRUE(Has(text, R"(lapor1708_http_requests_total{route="/cases/{no}",status="200"} 2)"))
      << text;
  EXPECT_TRUE(Has(text, R"(lapor1708_http_requests_total{route="/broken",status="other"} 1)"));
  EXPECT_TRUE(Has(text, R"(lapor1708_http_requests_total{route="unmatched",status="404"} 1)"));
  // Statuses not seen are not rendered.
  EXPECT_EQ(text.find(R"(route="/cases/{no}",status="404")"), std::string::npos);
  // Every route has its histogram, even before its first request.
  EXPECT_TRUE(
      Has(text, R"(lapor1708_http_request_duration_seconds_count{route="/cases/{no}/actions"} 0)"));
  EXPECT_TRUE(Has(text, R"(lapor1708_http_request_duration_seconds_count{route="/cases/{no}"} 2)"));
}

}  // namespace
}  // namespace lapor::http
