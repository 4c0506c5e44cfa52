#pragma once
// A hot GET's answer kept ready (issue 16: GET /me and the contribution record): the one kept under `key` when
// this process wrote nothing since it was made and it is within the cache's ttl, or the one `make` encodes, then
// kept for the next request. The store's generation is read before `make` runs, so a write that lands meanwhile
// leaves the new answer already stale. An error is not kept. Without a cache (`api.bodies` absent) every call makes.
#include <memory>
#include <string>

#include "core/result.h"
#include "http/api/api.h"

namespace sportello::http {

using ReadyBody = std::shared_ptr<const EncodedBody>;

template <typename Make>  // Make: () -> Result<ReadyBody>
Result<ReadyBody> ready_body(Api& api, const std::string& key, Make make) {
  const Instant now = api.ctx.clock.now();
  const std::uint64_t generation = api.ctx.store.generation();
  if (api.bodies)
    if (auto kept = api.bodies->find(key, generation, now)) return *kept;
  Result<ReadyBody> made = make();
  if (made && api.bodies) api.bodies->put(key, *made, generation, now);
  return made;
}

}  // namespace sportello::http
