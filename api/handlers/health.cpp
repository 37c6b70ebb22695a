// GET /health/live, /health/ready, /health.
#include "api/handlers/handlers.hpp"
#include "api/handlers/support.hpp"
#include "common/cache/redis.hpp"
#include "common/db/pool.hpp"

namespace tailor::api {

namespace {
struct Checks {
  bool database, redis, rabbitmq;
  bool all() const { return database && redis && rabbitmq; }
};

Checks check(const Deps& deps) {
  return {deps.db.ping(), deps.redis.ping().has_value(), deps.broker_up()};
}

http::Response report(const Checks& c, int status_when_down) {
  auto up = [](bool b) { return b ? "up" : "down"; };
  json::Writer w;
  w.object_begin().field("status", c.all() ? "ok" : "unavailable");
  w.key("checks").object_begin().field("database", up(c.database)).field("redis", up(c.redis))
      .field("rabbitmq", up(c.rabbitmq)).object_end();
  if (!c.all()) {
    std::string down;
    for (auto [name, ok] : {std::pair{"database", c.database}, {"redis", c.redis}, {"rabbitmq", c.rabbitmq}}) {
      if (!ok) down += down.empty() ? name : std::string(", ") + name;
    }
    w.field("message", "unavailable: " + down);
  }
  w.object_end();
  return json_response(c.all() ? 200 : status_when_down, std::move(w));
}
}  // namespace

http::Response health_live(http::Request&) { return http::Response::json(200, R"({"status":"ok"})"); }

http::Response health_ready(const Deps& deps, http::Request&) { return report(check(deps), 503); }

http::Response health(const Deps& deps, http::Request&) { return report(check(deps), 200); }

}  // namespace tailor::api
