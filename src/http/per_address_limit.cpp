#include "http/per_address_limit.h"

namespace sportello::http {

namespace ip = boost::asio::ip;

ip::address canonical_address(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  return address;
}

bool PerAddressLimit::try_admit(const Address& address) {
  const Address key = canonical_address(address);
  std::lock_guard lock(mu_);
  auto it = open_.find(key);
  const std::size_t open = it == open_.end() ? 0 : it->second;
  if (open >= cap_) return false;  // looked up, not inserted: a refused address leaves no entry behind
  if (it == open_.end())
    open_.emplace(key, 1);
  else
    ++it->second;
  return true;
}

void PerAddressLimit::release(const Address& address) {
  std::lock_guard lock(mu_);
  auto it = open_.find(canonical_address(address));
  if (it == open_.end()) return;
  if (--it->second == 0) open_.erase(it);
}

std::size_t PerAddressLimit::open_from(const Address& address) const {
  std::lock_guard lock(mu_);
  auto it = open_.find(canonical_address(address));
  return it == open_.end() ? 0 : it->second;
}

std::size_t PerAddressLimit::addresses() const {
  std::lock_guard lock(mu_);
  return open_.size();
}

}  // namespace sportello::http
