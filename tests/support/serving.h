#pragma once
// A Server serving on its own thread for as long as the object lives (the tests that speak HTTP to a real server
// on a loopback port): started at construction, stopped and joined when it goes. The router must outlive it.
#include <gtest/gtest.h>

#include <thread>
#include <utility>

#include "http/server.h"

namespace sportello::testing {

class Serving {
 public:
  Serving(http::ServerOptions options, const http::Router& router, http::ServerHooks hooks = {})
      : server_(std::move(options), router, std::move(hooks)) {
    const Status started = server_.start();
    EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message);
    if (started.ok()) thread_ = std::thread([this] { server_.run(); });
  }
  ~Serving() {
    if (!thread_.joinable()) return;
    server_.stop();
    thread_.join();
  }
  Serving(const Serving&) = delete;
  Serving& operator=(const Serving&) = delete;

  http::Server& operator*() { return server_; }
  http::Server* operator->() { return &server_; }

 private:
  http::Server server_;
  std::thread thread_;
};

}  // namespace sportello::testing
