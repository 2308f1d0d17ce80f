#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "http/connection_io.hpp"
#include "http/server.hpp"

// What a Server and its connections share (server.cpp), and the registrations that count a
// connection while it is served.
namespace lapor::http::detail {}  // namespace lapor::http::detail

namespace lapor::http {

// The connections of every Server that shares it: max_connections and
// max_connections_per_address count them together.
class ConnectionShare {
 public:
  std::mutex mutex;
  std::unordered_map<std::string, size_t> by_address;  // guarded by mutex
  size_t open = 0;                                     // guarded by mutex
};

}  // namespace lapor::http

namespace lapor::http::detail {

struct ServerState {
  ServerState(boost::asio::io_context& io_context, Limits server_limits, Handler request_handler,
              std::shared_ptr<ConnectionShare> connection_share, RunBy threads)
      : io(io_context),
        run_by(threads),
        limits(server_limits),
        handler(std::move(request_handler)),
        acceptor(SerialExecutor(io_context, threads)),
        share(connection_share ? std::move(connection_share) : NewConnectionShare()) {}

  boost::asio::io_context& io;
  const RunBy run_by;
  const Limits limits;
  const Handler handler;
  boost::asio::ip::tcp::acceptor
      acceptor;  // on its own serial executor; touched by Listen() before accepting starts
  std::atomic<uint16_t> port{0};
  std::atomic<bool> listening{false};
  std::atomic<bool> stopping{false};
  std::atomic<size_t> open{0};       // connections this server is serving
  std::atomic<size_t> rejecting{0};  // connections being answered 503
  const std::shared_ptr<ConnectionShare> share;

  std::mutex mutex;
  std::unordered_set<std::shared_ptr<Connection>> connections;  // guarded by mutex
};

// Counts a served connection and registers it for Stop(); undoes both when the connection's
// coroutine ends or is destroyed without running. Move-only.
class OpenConnection {
 public:
  // Registers `conn` from `address`, unless the servers sharing the count have max_connections
  // open, or that address max_connections_per_address: then admitted() is false and nothing is
  // registered.
  OpenConnection(std::shared_ptr<ServerState> state, std::shared_ptr<Connection> conn,
                 std::string address, size_t max_connections)
      : state_(std::move(state)), conn_(std::move(conn)), address_(std::move(address)) {
    {
      ConnectionShare& share = *state_->share;
      std::lock_guard lock(share.mutex);
      if (share.open >= max_connections) {
        state_.reset();
        return;
      }
      size_t& from_address = share.by_address[address_];
      if (from_address >= state_->limits.max_connections_per_address) {
        if (from_address == 0) {
          share.by_address.erase(address_);
        }
        state_.reset();
        return;
      }
      ++from_address;
      ++share.open;
    }
    std::lock_guard lock(state_->mutex);
    state_->open.fetch_add(1);
    state_->connections.insert(conn_);
  }
  OpenConnection(OpenConnection&& other) noexcept
      : state_(std::move(other.state_)),
        conn_(std::move(other.conn_)),
        address_(std::move(other.address_)) {}
  OpenConnection& operator=(OpenConnection&&) = delete;
  ~OpenConnection() {
    if (!state_) {
      return;
    }
    {
      std::lock_guard lock(state_->mutex);
      state_->connections.erase(conn_);
      state_->open.fetch_sub(1);
    }
    ConnectionShare& share = *state_->share;
    std::lock_guard lock(share.mutex);
    if (--share.by_address[address_] == 0) {
      share.by_address.erase(address_);
    }
    --share.open;
  }
  bool admitted() const { return state_ != nullptr; }

 private:
  std::shared_ptr<ServerState> state_;
  std::shared_ptr<Connection> conn_;
  std::string address_;
};

// Counts a connection being answered 503. Move-only.
class RejectingConnection {
 public:
  explicit RejectingConnection(std::shared_ptr<ServerState> state) : state_(std::move(state)) {
    state_->rejecting.fetch_add(1);
  }
  RejectingConnection(RejectingConnection&& other) noexcept : state_(std::move(other.state_)) {}
  RejectingConnection& operator=(RejectingConnection&&) = delete;
  ~RejectingConnection() {
    if (state_) {
      state_->rejecting.fetch_sub(1);
    }
  }

 private:
  std::shared_ptr<ServerState> state_;
};

}  // namespace lapor::http::detail
