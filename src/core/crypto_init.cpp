#include "core/crypto_init.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace sportello {

void ensure_crypto_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {
      std::fputs("sportello: libsodium failed to initialise; cannot produce secrets, aborting\n", stderr);
      std::abort();
    }
  });
}

}  // namespace sportello
