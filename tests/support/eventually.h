#pragma once
// Polls `done` until it holds or ten seconds passed: for what a server does on its own threads a little after
// a client acted (counting a close it noticed, queueing a request it read).
#include <chrono>
#include <thread>

namespace sportello::testing {

template <typename Condition>
bool eventually(Condition done) {
  using namespace std::chrono_literals;
  for (auto until = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < until;
       std::this_thread::sleep_for(1ms))
    if (done()) return true;
  return done();
}

}  // namespace sportello::testing
