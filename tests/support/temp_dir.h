// A directory under the system's temp dir, removed with everything in it when
// the object goes out of scope. One per test keeps tests independent.
#pragma once

#include <filesystem>
#include <string>

namespace biobridge::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // path() / name, as a string.
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace biobridge::testing
