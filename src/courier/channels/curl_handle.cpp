// The libcurl easy handle and header list owners of curl_handle.h.
#include "courier/channels/curl_handle.h"

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace sportello {
namespace {

// curl_global_init is not thread-safe and must run once per process before any handle; the once_flag is
// the one piece of process-wide state here because libcurl itself is process-wide.
void ensure_curl_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      std::fputs("sportello: libcurl failed to initialise, aborting\n", stderr);
      std::abort();
    }
  });
}

}  // namespace

CurlHandle::CurlHandle() {
  ensure_curl_initialised();
  curl_ = curl_easy_init();
  if (curl_ == nullptr) {
    std::fputs("sportello: libcurl could not make a handle, aborting\n", stderr);
    std::abort();
  }
  clear_options();
}

CurlHandle::~CurlHandle() { curl_easy_cleanup(curl_); }

void CurlHandle::clear_options() {
  curl_easy_reset(curl_);
  error_[0] = '\0';
  curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error_);
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for time-outs: we live among threads
}

std::string CurlHandle::describe(CURLcode code) const {
  if (error_[0] != '\0') return error_;
  return curl_easy_strerror(code);
}

long CurlHandle::response_code() const {
  long code = 0;
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &code);
  return code;
}

CurlList::~CurlList() { curl_slist_free_all(list_); }

bool CurlList::append(const std::string& line) {
  curl_slist* longer = curl_slist_append(list_, line.c_str());
  if (longer == nullptr) return false;
  list_ = longer;
  return true;
}

}  // namespace sportello
