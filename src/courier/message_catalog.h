#pragma once
// The texts of every message the flows send (SPEC §4, §8), in Italian and English, as mustache templates
// in TOML catalogues compiled into the binary (src/courier/templates/<lang>.toml). Rendering fills a
// message's parameters and its unsealed secret; a template or language that does not exist is an error,
// never an empty message. Text parts are not escaped; the HTML part escapes every value. Thread-safe.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"

namespace sportello {

struct RenderedMessage {
  std::string subject;
  std::string text;                        // e-mail and PEC plain part; letter body (paragraphs split by blank lines)
  std::string html;                        // e-mail and PEC HTML part
  std::string sms;                         // the SMS text
  std::string secret_label;                // letters: the caption of the boxed secret; empty when none
  std::vector<std::string> instructions;   // letters: numbered steps after the box
};

class MessageCatalog {
 public:
  // The catalogues compiled into the binary; fails only when one of them is malformed.
  static Result<std::shared_ptr<const MessageCatalog>> builtin();
  // A catalogue from TOML text per language (used by tests and by builtin()).
  static Result<std::shared_ptr<const MessageCatalog>> parse(const std::map<std::string, std::string>& toml_by_language);

  // `params` are the message's parameters plus "secret" (the unsealed half or code; a "token code" pair is
  // also offered as "secret_1" and "secret_2"), "site" (the public base URL) and "in_letter" ("1" when the
  // text goes on paper). Unknown language falls back to Italian; an unknown template is an error.
  Result<RenderedMessage> render(const std::string& template_name, const std::string& language,
                                 const std::map<std::string, std::string>& params) const;

  std::vector<std::string> template_names(const std::string& language) const;
  std::vector<std::string> languages() const;

  struct Entry;  // one template's parts, parsed once

 private:
  std::map<std::string, std::map<std::string, std::shared_ptr<const Entry>>> entries_;  // language -> name -> entry
  std::unique_ptr<std::mutex> render_mu_ = std::make_unique<std::mutex>();
};

}  // namespace sportello
