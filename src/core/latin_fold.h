#pragma once
// Folds UTF-8 text written in the Latin alphabet to upper-case ASCII, so that "Niccolò", "NICCOLO'" and
// "niccolo" can be compared, and names can be coded for the codice fiscale (DM 23/12/1976 codes letters
// without their accents: À→A, Ç→C, Š→S, ß→SS, Æ→AE). Pure; thread-safe.
#include <string>
#include <string_view>

namespace sportello {

// ASCII letters are upper-cased; letters of Latin-1 Supplement and Latin Extended-A lose their diacritics
// and are upper-cased; combining diacritical marks (U+0300–U+036F, as in decomposed text) are dropped.
// Everything else (digits, spaces, punctuation, other scripts, invalid UTF-8 bytes) is copied unchanged.
std::string fold_latin_upper(std::string_view utf8);

}  // namespace sportello
