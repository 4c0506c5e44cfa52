#include "credential/argon2_hasher.h"

#include <argon2.h>
#include <sodium.h>
#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "core/crypto_init.h"
#include "core/random.h"

namespace sportello {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr std::size_t kMinSaltBytes = 8, kMaxSaltBytes = 64;   // accepted when reading a stored hash
constexpr std::size_t kMinHashBytes = 16, kMaxHashBytes = 64;
constexpr int kBase64 = sodium_base64_VARIANT_ORIGINAL_NO_PADDING;

class WorkBuffer;

// Every thread's working memory, for release_idle_work_memory().
struct Buffers {
  std::mutex mu;
  std::vector<WorkBuffer*> all;  // Guarded by mu.
};
Buffers& buffers() {
  static Buffers* registry = new Buffers;  // never destroyed: threads may end after static destruction
  return *registry;
}

// Argon2's working memory for this thread, kept from one hash to the next: allocating it per hash costs
// page faults that make each hash about 3x slower once glibc serves it with mmap (above 32 MiB).
// It is aligned to 2 MiB and offered to transparent huge pages: Argon2 reads blocks at random across it,
// and fewer TLB misses measured ~4% faster at the default 19 MiB. libargon2 wipes it before handing it back.
// Between login peaks it buys nothing: release_idle_work_memory() gives its pages back to the kernel (the
// address range stays, and the next hash faults them in again as zeroes).
class WorkBuffer {
 public:
  static constexpr std::size_t kAlignment = std::size_t{2} << 20;
  static constexpr std::size_t kKeepAtMost = std::size_t{64} << 20;  // a larger one is freed after use

  WorkBuffer() {
    std::lock_guard lock(buffers().mu);
    buffers().all.push_back(this);
  }
  WorkBuffer(const WorkBuffer&) = delete;
  WorkBuffer& operator=(const WorkBuffer&) = delete;
  ~WorkBuffer() {
    {
      std::lock_guard lock(buffers().mu);
      std::erase(buffers().all, this);
    }
    release();
  }

  // Held by the thread for the whole of a hash.
  std::mutex& busy() { return busy_; }

  // REQUIRES: busy() is held.
  std::uint8_t* get(std::size_t bytes) {
    used_ = true;
    resident_ = true;
    if (bytes <= capacity_) return data_;
    release();
    const std::size_t rounded = (bytes + kAlignment - 1) / kAlignment * kAlignment;
    data_ = static_cast<std::uint8_t*>(std::aligned_alloc(kAlignment, rounded));
    if (data_ == nullptr) return nullptr;
    capacity_ = rounded;
    ::madvise(data_, rounded, MADV_HUGEPAGE);  // a hint: without huge pages it works as well, a bit slower
    return data_;
  }

  // REQUIRES: busy() is held.
  void done(std::size_t bytes) {
    if (bytes > kKeepAtMost) release();
  }

  // Gives the pages back when no hash used them since the last call and none is running; the bytes given.
  std::size_t release_if_unused() {
    std::unique_lock lock(busy_, std::try_to_lock);
    if (!lock.owns_lock()) return 0;
    if (std::exchange(used_, false) || !resident_ || data_ == nullptr) return 0;
    if (::madvise(data_, capacity_, MADV_DONTNEED) != 0) return 0;
    resident_ = false;
    return capacity_;
  }

 private:
  void release() {
    std::free(data_);
    data_ = nullptr;
    capacity_ = 0;
  }

  std::mutex busy_;
  // Guarded by busy_:
  std::uint8_t* data_ = nullptr;  // 2 MiB-aligned, capacity_ a multiple of 2 MiB: whole pages
  std::size_t capacity_ = 0;
  bool used_ = false;      // by a hash since the last release_if_unused()
  bool resident_ = false;  // not given back since its last use
};

thread_local WorkBuffer work_buffer;

int allocate_from_thread_buffer(std::uint8_t** memory, std::size_t bytes) {
  *memory = work_buffer.get(bytes);
  return *memory != nullptr ? 0 : -1;
}

void return_to_thread_buffer(std::uint8_t*, std::size_t bytes) { work_buffer.done(bytes); }

std::uint8_t* mutable_bytes(std::string_view s) {
  // libargon2 takes non-const pointers but, without ARGON2_FLAG_CLEAR_*, only reads password and salt.
  return reinterpret_cast<std::uint8_t*>(const_cast<char*>(s.data()));
}

// Argon2id v1.3 of `secret` into out[0, out_len). False when libargon2 refuses (it reports why; we need not).
bool compute(const Argon2Params& p, std::string_view salt, std::string_view secret, std::uint8_t* out,
             std::size_t out_len) {
  if (secret.size() > std::numeric_limits<std::uint32_t>::max()) return false;
  argon2_context ctx{};
  ctx.out = out;
  ctx.outlen = static_cast<std::uint32_t>(out_len);
  ctx.pwd = mutable_bytes(secret);
  ctx.pwdlen = static_cast<std::uint32_t>(secret.size());
  ctx.salt = mutable_bytes(salt);
  ctx.saltlen = static_cast<std::uint32_t>(salt.size());
  ctx.t_cost = p.iterations;
  ctx.m_cost = p.memory_kib;
  ctx.lanes = p.parallelism;
  ctx.threads = p.parallelism;
  ctx.version = ARGON2_VERSION_13;
  ctx.allocate_cbk = allocate_from_thread_buffer;
  ctx.free_cbk = return_to_thread_buffer;
  ctx.flags = ARGON2_DEFAULT_FLAGS;
  std::lock_guard busy(work_buffer.busy());
  return argon2_ctx(&ctx, Argon2_id) == ARGON2_OK;
}

std::string to_base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kBase64), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    kBase64);
  out.pop_back();  // sodium's terminating NUL
  return out;
}

