#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "files/blob_store.h"
#include "files/media_type.h"
#include "tests/support/temp_dir.h"

namespace biobridge::files {
namespace {

namespace fs = std::filesystem;

TEST(Sha256Test, IsTheStandardDigestInHex) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(IsSha256Hex(Sha256Hex("")));
  EXPECT_FALSE(IsSha256Hex("../../etc/passwd"));
  EXPECT_FALSE(IsSha256Hex(std::string(64, 'A')));  // lower case only: one name per file
}

TEST(BlobStoreTest, KeepsEachContentOnceAndReadsItBackChecked) {
  testing::TempDir dir;
  auto store = BlobStore::Open((dir.path() / "files").string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  const std::string deck(300'000, 'x');
  Result<std::string> first = (*store)->Put(deck);
  Result<std::string> again = (*store)->Put(deck);
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(*first, *again);
  EXPECT_EQ(*first, Sha256Hex(deck));
  EXPECT_EQ((*store)->TotalBytes(), deck.size()) << "the same content is one file";
  EXPECT_EQ(*(*store)->Read(*first), deck);
  EXPECT_EQ((*store)->Read(Sha256Hex("never stored")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ((*store)->Read("../../etc/passwd").status().code(), StatusCode::kNotFound);

  // A file changed on disk is refused, not served.
  const fs::path path = dir.path() / "files" / first->substr(0, 2) / first->substr(2);
  { std::ofstream(path, std::ios::binary | std::ios::trunc) << "tampered"; }
  EXPECT_EQ((*store)->Read(*first).status().code(), StatusCode::kInternal);
  ASSERT_TRUE((*store)->Remove(*first).ok());
  EXPECT_FALSE((*store)->Contains(*first));
  EXPECT_EQ((*store)->TotalBytes(), 0u);
}

TEST(BlobStoreTest, ALeftoverOfACrashIsRemovedOnOpen) {
  testing::TempDir dir;
  const fs::path shard = dir.path() / "ab";
  fs::create_directories(shard);
  { std::ofstream(shard / ".incoming-0123-1-0") << "half a file"; }
  auto store = BlobStore::Open(dir.path().string());
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE(fs::exists(shard / ".incoming-0123-1-0"));
  EXPECT_EQ((*store)->TotalBytes(), 0u);
}

// Small files of each kind, made here byte by byte.
std::string Pdf() {
  return "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> "
         "endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}
std::string Png() {
  const unsigned char bytes[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                 0,    0,   0,   1,   0,    0,    0,    1,   8, 2, 0, 0,  0,   0x90, 0x77, 0x53, 0xde};
  return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}
std::string Jpeg() {
  const unsigned char bytes[] = {0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};
  return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}

TEST(MediaTypeTest, TheContentDecidesNotTheName) {
  EXPECT_EQ(AllowedDocumentType(Pdf())->mime, "application/pdf");
  EXPECT_EQ(AllowedDocumentType(Pdf())->extension, "pdf");
  EXPECT_EQ(AllowedDocumentType(Png())->mime, "image/png");
  EXPECT_EQ(AllowedDocumentType(Jpeg())->mime, "image/jpeg");
  Result<MediaType> csv = AllowedDocumentType("Batch,Expiry\nB-001,2027-01-31\n");
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  EXPECT_TRUE(csv->mime == "text/csv" || csv->mime == "text/plain") << csv->mime;
  EXPECT_EQ(AllowedDocumentType("GMP certificate no. 123, issued by NMPA.\n")->mime, "text/plain");

  // What could run or render in a browser is refused, whatever it is called.
  Result<MediaType> html = AllowedDocumentType("<!DOCTYPE html><html><script>alert(1)</script></html>", "deck");
  EXPECT_EQ(html.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(html.status().field(), "deck");
  EXPECT_NE(html.status().message().find("text/html"), std::string::npos) << html.status().message();
  const std::string elf = std::string("\x7f" "ELF\x02\x01\x01", 7) + std::string(57, '\0');
  EXPECT_FALSE(AllowedDocumentType(elf).ok());
  EXPECT_FALSE(AllowedDocumentType("").ok());
}

}  // namespace
}  // namespace biobridge::files
