#include "common/mq/amqp_support.hpp"

#include <amqp_framing.h>
#include <fmt/format.h>

namespace tailor::mq::detail {

Error library_error(int status, std::string_view what, std::string_view peer) {
  return Error{Errc::unavailable,
               fmt::format("RabbitMQ at {}: {}: {}", peer, what, amqp_error_string2(status))};
}

std::string close_reason(const amqp_method_t& method) {
  if (method.id == AMQP_CHANNEL_CLOSE_METHOD) {
    const auto* m = static_cast<const amqp_channel_close_t*>(method.decoded);
    return fmt::format("{} {}", m->reply_code, to_string(m->reply_text));
  }
  if (method.id == AMQP_CONNECTION_CLOSE_METHOD) {
    const auto* m = static_cast<const amqp_connection_close_t*>(method.decoded);
    return fmt::format("{} {}", m->reply_code, to_string(m->reply_text));
  }
  return fmt::format("unexpected method 0x{:08x}", method.id);
}

Error reply_error(const amqp_rpc_reply_t& reply, std::string_view what, std::string_view peer) {
  switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
      return Error{Errc::internal, fmt::format("RabbitMQ at {}: {}: not an error", peer, what)};
    case AMQP_RESPONSE_NONE:
      return Error{
          Errc::unavailable,
          fmt::format("RabbitMQ at {}: {}: no reply (missing RPC reply type)", peer, what)};
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
      return library_error(reply.library_error, what, peer);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
      break;
  }
  const std::string reason = close_reason(reply.reply);
  Errc code = Errc::unavailable;
  if (reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
    const auto* m = static_cast<const amqp_channel_close_t*>(reply.reply.decoded);
    switch (m->reply_code) {
      case AMQP_NOT_FOUND:
        code = Errc::not_found;
        break;
      case AMQP_ACCESS_REFUSED:
        code = Errc::permission_denied;
        break;
      case AMQP_PRECONDITION_FAILED:
        code = Errc::failed_precondition;
        break;
      default:
        code = Errc::unavailable;
        break;
    }
  }
  return Error{code, fmt::format("RabbitMQ at {}: {}: {}", peer, what, reason)};
}

Properties::Properties(const Message& msg) {
  props_._flags = AMQP_BASIC_CONTENT_TYPE_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG;
  props_.content_type = amqp_cstring_bytes("application/json");
  props_.delivery_mode = AMQP_DELIVERY_PERSISTENT;
  if (!msg.message_id.empty()) {
    props_._flags |= AMQP_BASIC_MESSAGE_ID_FLAG;
    props_.message_id = bytes(msg.message_id);
  }
  if (!msg.headers.empty()) {
    headers_.reserve(msg.headers.size());
    for (const auto& [k, v] : msg.headers) {
      amqp_table_entry_t e{};
      e.key = bytes(k);
      e.value.kind = AMQP_FIELD_KIND_UTF8;
      e.value.value.bytes = bytes(v);
      headers_.push_back(e);
    }
    props_._flags |= AMQP_BASIC_HEADERS_FLAG;
    props_.headers.num_entries = static_cast<int>(headers_.size());
    props_.headers.entries = headers_.data();
  }
}

namespace {

long long field_int(const amqp_field_value_t& v) {
  switch (v.kind) {
    case AMQP_FIELD_KIND_I8:
      return v.value.i8;
    case AMQP_FIELD_KIND_U8:
      return v.value.u8;
    case AMQP_FIELD_KIND_I16:
      return v.value.i16;
    case AMQP_FIELD_KIND_U16:
      return v.value.u16;
    case AMQP_FIELD_KIND_I32:
      return v.value.i32;
    case AMQP_FIELD_KIND_U32:
      return v.value.u32;
    case AMQP_FIELD_KIND_I64:
      return v.value.i64;
    case AMQP_FIELD_KIND_U64:
      return static_cast<long long>(v.value.u64);
    default:
      return 0;
  }
}

const amqp_field_value_t* lookup(const amqp_table_t& t, std::string_view key) {
  for (int i = 0; i < t.num_entries; ++i) {
    if (to_string(t.entries[i].key) == key) return &t.entries[i].value;
  }
  return nullptr;
}

}  // namespace

void read_properties(const amqp_basic_properties_t& props, Delivery& out) {
  if (props._flags & AMQP_BASIC_MESSAGE_ID_FLAG) out.message_id = to_string(props.message_id);
  if (!(props._flags & AMQP_BASIC_HEADERS_FLAG)) return;
  const auto* death = lookup(props.headers, "x-death");
  if (!death || death->kind != AMQP_FIELD_KIND_ARRAY) return;
  long long total = 0;
  const auto& arr = death->value.array;
  for (int i = 0; i < arr.num_entries; ++i) {
    if (arr.entries[i].kind != AMQP_FIELD_KIND_TABLE) continue;
    if (const auto* c = lookup(arr.entries[i].value.table, "count")) total += field_int(*c);
  }
  out.death_count = static_cast<int>(total);
}

}  // namespace tailor::mq::detail
