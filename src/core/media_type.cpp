#include "core/media_type.h"

#include <magic.h>

#include <memory>

namespace sportello {
namespace {

struct MagicCloser {
  void operator()(magic_set* m) const { magic_close(m); }
};

// One handle per thread: libmagic handles are not safe to share. MAGIC_NO_CHECK_* turn off the tests that
// read more than the bytes' headers (compressed content, ELF, tar), which a PDF or picture never needs.
magic_set* handle() {
  thread_local std::unique_ptr<magic_set, MagicCloser> magic = [] {
    std::unique_ptr<magic_set, MagicCloser> m(
        magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF | MAGIC_NO_CHECK_TAR));
    if (m && magic_load(m.get(), nullptr) != 0) m.reset();
    return m;
  }();
  return magic.get();
}

}  // namespace

std::string sniff_media_type(std::string_view bytes) {
  if (bytes.empty()) return "application/x-empty";
  magic_set* magic = handle();
  const char* type = magic ? magic_buffer(magic, bytes.data(), bytes.size()) : nullptr;
  return type ? type : "application/octet-stream";
}

}  // namespace sportello