std::string encode(const Argon2Params& p, std::string_view salt, std::string_view hash) {
  return "$argon2id$v=19$m=" + std::to_string(p.memory_kib) + ",t=" + std::to_string(p.iterations) +
         ",p=" + std::to_string(p.parallelism) + "$" + to_base64(salt) + "$" + to_base64(hash);
}

// A stored hash, parsed.
struct Phc {
  Argon2Params params;
  std::string salt;
  std::string hash;
};

bool eat(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

// A decimal in [0, 2^32) without sign or leading zeros.
bool eat_number(std::string_view& s, std::uint32_t& out) {
  std::size_t digits = 0;
  std::uint64_t value = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9' && digits <= 10) {
    value = value * 10 + static_cast<std::uint64_t>(s[digits] - '0');
    ++digits;
  }
  if (digits == 0 || digits > 10 || (digits > 1 && s[0] == '0')) return false;
  if (value > std::numeric_limits<std::uint32_t>::max()) return false;
  out = static_cast<std::uint32_t>(value);
  s.remove_prefix(digits);
  return true;
}

// Unpadded standard base64 of min_bytes..max_bytes bytes; libsodium refuses non-canonical trailing bits.
std::optional<std::string> decode_base64(std::string_view text, std::size_t min_bytes, std::size_t max_bytes) {
  std::string out(max_bytes, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        nullptr, &length, nullptr, kBase64) != 0 ||
      length < min_bytes) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

// Exactly `$argon2id$v=19$m=<m>,t=<t>,p=<p>$<salt>$<hash>`, parameters within Argon2Hasher's bounds.
std::optional<Phc> parse(std::string_view s) {
  Phc phc;
  Argon2Params& p = phc.params;
  if (!eat(s, "$argon2id$v=19$m=") || !eat_number(s, p.memory_kib) || !eat(s, ",t=") ||
      !eat_number(s, p.iterations) || !eat(s, ",p=") || !eat_number(s, p.parallelism) || !eat(s, "$")) {
    return std::nullopt;
  }
  if (!Argon2Hasher::validate(p).ok()) return std::nullopt;
  const std::size_t dollar = s.find('$');
  if (dollar == std::string_view::npos) return std::nullopt;
  auto salt = decode_base64(s.substr(0, dollar), kMinSaltBytes, kMaxSaltBytes);
  auto hash = decode_base64(s.substr(dollar + 1), kMinHashBytes, kMaxHashBytes);
  if (!salt || !hash) return std::nullopt;
  phc.salt = std::move(*salt);
  phc.hash = std::move(*hash);
  return phc;
}

Error out_of_range(const char* field, const std::string& rule) {
  return Error::invalid("argon2-params-out-of-range", std::string("argon2 ") + field + " must be " + rule, field);
}

}  // namespace

Status Argon2Hasher::validate(const Argon2Params& p) {
  if (p.parallelism < 1 || p.parallelism > kMaxParallelism) {
    return out_of_range("parallelism", "between 1 and " + std::to_string(kMaxParallelism));
  }
  if (p.iterations < 1 || p.iterations > kMaxIterations) {
    return out_of_range("iterations", "between 1 and " + std::to_string(kMaxIterations));
  }
  if (p.memory_kib < 8 * p.parallelism || p.memory_kib > kMaxMemoryKib) {
    return out_of_range("memory_kib", "at least 8 x parallelism and at most " + std::to_string(kMaxMemoryKib));
  }
  return Ok{};
}

Argon2Hasher::Argon2Hasher(Argon2Params params) : params_(params) {
  if (auto valid = validate(params_); !valid) {
    std::fprintf(stderr, "sportello: %s\n", valid.error().message.c_str());
    std::abort();
  }
  ensure_crypto_initialised();
  dummy_ = encode(params_, random_bytes(kSaltBytes), std::string(kHashBytes, '\0'));
}

std::string Argon2Hasher::hash(std::string_view secret) const {
  const std::string salt = random_bytes(kSaltBytes);
  std::uint8_t out[kHashBytes];
  if (!compute(params_, salt, secret, out, sizeof out)) {
    std::fputs("sportello: argon2id failed (out of memory?)\n", stderr);
    std::abort();
  }
  return encode(params_, salt, std::string_view(reinterpret_cast<const char*>(out), sizeof out));
}

bool Argon2Hasher::verify(std::string_view encoded, std::string_view secret) const {
  const auto phc = parse(encoded);
  if (!phc) return false;
  std::string computed(phc->hash.size(), '\0');
  if (!compute(phc->params, phc->salt, secret, reinterpret_cast<std::uint8_t*>(computed.data()),
               computed.size())) {
    return false;
  }
  return sodium_memcmp(computed.data(), phc->hash.data(), computed.size()) == 0;
}

bool Argon2Hasher::needs_rehash(std::string_view encoded) const {
  const auto phc = parse(encoded);
  if (!phc) return true;
  const Argon2Params& stored = phc->params;
  return stored.memory_kib < params_.memory_kib || stored.iterations < params_.iterations ||
         stored.parallelism < params_.parallelism;
}

void Argon2Hasher::burn_dummy_verify(std::string_view secret) const {
  [[maybe_unused]] const bool ignored = verify(dummy_, secret);
}

std::size_t Argon2Hasher::release_idle_work_memory() {
  std::lock_guard lock(buffers().mu);
  std::size_t released = 0;
  for (WorkBuffer* buffer : buffers().all) released += buffer->release_if_unused();
  return released;
}

}  // namespace sportello
