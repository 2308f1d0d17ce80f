#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/result.hpp"
#include "http/status.hpp"  // Request, Response
#include "io/serial_executor.hpp"

namespace lapor::http {

// What a client may cost us. Every limit answers the client before closing (see Server).
struct Limits {
  size_t max_header_bytes = 8 * 1024;  // request line + headers; over it: 431
  size_t max_body_bytes = 64 * 1024;   // over it: 413
  int read_timeout_ms = 10000;         // a whole request, from its first byte (or accept): 408
  int idle_timeout_ms = 15000;         // keep-alive wait for the next request: silent close
  int write_timeout_ms = 10000;        // one response; a client that does not read is dropped
  int max_connections = 10000;         // above it a new connection is answered 503
  size_t max_connections_per_address = 1000;  // one client's share; above it: 503
  int drain_timeout_ms = 10000;               // on stop, requests in flight may finish this long
};

// Who sent the request, as the socket sees it (a proxy's address when behind one).
struct Peer {
  std::string address;
};

// Answers one request. Runs on the connection's strand; may co_await anything. A handler that
// throws makes the server answer 500 {"error":"internal error"} and log the exception.
using Handler = std::function<boost::asio::awaitable<Response>(Request&, const Peer&)>;

namespace detail {
struct ServerState;
}

// Whether a listener shares its port with other Servers of this process (SO_REUSEPORT: the
// kernel spreads new connections over them).
enum class PortSharing {
  kAlone,  // the port is this server's alone
  // The first of a group. It refuses a port that anything listens on already, as kAlone does: a
  // second process started on the port by mistake would otherwise silently take half the
  // traffic, since the kernel lets any socket with SO_REUSEPORT of the same user join.
  kFirst,
  kJoin,  // joins the port the group's kFirst server holds
};

// Connection counts several Servers share (server_state.hpp), so that max_connections and
// max_connections_per_address hold for all of them together: one process's web shards, which
// together must stay under its open-file limit.
class ConnectionShare;
std::shared_ptr<ConnectionShare> NewConnectionShare();

// An HTTP/1.1 server: one acceptor and one coroutine per connection, each connection on its own
// strand of the caller's io_context, which any number of threads may run (or, with
// RunBy::kOneThread, on the io_context's own executor: see io/serial_executor.hpp). Keep-alive
// by default; `Connection: close` and HTTP/1.0 without keep-alive are honoured. Every response gets
// Content-Length and a Connection header that matches what the server does next.
//
// Refusals (status, then the connection is closed after a short drain of what the client is
// still sending): malformed request 400, header too large 431, body too large 413 (before the
// body when the client sent `Expect: 100-continue`), request not complete in read_timeout_ms 408,
// more than max_connections open 503 with `Retry-After: 1`.
//
// The io_context must outlive the Server. Destroying the Server calls Stop(); the connections
// that are still finishing keep what they need alive.
class Server {
 public:
  // `share`: counts shared with other Servers; null: this server's own. `run_by`: kOneThread only
  // if exactly one thread runs `io`.
  Server(boost::asio::io_context& io, Limits limits, Handler handler,
         std::shared_ptr<ConnectionShare> share = nullptr, RunBy run_by = RunBy::kAnyThreads);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds `address` (IPv4 or IPv6 literal) and `port` (0 = any free port, see port()) and starts
  // accepting on the io_context. Call once. kBadRequest for an unparsable address, kUnavailable
  // when the socket cannot be opened, bound or listened on (the message says which and why).
  Result<Ok> Listen(const std::string& address, uint16_t port,
                    PortSharing sharing = PortSharing::kAlone);

  // The bound port; 0 before a successful Listen().
  uint16_t port() const;

  // Stops accepting, closes connections that wait for a request, and lets requests in flight
  // finish (their responses say `Connection: close`). Returns at once; io_context::run() returns
  // when the last connection is gone. Thread-safe; calling again does nothing.
  void Stop();

  // Connections being served now (refused ones not counted). Thread-safe.
  size_t open_connections() const;

 private:
  std::shared_ptr<detail::ServerState> state_;
};

}  // namespace lapor::http
