// BlobStore: files kept by their content, under one directory of the data
// directory: <dir>/<first two hex digits of the SHA-256>/<the other 62>.
//
// Content addressing makes the same file uploaded twice one file on disk,
// and a file's name its checksum: what is read back is checked against it.
// A file is written to a temporary name in the same directory, flushed and
// renamed into place, so a crash leaves either the whole file or none (a
// leftover temporary is removed when the store opens). The database says
// which blobs are in use (documents refer to them by hash); the store does
// not know.
//
// Thread-safe: Put of the same content at once writes it once or twice to
// the same final name, which is the same bytes either way.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace biobridge::files {

// The SHA-256 of `bytes`, 64 lower-case hex digits (libsodium).
std::string Sha256Hex(std::string_view bytes);
// Whether `hash` has the form of one (so that it can be a path safely).
bool IsSha256Hex(std::string_view hash);

class BlobStore {
 public:
  // Creates `dir` when missing. kUnavailable when it cannot be made or written.
  static Result<std::unique_ptr<BlobStore>> Open(std::string dir);

  // Keeps `bytes`; returns their SHA-256. Content already kept is not written again.
  Result<std::string> Put(std::string_view bytes);
  // The bytes kept under `hash`: kNotFound when absent, kInternal when the
  // file no longer has that hash (damaged on disk).
  Result<std::string> Read(std::string_view hash) const;
  bool Contains(std::string_view hash) const;
  // Forgets `hash` (nothing when absent).
  Status Remove(std::string_view hash);
  // The hash of every blob kept, sorted (walks the directory).
  std::vector<std::string> Hashes() const;
  // The bytes kept, over every blob (walks the directory).
  std::uint64_t TotalBytes() const;
  const std::string& dir() const { return dir_; }

 private:
  explicit BlobStore(std::string dir) : dir_(std::move(dir)) {}
  std::string PathOf(std::string_view hash) const;

  std::string dir_;
};

}  // namespace biobridge::files
