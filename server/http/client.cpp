#include "http/client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <charconv>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "http/asio_names.hpp"

namespace lapor::http {
namespace {

using namespace asio_names;

constexpr size_t kMaxHeaderBytes = 16 * 1024;
constexpr size_t kMaxBodyBytes = 64 * 1024;

// co_spawn hands back a default-constructed value when the coroutine throws, so what crosses it
// must have one; Result<T> has none.
struct Outcome {
  std::optional<Result<ClientReply>> result;
};

Error Unavailable(std::string what, const boost::system::error_code& ec) {
  return Error{Errc::kUnavailable, std::move(what) + ": " + ec.message()};
}

// The request as it goes on the wire.
bhttp::request<bhttp::string_body> BuildRequest(const text::HttpUrl& url,
                                                const ClientRequest& request) {
  const bhttp::verb method = request.method == "POST" ? bhttp::verb::post : bhttp::verb::get;
  bhttp::request<bhttp::string_body> req{method, url.target, 11};
  const bool default_port = url.port == (url.tls ? "443" : "80");
  req.set(bhttp::field::host, default_port ? url.host : url.host + ":" + url.port);
  req.set(bhttp::field::user_agent, "lapor1708");
  for (const auto& [name, value] : request.headers) {
    req.set(name, value);
  }
  req.keep_alive(false);
  if (method == bhttp::verb::post) {
    req.body() = request.body;
    req.prepare_payload();
  }
  return req;
}

// The addresses of the URL's host: the literal, or what the resolver finds.
asio::awaitable<Result<std::vector<tcp::endpoint>>> Endpoints(const text::HttpUrl& url,
                                                              tcp::resolver& resolver) {
  std::vector<tcp::endpoint> endpoints;
  boost::system::error_code ec;
  const asio::ip::address literal = asio::ip::make_address(url.host, ec);
  if (!ec) {
    // ParseHttpUrl checked the port.
    uint16_t port = 0;
    const auto converted =
        std::from_chars(url.port.data(), url.port.data() + url.port.size(), port);
    (void)converted;
    endpoints.emplace_back(literal, port);
    co_return endpoints;
  }
  auto [resolve_ec, results] = co_await resolver.async_resolve(url.host, url.port, kTuple);
  if (resolve_ec) {
    co_return Unavailable("resolve " + url.host, resolve_ec);
  }
  for (const auto& entry : results) {
    endpoints.push_back(entry.endpoint());
  }
  co_return endpoints;
}

// Writes the request and reads the reply on `stream`, a socket or a TLS stream over one.
template <typename Stream>
asio::awaitable<Outcome> Converse(Stream& stream, bhttp::request<bhttp::string_body>& req,
                                  const std::string& where) {
  auto [write_ec, written] = co_await bhttp::async_write(stream, req, kTuple);
  (void)written;
  if (write_ec) {
    co_return Outcome{Unavailable("send to " + where, write_ec)};
  }
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.header_limit(kMaxHeaderBytes);
  parser.body_limit(kMaxBodyBytes);
  auto [read_ec, read] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
  (void)read;
  if (read_ec) {
    co_return Outcome{Unavailable("reply from " + where, read_ec)};
  }
  auto res = parser.release();
  co_return Outcome{
      ClientReply{.status = static_cast<int>(res.result_int()), .body = std::move(res.body())}};
}

// One TLS context per trusted-certificates file, made once: certificates checked, TLS 1.2+.
std::shared_ptr<asio::ssl::context> TlsContext(const std::string& ca_file) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<asio::ssl::context>> contexts;
  std::lock_guard lock(mutex);
  auto& context = contexts[ca_file];
  if (!context) {
    context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
    boost::system::error_code ec;
    context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                             asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                             asio::ssl::context::no_tlsv1_1,
                         ec);
    if (ca_file.empty()) {
      context->set_default_verify_paths(ec);
    } else {
      context->load_verify_file(ca_file, ec);
    }
    // A file that cannot be read leaves nothing trusted: every handshake then fails, and says so.
    context->set_verify_mode(asio::ssl::verify_peer, ec);
  }
  return context;
}

