#include "base/xlsx.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace biobridge {

Result<std::string> WriteXlsx(std::string_view sheet, const std::vector<std::vector<std::string>>& rows) {
  // libxlsxwriter 1.1.4 (Debian 12) writes to a file only: a private temporary one, removed after.
  std::string path = (std::filesystem::temp_directory_path() / "biobridge-export-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return InternalError("cannot create a temporary file for the spreadsheet");
  close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::filesystem::remove(path); }
  } remove{path};

  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) return InternalError("libxlsxwriter cannot start a workbook");
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, std::string(sheet).c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_error error = worksheet == nullptr ? LXW_ERROR_MEMORY_MALLOC_FAILED : LXW_NO_ERROR;
  for (std::size_t r = 0; r < rows.size() && error == LXW_NO_ERROR; ++r) {
    for (std::size_t c = 0; c < rows[r].size() && error == LXW_NO_ERROR; ++c) {
      if (rows[r][c].empty()) continue;
      error = worksheet_write_string(worksheet, lxw_row_t(r), lxw_col_t(c), rows[r][c].c_str(), r == 0 ? bold : nullptr);
    }
  }
  if (worksheet != nullptr && !rows.empty()) worksheet_freeze_panes(worksheet, 1, 0);
  const lxw_error closed = workbook_close(workbook);  // writes the file, frees the workbook
  if (error != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
    return InternalError(fmt::format("libxlsxwriter: {}", lxw_strerror(error != LXW_NO_ERROR ? error : closed)));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return InternalError("cannot read the spreadsheet back");
  return bytes.str();
}

}  // namespace biobridge
