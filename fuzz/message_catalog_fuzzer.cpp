// The messages' parameters (courier/message_catalog.h): a compiled-in template rendered with parameter values
// that come from citizens and operators (a name, a rejection's reason, a secret, a protocol number). The
// input's first line is "<template> <language>" (an unknown template is tried as the first one of the
// catalogue), the next lines "key=value" parameters, "\n" in a value standing for a line break.
//
// Properties beyond "no crash": every template renders for every parameter set; the same rendering twice
// gives the same message (the renderer keeps no state between calls); a value's '<' never reaches the HTML
// part unescaped.
#include <algorithm>
#include <string>

#include "courier/message_catalog.h"
#include "fuzz_support.h"

namespace {

using namespace sportello;

const MessageCatalog& catalog() {
  static const std::shared_ptr<const MessageCatalog> built = MessageCatalog::builtin().value();
  return *built;
}

std::string unescaped(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size() && value[i + 1] == 'n') {
      out += '\n';
      ++i;
    } else {
      out += value[i];
    }
  }
  return out;
}

// The HTML part without its own markup: what is left between tags must hold no '<'.
void check_html(const std::string& html) {
  const std::size_t body = html.find("<body");
  FUZZ_CHECK(body != std::string::npos, html.substr(0, 200));
  for (std::size_t at = html.find('<', body + 1); at != std::string::npos; at = html.find('<', at + 1)) {
    const std::string_view rest = std::string_view(html).substr(at);
    FUZZ_CHECK(rest.starts_with("<p>") || rest.starts_with("</p>") || rest.starts_with("<br>") ||
                   rest.starts_with("</body>") || rest.starts_with("</html>"),
               std::string(rest.substr(0, 80)));
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)catalog();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  const std::size_t eol = input.find('\n');
  const auto head = fuzz::split(input.substr(0, eol), ' ');
  std::string name(head[0]);
  const std::string language(head.size() > 1 ? head[1] : "it");
  const auto names = catalog().template_names("it");
  if (std::find(names.begin(), names.end(), name) == names.end()) name = names.front();

  std::map<std::string, std::string> params;
  if (eol != std::string_view::npos)
    for (auto& [key, value] : fuzz::key_values(input.substr(eol + 1))) params[key] = unescaped(value);

  auto message = catalog().render(name, language, params);
  FUZZ_CHECK(message.ok(), name + ": " + (message ? "" : message.error().message));
  auto again = catalog().render(name, language, params);
  FUZZ_CHECK(again.ok() && again->text == message->text && again->html == message->html && again->sms == message->sms &&
                 again->subject == message->subject && again->instructions == message->instructions,
             name);
  check_html(message->html);
  return 0;
}
