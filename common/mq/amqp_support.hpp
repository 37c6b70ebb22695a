#pragma once
// Internal to common/mq (includes <amqp.h>; nothing outside this folder includes it): the few
// helpers that turn rabbitmq-c's C values into Tailor's types and errors.
#include <amqp.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/core/error.hpp"
#include "common/mq/message.hpp"

namespace tailor::mq::detail {

inline amqp_bytes_t bytes(std::string_view s) {
  return amqp_bytes_t{s.size(), const_cast<char*>(s.data())};
}
inline std::string to_string(amqp_bytes_t b) {
  return b.len == 0 ? std::string() : std::string(static_cast<const char*>(b.bytes), b.len);
}

// A failure of the link itself (status from rabbitmq-c): always Errc::unavailable.
Error library_error(int status, std::string_view what, std::string_view peer);
// An RPC reply that is not normal: library failures and connection.close are unavailable;
// channel.close maps its reply code (404 not_found, 403 permission_denied, 406
// failed_precondition, others unavailable).
Error reply_error(const amqp_rpc_reply_t& reply, std::string_view what, std::string_view peer);
// "406 PRECONDITION_FAILED - ..." for a channel.close or connection.close method.
std::string close_reason(const amqp_method_t& method);

// basic.properties for a Message: persistent, application/json, message_id, string headers.
// Points into `msg` and into itself: keep both alive until the publish call returns.
class Properties {
 public:
  explicit Properties(const Message& msg);
  const amqp_basic_properties_t* get() const { return &props_; }

 private:
  amqp_basic_properties_t props_{};
  std::vector<amqp_table_entry_t> headers_;
};

// Copies message_id and the x-death count from received properties.
void read_properties(const amqp_basic_properties_t& props, Delivery& out);

}  // namespace tailor::mq::detail
