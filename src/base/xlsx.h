// Writing a spreadsheet as XLSX (Office Open XML) with libxlsxwriter, for
// exports people open in Excel, WPS or LibreOffice without an import step.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace biobridge {

// The bytes of an .xlsx file with one sheet named `sheet`: `rows` as text
// cells, the first row (the header) bold and frozen. Every cell is a
// string, never a formula. kInternal when the library cannot write it.
Result<std::string> WriteXlsx(std::string_view sheet, const std::vector<std::vector<std::string>>& rows);

}  // namespace biobridge
