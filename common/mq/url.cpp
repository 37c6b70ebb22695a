#include "common/mq/url.hpp"

#include <amqp.h>
#include <fmt/format.h>

#include <vector>

namespace tailor::mq {

std::string AmqpUrl::display() const {
  return fmt::format("{}:{}/{}", host, port, vhost == "/" ? std::string("%2f") : vhost);
}

Result<AmqpUrl> parse_url(std::string_view url) {
  if (url.starts_with("amqps://")) {
    return fail(Errc::invalid_argument,
                "RABBITMQ_URL: amqps:// (TLS) is not supported; use amqp://");
  }
  if (!url.starts_with("amqp://")) {
    return fail(Errc::invalid_argument, "RABBITMQ_URL must start with amqp://");
  }
  // amqp_parse_url decodes in place and points into the buffer; copy out before it goes away.
  std::vector<char> buf(url.begin(), url.end());
  buf.push_back('\0');
  amqp_connection_info info;
  amqp_default_connection_info(&info);
  if (amqp_parse_url(buf.data(), &info) != AMQP_STATUS_OK) {
    return fail(Errc::invalid_argument,
                "RABBITMQ_URL is not a valid amqp://user:password@host:port/vhost URL");
  }
  AmqpUrl out;
  out.user = info.user ? info.user : "";
  out.password = info.password ? info.password : "";
  out.host = info.host ? info.host : "";
  out.port = info.port;
  out.vhost = info.vhost ? info.vhost : "";
  // "amqp://host/" names the empty vhost by the URI spec, which RabbitMQ never has; read it as
  // the default vhost, as other clients do.
  if (out.vhost.empty()) out.vhost = "/";
  if (out.host.empty()) return fail(Errc::invalid_argument, "RABBITMQ_URL names no host");
  if (out.port <= 0 || out.port > 65535) {
    return fail(Errc::invalid_argument, "RABBITMQ_URL has a port outside 1..65535");
  }
  return out;
}

}  // namespace tailor::mq
