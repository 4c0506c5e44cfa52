#include "app/huge_pages.h"

#include <fstream>
#include <iterator>

namespace sportello {

std::optional<std::string> marked_huge_page_mode(std::string_view text) {
  const auto open = text.find('[');
  if (open == std::string_view::npos) return std::nullopt;
  const auto close = text.find(']', open);
  if (close == std::string_view::npos || close == open + 1) return std::nullopt;
  return std::string(text.substr(open + 1, close - open - 1));
}

std::optional<std::string> transparent_huge_pages(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return marked_huge_page_mode(text);
}

}  // namespace sportello
