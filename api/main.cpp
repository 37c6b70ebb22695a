// tailor-api: the HTTP front. Accepts uploads and requests, answers 202, and leaves the work to
// the worker pools through the outbox; clients poll jobs or follow their events (SSE).
#include <cstdio>
#include <thread>

#include "api/handlers/handlers.hpp"
#include "api/server/server.hpp"
#include "common/accounts/accounts.hpp"
#include "common/cache/redis_url.hpp"
#include "common/cache/subscriber.hpp"
#include "common/core/log.hpp"
#include "common/analyses/analyses.hpp"
#include "common/documents/documents.hpp"
#include "common/runtime/runtime.hpp"

using namespace tailor;

int main() {
  try {
    runtime::Runtime rt("tailor-api");
    const auto& config = rt.config();
    accounts::Accounts accounts(rt.db(), config);
    documents::Documents documents(rt.db(), rt.storage(), rt.topology(), [&rt] { rt.relay().wake(); });
    analyses::Analyses analyses(rt.db(), rt.topology(), [&rt] { rt.relay().wake(); });
    api::Deps deps{config,    rt.topology(), rt.db(), rt.redis(), accounts, documents,
                   analyses, [&rt] { return rt.broker_up(); }};
    const http::Router router = api::routes(deps);
    http::Server server(
        http::ServerOptions{.host = config.http_host,
                            .port = config.http_port,
                            .io_threads = config.http_threads,
                            .blocking_threads = config.blocking_threads,
                            .spool_dir = rt.storage().spool_dir(),
                            .access_log = log::enabled(log::Level::debug)},
        router);

    // Job wake-ups from the workers: "<ns>:job:<id>" → the SSE topic of that job. After a
    // Redis reconnect nothing is lost: streams re-read PostgreSQL at every keepalive.
    const std::string prefix = runtime::job_channel(config.ns, "");
    cache::Subscriber subscriber(
        cache::SubscriberOptions{.url = *cache::parse_redis_url(config.redis_url),
                                 .pattern = runtime::job_channel_pattern(config.ns),
                                 .client_name = "tailor-api-events"},
        [&server, &prefix](std::string_view channel, std::string_view) {
          if (channel.starts_with(prefix)) server.notify(api::job_topic(std::string(channel.substr(prefix.size()))));
        });
    subscriber.start();

    log::info("listening", {{"host", config.http_host}, {"port", server.port()}});
    server.run();  // returns after SIGTERM/SIGINT once in-flight requests are done
    subscriber.stop();
    log::info("stopped");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tailor-api: %s\n", e.what());
    return 2;
  }
}
