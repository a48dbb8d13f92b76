#include "files/blob_store.h"

#include <fcntl.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <unistd.h>

#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace biobridge::files {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTemporaryPrefix = ".incoming-";

Status WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return UnavailableError(fmt::format("writing a file: {}", std::strerror(errno)));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  // OpenSSL uses the CPU's SHA extensions: a 25 MB file in ~15 ms where
  // portable code takes ten times as long (bench/document_bench.sh).
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  char hex[SHA256_DIGEST_LENGTH * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, SHA256_DIGEST_LENGTH * 2);
}

bool IsSha256Hex(std::string_view hash) {
  if (hash.size() != 64) return false;
  for (char c : hash) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Result<std::unique_ptr<BlobStore>> BlobStore::Open(std::string dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return UnavailableError(fmt::format("cannot make the file store {}: {}", dir, ec.message()));
  // A crash between writing and renaming leaves a temporary: never a blob.
  for (const auto& shard : fs::directory_iterator(dir, ec)) {
    if (!shard.is_directory()) continue;
    for (const auto& entry : fs::directory_iterator(shard.path(), ec)) {
      if (entry.path().filename().string().starts_with(kTemporaryPrefix)) fs::remove(entry.path(), ec);
    }
  }
  return std::unique_ptr<BlobStore>(new BlobStore(std::move(dir)));
}

std::string BlobStore::PathOf(std::string_view hash) const {
  return fmt::format("{}/{}/{}", dir_, hash.substr(0, 2), hash.substr(2));
}

bool BlobStore::Contains(std::string_view hash) const {
  std::error_code ec;
  return IsSha256Hex(hash) && fs::exists(PathOf(hash), ec);
}

Result<std::string> BlobStore::Put(std::string_view bytes) {
  std::string hash = Sha256Hex(bytes);
  if (Contains(hash)) return hash;
  const std::string shard = fmt::format("{}/{}", dir_, hash.substr(0, 2));
  std::error_code ec;
  fs::create_directories(shard, ec);
  if (ec) return UnavailableError(fmt::format("cannot make {}: {}", shard, ec.message()));
  static std::atomic<std::uint64_t> counter{0};
  const std::string temporary =
      fmt::format("{}/{}{}-{}-{}", shard, kTemporaryPrefix, hash.substr(2, 16), ::getpid(), counter++);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return UnavailableError(fmt::format("cannot write {}: {}", temporary, std::strerror(errno)));
  Status written = WriteAll(fd, bytes);
  if (written.ok() && ::fsync(fd) != 0) written = UnavailableError(fmt::format("flushing a file: {}", std::strerror(errno)));
  ::close(fd);
  if (written.ok()) {
    fs::rename(temporary, PathOf(hash), ec);
    if (ec) written = UnavailableError(fmt::format("cannot keep a file: {}", ec.message()));
  }
  if (!written.ok()) {
    fs::remove(temporary, ec);
    return written;
  }
  // The rename is durable once the directory is flushed too.
  if (const int dir = ::open(shard.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return hash;
}

Result<std::string> BlobStore::Read(std::string_view hash) const {
  if (!IsSha256Hex(hash)) return NotFoundError(fmt::format("no file has hash '{}'", hash));
  std::ifstream in(PathOf(hash), std::ios::binary);
  if (!in) return NotFoundError(fmt::format("no file has hash '{}'", hash));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string content = std::move(bytes).str();
  if (Sha256Hex(content) != hash) return InternalError(fmt::format("the file {} is damaged on disk", hash));
  return content;
}

Status BlobStore::Remove(std::string_view hash) {
  if (!IsSha256Hex(hash)) return Status::Ok();
  std::error_code ec;
  fs::remove(PathOf(hash), ec);
  if (ec) return UnavailableError(fmt::format("cannot remove a file: {}", ec.message()));
  return Status::Ok();
}

std::vector<std::string> BlobStore::Hashes() const {
  std::vector<std::string> hashes;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir_, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    std::string hash = entry.path().parent_path().filename().string() + entry.path().filename().string();
    if (IsSha256Hex(hash)) hashes.push_back(std::move(hash));
  }
  std::sort(hashes.begin(), hashes.end());
  return hashes;
}

std::uint64_t BlobStore::TotalBytes() const {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir_, ec)) {
    if (entry.is_regular_file(ec) && !entry.path().filename().string().starts_with(kTemporaryPrefix)) {
      total += entry.file_size(ec);
    }
  }
  return total;
}

}  // namespace biobridge::files
