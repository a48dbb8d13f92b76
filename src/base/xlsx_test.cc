#include "base/xlsx.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace biobridge {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// What Python's zipfile reads from a part of the workbook: an independent reader.
std::string Part(const std::string& xlsx, const std::string& part) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "biobridge-xlsx-test.xlsx";
  std::ofstream(path, std::ios::binary) << xlsx;
  const std::string command = "python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' " +
                              path.string() + " " + part;
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    std::array<char, 4096> buffer;
    for (std::size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) out.append(buffer.data(), n);
    pclose(pipe);
  }
  std::filesystem::remove(path);
  return out;
}

TEST(XlsxTest, WritesTextCellsThatAZipReaderFindsAndNoFormulas) {
  Result<std::string> xlsx = WriteXlsx("meetings", {{"name", "organisation"},
                                                    {"Анна Иванова", "Medsi, \"Moscow\""},
                                                    {"王芳", "=HYPERLINK(\"http://x\")"}});
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  ASSERT_GT(xlsx->size(), 4u);
  EXPECT_EQ(xlsx->substr(0, 4), std::string("PK\x03\x04", 4)) << "a zip container";
  const std::string strings = Part(*xlsx, "xl/sharedStrings.xml");
  EXPECT_THAT(strings, HasSubstr("Анна Иванова"));
  EXPECT_THAT(strings, HasSubstr("王芳"));
  EXPECT_THAT(strings, HasSubstr("<t>=HYPERLINK(\"http://x\")</t>")) << "kept as text";
  const std::string sheet = Part(*xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_THAT(sheet, HasSubstr("<pane"));      // the header row stays in view
  EXPECT_THAT(sheet, Not(HasSubstr("<f>")));   // never a formula
  EXPECT_THAT(Part(*xlsx, "xl/workbook.xml"), HasSubstr("name=\"meetings\""));
}

}  // namespace
}  // namespace biobridge
