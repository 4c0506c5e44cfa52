#pragma once
// Makes libsodium ready to use. Every function that touches libsodium calls it first, so callers never need to.
// Thread-safe; the first call does the work and later calls cost an atomic load. If libsodium cannot
// initialise (no entropy source), the process aborts with a message: nothing secret can be made without it.

namespace sportello {

void ensure_crypto_initialised();

}  // namespace sportello
