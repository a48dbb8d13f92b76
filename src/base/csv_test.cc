#include "base/csv.h"

#include <gtest/gtest.h>

#include <sstream>

namespace biobridge {
namespace {

std::vector<std::vector<std::string>> ReadAll(const std::string& text, Status* status = nullptr) {
  std::istringstream in(text);
  std::vector<std::vector<std::string>> rows;
  Status s = ReadCsv(in, [&](std::size_t, std::vector<std::string>& fields) {
    rows.push_back(fields);
    return Status::Ok();
  });
  if (status) *status = s;
  return rows;
}

TEST(CsvTest, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  auto rows = ReadAll("id,name\n1,\"Acme, Inc.\"\n2,\"Say \"\"hi\"\"\nthere\"\n3,北京\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1][1], "Acme, Inc.");
  EXPECT_EQ(rows[2][1], "Say \"hi\"\nthere");
  EXPECT_EQ(rows[3][1], "北京");
}

TEST(CsvTest, KeepsEmptyFieldsAndAcceptsAMissingFinalNewline) {
  auto rows = ReadAll("a,,c\r\nd,e,");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "", "c"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"d", "e", ""}));
}

TEST(CsvTest, ReportsMalformedInputWithItsRow) {
  Status s;
  ReadAll("a,b\n\"open,c\n", &s);
  EXPECT_EQ(s.code(), StatusCode::kMalformed);
  EXPECT_NE(s.message().find("row 2"), std::string::npos) << s.message();

  ReadAll("a,b\nx,\xff\n", &s);
  EXPECT_EQ(s.code(), StatusCode::kMalformed);
  EXPECT_NE(s.message().find("row 2, column 2"), std::string::npos) << s.message();
}

TEST(CsvTest, StopsAtTheCallersError) {
  std::istringstream in("1\n2\n3\n");
  int seen = 0;
  Status s = ReadCsv(in, [&](std::size_t row, std::vector<std::string>&) {
    ++seen;
    return row == 2 ? InvalidArgumentError("", "stop") : Status::Ok();
  });
  EXPECT_EQ(s.message(), "stop");
  EXPECT_EQ(seen, 2);
}

}  // namespace
}  // namespace biobridge

namespace biobridge {
namespace {

// What an export writes, a CSV reader reads back whole; a cell that a
// spreadsheet would run as a formula is kept as text.
TEST(WriteCsvTest, QuotesEverythingAndDisarmsFormulas) {
  const std::vector<std::vector<std::string>> rows = {
      {"name", "organisation", "note"},
      {"Анна Иванова", "Medsi, \"Moscow\"", "line one\nline two"},
      {"=HYPERLINK(\"http://x\")", "+7 495", "@SUM(A1)"},
      {"", "-1", "王芳"}};
  const std::string csv = WriteCsv(rows);
  EXPECT_EQ(csv.substr(0, csv.find('\n') + 1), "\"name\",\"organisation\",\"note\"\r\n");
  std::istringstream in(csv);
  std::vector<std::vector<std::string>> back;
  ASSERT_TRUE(ReadCsv(in, [&](std::size_t, std::vector<std::string>& fields) {
                back.push_back(fields);
                return Status::Ok();
              }).ok());
  ASSERT_EQ(back.size(), rows.size());
  EXPECT_EQ(back[1], rows[1]) << "commas, quotes and line breaks survive";
  EXPECT_EQ(back[2], (std::vector<std::string>{"'=HYPERLINK(\"http://x\")", "'+7 495", "'@SUM(A1)"}));
  EXPECT_EQ(back[3], (std::vector<std::string>{"", "'-1", "王芳"}));
}

}  // namespace
}  // namespace biobridge
