# Helpers shared by every module's CMakeLists.txt.

# bb_library(NAME SOURCES ... DEPS ...): one module as a static library whose
# public headers are included as "module/header.h" from src/.
function(bb_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# Where tests that talk to the API write down every answer (src/api/exchange_log.h),
# checked against openapi.json once they have all run (tests/openapi/responses.mjs).
set(BB_EXCHANGES_DIR ${CMAKE_BINARY_DIR}/exchanges)
set(BB_RECORDS_EXCHANGES
    ENVIRONMENT_MODIFICATION "BIOBRIDGE_RECORD_EXCHANGES=set:${BB_EXCHANGES_DIR}" FIXTURES_REQUIRED exchanges)

# bb_test(NAME SOURCES ... DEPS ... [RECORDS_EXCHANGES]): a GoogleTest binary whose
# tests CTest runs one by one (so that `ctest -j` spreads them over the cores).
# RECORDS_EXCHANGES: its API answers are checked against the OpenAPI document.
function(bb_test name)
  cmake_parse_arguments(ARG "RECORDS_EXCHANGES" "" "SOURCES;DEPS;LABELS;PROPERTIES" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
  set(properties TIMEOUT 300)
  if(ARG_LABELS)
    list(APPEND properties LABELS "${ARG_LABELS}")
  endif()
  list(APPEND properties ${ARG_PROPERTIES})
  if(ARG_RECORDS_EXCHANGES)
    list(APPEND properties ${BB_RECORDS_EXCHANGES})
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES ${properties})
endfunction()

include(${CMAKE_CURRENT_LIST_DIR}/EmbedFiles.cmake)

# bb_embed(TARGET NAMESPACE ns BASE dir FILES rel/path ...): compiles the files
# into the target's binary and defines
#   std::string_view ns::EmbeddedFile(std::string_view rel_path)
# returning the bytes of one of them (empty when the path is unknown), so that
# the biobridge binary carries its data (taxonomies, migrations, demo data,
# OpenAPI document) and runs from any directory.
function(bb_embed target)
  cmake_parse_arguments(ARG "" "NAMESPACE;BASE" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded.cc")
  bb_write_embedded_source("${out}" "${ARG_NAMESPACE}" EmbeddedFile "${ARG_BASE}" ${ARG_FILES})
  set(deps "")
  foreach(rel IN LISTS ARG_FILES)
    list(APPEND deps "${ARG_BASE}/${rel}")
  endforeach()
  set_source_files_properties("${out}" PROPERTIES OBJECT_DEPENDS "${deps}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
