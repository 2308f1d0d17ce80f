#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

// The names the Asio code of http/ is written with, and its one completion token.
namespace lapor::http::asio_names {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::experimental::awaitable_operators::operator||;

// Completion token: errors come back as values, never as exceptions.
inline constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

}  // namespace lapor::http::asio_names
