#pragma once
// The kernel's transparent huge page mode, read at start-up: it decides how fast Argon2 hashes. libsodium maps
// each hash's memory (19 MiB by default) afresh; with the mode "always", Debian 12's default, the kernel backs
// it with 2 MiB pages, with "madvise" or "never" with 4 KiB ones, and a hash costs about half as much again
// (bench/README.md, docs/operations.md).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sportello {

inline const std::filesystem::path kTransparentHugePagesFile = "/sys/kernel/mm/transparent_hugepage/enabled";

// The mode the file's text marks, as in "always [madvise] never"; nullopt when none is marked. Pure.
std::optional<std::string> marked_huge_page_mode(std::string_view text);

// The mode in `file`; nullopt when it cannot be read (no such kernel feature, or no /sys) or marks none.
std::optional<std::string> transparent_huge_pages(const std::filesystem::path& file = kTransparentHugePagesFile);

}  // namespace sportello
