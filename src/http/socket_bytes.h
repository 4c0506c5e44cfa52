#pragma once
// How many bytes the program has read from a TCP socket so far, from the kernel's own counts (Linux's
// tcp_info.tcpi_bytes_received, less what still waits in the receive queue). The server parks an idle TLS
// connection only when OpenSSL has taken every byte read from its socket (decision 0027): this says how many
// there were.
#include <cstdint>
#include <optional>

namespace sportello::http {

// The queue is asked first, the total second: a byte that arrives between the two makes the answer larger than
// the truth, never smaller. nullopt where the kernel does not say (not TCP, or a kernel without the count).
std::optional<std::uint64_t> bytes_read_from(int socket);

}  // namespace sportello::http
