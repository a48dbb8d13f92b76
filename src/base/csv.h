// Reading CSV (RFC 4180: quoted fields may hold commas, quotes and line
// breaks) with libcsv, row by row, without loading the whole file; and
// writing it, for spreadsheets to open.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "base/status.h"

namespace biobridge {

// Calls `on_row` with each row (1-based; the header, if any, is row 1) and
// its fields, in order. Stops at the first error `on_row` returns, and
// returns it. kMalformed naming the row for bad quoting or invalid UTF-8;
// kUnavailable when the stream fails. `bytes_read` (optional) follows the
// bytes consumed, for progress bars.
Status ReadCsv(std::istream& in,
               const std::function<Status(std::size_t row, std::vector<std::string>& fields)>& on_row,
               std::size_t* bytes_read = nullptr);

// RFC 4180 text of `rows` (the header first): every field quoted by libcsv,
// CRLF line ends, and a field a spreadsheet would run as a formula (one
// starting with =, +, -, @, a tab or a carriage return) written with a
// leading apostrophe, so that a name typed by anyone stays a name.
std::string WriteCsv(const std::vector<std::vector<std::string>>& rows);

}  // namespace biobridge
