#include "http/socket_bytes.h"

// <linux/tcp.h>, not <netinet/tcp.h>: glibc's tcp_info stops before tcpi_bytes_received (Linux 4.1).
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cstddef>

namespace sportello::http {

std::optional<std::uint64_t> bytes_read_from(int socket) {
  int queued = 0;
  if (::ioctl(socket, FIONREAD, &queued) != 0 || queued < 0) return std::nullopt;
  tcp_info info{};
  socklen_t length = sizeof info;
  if (::getsockopt(socket, IPPROTO_TCP, TCP_INFO, &info, &length) != 0) return std::nullopt;
  if (length < offsetof(tcp_info, tcpi_bytes_received) + sizeof info.tcpi_bytes_received) return std::nullopt;
  if (info.tcpi_bytes_received < static_cast<std::uint64_t>(queued)) return std::nullopt;
  return info.tcpi_bytes_received - static_cast<std::uint64_t>(queued);
}

}  // namespace sportello::http
