// Fuzz target: a ROR CSV file imported into a real store (libcsv reading,
// then the mapping of its rows to organisations).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "tests/fuzz/fuzz_world.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace biobridge;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  (void)fuzz::World().interchange.ImportRorCsv(service::Principal::System("fuzz"), in, {});
  return 0;
}
