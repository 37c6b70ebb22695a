#pragma once
// What goes onto and comes off the queues. Bodies are small JSON objects such as
//   {"job_id":"<uuid>","stage":"extract","attempt":1}
// The queue layer reads and rewrites only "attempt"; everything else is the caller's.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/core/error.hpp"

namespace tailor::mq {

// One message to publish: persistent, content type application/json, mandatory.
struct Message {
  std::string exchange{};     // "<ns>.work"; "" is the default exchange (routing key = queue name)
  std::string routing_key{};  // the stage name for <ns>.work
  std::string body{};
  std::string message_id{};  // e.g. the outbox row id; consumers may use it to spot duplicates
  std::vector<std::pair<std::string, std::string>> headers{};  // optional string headers
};

// One message as a consumer (or Connection::get) receives it.
struct Delivery {
  std::string body{};
  std::uint64_t tag = 0;  // delivery tag on the channel it came from
  bool redelivered = false;
  std::string exchange{};
  std::string routing_key{};
  std::string message_id{};
  int death_count = 0;  // sum of the x-death counts the broker recorded on this copy
  int attempt = 1;      // attempt_of(body)
};

// The body's integer "attempt" field; 1 when the body is not a JSON object, the field is
// absent, or it is not a positive integer.
int attempt_of(std::string_view body);

// The body with "attempt" set to `attempt` (replaced in place, or appended when absent); the
// other members keep their order and values. Fails with invalid_argument when the body is not
// a JSON object.
Result<std::string> with_attempt(std::string_view body, int attempt);

}  // namespace tailor::mq
