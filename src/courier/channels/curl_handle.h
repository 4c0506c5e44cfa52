#pragma once
// Private to the channels: one libcurl easy handle owned by one object, and header lists freed with their owner.
// libcurl's process-wide state is initialised exactly once, before the first handle exists (thread-safe).
// A handle keeps its connection cache across requests, so a server that keeps the connection open is
// reached again without a new connect or handshake. A handle is used by one thread at a time.
#include <curl/curl.h>

#include <string>

namespace sportello {

class CurlHandle {
 public:
  CurlHandle();  // aborts if libcurl cannot make a handle (out of memory)
  ~CurlHandle();
  CurlHandle(const CurlHandle&) = delete;
  CurlHandle& operator=(const CurlHandle&) = delete;

  CURL* get() const { return curl_; }
  // Forgets every option of the previous request (pointers to its buffers included) but keeps the open
  // connections, so the next request can reuse them. Also re-arms the error buffer.
  void clear_options();
  // libcurl's text for the last failure: the error buffer when it says something, else the code's name.
  std::string describe(CURLcode code) const;
  long response_code() const;

 private:
  CURL* curl_ = nullptr;
  char error_[CURL_ERROR_SIZE] = {};
};

// A curl_slist (headers, recipients) freed when it goes out of scope.
class CurlList {
 public:
  CurlList() = default;
  ~CurlList();
  CurlList(const CurlList&) = delete;
  CurlList& operator=(const CurlList&) = delete;

  bool append(const std::string& line);  // false when out of memory
  curl_slist* get() const { return list_; }

 private:
  curl_slist* list_ = nullptr;
};

}  // namespace sportello
