#pragma once
// RABBITMQ_URL parsing: amqp://user:pass@host:port/vhost (percent-encoded, "%2f" is vhost "/").
// Omitted parts take the defaults below; an empty path ("amqp://host/") also means vhost "/".
#include <string>
#include <string_view>

#include "common/core/error.hpp"

namespace tailor::mq {

struct AmqpUrl {
  std::string user = "guest";
  std::string password = "guest";
  std::string host = "localhost";
  int port = 5672;
  std::string vhost = "/";

  // "host:port/vhost" with no credentials: the only form of the address that goes into logs
  // and error messages.
  std::string display() const;
};

// Fails with invalid_argument naming what is wrong (never echoing the password) for text
// that is not an amqp:// URL; amqps:// is refused the same way (TLS is not built in).
Result<AmqpUrl> parse_url(std::string_view url);

}  // namespace tailor::mq
