#pragma once
// Runs a shell command for a test (pdftotext, pdfinfo, ...) and returns what it wrote on stdout.
#include <string>

namespace sportello::testing {

std::string command_output(const std::string& command);

}  // namespace sportello::testing