// Resolve, connect, (TLS handshake,) send the request, read the reply. Not bounded in time:
// Exchange() races it against the deadline.
asio::awaitable<Outcome> Talk(const text::HttpUrl& url, const ClientRequest& request,
                              tcp::resolver& resolver, tcp::socket& socket) {
  // A cancelled operation comes back as an error code; it must not throw at the next co_await.
  co_await asio::this_coro::throw_if_cancelled(false);
  const std::string where = url.host + ":" + url.port;
  auto endpoints = co_await Endpoints(url, resolver);
  if (!endpoints) {
    co_return Outcome{endpoints.error()};
  }
  auto [connect_ec, endpoint] = co_await asio::async_connect(socket, *endpoints, kTuple);
  (void)endpoint;
  if (connect_ec) {
    co_return Outcome{Unavailable("connect " + where, connect_ec)};
  }
  auto req = BuildRequest(url, request);
  if (!url.tls) {
    co_return co_await Converse(socket, req, where);
  }
  auto context = TlsContext(request.ca_file);
  asio::ssl::stream<tcp::socket&> tls(socket, *context);
  boost::system::error_code ec;
  asio::ip::make_address(url.host, ec);
  if (ec) {
    // SNI: the server picks the certificate of the name we ask for.
    SSL_set_tlsext_host_name(tls.native_handle(), url.host.c_str());
  }
  tls.set_verify_callback(asio::ssl::host_name_verification(url.host));
  auto [handshake_ec] = co_await tls.async_handshake(asio::ssl::stream_base::client, kTuple);
  if (handshake_ec) {
    co_return Outcome{Unavailable("TLS with " + where, handshake_ec)};
  }
  // No TLS shutdown: we asked for Connection: close and read the whole reply.
  co_return co_await Converse(tls, req, where);
}

// True when the deadline passed. An asynchronous resolve cannot be cancelled per operation, so
// whichever way this ends (deadline, or cancelled because Talk finished or the caller gave up),
// the resolver is cancelled, which ends a resolve still running; at the deadline the socket is
// closed too, which ends any read, write or handshake on it.
asio::awaitable<bool> Deadline(asio::steady_timer& timer, tcp::resolver& resolver,
                               tcp::socket& socket) {
  co_await asio::this_coro::throw_if_cancelled(false);
  auto [ec] = co_await timer.async_wait(kTuple);
  resolver.cancel();
  if (!ec) {
    boost::system::error_code close_ec;
    socket.close(close_ec);
  }
  co_return !ec;
}

// Runs on a strand: Talk and Deadline share the resolver and the socket.
asio::awaitable<Outcome> Exchange(text::HttpUrl url, ClientRequest request,
                                  std::chrono::milliseconds timeout) {
  co_await asio::this_coro::throw_if_cancelled(false);
  auto ex = co_await asio::this_coro::executor;
  tcp::resolver resolver(ex);
  tcp::socket socket(ex);
  asio::steady_timer timer(ex);
  timer.expires_after(timeout);
  auto raced = co_await (Talk(url, request, resolver, socket) || Deadline(timer, resolver, socket));
  if (raced.index() == 0) {
    boost::system::error_code ec;
    socket.shutdown(tcp::socket::shutdown_both, ec);  // the server may have closed it already
    co_return std::get<0>(std::move(raced));
  }
  if (std::get<1>(raced)) {
    co_return Outcome{Error{Errc::kTimeout, "no reply from " + url.host + ":" + url.port +
                                                " within " + std::to_string(timeout.count()) +
                                                " ms"}};
  }
  co_return Outcome{Error{Errc::kUnavailable, "request cancelled"}};
}

}  // namespace

asio::awaitable<Result<ClientReply>> HttpCall(ClientRequest request,
                                              std::chrono::milliseconds timeout) {
  auto parsed = text::ParseHttpUrl(request.url);
  if (!parsed) {
    co_return parsed.error();
  }
  if (request.method != "GET" && request.method != "POST") {
    co_return Error{Errc::kBadRequest, "http client: method must be GET or POST"};
  }
  auto strand = asio::make_strand(co_await asio::this_coro::executor);
  // The caller's cancellation (a sender stopping) cuts the exchange off. Boost 1.81's co_spawn
  // forwards it by posting an emit on a signal that dies with the spawned coroutine, so a cancel
  // from another thread just as the exchange ends ran on freed memory (ASan caught it). Ours goes
  // to a signal kept alive by the forwarding itself and is emitted on the exchange's strand, where
  // co_spawn's own forwarding runs at once.
  auto forward = std::make_shared<asio::cancellation_signal>();
  asio::cancellation_slot caller = (co_await asio::this_coro::cancellation_state).slot();
  if (caller.is_connected()) {
    caller.assign([forward, strand](asio::cancellation_type type) {
      asio::dispatch(strand, [forward, type] { forward->emit(type); });
    });
  }
  Outcome outcome =
      co_await asio::co_spawn(strand, Exchange(std::move(*parsed), std::move(request), timeout),
                              asio::bind_cancellation_slot(forward->slot(), asio::use_awaitable));
  if (caller.is_connected()) {
    caller.clear();
  }
  if (!outcome.result) {
    co_return Error{Errc::kInternal, "http client: no outcome"};
  }
  co_return std::move(*outcome.result);
}

asio::awaitable<Result<ClientReply>> HttpGet(const std::string& url,
                                             std::chrono::milliseconds timeout) {
  // (Built before co_await: GCC 12 miscompiles a braced list inside one.)
  ClientRequest request{.method = "GET", .url = url};
  co_return co_await HttpCall(std::move(request), timeout);
}

}  // namespace lapor::http
