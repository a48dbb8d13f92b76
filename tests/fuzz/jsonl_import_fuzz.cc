// Fuzz target: a JSON Lines file imported into a real store (as
// `biobridge import` does), its records checked, stored and indexed.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "tests/fuzz/fuzz_world.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace biobridge;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  (void)fuzz::World().interchange.ImportJsonLines(service::Principal::System("fuzz"), in, {});
  return 0;
}
