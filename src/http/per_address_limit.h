#pragma once
// Counts the connections open from each client address and admits a new one only while its address is
// under the cap. An IPv4-mapped IPv6 address (::ffff:a.b.c.d, what a dual-stack listener sees) counts as
// its IPv4 address. An address is forgotten when its last connection closes, so the table never holds more
// entries than there are open connections. Thread-safe.
#include <boost/asio/ip/address.hpp>

#include <cstddef>
#include <map>
#include <mutex>

namespace sportello::http {

// The address a client is counted and reported as: an IPv4-mapped IPv6 address becomes the IPv4 one; any
// other address is returned unchanged.
boost::asio::ip::address canonical_address(const boost::asio::ip::address& address);

class PerAddressLimit {
 public:
  using Address = boost::asio::ip::address;

  explicit PerAddressLimit(std::size_t cap) : cap_(cap) {}
  PerAddressLimit(const PerAddressLimit&) = delete;
  PerAddressLimit& operator=(const PerAddressLimit&) = delete;

  // Counts one more connection from `address` and returns true; returns false, counting nothing, when the
  // address has `cap` connections open already.
  bool try_admit(const Address& address);
  // One connection from `address` closed. REQUIRES: a try_admit of the same address returned true.
  void release(const Address& address);
  std::size_t open_from(const Address& address) const;
  // Addresses with at least one connection open (the table's size).
  std::size_t addresses() const;

 private:
  const std::size_t cap_;
  mutable std::mutex mu_;
  std::map<Address, std::size_t> open_;  // Guarded by mu_. Never holds a zero count.
};

}  // namespace sportello::http
