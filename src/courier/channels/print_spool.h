#pragma once
// The letters channel (SPEC §4, §8): PIN letters rendered as A4 PDFs for a window envelope and collected
// into print batches in a spool folder. A closed batch is a folder holding one PDF with every letter
// (`<batch>.pdf`, what the print house prints), one PDF per letter (`letters/<reference>.pdf`) and a CSV
// manifest (`<batch>.csv`: batch, letter, recipient, address, pages, sha256 of the letter's PDF).
// Folders are 0700 and files 0600; a batch appears whole or not at all (written aside in
// `<spool>/.<batch>.partial`, flushed, then renamed). Handing a batch over deletes its PDFs (they hold PIN
// halves) and keeps the manifest. Failures are values: `invalid_input` for bad input (the input is at fault,
// retrying does not help), `not_found` for an unknown batch, `unavailable` for the file system.
// Nothing here logs; error messages name files and batches, never a letter's content.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace sportello {

// One letter's content, already in the reader's language. No formatting markup: plain UTF-8 text.
struct Letter {
  std::string reference;                 // unique within the batch, file-name safe, e.g. "L000042"
  std::string recipient;                 // the holder's name, for the manifest
  std::vector<std::string> address;      // the address block lines (name, street, CAP comune (PR))
  std::string date;                      // as printed, e.g. "Roma, 25 novembre 2026"
  std::string subject;                   // e.g. "Seconda parte del suo PIN"
  std::vector<std::string> paragraphs;   // body text before the boxed secret
  std::string secret_label;              // e.g. "Seconda parte del PIN"
  std::string secret;                    // the PIN half, printed in a box; empty for a letter without one
  std::vector<std::string> instructions; // short numbered steps after the box
};

// The sender printed at the top of every letter and in the window envelope's return line.
struct LetterHead {
  std::string institute = "Istituto Nazionale della Previdenza Sociale";
  std::string office = "Direzione centrale - Servizio PIN";
  std::string return_address = "Casella postale 1000 - 00100 Roma RM";
};

struct ManifestRow {
  std::string batch;
  std::string letter;     // the Letter's reference
  std::string recipient;
  std::string address;    // the address lines joined with " | "
  int pages = 0;
  std::string sha256;     // lowercase hex of letters/<reference>.pdf
};

struct BatchSummary {
  std::string batch;
  std::filesystem::path folder;          // <spool>/<batch>
  std::filesystem::path pdf;             // <spool>/<batch>/<batch>.pdf
  std::filesystem::path manifest;        // <spool>/<batch>/<batch>.csv
  std::vector<ManifestRow> rows;
};

// Renders one letter to PDF bytes (A4; the address block sits where a DL/C5 window envelope shows it,
// right-hand side about 45 mm from the top, its font shrinking until it fits there; a body longer than a
// page continues on the next). Pure: content in, bytes out.
std::string render_letter_pdf(const Letter& letter, const LetterHead& head);

// Whether a letter can be printed: a file-name safe reference, UTF-8 text, 1 to 6 address lines of at most
// 100 characters. write_batch() refuses a batch holding a letter that fails this.
Status check_letter(const Letter& letter);

// The spool's writer lock, an flock(2) on `<spool>/.lock`: held while this lives, released when it is
// destroyed or its process dies (SIGKILL included).
class SpoolLock {
 public:
  explicit SpoolLock(int fd) : fd_(fd) {}
  SpoolLock(SpoolLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  SpoolLock(const SpoolLock&) = delete;
  SpoolLock& operator=(const SpoolLock&) = delete;
  SpoolLock& operator=(SpoolLock&&) = delete;
  ~SpoolLock();

 private:
  int fd_;
};

class PrintSpool {
 public:
  PrintSpool(std::filesystem::path root, LetterHead head);

  // Writes a closed batch named `batch` (file-name safe, e.g. "20261125-0001") holding `letters` in order.
  // Refuses an empty list, a name already used, or a duplicate reference; leaves nothing behind on failure.
  // Names (batch and references) are 1-64 of [A-Za-z0-9_-], starting with a letter or digit; every letter
  // needs 1-6 address lines of at most 100 characters; text must be UTF-8. Creates the spool folder (0700)
  // when it is missing.
  Result<BatchSummary> write_batch(const std::string& batch, const std::vector<Letter>& letters);

  // Deletes the batch's PDFs and keeps its manifest. Refuses an unknown batch; repeating it is harmless.
  Status hand_over(const std::string& batch);

  // Waits for the writer lock, creating the spool folder (0700) and the lock file (0600) when missing.
  // Whoever closes batches holds it from choosing the letters to recording their batch, so that under it a
  // folder of a batch the records do not know was left by a writer that died before recording it.
  Result<SpoolLock> lock();

  // Removes a batch entirely (PDFs and manifest), for one that was written but could not be recorded, and
  // the `.<batch>.partial` folder that a writer killed half-way leaves. REQUIRES: lock() held (another
  // writer's folders are not touched then). Removing a batch that is not there succeeds.
  Status discard(const std::string& batch);

  // The manifest rows of a batch, read back from its CSV (used to check and to list).
  Result<std::vector<ManifestRow>> manifest(const std::string& batch) const;

 private:
  // The letters one after another in one PDF, each from a fresh page, laid out as render_letter_pdf does;
  // `pages` receives how many pages each letter took. Defined with the layout, in letter_pdf.cpp.
  static std::string render_batch_pdf(const std::vector<Letter>& letters, const LetterHead& head,
                                      std::vector<int>& pages);

  std::filesystem::path root_;
  LetterHead head_;
};

}  // namespace sportello
