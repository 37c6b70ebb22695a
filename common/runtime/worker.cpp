#include "common/runtime/worker.hpp"

#include <fmt/format.h>

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "common/core/log.hpp"
#include "common/jobs/stage_runner.hpp"
#include "common/mq/consumer.hpp"

namespace tailor::runtime {

int run_worker(std::string_view stage_name, StageFactory make_stage) {
  block_stop_signals();
  const std::string service = fmt::format("tailor-{}", stage_name);
  try {
    Runtime rt(service);
    auto stage = make_stage(rt);
    jobs::StageRunner runner(rt.db(), rt.topology(), *stage, [&rt](const std::string& id) { rt.notify_job(id); },
                             [&rt] { rt.relay().wake(); },
                             std::chrono::milliseconds(rt.config().test_stage_delay_ms));
    mq::Consumer consumer(
        mq::ConsumerOptions{.url = rt.config().rabbitmq_url, .topology = rt.topology(),
                            .stage = std::string(stage_name), .name = service},
        [&runner](const mq::Delivery& d) { return runner.handle(d.body); });
    std::thread signals([&consumer] {
      const int sig = wait_for_stop_signal();
      log::info("stopping", {{"signal", sig}});
      consumer.stop();
    });
    log::info("worker started", {{"stage", std::string(stage_name)},
                                 {"prefetch", rt.topology().stage(stage_name).prefetch}});
    auto ran = consumer.run();
    if (!ran) {
      log::error("consumer stopped", {{"error", ran.error().message}});
      // Wake the signal thread so the process can exit.
      ::kill(::getpid(), SIGTERM);
    }
    signals.join();
    log::info("worker stopped");
    return ran ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", service.c_str(), e.what());
    return 2;
  }
}

}  // namespace tailor::runtime
